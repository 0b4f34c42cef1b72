package dev.ironworks.core.scenario.roadmap;

import java.util.OptionalDouble;

/**
 * Limits on the whole roadmap.
 *
 * @param budgetUsdPerYear the most capital spent in any one year
 * @param carbonCapTco2ePerYear the most operational emissions in any one year
 * @param carbonPriceUsdPerTonne a price on operational emissions, added to the cost
 */
public record RoadmapLimits(
    OptionalDouble budgetUsdPerYear,
    OptionalDouble carbonCapTco2ePerYear,
    double carbonPriceUsdPerTonne) {
  public RoadmapLimits {
    budgetUsdPerYear.ifPresent(
        v -> dev.ironworks.core.units.Require.positive("roadmap.limits.budgetUsdPerYear", v));
    carbonCapTco2ePerYear.ifPresent(
        v ->
            dev.ironworks.core.units.Require.nonNegative(
                "roadmap.limits.carbonCapTco2ePerYear", v));
    dev.ironworks.core.units.Require.nonNegative(
        "roadmap.limits.carbonPriceUsdPerTonne", carbonPriceUsdPerTonne);
  }

  /** No limits. */
  public static RoadmapLimits none() {
    return new RoadmapLimits(OptionalDouble.empty(), OptionalDouble.empty(), 0);
  }
}
