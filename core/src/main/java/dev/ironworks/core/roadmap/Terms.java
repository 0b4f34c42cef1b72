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

  /**
   * What holding one block of generation {@code g} at site {@code s} from year {@code t} for {@code
   * life} years costs, discounted to the roadmap's start: its hardware operating cost and, leased,
   * the yearly payments; bought, the price less what it sells for when it leaves (or is worth at
   * the horizon). Energy is apart: it depends on the use.
   */
  public double holdingUsd(RoadmapInputs in, int g, int s, int t, int life, boolean leased) {
    Block b = in.block(g, s).orElseThrow();
    double capex = in.blockCapexUsd(g, s, t);
    double leasePerYear = in.spec().finance().leaseFractionOfPricePerYear() * capex;
    int end = Math.min(in.years(), t + life);
    double usd = 0;
    for (int u = t; u < end; u++) {
      usd += (b.nonEnergyOpexUsdPerYear() + (leased ? leasePerYear : 0)) * midYear(u);
    }
    if (!leased) {
      usd +=
          capex * atStart(t) - capex * in.spec().finance().resaleFraction(end - t) * atStart(end);
    }
    return usd;
  }

  /**
   * Whether a purchase is leased: as the terms say, or, where either is allowed, when leasing the
   * block for its life costs less than buying it.
   */
  public boolean leases(RoadmapInputs in, int g, int s, int t, int life) {
    return switch (acquisition) {
      case BUY -> false;
      case LEASE -> true;
      case EITHER -> holdingUsd(in, g, s, t, life, true) < holdingUsd(in, g, s, t, life, false);
    };
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
