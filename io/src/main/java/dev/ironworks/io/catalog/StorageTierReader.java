package dev.ironworks.io.catalog;

import static dev.ironworks.io.catalog.EntryFields.provenance;

import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.catalog.StorageTier;
import dev.ironworks.io.yaml.YamlMap;

/** Reads a {@code storage} entry: a storage tier. */
final class StorageTierReader {
  private StorageTierReader() {}

  static StorageTier read(YamlMap m) {
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
}
