package dev.ironworks.core.catalog;

import dev.ironworks.core.units.Require;

/** A cooling technology: its PUE range and the densest rack it cools. */
public record CoolingType(
    String id,
    String name,
    double pueMin,
    double pueMax,
    double pueDefault,
    double maxRackPowerWatts,
    boolean liquid,
    double whiteSpaceM2PerRack,
    Provenance provenance)
    implements CatalogEntry {
  public CoolingType {
    Require.text("id", id);
    Require.atLeast("pueMin", pueMin, 1.0);
    Require.atLeast("pueMax", pueMax, pueMin);
    if (pueDefault < pueMin || pueDefault > pueMax) {
      throw new IllegalArgumentException(
          "pueDefault must lie in [pueMin, pueMax] for cooling " + id + ", got " + pueDefault);
    }
    Require.positive("maxKwPerRack", maxRackPowerWatts);
    Require.positive("whiteSpaceM2PerRack", whiteSpaceM2PerRack);
    Require.present("provenance", provenance);
  }
}
