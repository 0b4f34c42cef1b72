package dev.ironworks.core.scenario;

import dev.ironworks.core.units.Require;
import java.util.OptionalDouble;

/**
 * The money side of a scenario.
 *
 * @param utilization share of hours the accelerators do useful work; sets average power and the
 *     cost per accelerator-hour
 * @param cloudUsdPerAcceleratorHour the rental price to compare with; empty takes the catalog's
 * @param costOfCapital the return the capital could earn elsewhere, per year: owning is charged the
 *     annuity that repays each purchase with this interest over its life
 */
public record FinanceSpec(
    double horizonYears,
    double utilization,
    OptionalDouble cloudUsdPerAcceleratorHour,
    CloudBilling cloudBilling,
    FacilityOwnership facility,
    OptionalDouble colocationUsdPerKwMonth,
    double costOfCapital) {
  /**
   * The default cost of capital, 8% a year: about a large cloud provider's weighted average cost of
   * capital (estimate; neoclouds borrow at 10-15%).
   */
  public static final double DEFAULT_COST_OF_CAPITAL = 0.08;

  public FinanceSpec {
    Require.positive("finance.horizonYears", horizonYears);
    Require.fraction("finance.utilization", utilization);
    Require.positive("finance.utilization", utilization);
    cloudUsdPerAcceleratorHour.ifPresent(
        v -> Require.positive("finance.cloudUsdPerAcceleratorHour", v));
    Require.present("finance.cloudBilling", cloudBilling);
    Require.present("finance.facility", facility);
    colocationUsdPerKwMonth.ifPresent(v -> Require.positive("finance.colocationUsdPerKwMonth", v));
    Require.nonNegative("finance.costOfCapital", costOfCapital);
  }

  /** Finance without a cost of capital: capital is charged as if money were free. */
  public FinanceSpec(
      double horizonYears,
      double utilization,
      OptionalDouble cloudUsdPerAcceleratorHour,
      CloudBilling cloudBilling,
      FacilityOwnership facility,
      OptionalDouble colocationUsdPerKwMonth) {
    this(
        horizonYears,
        utilization,
        cloudUsdPerAcceleratorHour,
        cloudBilling,
        facility,
        colocationUsdPerKwMonth,
        0);
  }

  /** Defaults: 3 years, 80% utilization, reserved cloud, a built facility, 8% cost of capital. */
  public static FinanceSpec defaults() {
    return new FinanceSpec(
        3,
        0.8,
        OptionalDouble.empty(),
        CloudBilling.RESERVED,
        FacilityOwnership.BUILD,
        OptionalDouble.empty(),
        DEFAULT_COST_OF_CAPITAL);
  }
}
