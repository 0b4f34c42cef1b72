package dev.ironworks.io.render;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.Assumptions;
import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.CatalogEntry;
import dev.ironworks.core.catalog.CoolingType;
import dev.ironworks.core.catalog.Fabric;
import dev.ironworks.core.catalog.FailureRates;
import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.catalog.Region;
import dev.ironworks.core.catalog.ScaleUpInterconnect;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.catalog.StorageTier;
import dev.ironworks.core.catalog.TransformerModel;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Catalog entries as view trees in display units: SI fields are converted back to the units of the
 * catalog files (bytes → GB, FLOP/s → TFLOP/s) and renamed to say so.
 */
public final class CatalogView {
  private CatalogView() {}

  /**
   * One entry, every field, after {@code catalogKind}: the catalog's kind of entry (accelerators,
   * regions…), named apart from an entry's own {@code kind} field (an accelerator's gpu or tpu).
   */
  public static Map<String, Object> entry(CatalogEntry entry) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("catalogKind", entry.catalogKind().key());
    m.putAll(fields(entry));
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> fields(Object record) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      String name = component.getName();
      if (value instanceof Provenance p) {
        m.put("source", p.source());
        m.put("asOf", p.asOf());
        if (!p.notes().isEmpty()) {
          m.put("notes", p.notes());
        }
        continue;
      }
      if (value instanceof OptionalDouble od) {
        value = od.isPresent() ? od.getAsDouble() : null;
      }
      if (value instanceof Optional<?> o) {
        value = o.orElse(null);
      }
      if (value instanceof Enum<?> e) {
        value = e.name().toLowerCase(Locale.ROOT).replace('_', '-');
      }
      if (value instanceof Integer i) {
        value = i.longValue();
      }
      if (value instanceof List<?> list) {
        List<Object> items = new ArrayList<>();
        for (Object item : list) {
          items.add(item != null && item.getClass().isRecord() ? fields(item) : item);
        }
        value = items;
      } else if (value != null && value.getClass().isRecord()) {
        value = fields(value);
      }
      double scale = 1;
      if (name.endsWith("BytesPerSecond") || name.contains("BytesPerSecondPer")) {
        name = name.replace("BytesPerSecond", "GbPerSecond");
        scale = 1e9;
      } else if (name.endsWith("FlopPerSecond")) {
        name = name.replace("FlopPerSecond", "Tflops");
        scale = 1e12;
      } else if (name.endsWith("OpPerSecond")) {
        name = name.replace("OpPerSecond", "Tops");
        scale = 1e12;
      } else if (name.endsWith("Bytes")) {
        name = name.replace("Bytes", "Gib");
        scale = 1073741824.0;
      } else if (name.endsWith("Id") && (value == null || value instanceof String)) {
        name = name.substring(0, name.length() - 2);
      }
      if (value instanceof Double d) {
        value = d / scale;
      }
      m.put(name, value);
    }
    return m;
  }

  /** One line describing an entry, for lists. */
  public static String summary(CatalogEntry entry) {
    return switch (entry.catalogKind()) {
      case ACCELERATORS -> accelerator((Accelerator) entry);
      case SERVERS -> server((ServerSpec) entry);
      case SCALE_UP -> scaleUp((ScaleUpInterconnect) entry);
      case FABRICS -> fabric((Fabric) entry);
      case STORAGE -> storageTier((StorageTier) entry);
      case COOLING -> cooling((CoolingType) entry);
      case REGIONS -> region((Region) entry);
      case ASSUMPTIONS -> assumptions((Assumptions) entry);
      case MODELS -> model((TransformerModel) entry);
      case CALIBRATION -> calibration((Calibration) entry);
      case FAILURE_RATES -> failureRates((FailureRates) entry);
    };
  }

  private static String accelerator(Accelerator a) {
    return String.format(
        Locale.ROOT,
        "%s %s, %s TFLOP/s 16-bit, %s GiB, %s W, %s",
        a.vendor(),
        a.kind().id(),
        Numbers.human(a.dense16BitFlopPerSecond() / 1e12),
        Numbers.human(a.memoryBytes() / 1073741824.0),
        Numbers.human(a.tdpWatts()),
        a.cloudOnly()
            ? "cloud only"
            : String.format(Locale.ROOT, "$%,.0f", a.listPriceUsd().getAsDouble()));
  }

  private static String server(ServerSpec s) {
    return String.format(
        Locale.ROOT,
        "%d × %s, %dU, host %.1f kW",
        s.acceleratorsPerServer(),
        s.acceleratorId(),
        s.rackUnits(),
        s.hostPowerWatts() / 1e3);
  }

  private static String scaleUp(ScaleUpInterconnect u) {
    return String.format(
        Locale.ROOT,
        "%.0f GB/s per accelerator, up to %d, %s",
        u.bandwidthBytesPerSecondPerAccelerator() / 1e9,
        u.maxDomainSize(),
        u.topology().id());
  }

  private static String fabric(Fabric f) {
    return String.format(
        Locale.ROOT,
        "%s %.0f Gb/s, %d-port %s",
        f.kind().id(),
        f.portGbps(),
        f.switchRadix(),
        f.switchModel());
  }

  private static String storageTier(StorageTier t) {
    return String.format(
        Locale.ROOT,
        "$%.0f/TB, write %.1f GB/s per PB",
        t.usdPerTerabyte(),
        t.writeGigabytesPerSecondPerPetabyte());
  }

  private static String cooling(CoolingType c) {
    return String.format(
        Locale.ROOT,
        "PUE %.2f (%.2f–%.2f), up to %.0f kW/rack",
        c.pueDefault(),
        c.pueMin(),
        c.pueMax(),
        c.maxRackPowerWatts() / 1e3);
  }

  private static String region(Region r) {
    return String.format(
        Locale.ROOT,
        "$%.3f/kWh, %.3f kgCO2e/kWh, WUE %.2f L/kWh",
        r.electricityUsdPerKwh(),
        r.gridKgCo2ePerKwh(),
        r.wueLitersPerKwh());
  }

  private static String assumptions(Assumptions a) {
    return String.format(
        Locale.ROOT,
        "lifetimes %.0f/%.0f/%.0f y, maintenance %.0f%%/y",
        a.lifetimes().acceleratorsYears(),
        a.lifetimes().serversYears(),
        a.lifetimes().networkYears(),
        a.maintenanceFractionOfHardwarePerYear() * 100);
  }

  private static String model(TransformerModel m) {
    return String.format(
        Locale.ROOT,
        "%s parameters, %d layers, h %d, %d heads (%d kv), %s%s",
        Numbers.human(m.parameters() / 1e9) + "B",
        m.layers(),
        m.hiddenSize(),
        m.attentionHeads(),
        m.kvHeads(),
        m.ffnGated() ? "gated FFN" : "FFN",
        m.isMoe() ? ", " + m.experts() + " experts top-" + m.activeExperts() : "");
  }

  private static String calibration(Calibration c) {
    return String.format(
        Locale.ROOT,
        "matmul %.2f, attention %.2f, memory %.2f, collective %.2f",
        c.matmul(),
        c.attention(),
        c.memory(),
        c.collective());
  }

  private static String failureRates(FailureRates f) {
    return String.format(
        Locale.ROOT,
        "MTBF years: accelerator %s, host %s, NIC %s, switch %s, software %s",
        years(f.acceleratorMtbfYears()),
        years(f.hostMtbfYears()),
        years(f.nicMtbfYears()),
        years(f.switchMtbfYears()),
        years(f.softwareMtbfYears()));
  }

  private static String years(OptionalDouble value) {
    return value.isPresent() ? Numbers.human(value.getAsDouble()) : "—";
  }

  /** The display name of an entry. */
  public static String name(Object entry) {
    Object name = fields(entry).get("name");
    return name == null ? "" : name.toString();
  }
}
