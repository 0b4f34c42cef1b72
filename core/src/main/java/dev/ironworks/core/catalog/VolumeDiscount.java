package dev.ironworks.core.catalog;

import dev.ironworks.core.units.Require;

/**
 * A graduated volume-discount tier: units from the {@code minUnits}-th on pay list × (1 −
 * fraction).
 */
public record VolumeDiscount(int minUnits, double fraction) {
  public VolumeDiscount {
    Require.positive("minUnits", minUnits);
    Require.fraction("fraction", fraction);
  }
}
