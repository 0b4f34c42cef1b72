package dev.ironworks.core.catalog;

import dev.ironworks.core.units.Require;

/** A storage tier, priced and powered per usable petabyte. */
public record StorageTier(
    String id,
    String name,
    double usdPerTerabyte,
    double readGigabytesPerSecondPerPetabyte,
    double writeGigabytesPerSecondPerPetabyte,
    double wattsPerPetabyte,
    double petabytesPerRack,
    double embodiedKgCo2ePerPetabyte,
    Provenance provenance)
    implements CatalogEntry {
  public StorageTier {
    Require.text("id", id);
    Require.positive("usdPerTb", usdPerTerabyte);
    Require.positive("readGbPerSecondPerPb", readGigabytesPerSecondPerPetabyte);
    Require.positive("writeGbPerSecondPerPb", writeGigabytesPerSecondPerPetabyte);
    Require.nonNegative("wattsPerPb", wattsPerPetabyte);
    Require.positive("petabytesPerRack", petabytesPerRack);
    Require.nonNegative("embodiedKgCo2ePerPb", embodiedKgCo2ePerPetabyte);
    Require.present("provenance", provenance);
  }
}
