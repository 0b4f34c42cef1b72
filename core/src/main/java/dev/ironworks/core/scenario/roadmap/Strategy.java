package dev.ironworks.core.scenario.roadmap;

import dev.ironworks.core.units.Require;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A named strategy: the roadmap optimised with some choices fixed or ruled out, to compare side by
 * side with the others.
 *
 * @param refreshYears keep every purchase exactly this many years; empty: the optimiser chooses
 *     within the roadmap's refresh range
 * @param acquisition buy or lease, instead of the finance section's choice
 */
public record Strategy(
    String name,
    OptionalInt refreshYears,
    boolean ppa,
    boolean gas,
    boolean solar,
    boolean battery,
    boolean nuclear,
    boolean cloudBurst,
    Optional<RoadmapFinance.Acquisition> acquisition) {
  public Strategy {
    Require.text("roadmap.strategies.name", name);
    refreshYears.ifPresent(v -> Require.positive("roadmap.strategies.refreshYears", v));
    Require.present("roadmap.strategies.acquisition", acquisition);
  }

  /** Every option open: what the optimiser chooses when no strategy constrains it. */
  public static Strategy open(String name) {
    return new Strategy(
        name, OptionalInt.empty(), true, true, true, true, true, true, Optional.empty());
  }

  /** This strategy with every purchase kept exactly {@code years}. */
  public Strategy withRefresh(int years) {
    return new Strategy(
        name, OptionalInt.of(years), ppa, gas, solar, battery, nuclear, cloudBurst, acquisition);
  }
}
