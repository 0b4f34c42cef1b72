package dev.ironworks.core.roadmap;

import dev.ironworks.core.scenario.roadmap.RoadmapFinance.Acquisition;
import dev.ironworks.core.scenario.roadmap.RoadmapSpec;
import dev.ironworks.core.scenario.roadmap.Strategy;
import dev.ironworks.core.units.Units;
import java.util.OptionalDouble;

/**
 * What a strategy allows, resolved against the roadmap: service lives, how hardware is acquired,
 * which power sources may be added, and the cloud's price.
 *
 * @param minLifeYears shortest service life
 * @param maxLifeYears longest service life
 * @param cloudUsdPerAcceleratorYear rent of an accelerator-year; empty when no cloud may be used
 * @param unservedPenaltyUsdPerAcceleratorYear what the optimiser is charged for an accelerator-year
 *     of work nobody does: ten times the cloud's rent, else $100 an hour; never part of the NPV
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
    OptionalDouble cloudUsdPerAcceleratorYear,
    double unservedPenaltyUsdPerAcceleratorYear,
    double costOfCapital,
    double carbonPriceUsdPerTonne) {
  /** Hourly rate of the penalty when there is no cloud to compare with. */
  static final double UNSERVED_USD_PER_HOUR_WITHOUT_CLOUD = 100;

  /** The penalty over the cloud's rent. */
  static final double UNSERVED_OVER_CLOUD = 10;

  public static Terms of(RoadmapSpec spec, Strategy strategy) {
    int min = strategy.refreshYears().orElse(spec.refresh().minYears());
    int max = strategy.refreshYears().orElse(spec.refresh().maxYears());
    OptionalDouble cloudHour =
        strategy.cloudBurst()
            ? spec.finance().cloudBurstUsdPerAcceleratorHour()
            : OptionalDouble.empty();
    OptionalDouble cloud =
        cloudHour.isPresent()
            ? OptionalDouble.of(cloudHour.getAsDouble() * Units.HOURS_PER_YEAR)
            : OptionalDouble.empty();
    double penalty =
        cloud.isPresent()
            ? cloud.getAsDouble() * UNSERVED_OVER_CLOUD
            : UNSERVED_USD_PER_HOUR_WITHOUT_CLOUD * Units.HOURS_PER_YEAR;
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
        cloud,
        penalty,
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
