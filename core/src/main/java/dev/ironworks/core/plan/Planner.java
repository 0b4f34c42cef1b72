package dev.ironworks.core.plan;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.compute.ParallelismSearch;
import dev.ironworks.core.reliability.ReliabilityReport;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.Scenario;
import java.util.Optional;

/**
 * The planner: a pure function of a scenario and the catalog. It runs the stages of a plan in the
 * order the data flows, each reading what the ones before it found: {@link Hardware} (the catalog
 * entries the scenario names) → {@link Fleet} (how many accelerators, for what) → {@link Build}
 * (fabric, storage, racks, power) → {@link Economics} (cost, energy, carbon) → {@link Workloads}
 * (the training run, the serving fleet's tokens) → {@link Reliability} (the training run's
 * failures). Each stage writes the notes about what it found.
 */
public final class Planner {
  private Planner() {}

  /**
   * Plans a scenario.
   *
   * @throws InfeasibleScenarioException when the scenario cannot be built as asked
   * @throws java.util.NoSuchElementException when it names an id the catalog lacks (the io layer
   *     checks ids first and reports them with suggestions)
   */
  public static Plan plan(Scenario scenario, Catalog catalog) {
    return plan(scenario, catalog, ParallelismSearch::search);
  }

  /**
   * {@link #plan(Scenario, Catalog)} with the training parallelism search run by {@code searcher}
   * (a sweep passes a {@link dev.ironworks.core.compute.SearchMemo}).
   */
  public static Plan plan(Scenario scenario, Catalog catalog, ParallelismSearch.Searcher searcher) {
    Notes notes = new Notes();
    Hardware hardware = Hardware.resolve(scenario, catalog, notes);
    Fleet fleet = Fleet.size(scenario, hardware, catalog, notes);
    Build build = Build.of(scenario, hardware, fleet, notes);
    Economics economics = Economics.of(scenario.finance(), hardware, fleet, build, notes);
    Workloads workloads =
        Workloads.of(scenario, hardware, fleet, build, economics, catalog, searcher, notes);
    Optional<ReliabilityReport> reliability =
        workloads
            .training()
            .flatMap(
                training ->
                    Reliability.Inputs.of(
                        scenario, training, catalog, hardware, fleet, build, economics))
            .flatMap(inputs -> Reliability.analyze(inputs, notes));
    return new Plan(
        scenario.name(),
        hardware.site(),
        build.cluster(),
        build.network(),
        build.storage(),
        build.power(),
        economics.cost(),
        economics.energy(),
        workloads.training(),
        reliability,
        workloads.inference(),
        notes.list());
  }
}
