package dev.ironworks.core.plan;

import dev.ironworks.core.carbon.CarbonModel;
import dev.ironworks.core.carbon.EnergyReport;
import dev.ironworks.core.carbon.RunFootprint;
import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.Assumptions;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.CoolingType;
import dev.ironworks.core.catalog.Fabric;
import dev.ironworks.core.catalog.FabricKind;
import dev.ironworks.core.catalog.FailureRates;
import dev.ironworks.core.catalog.Lifetimes;
import dev.ironworks.core.catalog.Region;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.catalog.StorageTier;
import dev.ironworks.core.compute.ParallelismSearch;
import dev.ironworks.core.cost.CostModel;
import dev.ironworks.core.cost.CostReport;
import dev.ironworks.core.facility.ClusterSizing;
import dev.ironworks.core.facility.FacilityModel;
import dev.ironworks.core.facility.PowerReport;
import dev.ironworks.core.facility.StorageSizing;
import dev.ironworks.core.inference.InferenceReport;
import dev.ironworks.core.memory.MemoryModel;
import dev.ironworks.core.network.FabricBom;
import dev.ironworks.core.network.FabricDesigner;
import dev.ironworks.core.reliability.ComponentCounts;
import dev.ironworks.core.reliability.ReliabilityModel;
import dev.ironworks.core.reliability.ReliabilityReport;
import dev.ironworks.core.scenario.ClusterSpec;
import dev.ironworks.core.scenario.FinanceSpec;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.ReliabilitySpec;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.scenario.SiteSpec;
import dev.ironworks.core.scenario.StorageChoice;
import dev.ironworks.core.scenario.Topology;
import dev.ironworks.core.scenario.TrainingRun;
import dev.ironworks.core.units.Units;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The planner: a pure function of a scenario and the catalog. It resolves the catalog entries the
 * scenario names, then composes the models in the order the data flows: fabric → racks and storage
 * → power → cost → energy and carbon → the training run.
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
   * (a sweep passes one that remembers the searches its designs share).
   */
  public static Plan plan(Scenario scenario, Catalog catalog, ParallelismSearch.Searcher searcher) {
    Notes notes = new Notes();
    ClusterSpec spec = scenario.cluster();
    SiteSpec siteSpec = scenario.site();
    FinanceSpec finance = scenario.finance();
    Assumptions assumptions = catalog.defaultAssumptions();

    Accelerator accelerator = catalog.accelerator(spec.acceleratorId());
    ServerSpec server = catalog.server(spec.serverId().orElse(accelerator.defaultServerId()));
    if (!server.acceleratorId().equals(accelerator.id())) {
      throw new InfeasibleScenarioException(
          "cluster.server",
          "server '"
              + server.id()
              + "' holds '"
              + server.acceleratorId()
              + "', not '"
              + accelerator.id()
              + "'");
    }
    // Serving: a fleet sized from the demand (added to a training cluster), or the given one.
    int trainingCount = scenario.training().isPresent() ? spec.acceleratorCount() : 0;
    long servingFleet = scenario.training().isPresent() ? 0 : spec.acceleratorCount();
    Optional<InferencePlanner.Sizing> serving =
        scenario
            .inference()
            .map(w -> InferencePlanner.size(w, accelerator, server, catalog, servingFleet));
    long total =
        trainingCount > 0 || serving.isEmpty()
            ? trainingCount + serving.map(InferencePlanner.Sizing::acceleratorCount).orElse(0L)
            : serving.get().acceleratorCount();
    if (scenario.training().isEmpty() && serving.isEmpty()) {
      total = spec.acceleratorCount();
    }
    if (total < 1 || total > Integer.MAX_VALUE) {
      throw new InfeasibleScenarioException(
          "cluster.count", "required: how many accelerators (or an inference demand to size)");
    }
    if (total != spec.acceleratorCount()) {
      if (trainingCount > 0) {
        notes.add(
            "the serving fleet of "
                + serving.get().acceleratorCount()
                + " accelerators is added"
                + " to the "
                + trainingCount
                + " of the training cluster");
      }
      spec =
          new ClusterSpec(
              spec.acceleratorId(),
              (int) total,
              spec.serverId(),
              spec.averagePowerWattsPerAccelerator(),
              spec.fabric(),
              spec.storage());
    }
    int trainingAccelerators = trainingCount > 0 ? trainingCount : spec.acceleratorCount();
    CoolingType cooling = catalog.cooling(siteSpec.coolingId());
    Region region = catalog.region(siteSpec.regionId());
    SiteFigures site = siteFigures(siteSpec, cooling, region, notes);

    Fabric fabric = fabric(spec, server, catalog);
    Topology topology = topology(spec, server);
    if (fabric.portGbps() != server.scaleOutPortGbps() && server.scaleOutPorts() > 0) {
      notes.format(
          "fabric '%s' runs %.0f Gb/s ports; server '%s' has %.0f Gb/s NICs: links run at"
              + " the slower speed",
          fabric.id(), fabric.portGbps(), server.id(), server.scaleOutPortGbps());
    }
    long servers = FacilityModel.serverCount(spec.acceleratorCount(), server);
    long emptySlots = servers * server.acceleratorsPerServer() - spec.acceleratorCount();
    if (emptySlots > 0) {
      notes.add(
          servers
              + " × "
              + server.id()
              + " hold "
              + servers * server.acceleratorsPerServer()
              + " accelerators: "
              + emptySlots
              + " slots stay empty (power and price are for the"
              + " accelerators installed and whole servers)");
    }
    FabricBom network =
        FabricDesigner.design(
            fabric, topology, spec.fabric().oversubscription(), servers, server.scaleOutPorts());

    StorageTier storageTier =
        catalog.storageTier(
            spec.storage().map(StorageChoice::tierId).orElse(StorageChoice.DEFAULT_TIER));
    StorageSizing storage =
        spec.storage().map(s -> FacilityModel.storage(s, storageTier)).orElse(StorageSizing.none());
    if (storage.capacityPetabytes() > storage.requestedPetabytes() + 1e-9) {
      notes.format(
          "storage raised from %.3g PB to %.3g PB to write at %.4g GB/s",
          storage.requestedPetabytes(),
          storage.capacityPetabytes(),
          storage.writeGigabytesPerSecond());
    }

    ClusterSizing sizing =
        FacilityModel.size(
            spec.acceleratorCount(),
            accelerator,
            server,
            catalog.scaleUp(accelerator.scaleUpId()),
            cooling,
            network,
            fabric.switchRackUnits(),
            storage,
            assumptions);
    PowerReport power =
        FacilityModel.power(
            spec.acceleratorCount(),
            accelerator,
            server,
            servers,
            network,
            storage,
            site.pue(),
            finance.utilization(),
            spec.averagePowerWattsPerAccelerator(),
            assumptions);

    OptionalDouble cloudRate =
        finance.cloudUsdPerAcceleratorHour().isPresent()
            ? finance.cloudUsdPerAcceleratorHour()
            : accelerator.cloudUsdPerHour();
    if (accelerator.cloudOnly() && cloudRate.isEmpty()) {
      throw new InfeasibleScenarioException(
          "finance.cloudUsdPerAcceleratorHour",
          "'"
              + accelerator.id()
              + "' is cloud only and the catalog has no rental price for it:"
              + " give finance.cloudUsdPerAcceleratorHour");
    }
    if (accelerator.cloudOnly()) {
      notes.add(
          "'"
              + accelerator.id()
              + "' is cloud only: cost is the rent; power, energy and carbon"
              + " are those of the provider's hardware at this site");
    }
    CostModel.Inputs costInputs =
        new CostModel.Inputs(
            accelerator,
            server,
            storageTier,
            finance,
            site.electricityUsdPerKwh(),
            region.constructionUsdPerMw(),
            finance.colocationUsdPerKwMonth().orElse(region.colocationUsdPerKwMonth()),
            cloudRate,
            assumptions);
    CostReport cost = CostModel.cost(costInputs, sizing, network, storage, power);
    if (cost.breakEvenMonths().isPresent()
        && cost.breakEvenMonths().getAsDouble()
            > assumptions.lifetimes().acceleratorsYears() * Units.MONTHS_PER_YEAR) {
      notes.format(
          "break-even after %.0f months comes after the accelerators' %.0f-year life",
          cost.breakEvenMonths().getAsDouble(), assumptions.lifetimes().acceleratorsYears());
    }

    Lifetimes life = assumptions.lifetimes();
    // The accelerators' figures hold their boards and packages; the servers' their hosts (CPUs,
    // memory, storage, switches, chassis), which published server LCAs count beside them.
    double acceleratorsEmbodied = spec.acceleratorCount() * accelerator.embodiedKgCo2e();
    double serversEmbodied = servers * server.embodiedKgCo2e();
    double embodied =
        acceleratorsEmbodied
            + serversEmbodied
            + network.embodiedKgCo2e()
            + storage.embodiedKgCo2e();
    double embodiedPerYear =
        acceleratorsEmbodied / life.acceleratorsYears()
            + serversEmbodied / life.serversYears()
            + network.embodiedKgCo2e() / life.networkYears()
            + storage.embodiedKgCo2e() / life.storageYears();
    EnergyReport energy =
        CarbonModel.annual(
            power.itAverageWatts(),
            site.pue(),
            site.gridKgCo2ePerKwh(),
            site.carbonFreeEnergyFraction(),
            site.wueLitersPerKwh(),
            embodied,
            embodiedPerYear);

    Optional<TrainingPerformance> performance = Optional.empty();
    if (scenario.training().isPresent()
        && scenario.training().get().architecture().isPresent()
        && scenario.training().get().tokens().isPresent()) {
      TrainingRun run = scenario.training().get();
      try {
        performance =
            Optional.of(
                TrainingPlanner.perform(
                    TrainingPlanner.context(
                        run,
                        run.architecture().get(),
                        trainingAccelerators,
                        accelerator,
                        server,
                        fabric,
                        topology,
                        spec.fabric().oversubscription(),
                        catalog),
                    run,
                    run.tokens().getAsDouble(),
                    searcher));
      } catch (InfeasibleScenarioException e) {
        if (run.predictsTime()) {
          throw e;
        }
        notes.add(
            "training performance not estimated (the given duration is used): " + e.getMessage());
      }
      performance.ifPresent(
          p -> {
            TrainingPlanner.plausibilityNotes(p, catalog.calibration(accelerator.id()))
                .forEach(notes::add);
            long idle = trainingAccelerators - p.best().config().worldSize();
            if (idle > 0) {
              notes.add(
                  "the training run uses "
                      + p.best().config().worldSize()
                      + " of "
                      + trainingAccelerators
                      + " accelerators ("
                      + idle
                      + " idle): "
                      + p.best().config().label());
            }
          });
    }
    Optional<TrainingPerformance> predicted = performance;
    ClusterSpec trainingSpec =
        new ClusterSpec(
            spec.acceleratorId(),
            trainingAccelerators,
            spec.serverId(),
            spec.averagePowerWattsPerAccelerator(),
            spec.fabric(),
            spec.storage());
    Optional<TrainingReport> training =
        scenario.training().map(run -> training(run, trainingSpec, power, site, cost, predicted));
    double allHours = spec.acceleratorCount() * Units.HOURS_PER_YEAR * finance.horizonYears();
    double perAccelerator = 1.0 / spec.acceleratorCount();
    Optional<InferenceReport> inference =
        serving.map(
            sz ->
                InferencePlanner.report(
                    scenario.inference().get(),
                    sz,
                    cost.tcoUsd() / allHours,
                    power.serversPeakWatts() * perAccelerator,
                    (power.networkWatts() + power.storageWatts()) * perAccelerator,
                    assumptions.idlePowerFractionOfPeak(),
                    power.loadFractionOfPeak(),
                    site.pue(),
                    site.gridKgCo2ePerKwh(),
                    site.carbonFreeEnergyFraction()));
    inference.ifPresent(
        r -> {
          long idleServing =
              r.acceleratorCount() - r.replicas() * r.chosen().config().acceleratorsPerReplica();
          if (idleServing > 0) {
            notes.add(
                idleServing
                    + " serving accelerators are left over after "
                    + r.replicas()
                    + " whole replicas of "
                    + r.chosen().config().acceleratorsPerReplica());
          }
          if (!r.meetsTargets()) {
            notes.add(
                "the serving fleet does not meet the latency targets or the demand: see"
                    + " inference.meetsTargets and inference.capacityTokensPerDay");
          }
        });
    Optional<ReliabilityReport> reliability =
        training.flatMap(
            t ->
                reliability(
                    scenario,
                    t,
                    trainingSpec,
                    server,
                    network,
                    storage,
                    power,
                    site,
                    cost,
                    assumptions,
                    catalog,
                    notes));
    return new Plan(
        scenario.name(),
        site,
        sizing,
        network,
        storage,
        power,
        cost,
        energy,
        training,
        reliability,
        inference,
        notes.list());
  }

  /**
   * The failure analysis of the training run, when the scenario asks for it or the model's
   * architecture is known (it sizes the checkpoint).
   */
  private static Optional<ReliabilityReport> reliability(
      Scenario scenario,
      TrainingReport training,
      ClusterSpec spec,
      ServerSpec server,
      FabricBom network,
      StorageSizing storage,
      PowerReport power,
      SiteFigures site,
      CostReport cost,
      Assumptions assumptions,
      Catalog catalog,
      Notes notes) {
    TrainingRun run = scenario.training().orElseThrow();
    if (scenario.reliability().isEmpty() && run.architecture().isEmpty()) {
      return Optional.empty();
    }
    ReliabilitySpec rel =
        scenario
            .reliability()
            .orElseGet(() -> ReliabilitySpec.defaults(catalog.failureRates(FailureRates.DEFAULT)));
    if (run.architecture().isEmpty() && rel.checkpoint().writeSeconds().isEmpty()) {
      notes.add(
          "reliability not analysed: the checkpoint size needs the model's architecture, or give"
              + " reliability.checkpoint.writeSeconds");
      return Optional.empty();
    }
    long used =
        training
            .performance()
            .map(p -> p.best().config().worldSize())
            .orElse((long) spec.acceleratorCount());
    long servers = (used + server.acceleratorsPerServer() - 1) / server.acceleratorsPerServer();
    ComponentCounts counts =
        new ComponentCounts(
            used,
            servers,
            servers * server.scaleOutPorts(),
            network.switchCount(),
            servers * server.hostsPerServer());
    long allServers = FacilityModel.serverCount(spec.acceleratorCount(), server);
    ComponentCounts cluster =
        new ComponentCounts(
            spec.acceleratorCount(),
            allServers,
            allServers * server.scaleOutPorts(),
            network.switchCount(),
            allServers * server.hostsPerServer());
    double checkpointBytes =
        run.architecture()
            .map(
                m ->
                    m.structuralParameters()
                        * MemoryModel.checkpointBytesPerParameter(run.precision()))
            .orElse(0.0);
    double writeBandwidth;
    if (storage.capacityPetabytes() > 0) {
      // The storage's stated write bandwidth when the scenario gives one, else the tier's.
      double gigabytesPerSecond =
          spec.storage()
              .flatMap(
                  s ->
                      s.writeGigabytesPerSecond().isPresent()
                          ? Optional.of(s.writeGigabytesPerSecond().getAsDouble())
                          : Optional.empty())
              .orElse(storage.writeGigabytesPerSecond());
      writeBandwidth = Units.gigabytesPerSecondToBytesPerSecond(gigabytesPerSecond);
    } else {
      writeBandwidth = servers * ReliabilityModel.LOCAL_NVME_BYTES_PER_SECOND_PER_SERVER;
      if (rel.checkpoint().writeSeconds().isEmpty()) {
        notes.add(
            "no cluster.storage: checkpoints are written to node-local NVMe at 5 GB/s per server;"
                + " give cluster.storage.writeGigabytesPerSecond for shared storage");
      }
    }
    double idleIt =
        power.serversPeakWatts() * assumptions.idlePowerFractionOfPeak()
            + power.networkWatts()
            + power.storageWatts();
    ReliabilityModel.RunFigures figures =
        new ReliabilityModel.RunFigures(
            Units.hoursToSeconds(Units.daysToHours(training.durationDays())),
            checkpointBytes,
            writeBandwidth,
            used,
            power.itBusyWatts(),
            idleIt,
            site.pue(),
            site.gridKgCo2ePerKwh(),
            site.carbonFreeEnergyFraction(),
            cost.usdPerAcceleratorHour(),
            spec.acceleratorCount());
    if (!training.durationPredicted()) {
      notes.add(
          "reliability treats the given workload.training.durationDays as failure-free compute"
              + " time; if the measured duration already includes failures, its wall-clock days"
              + " count them twice");
    }
    ReliabilityReport report = ReliabilityModel.analyze(rel, counts, cluster, figures);
    if (report.goodput() < 0.5) {
      lostTimeNote(report, notes);
    }
    if (!rel.failureRates().exponential()) {
      notes.add(
          "the analysis assumes exponential lifetimes; 'ironworks simulate' uses the Weibull"
              + " shape "
              + rel.failureRates().weibullShape()
              + " of the failure rates");
    }
    if (rel.spareServers().isPresent()
        && rel.spareServers().getAsInt()
            < ReliabilityModel.sparesFor(report.serverFailuresPerRepair())) {
      notes.format(
          "%d spare servers may run out: %.1f server failures are expected per %.0f-hour"
              + " repair; the analysis assumes a spare is always there — 'ironworks"
              + " simulate' counts the waits",
          rel.spareServers().getAsInt(), report.serverFailuresPerRepair(), rel.repairHours());
    }
    return Optional.of(report);
  }

  private static TrainingReport training(
      TrainingRun run,
      ClusterSpec spec,
      PowerReport power,
      SiteFigures site,
      CostReport cost,
      Optional<TrainingPerformance> performance) {
    boolean predicted = run.durationDays().isEmpty();
    double days =
        predicted ? performance.orElseThrow().predictedDays() : run.durationDays().getAsDouble();
    double hours = Units.daysToHours(days);
    RunFootprint footprint =
        CarbonModel.run(
            power.itBusyWatts(),
            site.pue(),
            hours,
            site.gridKgCo2ePerKwh(),
            site.carbonFreeEnergyFraction());
    double acceleratorHours = spec.acceleratorCount() * hours;
    return new TrainingReport(
        run.model(),
        run.tokens(),
        days,
        acceleratorHours,
        power.itBusyWatts(),
        footprint.energyMwh(),
        footprint.emissionsTco2e(),
        acceleratorHours * cost.usdPerAcceleratorHour(),
        predicted,
        performance);
  }

  /**
   * Why a run loses more than half its time: the largest of the time checkpointing, restarting and
   * redoing lost work, with the figures that drive it.
   */
  private static void lostTimeNote(ReliabilityReport r, Notes notes) {
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

  private static SiteFigures siteFigures(
      SiteSpec site, CoolingType cooling, Region region, Notes notes) {
    double pue = site.pue().orElse(cooling.pueDefault());
    if (site.pue().isPresent() && (pue < cooling.pueMin() || pue > cooling.pueMax())) {
      notes.format(
          "PUE %.3g lies outside the %.3g–%.3g typical of '%s' cooling",
          pue, cooling.pueMin(), cooling.pueMax(), cooling.id());
    }
    return new SiteFigures(
        region.id(),
        cooling.id(),
        pue,
        site.pue().isPresent(),
        site.electricityUsdPerKwh().orElse(region.electricityUsdPerKwh()),
        site.gridKgCo2ePerKwh().orElse(region.gridKgCo2ePerKwh()),
        site.wueLitersPerKwh().orElse(region.wueLitersPerKwh()),
        site.carbonFreeEnergyFraction());
  }

  /**
   * The fabric the scenario names, else the InfiniBand fabric at the server's port speed, else the
   * slowest fabric at least that fast.
   */
  /** The topology the scenario names, else rail-optimized for multi-port servers. */
  static Topology topology(ClusterSpec spec, ServerSpec server) {
    return spec.fabric()
        .topology()
        .orElse(server.scaleOutPorts() > 1 ? Topology.RAIL_OPTIMIZED : Topology.FAT_TREE);
  }

  static Fabric fabric(ClusterSpec spec, ServerSpec server, Catalog catalog) {
    if (spec.fabric().fabricId().isPresent()) {
      return catalog.fabric(spec.fabric().fabricId().get());
    }
    double gbps = server.scaleOutPortGbps();
    return catalog.fabrics().values().stream()
        .filter(f -> f.portGbps() >= gbps)
        .min(
            Comparator.comparingDouble(Fabric::portGbps)
                .thenComparing(f -> f.kind() == FabricKind.INFINIBAND ? 0 : 1)
                .thenComparing(Fabric::id))
        .orElseThrow(
            () ->
                new InfeasibleScenarioException(
                    "cluster.fabric",
                    String.format(
                        Locale.ROOT,
                        "no catalog fabric runs %.0f Gb/s ports for server '%s': name one in"
                            + " cluster.fabric.kind",
                        gbps,
                        server.id())));
  }
}
