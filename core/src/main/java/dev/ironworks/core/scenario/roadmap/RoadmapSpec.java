package dev.ironworks.core.scenario.roadmap;

import dev.ironworks.core.units.Require;
import java.util.List;

/**
 * A multi-year question: the demand to meet year by year, the generations that can be bought, the
 * sites and the power they may add, the money, the limits, and the strategies to compare (scenario
 * section {@code roadmap}, docs/reference/scenario.md).
 *
 * @param fromYear the first calendar year planned
 * @param toYear the last calendar year planned (inclusive)
 * @param generations the accelerators that may be bought, each from the year it ships
 * @param blockAccelerators the purchase unit: accelerators bought together (rounded up to whole
 *     servers)
 * @param utilization share of an accelerator-year the demand can use (maintenance, spares and
 *     scheduling gaps take the rest); sets average power too
 * @param refresh the service lives the optimiser may choose from
 */
public record RoadmapSpec(
    int fromYear,
    int toYear,
    List<GenerationChoice> generations,
    int blockAccelerators,
    double utilization,
    RefreshRange refresh,
    List<TrainingDemand> training,
    List<ServingDemand> serving,
    List<SiteOption> sites,
    RoadmapFinance finance,
    RoadmapLimits limits,
    List<Strategy> strategies) {
  /** Longest horizon planned. */
  public static final int MAX_YEARS = 30;

  public RoadmapSpec {
    Require.positive("roadmap.fromYear", fromYear);
    if (toYear < fromYear || toYear - fromYear + 1 > MAX_YEARS) {
      throw new IllegalArgumentException(
          "roadmap.toYear must be from fromYear to fromYear + " + (MAX_YEARS - 1));
    }
    generations = List.copyOf(generations);
    if (generations.isEmpty()) {
      throw new IllegalArgumentException("roadmap.generations must name at least one");
    }
    Require.positive("roadmap.blockAccelerators", blockAccelerators);
    Require.fraction("roadmap.utilization", utilization);
    Require.positive("roadmap.utilization", utilization);
    Require.present("roadmap.refresh", refresh);
    training = List.copyOf(training);
    serving = List.copyOf(serving);
    if (training.isEmpty() && serving.isEmpty()) {
      throw new IllegalArgumentException("roadmap.demand needs a training or a serving demand");
    }
    sites = List.copyOf(sites);
    if (sites.isEmpty()) {
      throw new IllegalArgumentException("roadmap.sites must hold at least one site");
    }
    Require.present("roadmap.finance", finance);
    Require.present("roadmap.limits", limits);
    strategies = List.copyOf(strategies);
  }

  /** Years planned. */
  public int years() {
    return toYear - fromYear + 1;
  }
}
