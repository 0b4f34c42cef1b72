package dev.ironworks.io.catalog;

import static dev.ironworks.io.catalog.EntryFields.provenance;
import static dev.ironworks.io.catalog.EntryFields.words;

import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.catalog.ScaleUpInterconnect;
import dev.ironworks.core.catalog.ScaleUpTopology;
import dev.ironworks.core.units.Units;
import dev.ironworks.io.yaml.YamlMap;

/** Reads a {@code scaleUp} entry: a scale-up interconnect. */
final class ScaleUpReader {
  private ScaleUpReader() {}

  static ScaleUpInterconnect read(YamlMap m) {
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
}
