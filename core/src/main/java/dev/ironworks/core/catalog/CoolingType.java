package dev.ironworks.core.catalog;

import dev.ironworks.core.units.Require;

/**
 * A cooling technology: its PUE range and the densest rack it cools.
 *
 * @param immersion whether servers sit in a tank of fluid (they must be qualified for it), so that
 *     a site that does not name its cooling is never given it
 */
public record CoolingType(
    String id,
    String name,
    double pueMin,
    double pueMax,
    double pueDefault,
    double maxRackPowerWatts,
    boolean liquid,
    boolean immersion,
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
    if (immersion && !liquid) {
      throw new IllegalArgumentException("immersion cooling " + id + " must be liquid");
    }
    Require.positive("whiteSpaceM2PerRack", whiteSpaceM2PerRack);
    Require.present("provenance", provenance);
  }
}
