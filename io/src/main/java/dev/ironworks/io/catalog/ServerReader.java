package dev.ironworks.io.catalog;

import static dev.ironworks.io.catalog.EntryFields.provenance;

import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.io.yaml.YamlMap;

/** Reads a {@code servers} entry. */
final class ServerReader {
  private ServerReader() {}

  static ServerSpec read(YamlMap m) {
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
}
