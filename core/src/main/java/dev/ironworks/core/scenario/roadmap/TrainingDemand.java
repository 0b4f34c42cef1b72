package dev.ironworks.core.scenario.roadmap;

import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.scenario.Precision;
import dev.ironworks.core.units.Require;

/**
 * Training runs a year: {@code runs} runs of a model, each of the year's tokens, each to finish
 * within {@code deadlineDays}.
 *
 * @param tokens tokens of one run, by year (the compute a run needs grows with them)
 * @param runsPerYear runs started each year
 */
public record TrainingDemand(
    String name,
    String model,
    TransformerModel architecture,
    Growth tokens,
    double runsPerYear,
    double deadlineDays,
    Precision precision) {
  public TrainingDemand {
    Require.text("roadmap.demand.training.name", name);
    Require.text("roadmap.demand.training.model", model);
    Require.present("roadmap.demand.training.model", architecture);
    Require.present("roadmap.demand.training.tokens", tokens);
    Require.positive("roadmap.demand.training.runsPerYear", runsPerYear);
    Require.positive("roadmap.demand.training.deadlineDays", deadlineDays);
    Require.present("roadmap.demand.training.precision", precision);
  }
}
