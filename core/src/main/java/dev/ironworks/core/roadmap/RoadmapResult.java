package dev.ironworks.core.roadmap;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * A roadmap under one strategy: its decisions, its years and their sum.
 *
 * @param strategy the strategy's name
 * @param npvCostUsd the net present value of every cost at the cost of capital, less resale and the
 *     value left at the end (hardware at its resale value, halls and plants at their book value)
 * @param terminalValueUsd what is left at the end, undiscounted
 * @param solver how the optimiser did; empty for a plan made by the rule
 */
public record RoadmapResult(
    String strategy,
    List<YearFigures> years,
    double npvCostUsd,
    double terminalValueUsd,
    Optional<SolverReport> solver,
    Investments investments,
    Operations operations,
    List<String> notes) {
  public RoadmapResult {
    years = List.copyOf(years);
    notes = List.copyOf(notes);
  }

  /** Sum of a figure over the years. */
  public double total(ToDoubleFunction<YearFigures> figure) {
    return years.stream().mapToDouble(figure).sum();
  }
}
