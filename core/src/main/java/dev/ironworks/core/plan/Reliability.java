package dev.ironworks.core.plan;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.FailureRates;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.facility.FacilityModel;
import dev.ironworks.core.facility.PowerReport;
import dev.ironworks.core.memory.MemoryModel;
import dev.ironworks.core.reliability.ComponentCounts;
import dev.ironworks.core.reliability.ReliabilityModel;
import dev.ironworks.core.reliability.ReliabilityReport;
import dev.ironworks.core.scenario.ReliabilitySpec;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.scenario.StorageChoice;
import dev.ironworks.core.scenario.TrainingRun;
import dev.ironworks.core.units.Units;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The last stage of a plan: a training run's failures, checkpoints and restarts ({@link
 * ReliabilityModel}), analysed when the scenario asks for it or the model's architecture is known
 * (it sizes the checkpoint).
 */
final class Reliability {
  private Reliability() {}

  /**
   * What the analysis reads from the stages before it.
   *
   * @param run the training run
   * @param spec the scenario's reliability section, else the defaults
   * @param training the run as the workloads stage costed it
   * @param acceleratorsPaid the accelerators the run pays for (the training cluster)
   * @param storage the scenario's storage, whose stated write bandwidth comes first
   */
  record Inputs(
      TrainingRun run,
      ReliabilitySpec spec,
      TrainingReport training,
      int acceleratorsPaid,
      Optional<StorageChoice> storage,
      Hardware hardware,
      Build build,
      Economics economics) {

    /**
     * The inputs of a run the scenario asks to analyse or whose architecture is known (it sizes the
     * checkpoint); the defaults take the catalog's {@code default} failure rates.
     */
    static Optional<Inputs> of(
        Scenario scenario,
        TrainingReport training,
        Catalog catalog,
        Hardware hardware,
        Fleet fleet,
        Build build,
        Economics economics) {
      TrainingRun run = scenario.training().orElseThrow();
      if (scenario.reliability().isEmpty() && run.architecture().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new Inputs(
              run,
              scenario
                  .reliability()
                  .orElseGet(
                      () -> ReliabilitySpec.defaults(catalog.failureRates(FailureRates.DEFAULT))),
              training,
              fleet.trainingAccelerators().orElseThrow(),
              scenario.cluster().storage(),
              hardware,
              build,
              economics));
    }
  }

  /** The analysis, or empty with a note when the checkpoint's size is unknown. */
  static Optional<ReliabilityReport> analyze(Inputs in, Notes notes) {
    ReliabilitySpec spec = in.spec();
    if (in.run().architecture().isEmpty() && spec.checkpoint().writeSeconds().isEmpty()) {
      notes.add(
          "reliability not analysed: the checkpoint size needs the model's architecture, or give"
              + " reliability.checkpoint.writeSeconds");
      return Optional.empty();
    }
    long used =
        in.training()
            .performance()
            .map(p -> p.best().config().worldSize())
            .orElse((long) in.acceleratorsPaid());
    ServerSpec server = in.hardware().server();
    long servers = (used + server.acceleratorsPerServer() - 1) / server.acceleratorsPerServer();
    ComponentCounts counts =
        new ComponentCounts(
            used,
            servers,
            servers * server.scaleOutPorts(),
            in.build().network().switchCount(),
            servers * server.hostsPerServer());
    // The training cluster's every component, in the job's blast radius or not.
    long allServers = FacilityModel.serverCount(in.acceleratorsPaid(), server);
    ComponentCounts cluster =
        new ComponentCounts(
            in.acceleratorsPaid(),
            allServers,
            allServers * server.scaleOutPorts(),
            in.build().network().switchCount(),
            allServers * server.hostsPerServer());
    ReliabilityModel.RunFigures figures = figures(in, spec, used, servers, notes);
    if (!in.training().durationPredicted()) {
      notes.add(
          "reliability treats the given workload.training.durationDays as failure-free compute"
              + " time; if the measured duration already includes failures, its wall-clock days"
              + " count them twice");
    }
    ReliabilityReport report = ReliabilityModel.analyze(spec, counts, cluster, figures);
    reportNotes(report, spec, notes);
    return Optional.of(report);
  }

  /** The run's figures the analysis takes: compute time, checkpoint, power, site and price. */
  private static ReliabilityModel.RunFigures figures(
      Inputs in, ReliabilitySpec spec, long used, long servers, Notes notes) {
    TrainingRun run = in.run();
    double checkpointBytes =
        run.architecture()
            .map(
                m ->
                    m.structuralParameters()
                        * MemoryModel.checkpointBytesPerParameter(run.precision()))
            .orElse(0.0);
    PowerReport power = in.build().power();
    double idleIt =
        power.serversPeakWatts() * in.hardware().assumptions().idlePowerFractionOfPeak()
            + power.networkWatts()
            + power.storageWatts();
    SiteFigures site = in.hardware().site();
    return new ReliabilityModel.RunFigures(
        Units.hoursToSeconds(Units.daysToHours(in.training().durationDays())),
        checkpointBytes,
        writeBytesPerSecond(in, spec, servers, notes),
        used,
        power.itBusyWatts(),
        idleIt,
        site.pue(),
        site.gridKgCo2ePerKwh(),
        site.carbonFreeEnergyFraction(),
        in.economics().cost().usdPerAcceleratorHour(),
        in.acceleratorsPaid());
  }

  /**
   * Where checkpoints go: the storage's stated write bandwidth when the scenario gives one, else
   * the tier's; without storage, node-local NVMe.
   */
  private static double writeBytesPerSecond(
      Inputs in, ReliabilitySpec spec, long servers, Notes notes) {
    if (in.build().storage().capacityPetabytes() > 0) {
      OptionalDouble stated =
          in.storage().map(StorageChoice::writeGigabytesPerSecond).orElse(OptionalDouble.empty());
      return Units.gigabytesPerSecondToBytesPerSecond(
          stated.orElse(in.build().storage().writeGigabytesPerSecond()));
    }
    if (spec.checkpoint().writeSeconds().isEmpty()) {
      notes.add(
          "no cluster.storage: checkpoints are written to node-local NVMe at 5 GB/s per server;"
              + " give cluster.storage.writeGigabytesPerSecond for shared storage");
    }
    return servers * ReliabilityModel.LOCAL_NVME_BYTES_PER_SECOND_PER_SERVER;
  }

  /** What the plan should say about the analysis: why goodput is low, its assumptions. */
  private static void reportNotes(ReliabilityReport report, ReliabilitySpec spec, Notes notes) {
    if (report.goodput() < 0.5) {
      lostTime(report, notes);
    }
    if (!spec.failureRates().exponential()) {
      notes.add(
          "the analysis assumes exponential lifetimes; 'ironworks simulate' uses the Weibull"
              + " shape "
              + spec.failureRates().weibullShape()
              + " of the failure rates");
    }
    if (spec.spareServers().isPresent()
        && spec.spareServers().getAsInt()
            < ReliabilityModel.sparesFor(report.serverFailuresPerRepair())) {
      notes.format(
          "%d spare servers may run out: %.1f server failures are expected per %.0f-hour"
              + " repair; the analysis assumes a spare is always there — 'ironworks"
              + " simulate' counts the waits",
          spec.spareServers().getAsInt(), report.serverFailuresPerRepair(), spec.repairHours());
    }
  }

  /**
   * Why a run loses more than half its time: the largest of the time checkpointing, restarting and
   * redoing lost work, with the figures that drive it.
   */
  private static void lostTime(ReliabilityReport r, Notes notes) {
    double checkpoints = r.checkpointDays();
    double restarts = r.restartDays();
    double rework = r.reworkDays();
    if (checkpoints >= restarts && checkpoints >= rework) {
      notes.format(
          "checkpoints dominate: goodput %.3g — each checkpoint stalls the job %.3g s for %.3g s"
              + " of compute between checkpoints; checkpoint less often, asynchronously or to"
              + " faster storage",
          r.goodput(), r.checkpointStallSeconds(), r.checkpointIntervalSeconds());
    } else if (restarts >= rework) {
      notes.format(
          "restarts dominate: goodput %.3g — %.3g interruptions a day (failures and planned"
              + " stops) against %.3g-minute restarts; check the failure rates and restart time",
          r.goodput(),
          r.failuresPerDay() + r.plannedInterruptionsPerDay(),
          r.restartSeconds() / 60);
    } else {
      notes.format(
          "failures dominate: goodput %.3g — %.3g failures a day each redo the work since the"
              + " last checkpoint, %.3g minutes apart; check the failure rates, or checkpoint"
              + " more often",
          r.goodput(), r.failuresPerDay(), r.checkpointIntervalSeconds() / 60);
    }
  }
}
