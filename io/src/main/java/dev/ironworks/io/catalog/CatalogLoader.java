package dev.ironworks.io.catalog;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.AcceleratorKind;
import dev.ironworks.core.catalog.Assumptions;
import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.CatalogKind;
import dev.ironworks.core.catalog.CoolingType;
import dev.ironworks.core.catalog.Fabric;
import dev.ironworks.core.catalog.FabricKind;
import dev.ironworks.core.catalog.FailureRates;
import dev.ironworks.core.catalog.Lifetimes;
import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.catalog.Region;
import dev.ironworks.core.catalog.ScaleUpInterconnect;
import dev.ironworks.core.catalog.ScaleUpTopology;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.catalog.ServingEfficiency;
import dev.ironworks.core.catalog.StorageTier;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.catalog.VolumeDiscount;
import dev.ironworks.core.units.Units;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problems;
import dev.ironworks.io.yaml.Suggest;
import dev.ironworks.io.yaml.YamlMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.Mark;

/**
 * Reads catalog files: the shipped ones and a user's overrides. Each file maps a kind ({@code
 * accelerators}, {@code servers} …) to a list of entries; see docs/reference/catalog.md.
 */
public final class CatalogLoader {
  /** Shipped catalog files, as resources beside this class's package. */
  public static final List<String> BUILTIN_FILES =
      List.of(
          "accelerators.yaml",
          "servers.yaml",
          "scale-up.yaml",
          "fabrics.yaml",
          "storage.yaml",
          "cooling.yaml",
          "regions.yaml",
          "assumptions.yaml",
          "models.yaml",
          "calibration.yaml",
          "failure-rates.yaml");

  private static final String RESOURCE_DIR = "/dev/ironworks/catalog/";
  private static volatile Catalog builtin;

  private CatalogLoader() {}

  /** The shipped catalog, read once. */
  public static Catalog builtin() {
    Catalog local = builtin;
    if (local == null) {
      synchronized (CatalogLoader.class) {
        local = builtin;
        if (local == null) {
          local = readBuiltin();
          builtin = local;
        }
      }
    }
    return local;
  }

  private static Catalog readBuiltin() {
    Parsed all = new Parsed();
    List<dev.ironworks.io.yaml.Problem> problems = new ArrayList<>();
    for (String file : BUILTIN_FILES) {
      String text = resource(RESOURCE_DIR + file);
      Problems fileProblems = new Problems("catalog/" + file);
      Parsed parsed = parse(text, fileProblems);
      all.addAll(parsed, fileProblems);
      problems.addAll(fileProblems.list());
    }
    Catalog catalog = all.toCatalog();
    Problems cross = new Problems("catalog");
    crossCheck(catalog, all, cross);
    problems.addAll(cross.list());
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
    return catalog;
  }

  /** The shipped catalog with a user's file laid over it. */
  public static Catalog withOverrides(Catalog base, Path file) {
    return withOverrides(base, file.toString(), read(file));
  }

  /**
   * The shipped catalog with a user's catalog text laid over it; {@code fileName} labels problems
   * (a Spark executor gets the text from the driver, not from its own disk).
   */
  public static Catalog withOverrides(Catalog base, String fileName, String text) {
    Problems problems = new Problems(fileName);
    Parsed parsed = parse(text, problems);
    problems.throwIfAny();
    Catalog merged = base.overriddenBy(parsed.toCatalog());
    crossCheck(merged, parsed, problems);
    problems.throwIfAny();
    return merged;
  }

  /** Reads a file as UTF-8, turning a missing or unreadable file into a problem. */
  /** Largest input file read: scenarios and catalogs are small; a huge file is a mistake. */
  public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

  public static String read(Path file) {
    try {
      if (Files.isDirectory(file)) {
        throw new InputException(
            List.of(
                new dev.ironworks.io.yaml.Problem(
                    file.toString(), 0, 0, "", "is a directory, not a YAML file")));
      }
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new InputException(
            List.of(
                new dev.ironworks.io.yaml.Problem(
                    file.toString(),
                    0,
                    0,
                    "",
                    "is "
                        + size / 1024
                        + " KiB; scenario and catalog files are at most "
                        + MAX_FILE_BYTES / 1024 / 1024
                        + " MiB")));
      }
      return dev.ironworks.io.yaml.Utf8.decode(Files.readAllBytes(file), file.toString());
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InputException(
          List.of(new dev.ironworks.io.yaml.Problem(file.toString(), 0, 0, "", "no such file")));
    } catch (IOException | UncheckedIOException e) {
      throw new InputException(
          List.of(
              new dev.ironworks.io.yaml.Problem(
                  file.toString(), 0, 0, "", "cannot be read: " + e.getMessage())));
    }
  }

  private static String resource(String name) {
    try (InputStream in = CatalogLoader.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing catalog resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Entries read from one or more files, with where each was read. */
  static final class Parsed {
    final Map<CatalogKind, List<Object>> entries = new LinkedHashMap<>();
    final Map<CatalogKind, Map<String, Mark>> marks = new LinkedHashMap<>();
    final Map<CatalogKind, Map<String, Problems>> files = new LinkedHashMap<>();

    Parsed() {
      for (CatalogKind kind : CatalogKind.values()) {
        entries.put(kind, new ArrayList<>());
        marks.put(kind, new TreeMap<>());
        files.put(kind, new TreeMap<>());
      }
    }

    void add(CatalogKind kind, String id, Object entry, Mark mark, Problems problems) {
      if (marks.get(kind).containsKey(id)) {
        problems.add(mark, kind.key() + "." + id, "duplicate id");
        return;
      }
      entries.get(kind).add(entry);
      marks.get(kind).put(id, mark);
      files.get(kind).put(id, problems);
    }

    void addAll(Parsed other, Problems problems) {
      for (CatalogKind kind : CatalogKind.values()) {
        List<Object> list = other.entries.get(kind);
        for (Object entry : list) {
          String id = idOf(entry);
          add(kind, id, entry, other.marks.get(kind).get(id), problems);
        }
      }
    }

    @SuppressWarnings("unchecked")
    <T> List<T> of(CatalogKind kind) {
      return (List<T>) entries.get(kind);
    }

    Catalog toCatalog() {
      return new Catalog(
          Catalog.byId(this.<Accelerator>of(CatalogKind.ACCELERATORS), Accelerator::id),
          Catalog.byId(this.<ServerSpec>of(CatalogKind.SERVERS), ServerSpec::id),
          Catalog.byId(this.<ScaleUpInterconnect>of(CatalogKind.SCALE_UP), ScaleUpInterconnect::id),
          Catalog.byId(this.<Fabric>of(CatalogKind.FABRICS), Fabric::id),
          Catalog.byId(this.<StorageTier>of(CatalogKind.STORAGE), StorageTier::id),
          Catalog.byId(this.<CoolingType>of(CatalogKind.COOLING), CoolingType::id),
          Catalog.byId(this.<Region>of(CatalogKind.REGIONS), Region::id),
          Catalog.byId(this.<Assumptions>of(CatalogKind.ASSUMPTIONS), Assumptions::id),
          Catalog.byId(this.<TransformerModel>of(CatalogKind.MODELS), TransformerModel::id),
          Catalog.byId(this.<Calibration>of(CatalogKind.CALIBRATION), Calibration::id),
          Catalog.byId(this.<FailureRates>of(CatalogKind.FAILURE_RATES), FailureRates::id));
    }
  }

  static String idOf(Object entry) {
    if (entry instanceof Accelerator e) {
      return e.id();
    } else if (entry instanceof ServerSpec e) {
      return e.id();
    } else if (entry instanceof ScaleUpInterconnect e) {
      return e.id();
    } else if (entry instanceof Fabric e) {
      return e.id();
    } else if (entry instanceof StorageTier e) {
      return e.id();
    } else if (entry instanceof CoolingType e) {
      return e.id();
    } else if (entry instanceof Region e) {
      return e.id();
    } else if (entry instanceof Assumptions e) {
      return e.id();
    } else if (entry instanceof TransformerModel e) {
      return e.id();
    } else if (entry instanceof Calibration e) {
      return e.id();
    } else if (entry instanceof FailureRates e) {
      return e.id();
    }
    throw new IllegalArgumentException("not a catalog entry: " + entry);
  }

  /** Parses one catalog file's text; problems go to {@code problems}. */
  static Parsed parse(String text, Problems problems) {
    Parsed parsed = new Parsed();
    Optional<YamlMap> root = YamlMap.parse(text, problems).flatMap(n -> YamlMap.root(n, problems));
    if (root.isEmpty()) {
      return parsed;
    }
    for (CatalogKind kind : CatalogKind.values()) {
      for (YamlMap entry : root.get().maps(kind.key())) {
        Optional<Object> value = entry(kind, entry);
        value.ifPresent(v -> parsed.add(kind, idOf(v), v, entry.mark(), problems));
      }
    }
    root.get().finish();
    return parsed;
  }

  private static Optional<Object> entry(CatalogKind kind, YamlMap m) {
    int before = m.problems().list().size();
    Object value;
    try {
      value =
          switch (kind) {
            case ACCELERATORS -> accelerator(m);
            case SERVERS -> server(m);
            case SCALE_UP -> scaleUp(m);
            case FABRICS -> fabric(m);
            case STORAGE -> storage(m);
            case COOLING -> cooling(m);
            case REGIONS -> region(m);
            case ASSUMPTIONS -> assumptions(m);
            case MODELS -> catalogModel(m);
            case CALIBRATION -> calibration(m);
            case FAILURE_RATES -> {
              m.requiredText("id");
              yield failureRates(m, provenance(m));
            }
          };
    } catch (IllegalArgumentException e) {
      if (m.problems().list().size() == before) {
        m.problems().add(m.mark(), m.path(), e.getMessage());
      }
      m.finish();
      return Optional.empty();
    }
    m.finish();
    if (m.problems().list().size() > before) {
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** Reads name, source, asOf and notes; a missing one is reported and stands as "missing". */
  private static final java.util.regex.Pattern KEBAB =
      java.util.regex.Pattern.compile("[a-z0-9]+([-.][a-z0-9]+)*");

  private static final java.util.regex.Pattern DATE =
      java.util.regex.Pattern.compile("\\d{4}-\\d{2}(-\\d{2})?");

  private static Provenance provenance(YamlMap m) {
    m.requiredText("name");
    m.text("id")
        .ifPresent(
            id -> {
              if (!KEBAB.matcher(id).matches()) {
                m.problems()
                    .add(
                        m.value("id").orElse(m.node()),
                        m.field("id"),
                        "'" + id + "' must be lower-case kebab-case, like 'my-gpu-80gb'");
              }
            });
    String source = m.requiredText("source");
    String asOf = m.requiredText("asOf");
    if (!asOf.isEmpty() && !DATE.matcher(asOf).matches()) {
      m.problems()
          .add(
              m.value("asOf").orElse(m.node()),
              m.field("asOf"),
              "must be a date 'YYYY-MM' or 'YYYY-MM-DD', got '" + asOf + "'");
    }
    return new Provenance(
        source.isEmpty() ? "missing" : source,
        asOf.isEmpty() ? "missing" : asOf,
        m.text("notes").orElse(""));
  }

  private static <E extends Enum<E>> Map<String, E> words(E[] values, Function<E, String> id) {
    return Arrays.stream(values)
        .collect(Collectors.toMap(id, v -> v, (a, b) -> a, LinkedHashMap::new));
  }

  private static OptionalDouble tera(OptionalDouble teraflops) {
    return teraflops.isPresent()
        ? OptionalDouble.of(Units.teraflopsToFlopPerSecond(teraflops.getAsDouble()))
        : OptionalDouble.empty();
  }

  private static Accelerator accelerator(YamlMap m) {
    Provenance provenance = provenance(m);
    AcceleratorKind kind =
        m.choice("kind", words(AcceleratorKind.values(), AcceleratorKind::id)).orElse(null);
    if (kind == null && !m.has("kind")) {
      m.problems().add(m.node(), m.field("kind"), "required");
    }
    boolean cloudOnly = m.bool("cloudOnly").orElse(false);
    OptionalDouble price = m.positive("listPriceUsd");
    if (cloudOnly && price.isPresent()) {
      m.problems()
          .add(m.node(), m.field("listPriceUsd"), "a cloudOnly accelerator has no list price");
    }
    if (!cloudOnly && price.isEmpty() && !m.has("listPriceUsd")) {
      m.problems().add(m.node(), m.field("listPriceUsd"), "required unless cloudOnly: true");
    }
    return new Accelerator(
        m.requiredText("id"),
        m.requiredText("name"),
        m.requiredText("vendor"),
        kind,
        m.requiredInteger("releaseYear", 2000, 2100),
        tera(m.positive("denseFp32Tflops")),
        tera(m.positive("denseFp16Tflops")),
        tera(m.positive("denseBf16Tflops")),
        tera(m.positive("denseFp8Tflops")),
        tera(m.positive("denseFp4Tflops")),
        tera(m.positive("denseInt8Tops")),
        Units.gibibytesToBytes(m.requiredPositive("memoryGib")),
        m.requiredText("memoryType"),
        Units.gigabytesPerSecondToBytesPerSecond(m.requiredPositive("memoryBandwidthGbPerSecond")),
        m.requiredText("scaleUp"),
        Units.gigabytesPerSecondToBytesPerSecond(
            m.requiredNonNegative("scaleUpBandwidthGbPerSecond")),
        m.requiredPositive("tdpWatts"),
        price,
        m.positive("cloudUsdPerHour"),
        m.requiredNonNegative("embodiedKgCo2e"),
        m.requiredText("defaultServer"),
        m.requiredText("availability"),
        m.positive("attentionSpeedup").orElse(1),
        provenance);
  }

  private static ServerSpec server(YamlMap m) {
    Provenance provenance = provenance(m);
    return new ServerSpec(
        m.requiredText("id"),
        m.requiredText("name"),
        m.requiredText("accelerator"),
        m.requiredInteger("acceleratorsPerServer", 1, 100_000),
        m.requiredNonNegative("hostPowerWatts"),
        m.positive("maxPowerWatts"),
        m.requiredNonNegative("priceUsdExcludingAccelerators"),
        m.requiredInteger("rackUnits", 1, 52),
        m.requiredInteger("scaleUpDomainSize", 1, 1_000_000),
        m.requiredInteger("scaleOutPorts", 0, 1_000),
        m.requiredNonNegative("scaleOutPortGbps"),
        m.bool("requiresLiquidCooling").orElse(false),
        m.requiredNonNegative("embodiedKgCo2e"),
        provenance);
  }

  private static ScaleUpInterconnect scaleUp(YamlMap m) {
    Provenance provenance = provenance(m);
    ScaleUpTopology topology =
        m.choice("topology", words(ScaleUpTopology.values(), ScaleUpTopology::id)).orElse(null);
    if (topology == null && !m.has("topology")) {
      m.problems().add(m.node(), m.field("topology"), "required");
    }
    return new ScaleUpInterconnect(
        m.requiredText("id"),
        m.requiredText("name"),
        Units.gigabytesPerSecondToBytesPerSecond(
            m.requiredNonNegative("bandwidthGbPerSecondPerAccelerator")),
        m.requiredInteger("maxDomainSize", 1, 1_000_000),
        topology,
        provenance);
  }

  private static Fabric fabric(YamlMap m) {
    Provenance provenance = provenance(m);
    FabricKind kind = m.choice("kind", words(FabricKind.values(), FabricKind::id)).orElse(null);
    if (kind == null && !m.has("kind")) {
      m.problems().add(m.node(), m.field("kind"), "required");
    }
    YamlMap sw = part(m, "switch");
    YamlMap nic = part(m, "nic");
    YamlMap optic = part(m, "transceiver");
    YamlMap cable = part(m, "cable");
    Fabric fabric =
        new Fabric(
            m.requiredText("id"),
            m.requiredText("name"),
            kind,
            m.requiredPositive("portGbps"),
            sw.requiredText("model"),
            sw.requiredInteger("radix", 4, 10_000),
            sw.requiredNonNegative("powerWatts"),
            sw.requiredNonNegative("priceUsd"),
            sw.requiredInteger("rackUnits", 1, 100),
            sw.requiredNonNegative("embodiedKgCo2e"),
            nic.requiredText("model"),
            nic.requiredNonNegative("powerWatts"),
            nic.requiredNonNegative("priceUsd"),
            optic.requiredText("model"),
            optic.requiredNonNegative("powerWatts"),
            optic.requiredNonNegative("priceUsd"),
            cable.requiredNonNegative("priceUsd"),
            m.requiredNonNegative("switchLatencyNs"),
            provenance);
    for (YamlMap part : List.of(sw, nic, optic, cable)) {
      part.finish();
    }
    return fabric;
  }

  private static YamlMap part(YamlMap m, String key) {
    Optional<YamlMap> part = m.map(key);
    if (part.isEmpty()) {
      if (!m.has(key)) {
        m.problems().add(m.node(), m.field(key), "required");
      }
      throw new IllegalArgumentException(key + " is required");
    }
    return part.get();
  }

  private static StorageTier storage(YamlMap m) {
    Provenance provenance = provenance(m);
    return new StorageTier(
        m.requiredText("id"),
        m.requiredText("name"),
        m.requiredPositive("usdPerTb"),
        m.requiredPositive("readGbPerSecondPerPb"),
        m.requiredPositive("writeGbPerSecondPerPb"),
        m.requiredNonNegative("wattsPerPb"),
        m.requiredPositive("petabytesPerRack"),
        m.requiredNonNegative("embodiedKgCo2ePerPb"),
        provenance);
  }

  private static CoolingType cooling(YamlMap m) {
    Provenance provenance = provenance(m);
    return new CoolingType(
        m.requiredText("id"),
        m.requiredText("name"),
        m.requiredPositive("pueMin"),
        m.requiredPositive("pueMax"),
        m.requiredPositive("pueDefault"),
        Units.kilowattsToWatts(m.requiredPositive("maxKwPerRack")),
        m.bool("liquid").orElse(false),
        m.requiredPositive("whiteSpaceM2PerRack"),
        provenance);
  }

  private static Region region(YamlMap m) {
    Provenance provenance = provenance(m);
    return new Region(
        m.requiredText("id"),
        m.requiredText("name"),
        m.requiredNonNegative("electricityUsdPerKwh"),
        m.requiredNonNegative("gridKgCo2ePerKwh"),
        m.requiredNonNegative("wueLitersPerKwh"),
        m.requiredPositive("constructionUsdPerMw"),
        m.requiredPositive("colocationUsdPerKwMonth"),
        provenance);
  }

  private static Assumptions assumptions(YamlMap m) {
    Provenance provenance = provenance(m);
    YamlMap life = part(m, "lifetimesYears");
    Lifetimes lifetimes =
        new Lifetimes(
            life.requiredPositive("accelerators"),
            life.requiredPositive("servers"),
            life.requiredPositive("network"),
            life.requiredPositive("storage"),
            life.requiredPositive("facility"));
    life.finish();
    YamlMap staff = part(m, "staff");
    YamlMap wan = part(m, "wan");
    YamlMap power = part(m, "power");
    YamlMap rack = part(m, "rack");
    List<VolumeDiscount> discounts = new ArrayList<>();
    for (YamlMap tier : m.maps("volumeDiscounts")) {
      discounts.add(
          new VolumeDiscount(
              tier.requiredInteger("minUnits", 1, Integer.MAX_VALUE),
              tier.number("fraction", 0, false, 1, "share off list").orElse(0)));
      tier.finish();
    }
    Assumptions assumptions =
        new Assumptions(
            m.requiredText("id"),
            lifetimes,
            m.number("maintenanceFractionOfHardwarePerYear", 0, false, 1, "").orElse(Double.NaN),
            staff.requiredNonNegative("fixedFte"),
            staff.requiredNonNegative("ftePerMwIt"),
            staff.requiredNonNegative("usdPerFtePerYear"),
            wan.requiredNonNegative("gbpsPerThousandAccelerators"),
            wan.requiredNonNegative("usdPerGbpsMonth"),
            m.number("otherOpexFractionOfCapexPerYear", 0, false, 1, "").orElse(Double.NaN),
            discounts,
            power.number("idleFractionOfPeak", 0, false, 1, "").orElse(Double.NaN),
            power.number("loadFractionOfPeak", 0, false, 1, "").orElse(Double.NaN),
            rack.requiredInteger("unitsPerRack", 1, 100),
            rack.requiredInteger("reservedUnitsPerRack", 0, 100),
            provenance);
    for (YamlMap part : List.of(staff, wan, power, rack)) {
      part.finish();
    }
    return assumptions;
  }

  /** A models catalog entry: id, name, source and asOf are required. */
  private static TransformerModel catalogModel(YamlMap m) {
    String id = m.requiredText("id");
    if (!m.has("source")) {
      m.problems().add(m.node(), m.field("source"), "required");
    }
    return model(m, id);
  }

  /**
   * Reads a model architecture: a catalog entry, or an inline {@code model:} mapping in a scenario
   * (where {@code id}, {@code name}, {@code source} and {@code asOf} may be left out).
   */
  public static TransformerModel model(YamlMap m, String id) {
    boolean inline = !m.has("source");
    Provenance provenance =
        inline
            ? new Provenance(
                "inline in the scenario",
                m.text("asOf").orElse("scenario"),
                m.text("notes").orElse(""))
            : provenance(m);
    if (inline) {
      m.text("name");
      m.allow("id");
    }
    int layers = m.requiredInteger("layers", 1, 100_000);
    int hidden = m.requiredInteger("hiddenSize", 1, 10_000_000);
    int heads = m.requiredInteger("attentionHeads", 1, 100_000);
    int kvHeads = m.integer("kvHeads", 1, 100_000).orElse(heads);
    int headDim = m.integer("headDim", 1, 100_000).orElse(heads > 0 ? hidden / heads : 1);
    int ffn = m.integer("ffnHiddenSize", 1, 100_000_000).orElse(4 * hidden);
    int experts = m.integer("experts", 1, 100_000).orElse(1);
    TransformerModel model =
        new TransformerModel(
            m.text("id").orElse(id),
            m.text("name").orElse(id),
            m.requiredPositive("parameters"),
            m.positive("activeParameters"),
            layers,
            hidden,
            heads,
            kvHeads,
            headDim,
            ffn,
            m.bool("ffnGated").orElse(false),
            m.requiredInteger("sequenceLength", 1, 100_000_000),
            m.requiredInteger("vocabularySize", 1, 100_000_000),
            m.bool("tiedEmbeddings").orElse(false),
            experts,
            m.integer("activeExperts", 1, 100_000).orElse(1),
            m.integer("sharedExperts", 0, 100_000).orElse(0),
            m.integer("expertFfnHiddenSize", 1, 100_000_000).orElse(ffn),
            m.integer("denseLayers", 0, 100_000).orElse(0),
            m.integer("moeLayerInterval", 1, 100_000).orElse(1),
            m.positive("attentionProjectionParameters"),
            m.integer("queryKeyHeadDim", 1, 100_000).orElse(headDim),
            m.integer("slidingWindowTokens", 1, 100_000_000).orElse(0),
            m.integer("slidingWindowLayers", 0, 100_000).orElse(0),
            m.positive("trainingTokens"),
            provenance,
            m.integer("kvLatentDim", 1, 1_000_000).orElse(0),
            m.integer("kvRopeDim", 0, 1_000_000).orElse(0));
    return model;
  }

  /**
   * Reads a failure-rate set: a catalog entry, or an inline {@code reliability.failureRates}
   * mapping (with {@code distribution: exponential | {weibull: {shape: k}}}).
   */
  public static FailureRates failureRates(YamlMap m, Provenance provenance) {
    double shape = m.positive("weibullShape").orElse(1);
    java.util.Optional<org.yaml.snakeyaml.nodes.Node> distribution = m.value("distribution");
    if (distribution.isPresent()) {
      if (distribution.get() instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
        if (m.choice("distribution", java.util.Map.of("exponential", 1.0)).isPresent()) {
          shape = 1;
        }
      } else {
        java.util.Optional<YamlMap> d = m.map("distribution");
        java.util.Optional<YamlMap> weibull = d.flatMap(x -> x.map("weibull"));
        if (weibull.isPresent()) {
          shape = weibull.get().number("shape", 0, true, 20, "Weibull shape").orElse(1);
          weibull.get().finish();
        } else if (d.isPresent() && !d.get().has("weibull")) {
          m.problems()
              .add(
                  d.get().node(), d.get().path(), "must be 'exponential' or {weibull: {shape: k}}");
        }
        d.ifPresent(YamlMap::finish);
      }
    }
    return new FailureRates(
        m.text("id").orElse("scenario"),
        mtbf(m, "acceleratorMtbfYears"),
        mtbf(m, "hostMtbfYears"),
        mtbf(m, "nicMtbfYears"),
        mtbf(m, "switchMtbfYears"),
        mtbf(m, "softwareMtbfYears"),
        m.number("linkFlapsPerDay", 0, false, 10_000, "job-killing flaps a day").orElse(0),
        shape,
        provenance);
  }

  private static OptionalDouble mtbf(YamlMap m, String key) {
    // From about 30 seconds to a million years per component.
    return m.number(key, 1e-6, false, 1e6, "years between failures of one component");
  }

  private static Calibration calibration(YamlMap m) {
    Provenance provenance = provenance(m);
    double matmul = m.number("matmul", 0, true, 1, "fraction of dense peak").orElse(Double.NaN);
    double attention =
        m.number("attention", 0, true, 1, "fraction of dense peak").orElse(Double.NaN);
    List<String> fitted = m.texts("fitted");
    for (String field : fitted) {
      if (!Calibration.FITTABLE.contains(field)) {
        m.problems()
            .add(
                m.node(),
                m.field("fitted"),
                "'"
                    + field
                    + "' is not a fittable field; allowed: "
                    + String.join(", ", Calibration.FITTABLE)
                    + Suggest.didYouMean(field, Calibration.FITTABLE));
      }
    }
    return new Calibration(
        m.requiredText("id"),
        m.texts("appliesTo"),
        matmul,
        share(m, "matmulCeiling", "fraction of the dense BF16 peak").orElse(1),
        share(m, "fp8Matmul", "fraction of the dense FP8 peak").orElse(matmul),
        share(m, "mxfp8Matmul", "fraction of the dense FP8 peak").orElse(matmul),
        share(m, "nvfp4Matmul", "fraction of the dense FP4 peak").orElse(matmul),
        m.requiredNonNegative("matmulHalfDimension"),
        attention,
        share(m, "attentionPortable", "fraction of dense peak").orElse(attention),
        m.number("memory", 0, true, 1, "fraction of memory bandwidth").orElse(Double.NaN),
        m.number("collective", 0, true, 1, "fraction of link bandwidth").orElse(Double.NaN),
        m.requiredNonNegative("collectiveLatencyMicroseconds") * 1e-6,
        Units.gibibytesToBytes(m.requiredNonNegative("reservedMemoryGib")),
        m.number("memoryHeadroom", 0, false, 0.5, "fraction of memory").orElse(0),
        m.nonNegative("kernelFixedMicroseconds")
                .orElse(Calibration.DEFAULT_KERNEL_FIXED_SECONDS * 1e6)
            * 1e-6,
        m.number("layerHostMicroseconds", 0, false, 1e6, "µs").orElse(0) * 1e-6,
        m.number("moeHostMicroseconds", 0, false, 1e6, "µs").orElse(0) * 1e-6,
        m.number("expertHostMicroseconds", 0, false, 1e6, "µs").orElse(0) * 1e-6,
        m.number("overlapSlowdown", 0, false, 1, "fraction").orElse(0),
        m.number("bestPublishedMfu", 0, false, 0.99, "fraction").orElse(0),
        fitted,
        provenance,
        new ServingEfficiency(
            share(m, "decodeBandwidth", "fraction of memory bandwidth"),
            share(m, "prefillCompute", "fraction of the dense 8- or 16-bit peak"),
            share(m, "prefillComputeFp4", "fraction of the dense FP4 peak"),
            m.bool("everyExpert").orElse(false)));
  }

  private static OptionalDouble share(YamlMap m, String key, String meaning) {
    return m.number(key, 0, true, 1, meaning);
  }

  /** Checks references between entries: servers, scale-up ids, and the default assumptions. */
  static void crossCheck(Catalog catalog, Parsed where, Problems fallback) {
    for (Accelerator a : catalog.accelerators().values()) {
      Problems p = where.files.get(CatalogKind.ACCELERATORS).getOrDefault(a.id(), fallback);
      Mark mark = where.marks.get(CatalogKind.ACCELERATORS).get(a.id());
      if (mark == null) {
        continue;
      }
      if (!catalog.servers().containsKey(a.defaultServerId())) {
        p.add(
            mark,
            "accelerators." + a.id() + ".defaultServer",
            "unknown server '"
                + a.defaultServerId()
                + "'"
                + Suggest.didYouMean(a.defaultServerId(), catalog.servers().keySet()));
      } else if (!catalog.server(a.defaultServerId()).acceleratorId().equals(a.id())) {
        p.add(
            mark,
            "accelerators." + a.id() + ".defaultServer",
            "server '"
                + a.defaultServerId()
                + "' holds '"
                + catalog.server(a.defaultServerId()).acceleratorId()
                + "'");
      }
      if (!catalog.scaleUps().containsKey(a.scaleUpId())) {
        p.add(
            mark,
            "accelerators." + a.id() + ".scaleUp",
            "unknown scale-up interconnect '"
                + a.scaleUpId()
                + "'"
                + Suggest.didYouMean(a.scaleUpId(), catalog.scaleUps().keySet()));
      }
    }
    for (ServerSpec s : catalog.servers().values()) {
      Problems p = where.files.get(CatalogKind.SERVERS).getOrDefault(s.id(), fallback);
      Mark mark = where.marks.get(CatalogKind.SERVERS).get(s.id());
      if (mark != null && !catalog.accelerators().containsKey(s.acceleratorId())) {
        p.add(
            mark,
            "servers." + s.id() + ".accelerator",
            "unknown accelerator '"
                + s.acceleratorId()
                + "'"
                + Suggest.didYouMean(s.acceleratorId(), catalog.accelerators().keySet()));
      }
    }
    Map<String, String> familyOf = new TreeMap<>();
    for (Calibration c : catalog.calibrations().values()) {
      Problems p = where.files.get(CatalogKind.CALIBRATION).getOrDefault(c.id(), fallback);
      Mark mark = where.marks.get(CatalogKind.CALIBRATION).get(c.id());
      if (mark == null) {
        continue;
      }
      for (String a : c.appliesTo()) {
        if (!catalog.accelerators().containsKey(a)) {
          p.add(
              mark,
              "calibration." + c.id() + ".appliesTo",
              "unknown accelerator '"
                  + a
                  + "'"
                  + Suggest.didYouMean(a, catalog.accelerators().keySet()));
        }
        String other = familyOf.put(a, c.id());
        if (other != null && !other.equals(c.id())) {
          p.add(
              mark,
              "calibration." + c.id() + ".appliesTo",
              "'" + a + "' is already covered by calibration entry '" + other + "'");
        }
      }
    }
    if (!catalog.failureRates().containsKey(FailureRates.DEFAULT)) {
      fallback.add((Mark) null, "failureRates", "the catalog needs a failureRates entry 'default'");
    }
    if (!catalog.calibrations().containsKey(Calibration.DEFAULT)) {
      fallback.add((Mark) null, "calibration", "the catalog needs a calibration entry 'default'");
    }
    if (!catalog.assumptions().containsKey(Catalog.DEFAULT_ASSUMPTIONS)) {
      fallback.add((Mark) null, "assumptions", "the catalog needs an assumptions entry 'default'");
    }
  }
}
