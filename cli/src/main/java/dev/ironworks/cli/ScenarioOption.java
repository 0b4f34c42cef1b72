package dev.ironworks.cli;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.compute.TrainingContext;
import dev.ironworks.core.plan.TrainingPlanner;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.io.scenario.ScenarioReader;
import dev.ironworks.io.yaml.InputException;
import java.util.List;

/** Reading a scenario's training context, with planner errors placed on the scenario's lines. */
final class ScenarioOption {
  private ScenarioOption() {}

  static TrainingContext trainingContext(ScenarioReader.Result read, Catalog catalog) {
    try {
      return TrainingPlanner.context(read.scenario(), catalog);
    } catch (InfeasibleScenarioException e) {
      throw new InputException(List.of(read.problemAt(e.field(), e.getMessage())));
    }
  }
}
