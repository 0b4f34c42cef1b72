package dev.ironworks.io.service;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.compute.ParallelismSearch;
import dev.ironworks.core.compute.TrainingContext;
import dev.ironworks.core.plan.InferencePlanner;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.core.plan.TrainingPlanner;
import dev.ironworks.core.reliability.ReliabilityReport;
import dev.ironworks.core.roadmap.RoadmapInputs;
import dev.ironworks.core.roadmap.RoadmapPlan;
import dev.ironworks.core.roadmap.RoadmapPlanner;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.sim.ServingRunSetup;
import dev.ironworks.io.render.PlanView;
import dev.ironworks.io.scenario.ScenarioReader;
import dev.ironworks.io.yaml.InputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What every adapter does with a scenario: read it against the catalog, plan it, and report what is
 * wrong on the scenario's lines. A scenario that reads but cannot be built (the planner's {@link
 * InfeasibleScenarioException}) is bad input like any other: an {@link InputException} whose
 * problem sits on the line of the field to change. The command line and the server make the same
 * calls, so they refuse the same scenarios with the same words.
 */
public final class PlanService {
  private final Catalog catalog;
  private final ParallelismSearch.Searcher searcher;

  /** Plans against {@code catalog}, searching training configurations afresh each time. */
  public PlanService(Catalog catalog) {
    this(catalog, ParallelismSearch::search);
  }

  /** Plans with the training searches run by {@code searcher} (one that remembers, say). */
  public PlanService(Catalog catalog, ParallelismSearch.Searcher searcher) {
    this.catalog = catalog;
    this.searcher = searcher;
  }

  public Catalog catalog() {
    return catalog;
  }

  /** A scenario read and planned. */
  public record Planned(ScenarioReader.Result read, Plan plan) {
    public String name() {
      return plan.scenarioName();
    }

    /** The plan as the tree every renderer prints. */
    public Map<String, Object> view() {
      return PlanView.of(plan);
    }

    /**
     * The training run's reliability analysis, which a simulation starts from.
     *
     * @throws InputException on {@code workload.training} when the plan has none
     */
    public ReliabilityReport reliability() {
      return plan.reliability()
          .orElseThrow(
              () ->
                  new InputException(
                      List.of(
                          read.problemAt(
                              "workload.training",
                              "nothing to simulate: give a training run whose model architecture"
                                  + " is known (a catalog model or inline), or a reliability"
                                  + " section with checkpoint.writeSeconds"))));
    }
  }

  /** Reads a scenario file. */
  public ScenarioReader.Result read(Path file) {
    return ScenarioReader.read(file, catalog);
  }

  /** Reads scenario text; {@code label} names it in problems. */
  public ScenarioReader.Result read(String label, String text) {
    return ScenarioReader.read(label, text, catalog);
  }

  /** Reads and plans a scenario file. */
  public Planned plan(Path file) {
    return plan(read(file));
  }

  /** Reads and plans scenario text; {@code label} names it in problems. */
  public Planned plan(String label, String text) {
    return plan(read(label, text));
  }

  /** Plans a scenario read. */
  public Planned plan(ScenarioReader.Result read) {
    return new Planned(read, placed(read, () -> Planner.plan(read.scenario(), catalog, searcher)));
  }

  /**
   * The roadmap of a scenario read: every strategy by the solver ({@code optimise}) or by rule.
   *
   * @throws InputException on {@code roadmap} when the scenario has no roadmap section
   */
  public RoadmapPlan roadmap(ScenarioReader.Result read, boolean optimise) {
    if (read.scenario().roadmap().isEmpty()) {
      throw new InputException(
          List.of(
              read.problemAt(
                  "roadmap",
                  "required: a roadmap section to plan year by year"
                      + " (docs/reference/scenario.md); a scenario without one plans a cluster")));
    }
    return placed(
        read,
        () ->
            RoadmapPlanner.plan(
                RoadmapInputs.of(read.scenario(), catalog), read.scenario().name(), optimise));
  }

  /** What a training step of the scenario depends on besides its parallel configuration. */
  public TrainingContext trainingContext(ScenarioReader.Result read) {
    return placed(read, () -> TrainingPlanner.context(read.scenario(), catalog));
  }

  /** The serving fleet a request-level simulation replays: the planner's sizing of the workload. */
  public InferencePlanner.Sizing servingSizing(ScenarioReader.Result read) {
    return placed(read, () -> ServingRunSetup.sizing(read.scenario(), catalog));
  }

  /** The result of a step of the planner, with infeasibility placed on the scenario's lines. */
  private static <T> T placed(ScenarioReader.Result read, Supplier<T> step) {
    try {
      return step.get();
    } catch (InfeasibleScenarioException e) {
      throw new InputException(List.of(read.problemAt(e.field(), e.getMessage())));
    }
  }
}
