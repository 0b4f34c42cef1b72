package dev.ironworks.io.render;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.Assumptions;
import dev.ironworks.core.catalog.CatalogKind;
import dev.ironworks.core.catalog.CoolingType;
import dev.ironworks.core.catalog.Fabric;
import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.catalog.Region;
import dev.ironworks.core.catalog.ScaleUpInterconnect;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.catalog.StorageTier;
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
  public static Map<String, Object> entry(CatalogKind kind, Object entry) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("catalogKind", kind.key());
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
      } else if (name.endsWith("Id") && value instanceof String) {
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
  public static String summary(Object entry) {
    if (entry instanceof Accelerator a) {
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
    } else if (entry instanceof ServerSpec s) {
      return String.format(
          Locale.ROOT,
          "%d × %s, %dU, host %.1f kW",
          s.acceleratorsPerServer(),
          s.acceleratorId(),
          s.rackUnits(),
          s.hostPowerWatts() / 1e3);
    } else if (entry instanceof ScaleUpInterconnect u) {
      return String.format(
          Locale.ROOT,
          "%.0f GB/s per accelerator, up to %d, %s",
          u.bandwidthBytesPerSecondPerAccelerator() / 1e9,
          u.maxDomainSize(),
          u.topology().id());
    } else if (entry instanceof Fabric f) {
      return String.format(
          Locale.ROOT,
          "%s %.0f Gb/s, %d-port %s",
          f.kind().id(),
          f.portGbps(),
          f.switchRadix(),
          f.switchModel());
    } else if (entry instanceof StorageTier t) {
      return String.format(
          Locale.ROOT,
          "$%.0f/TB, write %.1f GB/s per PB",
          t.usdPerTerabyte(),
          t.writeGigabytesPerSecondPerPetabyte());
    } else if (entry instanceof CoolingType c) {
      return String.format(
          Locale.ROOT,
          "PUE %.2f (%.2f–%.2f), up to %.0f kW/rack",
          c.pueDefault(),
          c.pueMin(),
          c.pueMax(),
          c.maxRackPowerWatts() / 1e3);
    } else if (entry instanceof Region r) {
      return String.format(
          Locale.ROOT,
          "$%.3f/kWh, %.3f kgCO2e/kWh, WUE %.2f L/kWh",
          r.electricityUsdPerKwh(),
          r.gridKgCo2ePerKwh(),
          r.wueLitersPerKwh());
    } else if (entry instanceof dev.ironworks.core.catalog.TransformerModel m) {
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
    } else if (entry instanceof dev.ironworks.core.catalog.Calibration c) {
      return String.format(
          Locale.ROOT,
          "matmul %.2f, attention %.2f, memory %.2f, collective %.2f",
          c.matmul(),
          c.attention(),
          c.memory(),
          c.collective());
    } else if (entry instanceof dev.ironworks.core.catalog.FailureRates f) {
      return String.format(
          Locale.ROOT,
          "MTBF years: accelerator %s, host %s, NIC %s, switch %s, software %s",
          years(f.acceleratorMtbfYears()),
          years(f.hostMtbfYears()),
          years(f.nicMtbfYears()),
          years(f.switchMtbfYears()),
          years(f.softwareMtbfYears()));
    } else if (entry instanceof Assumptions a) {
      return String.format(
          Locale.ROOT,
          "lifetimes %.0f/%.0f/%.0f y, maintenance %.0f%%/y",
          a.lifetimes().acceleratorsYears(),
          a.lifetimes().serversYears(),
          a.lifetimes().networkYears(),
          a.maintenanceFractionOfHardwarePerYear() * 100);
    }
    return String.valueOf(entry);
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
