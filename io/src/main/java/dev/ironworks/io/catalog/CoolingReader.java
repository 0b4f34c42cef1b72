package dev.ironworks.io.catalog;

import static dev.ironworks.io.catalog.EntryFields.provenance;

import dev.ironworks.core.catalog.CoolingType;
import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.units.Units;
import dev.ironworks.io.yaml.YamlMap;

/** Reads a {@code cooling} entry: a cooling type. */
final class CoolingReader {
  private CoolingReader() {}

  static CoolingType read(YamlMap m) {
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
}
