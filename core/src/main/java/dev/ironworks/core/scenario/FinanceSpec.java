package dev.ironworks.core.scenario;

import dev.ironworks.core.units.Require;
import java.util.OptionalDouble;

/**
 * The money side of a scenario.
 *
 * @param utilization share of hours the accelerators do useful work; sets average power and the
 *     cost per accelerator-hour
 * @param cloudUsdPerAcceleratorHour the rental price to compare with; empty takes the catalog's
 */
public record FinanceSpec(
    double horizonYears,
    double utilization,
    OptionalDouble cloudUsdPerAcceleratorHour,
    CloudBilling cloudBilling,
    FacilityOwnership facility,
    OptionalDouble colocationUsdPerKwMonth) {
  public FinanceSpec {
    Require.positive("finance.horizonYears", horizonYears);
    Require.fraction("finance.utilization", utilization);
    Require.positive("finance.utilization", utilization);
    cloudUsdPerAcceleratorHour.ifPresent(
        v -> Require.positive("finance.cloudUsdPerAcceleratorHour", v));
    Require.present("finance.cloudBilling", cloudBilling);
    Require.present("finance.facility", facility);
    colocationUsdPerKwMonth.ifPresent(v -> Require.positive("finance.colocationUsdPerKwMonth", v));
  }

  /** Defaults: 3 years, 80% utilization, reserved cloud, a built facility. */
  public static FinanceSpec defaults() {
    return new FinanceSpec(
        3,
        0.8,
        OptionalDouble.empty(),
        CloudBilling.RESERVED,
        FacilityOwnership.BUILD,
        OptionalDouble.empty());
  }
}
