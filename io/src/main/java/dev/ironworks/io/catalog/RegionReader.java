package dev.ironworks.io.catalog;

import static dev.ironworks.io.catalog.EntryFields.provenance;

import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.catalog.Region;
import dev.ironworks.io.yaml.YamlMap;

/** Reads a {@code regions} entry. */
final class RegionReader {
  private RegionReader() {}

  static Region read(YamlMap m) {
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
}
