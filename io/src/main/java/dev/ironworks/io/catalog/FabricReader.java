package dev.ironworks.io.catalog;

import static dev.ironworks.io.catalog.EntryFields.part;
import static dev.ironworks.io.catalog.EntryFields.provenance;
import static dev.ironworks.io.catalog.EntryFields.words;

import dev.ironworks.core.catalog.Fabric;
import dev.ironworks.core.catalog.FabricKind;
import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.io.yaml.YamlMap;
import java.util.List;

/** Reads a {@code fabrics} entry: a scale-out fabric's switch, NIC, transceiver and cable. */
final class FabricReader {
  private FabricReader() {}

  static Fabric read(YamlMap m) {
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
}
