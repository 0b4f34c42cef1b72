package dev.ironworks.core.roadmap;

import dev.ironworks.core.scenario.roadmap.RoadmapFinance.Acquisition;
import dev.ironworks.core.scenario.roadmap.RoadmapSpec;
import dev.ironworks.core.scenario.roadmap.Strategy;
import dev.ironworks.core.units.Units;

/**
 * What a strategy allows, resolved against the roadmap: service lives, how hardware is acquired,
 * which power sources may be added, and whether the cloud may be rented.
 *
 * @param minLifeYears shortest service life
 * @param maxLifeYears longest service life
 * @param cloudBurst whether the cloud may carry what the fleet cannot (at the roadmap's offers)
 * @param unservedPenaltyUsdPerAcceleratorYear what the optimiser is charged for an accelerator-year
 *     (of the generation best at the work) of work nobody does: $100 an hour; never part of the NPV
 */
public record Terms(
    String name,
    int minLifeYears,
    int maxLifeYears,
    Acquisition acquisition,
    boolean ppa,
    boolean gas,
    boolean solar,
    boolean battery,
    boolean nuclear,
    boolean cloudBurst,
    double unservedPenaltyUsdPerAcceleratorYear,
    double costOfCapital,
    double carbonPriceUsdPerTonne) {
  /** Hourly rate of the penalty on work left undone. */
  static final double UNSERVED_USD_PER_HOUR = 100;

  public static Terms of(RoadmapSpec spec, Strategy strategy) {
    int min = strategy.refreshYears().orElse(spec.refresh().minYears());
    int max = strategy.refreshYears().orElse(spec.refresh().maxYears());
    return new Terms(
        strategy.name(),
        min,
        max,
        strategy.acquisition().orElse(spec.finance().acquisition()),
        strategy.ppa(),
        strategy.gas(),
        strategy.solar(),
        strategy.battery(),
        strategy.nuclear(),
        strategy.cloudBurst() && !spec.finance().cloudBurst().isEmpty(),
        UNSERVED_USD_PER_HOUR * Units.HOURS_PER_YEAR,
        spec.finance().costOfCapital(),
        spec.limits().carbonPriceUsdPerTonne());
  }

  /** Discount factor at the start of a year index. */
  public double atStart(double year) {
    return Math.pow(1 + costOfCapital, -year);
  }

  /** Discount factor in the middle of a year index. */
  public double midYear(int year) {
    return atStart(year + 0.5);
  }
}
