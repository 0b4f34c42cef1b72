package dev.ironworks.core.catalog;

import dev.ironworks.core.units.Require;

/** A volume-discount tier: orders of at least {@code minUnits} pay list × (1 − fraction). */
public record VolumeDiscount(int minUnits, double fraction) {
  public VolumeDiscount {
    Require.positive("minUnits", minUnits);
    Require.fraction("fraction", fraction);
  }
}
