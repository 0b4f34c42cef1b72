package dev.ironworks.core.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Everything Ironworks knows about parts, places and prices, keyed by id. Immutable; {@link
 * #overriddenBy} yields a new catalog with a user's entries added or replacing shipped ones.
 */
public record Catalog(
    SortedMap<String, Accelerator> accelerators,
    SortedMap<String, ServerSpec> servers,
    SortedMap<String, ScaleUpInterconnect> scaleUps,
    SortedMap<String, Fabric> fabrics,
    SortedMap<String, StorageTier> storageTiers,
    SortedMap<String, CoolingType> coolingTypes,
    SortedMap<String, Region> regions,
    SortedMap<String, Assumptions> assumptions,
    SortedMap<String, TransformerModel> models,
    SortedMap<String, Calibration> calibrations,
    SortedMap<String, FailureRates> failureRates) {

  /** Id of the assumptions entry the planner uses. */
  public static final String DEFAULT_ASSUMPTIONS = "default";

  public Catalog {
    accelerators = frozen(accelerators);
    servers = frozen(servers);
    scaleUps = frozen(scaleUps);
    fabrics = frozen(fabrics);
    storageTiers = frozen(storageTiers);
    coolingTypes = frozen(coolingTypes);
    regions = frozen(regions);
    assumptions = frozen(assumptions);
    models = frozen(models);
    calibrations = frozen(calibrations);
    failureRates = frozen(failureRates);
  }

  /** A catalog without models or calibrations (enough for cluster and facility plans). */
  public Catalog(
      SortedMap<String, Accelerator> accelerators,
      SortedMap<String, ServerSpec> servers,
      SortedMap<String, ScaleUpInterconnect> scaleUps,
      SortedMap<String, Fabric> fabrics,
      SortedMap<String, StorageTier> storageTiers,
      SortedMap<String, CoolingType> coolingTypes,
      SortedMap<String, Region> regions,
      SortedMap<String, Assumptions> assumptions) {
    this(
        accelerators,
        servers,
        scaleUps,
        fabrics,
        storageTiers,
        coolingTypes,
        regions,
        assumptions,
        new TreeMap<>(),
        new TreeMap<>(),
        new TreeMap<>());
  }

  private static <V> SortedMap<String, V> frozen(Map<String, V> map) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(map));
  }

  /** A catalog of {@code entries}, each kind keyed by id; a later entry replaces an earlier one. */
  public static Catalog of(Collection<? extends CatalogEntry> entries) {
    return new Catalog(
        section(entries, Accelerator.class),
        section(entries, ServerSpec.class),
        section(entries, ScaleUpInterconnect.class),
        section(entries, Fabric.class),
        section(entries, StorageTier.class),
        section(entries, CoolingType.class),
        section(entries, Region.class),
        section(entries, Assumptions.class),
        section(entries, TransformerModel.class),
        section(entries, Calibration.class),
        section(entries, FailureRates.class));
  }

  /** The entries of one record type, by id. */
  private static <E extends CatalogEntry> SortedMap<String, E> section(
      Collection<? extends CatalogEntry> entries, Class<E> type) {
    SortedMap<String, E> map = new TreeMap<>();
    for (CatalogEntry entry : entries) {
      if (entry.getClass() == type) {
        map.put(entry.id(), type.cast(entry));
      }
    }
    return map;
  }

  /** Builds maps keyed by each entry's id. */
  public static <V> SortedMap<String, V> byId(Iterable<V> entries, Function<V, String> id) {
    SortedMap<String, V> map = new TreeMap<>();
    for (V entry : entries) {
      map.put(id.apply(entry), entry);
    }
    return map;
  }

  /** A new catalog: this one with every entry of {@code other} added or replacing by id. */
  public Catalog overriddenBy(Catalog other) {
    List<CatalogEntry> entries = new ArrayList<>(entries());
    entries.addAll(other.entries());
    return of(entries);
  }

  /** A new catalog: this one with {@code entries} added or replacing calibrations by id. */
  public Catalog withCalibrations(Collection<Calibration> entries) {
    return overriddenBy(of(entries));
  }

  /** Every entry, kind by kind in declaration order, each kind by id. */
  public List<CatalogEntry> entries() {
    List<CatalogEntry> all = new ArrayList<>();
    for (CatalogKind kind : CatalogKind.values()) {
      all.addAll(entries(kind).values());
    }
    return all;
  }

  public Accelerator accelerator(String id) {
    return get(accelerators, id, "accelerator");
  }

  public ServerSpec server(String id) {
    return get(servers, id, "server");
  }

  public ScaleUpInterconnect scaleUp(String id) {
    return get(scaleUps, id, "scale-up interconnect");
  }

  public Fabric fabric(String id) {
    return get(fabrics, id, "fabric");
  }

  public StorageTier storageTier(String id) {
    return get(storageTiers, id, "storage tier");
  }

  public CoolingType cooling(String id) {
    return get(coolingTypes, id, "cooling type");
  }

  public Region region(String id) {
    return get(regions, id, "region");
  }

  public TransformerModel model(String id) {
    return get(models, id, "model");
  }

  /**
   * The accelerator's calibration: the entry of its id, else the family entry that applies to it,
   * else the {@code default} entry.
   */
  public Calibration calibration(String acceleratorId) {
    Calibration own = calibrations.get(acceleratorId);
    if (own != null) {
      return own;
    }
    for (Calibration c : calibrations.values()) {
      if (c.appliesTo().contains(acceleratorId)) {
        return c;
      }
    }
    return get(calibrations, Calibration.DEFAULT, "calibration");
  }

  public FailureRates failureRates(String id) {
    return get(failureRates, id, "failure-rate set");
  }

  public Assumptions defaultAssumptions() {
    return get(assumptions, DEFAULT_ASSUMPTIONS, "assumptions");
  }

  /** Every catalog kind's entries, by kind name as used in catalog files. */
  public Map<CatalogKind, SortedMap<String, ? extends CatalogEntry>> entriesByKind() {
    Map<CatalogKind, SortedMap<String, ? extends CatalogEntry>> map = new LinkedHashMap<>();
    for (CatalogKind kind : CatalogKind.values()) {
      map.put(kind, entries(kind));
    }
    return map;
  }

  /** The entries of one kind, sorted by id. */
  public SortedMap<String, ? extends CatalogEntry> entries(CatalogKind kind) {
    return switch (kind) {
      case ACCELERATORS -> accelerators;
      case SERVERS -> servers;
      case SCALE_UP -> scaleUps;
      case FABRICS -> fabrics;
      case STORAGE -> storageTiers;
      case COOLING -> coolingTypes;
      case REGIONS -> regions;
      case ASSUMPTIONS -> assumptions;
      case MODELS -> models;
      case CALIBRATION -> calibrations;
      case FAILURE_RATES -> failureRates;
    };
  }

  /** Finds an entry of any kind by id; the first kind in declaration order wins. */
  public Optional<CatalogEntry> find(String id) {
    for (CatalogKind kind : CatalogKind.values()) {
      CatalogEntry entry = entries(kind).get(id);
      if (entry != null) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  private static <V> V get(Map<String, V> map, String id, String what) {
    V value = map.get(id);
    if (value == null) {
      throw new NoSuchElementException("no " + what + " '" + id + "' in the catalog");
    }
    return value;
  }
}
