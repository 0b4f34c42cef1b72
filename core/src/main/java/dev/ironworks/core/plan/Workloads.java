package dev.ironworks.core.plan;

import dev.ironworks.core.carbon.CarbonModel;
import dev.ironworks.core.carbon.RunFootprint;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.compute.ParallelismSearch;
import dev.ironworks.core.cost.CostReport;
import dev.ironworks.core.facility.PowerReport;
import dev.ironworks.core.inference.InferenceReport;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.InferenceWorkload;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.scenario.TrainingRun;
import dev.ironworks.core.units.Units;
import java.util.Optional;

/**
 * The fifth stage of a plan: what runs on the fleet. A training run: the search over parallel
 * configurations, the best one's step, and the run's days, energy and cost ({@link
 * TrainingPlanner}); a serving workload: the fleet the {@link Fleet} stage sized, its tokens and
 * what they cost ({@link InferencePlanner}).
 */
record Workloads(Optional<TrainingReport> training, Optional<InferenceReport> inference) {

  static Workloads of(
      Scenario scenario,
      Hardware hardware,
      Fleet fleet,
      Build build,
      Economics economics,
      Catalog catalog,
      ParallelismSearch.Searcher searcher,
      Notes notes) {
    Optional<TrainingReport> training =
        scenario
            .training()
            .map(
                run -> {
                  int accelerators = fleet.trainingAccelerators().orElseThrow();
                  Optional<TrainingPerformance> performance =
                      performance(scenario, run, accelerators, hardware, catalog, searcher, notes);
                  return training(
                      run, accelerators, build.power(), hardware, economics, performance);
                });
    Optional<InferenceReport> inference =
        fleet
            .serving()
            .map(
                sizing ->
                    serving(
                        scenario.inference().orElseThrow(),
                        sizing,
                        scenario.finance().horizonYears(),
                        hardware,
                        fleet,
                        build.power(),
                        economics.cost(),
                        notes));
    return new Workloads(training, inference);
  }

  /**
   * The best parallel configuration of a run whose architecture and tokens are known; when none
   * fits, a run of given duration is costed without one.
   */
  private static Optional<TrainingPerformance> performance(
      Scenario scenario,
      TrainingRun run,
      int accelerators,
      Hardware hardware,
      Catalog catalog,
      ParallelismSearch.Searcher searcher,
      Notes notes) {
    if (run.architecture().isEmpty() || run.tokens().isEmpty()) {
      return Optional.empty();
    }
    TrainingPerformance p;
    try {
      p =
          TrainingPlanner.perform(
              TrainingPlanner.context(
                  run,
                  run.architecture().get(),
                  accelerators,
                  hardware.accelerator(),
                  hardware.server(),
                  hardware.fabric(),
                  hardware.topology(),
                  scenario.cluster().fabric().oversubscription(),
                  catalog),
              run,
              run.tokens().getAsDouble(),
              searcher);
    } catch (InfeasibleScenarioException e) {
      if (run.predictsTime()) {
        throw e;
      }
      notes.add(
          "training performance not estimated (the given duration is used): " + e.getMessage());
      return Optional.empty();
    }
    TrainingPlanner.plausibilityNotes(p, catalog.calibration(hardware.accelerator().id()))
        .forEach(notes::add);
    TrainingPlanner.formatNote(hardware.accelerator(), run.precision()).ifPresent(notes::add);
    long idle = accelerators - p.best().config().worldSize();
    if (idle > 0) {
      notes.add(
          "the training run uses "
              + p.best().config().worldSize()
              + " of "
              + accelerators
              + " accelerators ("
              + idle
              + " idle): "
              + p.best().config().label());
    }
    return Optional.of(p);
  }

  /** The run's days (predicted, else given), and their energy, emissions and cost. */
  private static TrainingReport training(
      TrainingRun run,
      int accelerators,
      PowerReport power,
      Hardware hardware,
      Economics economics,
      Optional<TrainingPerformance> performance) {
    boolean predicted = run.durationDays().isEmpty();
    double days =
        predicted ? performance.orElseThrow().predictedDays() : run.durationDays().getAsDouble();
    double hours = Units.daysToHours(days);
    SiteFigures site = hardware.site();
    RunFootprint footprint =
        CarbonModel.run(
            power.itBusyWatts(),
            site.pue(),
            hours,
            site.gridKgCo2ePerKwh(),
            site.carbonFreeEnergyFraction());
    double acceleratorHours = accelerators * hours;
    return new TrainingReport(
        run.model(),
        run.tokens(),
        days,
        acceleratorHours,
        power.itBusyWatts(),
        footprint.energyMwh(),
        footprint.emissionsTco2e(),
        acceleratorHours * economics.cost().usdPerAcceleratorHour(),
        predicted,
        performance);
  }

  /**
   * The serving fleet's tokens at the TCO per accelerator-hour of all hours, and its power at the
   * servers' share per accelerator.
   */
  private static InferenceReport serving(
      InferenceWorkload workload,
      InferencePlanner.Sizing sizing,
      double horizonYears,
      Hardware hardware,
      Fleet fleet,
      PowerReport power,
      CostReport cost,
      Notes notes) {
    double allHours = fleet.acceleratorCount() * Units.HOURS_PER_YEAR * horizonYears;
    double perAccelerator = 1.0 / fleet.acceleratorCount();
    InferenceReport r =
        InferencePlanner.report(
            workload,
            sizing,
            cost.tcoUsd() / allHours,
            power.serversPeakWatts() * perAccelerator,
            (power.networkWatts() + power.storageWatts()) * perAccelerator,
            hardware.assumptions().idlePowerFractionOfPeak(),
            power.loadFractionOfPeak(),
            hardware.site().pue(),
            hardware.site().gridKgCo2ePerKwh(),
            hardware.site().carbonFreeEnergyFraction());
    TrainingPlanner.formatNote(
            hardware.accelerator(), r.chosen().config().precision(), "workload.inference.precision")
        .ifPresent(notes::add);
    long perReplica = r.chosen().config().acceleratorsPerReplica();
    long leftOver = r.acceleratorCount() - r.replicas() * perReplica;
    if (leftOver > 0) {
      notes.add(
          leftOver
              + " serving accelerators are left over after "
              + r.replicas()
              + " whole replicas of "
              + perReplica);
    }
    if (!r.meetsTargets()) {
      notes.add(
          "the serving fleet does not meet the latency targets or the demand: see"
              + " inference.meetsTargets and inference.capacityTokensPerDay");
    }
    return r;
  }
}
