package dev.ironworks.io.catalog;

import static dev.ironworks.io.catalog.EntryFields.provenance;
import static dev.ironworks.io.catalog.EntryFields.tera;
import static dev.ironworks.io.catalog.EntryFields.words;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.AcceleratorKind;
import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.units.Units;
import dev.ironworks.io.yaml.YamlMap;
import java.util.OptionalDouble;

/** Reads an {@code accelerators} entry. */
final class AcceleratorReader {
  private AcceleratorReader() {}

  static Accelerator read(YamlMap m) {
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
}
