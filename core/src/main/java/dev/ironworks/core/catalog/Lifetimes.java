package dev.ironworks.core.catalog;

import dev.ironworks.core.units.Require;

/** Depreciation lifetimes per component class, in years. */
public record Lifetimes(
    double acceleratorsYears,
    double serversYears,
    double networkYears,
    double storageYears,
    double facilityYears) {
  public Lifetimes {
    Require.positive("lifetimesYears.accelerators", acceleratorsYears);
    Require.positive("lifetimesYears.servers", serversYears);
    Require.positive("lifetimesYears.network", networkYears);
    Require.positive("lifetimesYears.storage", storageYears);
    Require.positive("lifetimesYears.facility", facilityYears);
  }
}
