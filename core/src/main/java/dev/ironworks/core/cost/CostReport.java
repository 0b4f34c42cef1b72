package dev.ironworks.core.cost;

import java.util.OptionalDouble;

/**
 * What the cluster costs to own, and what renting it would cost instead.
 *
 * @param cloudOnly the accelerator cannot be bought: capex is zero and the cost is the rent
 * @param volumeDiscountFraction average discount off list of the accelerator order, under graduated
 *     tiers (servers take the same tiers counted in accelerators)
 * @param depreciationUsdPerYear Σ capex_i / lifetime_i
 * @param costOfCapital the interest rate capital is charged at, per year
 * @param capitalChargeUsdPerYear Σ capex_i × the capital recovery factor r / (1 − (1 + r)^−life_i):
 *     the level payment that repays each purchase with interest over its life (straight-line
 *     depreciation when r = 0)
 * @param tcoUsd capital charged over the horizon (the capital charge × horizon) + opex × horizon
 * @param usdPerAcceleratorHour TCO / (accelerators × hours in the horizon × utilization)
 * @param cloudTcoUsd renting the same accelerators for the horizon, billed per {@code cloudBilling}
 * @param breakEvenMonths capex / (cloud rent − opex) per month; empty when renting stays cheaper
 * @param cloudToOwnCostRatio cloud cost per useful accelerator-hour over ours
 * @param acceleratorOnlyElectricityUsdPerYear the seed's figure: accelerators' TDP × PUE × 8,760 h
 *     × price
 */
public record CostReport(
    boolean cloudOnly,
    double volumeDiscountFraction,
    CapexBreakdown capex,
    OpexBreakdown opex,
    double depreciationUsdPerYear,
    double costOfCapital,
    double capitalChargeUsdPerYear,
    double horizonYears,
    double tcoUsd,
    double usdPerAcceleratorHour,
    OptionalDouble cloudUsdPerAcceleratorHour,
    OptionalDouble cloudTcoUsd,
    OptionalDouble breakEvenMonths,
    OptionalDouble cloudToOwnCostRatio,
    double acceleratorOnlyElectricityUsdPerYear) {

  public double capexUsd() {
    return capex.totalUsd();
  }

  public double opexUsdPerYear() {
    return opex.totalUsdPerYear();
  }

  /**
   * What owning has cost in cash after {@code years}: the capex up front (none when cloud only),
   * then the opex as it comes.
   */
  public double ownUsdAfter(double years) {
    return (cloudOnly ? 0 : capexUsd()) + opexUsdPerYear() * years;
  }

  /**
   * The TCO after {@code years}: (capital charge + opex) × years, {@link #tcoUsd} at the horizon.
   */
  public double ownTcoUsdAfter(double years) {
    return (capitalChargeUsdPerYear + opexUsdPerYear()) * years;
  }

  /**
   * What renting has cost after {@code years}: the cloud TCO spread evenly over the horizon; empty
   * without a cloud price. It crosses {@link #ownUsdAfter} at {@link #breakEvenMonths}.
   */
  public OptionalDouble rentUsdAfter(double years) {
    return cloudTcoUsd.isPresent()
        ? OptionalDouble.of(cloudTcoUsd.getAsDouble() / horizonYears * years)
        : OptionalDouble.empty();
  }
}
