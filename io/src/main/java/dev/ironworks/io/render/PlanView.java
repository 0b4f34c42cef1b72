package dev.ironworks.io.render;

import dev.ironworks.core.carbon.EnergyReport;
import dev.ironworks.core.compute.StepEstimate;
import dev.ironworks.core.cost.CapexBreakdown;
import dev.ironworks.core.cost.CostReport;
import dev.ironworks.core.cost.OpexBreakdown;
import dev.ironworks.core.facility.ClusterSizing;
import dev.ironworks.core.facility.PowerReport;
import dev.ironworks.core.facility.StorageSizing;
import dev.ironworks.core.inference.InferenceModel;
import dev.ironworks.core.inference.InferenceReport;
import dev.ironworks.core.network.FabricBom;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.SiteFigures;
import dev.ironworks.core.plan.TrainingPerformance;
import dev.ironworks.core.plan.TrainingReport;
import dev.ironworks.core.reliability.ReliabilityReport;
import dev.ironworks.core.scenario.ParallelConfig;
import dev.ironworks.core.units.Units;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The plan as an ordered tree of named values in display units: the one shape every renderer (JSON,
 * table, Markdown) prints, so that a path such as {@code power.itPowerMw} means the same
 * everywhere. docs/reference/plan-output.md documents each path.
 */
public final class PlanView {
  private PlanView() {}

  public static Map<String, Object> of(Plan plan) {
    return of(plan, name -> true);
  }

  /**
   * Only the top-level sections {@code wanted} accepts (such as {@code cost} or {@code training}),
   * each built as {@link #of(Plan)} builds it: a sweep reads a few figures of every plan.
   */
  public static Map<String, Object> of(Plan plan, java.util.function.Predicate<String> wanted) {
    Map<String, Object> root = new LinkedHashMap<>();
    if (wanted.test("scenario")) {
      root.put("scenario", plan.scenarioName());
    }
    if (wanted.test("cluster")) {
      root.put("cluster", cluster(plan.cluster()));
    }
    if (wanted.test("network")) {
      root.put("network", network(plan.network()));
    }
    if (wanted.test("storage")) {
      root.put("storage", storage(plan.storage()));
    }
    if (wanted.test("site")) {
      root.put("site", site(plan.site()));
    }
    if (wanted.test("power")) {
      root.put("power", power(plan.power()));
    }
    if (wanted.test("cost")) {
      root.put("cost", cost(plan.cost()));
    }
    if (wanted.test("energy")) {
      root.put("energy", energy(plan.energy()));
    }
    if (wanted.test("training")) {
      plan.training().ifPresent(t -> root.put("training", training(t)));
    }
    if (wanted.test("reliability")) {
      plan.reliability().ifPresent(r -> root.put("reliability", reliability(r)));
    }
    if (wanted.test("inference")) {
      plan.inference().ifPresent(i -> root.put("inference", inference(i)));
    }
    if (wanted.test("notes")) {
      root.put("notes", plan.notes());
    }
    return root;
  }

  private static Map<String, Object> cluster(ClusterSizing c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("accelerator", c.acceleratorId());
    m.put("acceleratorCount", (long) c.acceleratorCount());
    m.put("server", c.serverId());
    m.put("serverCount", c.serverCount());
    m.put("acceleratorsPerServer", (long) c.acceleratorsPerServer());
    m.put("scaleUp", c.scaleUpId());
    m.put("scaleUpDomainSize", (long) c.scaleUpDomainSize());
    m.put("scaleUpDomainCount", c.scaleUpDomainCount());
    m.put(
        "scaleUpBandwidthGbPerSecondPerAccelerator",
        Units.bytesPerSecondToGigabytesPerSecond(c.scaleUpBandwidthBytesPerSecondPerAccelerator()));
    m.put("serverPeakPowerKw", Units.wattsToKilowatts(c.serverPeakPowerWatts()));
    m.put("serversPerRack", (long) c.serversPerRack());
    m.put("computeRackPeakPowerKw", Units.wattsToKilowatts(c.computeRackPeakPowerWatts()));
    m.put("computeRackCount", c.computeRackCount());
    m.put("networkRackCount", c.networkRackCount());
    m.put("storageRackCount", c.storageRackCount());
    m.put("rackCount", c.rackCount());
    m.put("floorAreaM2", c.floorAreaM2());
    return m;
  }

  private static Map<String, Object> network(FabricBom n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fabric", n.fabricId());
    m.put("topology", n.topology().id());
    m.put("oversubscription", n.oversubscription());
    m.put("tiers", (long) n.tiers());
    m.put("endpointCount", n.endpointCount());
    m.put("nicCount", n.nicCount());
    m.put("leafSwitchCount", n.leafSwitchCount());
    m.put("spineSwitchCount", n.spineSwitchCount());
    m.put("coreSwitchCount", n.coreSwitchCount());
    m.put("switchCount", n.switchCount());
    m.put("linkCount", n.linkCount());
    m.put("opticalLinkCount", n.opticalLinkCount());
    m.put("transceiverCount", n.transceiverCount());
    m.put("cableCount", n.cableCount());
    m.put("bisectionBandwidthTbps", Units.gigabitsToTerabits(n.bisectionBandwidthGbps()));
    m.put("powerKw", Units.wattsToKilowatts(n.powerWatts()));
    Map<String, Object> cost = new LinkedHashMap<>();
    cost.put("switches", n.switchesCostUsd());
    cost.put("nics", n.nicsCostUsd());
    cost.put("transceivers", n.transceiversCostUsd());
    cost.put("cables", n.cablesCostUsd());
    m.put("capexBreakdownUsd", cost);
    m.put("capexUsd", n.capexUsd());
    return m;
  }

  private static Map<String, Object> storage(StorageSizing s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tier", s.tierId());
    m.put("requestedPetabytes", s.requestedPetabytes());
    m.put("capacityPetabytes", s.capacityPetabytes());
    m.put("writeGigabytesPerSecond", s.writeGigabytesPerSecond());
    m.put("readGigabytesPerSecond", s.readGigabytesPerSecond());
    m.put("powerKw", Units.wattsToKilowatts(s.powerWatts()));
    m.put("rackCount", s.rackCount());
    return m;
  }

  private static Map<String, Object> site(SiteFigures s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("region", s.regionId());
    m.put("cooling", s.coolingId());
    m.put("pue", s.pue());
    m.put("electricityUsdPerKwh", s.electricityUsdPerKwh());
    m.put("gridKgCo2ePerKwh", s.gridKgCo2ePerKwh());
    m.put("wueLitersPerKwh", s.wueLitersPerKwh());
    m.put("carbonFreeEnergyFraction", s.carbonFreeEnergyFraction());
    return m;
  }

  private static Map<String, Object> power(PowerReport p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("acceleratorTdpMw", Units.wattsToMegawatts(p.acceleratorTdpWatts()));
    m.put("acceleratorOnlyFacilityMw", Units.wattsToMegawatts(p.acceleratorOnlyFacilityWatts()));
    m.put("serversPeakMw", Units.wattsToMegawatts(p.serversPeakWatts()));
    m.put("networkMw", Units.wattsToMegawatts(p.networkWatts()));
    m.put("storageMw", Units.wattsToMegawatts(p.storageWatts()));
    m.put("itPowerMw", Units.wattsToMegawatts(p.itPeakWatts()));
    m.put("pue", p.pue());
    m.put("facilityPowerMw", Units.wattsToMegawatts(p.facilityPeakWatts()));
    m.put("coolingOverheadMw", Units.wattsToMegawatts(p.overheadPeakWatts()));
    m.put("itAveragePowerMw", Units.wattsToMegawatts(p.itAverageWatts()));
    m.put("facilityAveragePowerMw", Units.wattsToMegawatts(p.facilityAverageWatts()));
    m.put("measuredAverage", p.measuredAverage());
    return m;
  }

  private static Map<String, Object> cost(CostReport c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cloudOnly", c.cloudOnly());
    m.put("volumeDiscountFraction", c.volumeDiscountFraction());
    m.put("capexUsd", c.capexUsd());
    CapexBreakdown k = c.capex();
    Map<String, Object> capex = new LinkedHashMap<>();
    capex.put("accelerators", k.acceleratorsUsd());
    capex.put("servers", k.serversUsd());
    capex.put("network", k.networkUsd());
    capex.put("storage", k.storageUsd());
    capex.put("facility", k.facilityUsd());
    m.put("capexBreakdownUsd", capex);
    m.put("hardwareCapexUsd", k.hardwareUsd());
    m.put("opexUsdPerYear", c.opexUsdPerYear());
    OpexBreakdown o = c.opex();
    Map<String, Object> opex = new LinkedHashMap<>();
    opex.put("electricity", o.electricityUsdPerYear());
    opex.put("staff", o.staffUsdPerYear());
    opex.put("maintenance", o.maintenanceUsdPerYear());
    opex.put("bandwidth", o.bandwidthUsdPerYear());
    opex.put("colocation", o.colocationUsdPerYear());
    opex.put("cloudRental", o.cloudRentalUsdPerYear());
    opex.put("other", o.otherUsdPerYear());
    m.put("opexBreakdownUsdPerYear", opex);
    m.put("depreciationUsdPerYear", c.depreciationUsdPerYear());
    m.put("horizonYears", c.horizonYears());
    m.put("tcoUsd", c.tcoUsd());
    m.put("usdPerAcceleratorHour", c.usdPerAcceleratorHour());
    m.put("cloudUsdPerAcceleratorHour", orNull(c.cloudUsdPerAcceleratorHour()));
    m.put("cloudTcoUsd", orNull(c.cloudTcoUsd()));
    m.put("breakEvenMonths", orNull(c.breakEvenMonths()));
    m.put("cloudToOwnCostRatio", orNull(c.cloudToOwnCostRatio()));
    m.put("acceleratorOnlyElectricityUsdPerYear", c.acceleratorOnlyElectricityUsdPerYear());
    return m;
  }

  private static Map<String, Object> energy(EnergyReport e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("energyMwhPerYear", e.energyMwhPerYear());
    m.put("itEnergyMwhPerYear", e.itEnergyMwhPerYear());
    m.put("emissionsTco2ePerYear", e.emissionsTco2ePerYear());
    m.put("embodiedTco2e", e.embodiedTco2e());
    m.put("embodiedTco2ePerYear", e.embodiedTco2ePerYear());
    m.put("waterM3PerYear", e.waterM3PerYear());
    return m;
  }

  private static Map<String, Object> training(TrainingReport t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", t.model().orElse(null));
    m.put("tokens", orNull(t.tokens()));
    m.put("durationDays", t.durationDays());
    m.put("acceleratorHours", t.acceleratorHours());
    m.put("itPowerMw", Units.wattsToMegawatts(t.itPowerWatts()));
    m.put("energyMwh", t.energyMwh());
    m.put("emissionsTco2e", t.emissionsTco2e());
    m.put("costUsd", t.costUsd());
    m.put("durationPredicted", t.durationPredicted());
    t.performance().ifPresent(p -> performance(m, p));
    return m;
  }

  private static void performance(Map<String, Object> m, TrainingPerformance p) {
    StepEstimate e = p.best();
    ParallelConfig c = e.config();
    m.put("timeToTrainDays", p.predictedDays());
    m.put("globalBatchSequences", (long) p.globalBatchSequences());
    m.put("sequenceLength", (long) p.sequenceLength());
    m.put("precision", p.precision().id());
    m.put("flopsTotal", p.flopsTotal());
    m.put("iterationSeconds", e.iterationSeconds());
    m.put("tokensPerSecond", p.tokensPerSecond());
    m.put("tokensPerSecondPerAccelerator", p.tokensPerSecondPerAccelerator());
    m.put("mfu", p.mfu());
    m.put("hfu", p.hfu());
    m.put("achievedTflopsPerAccelerator", p.achievedTflopsPerAccelerator());
    m.put("memoryPerAcceleratorGib", Units.bytesToGibibytes(e.memory().totalBytes()));
    m.put("acceleratorMemoryGib", Units.bytesToGibibytes(p.memoryBytesPerAccelerator()));
    Map<String, Object> memory = new LinkedHashMap<>();
    memory.put("weights", Units.bytesToGibibytes(e.memory().weightsBytes()));
    memory.put("gradients", Units.bytesToGibibytes(e.memory().gradientsBytes()));
    memory.put("optimizer", Units.bytesToGibibytes(e.memory().optimizerBytes()));
    memory.put("activations", Units.bytesToGibibytes(e.memory().activationsBytes()));
    memory.put("other", Units.bytesToGibibytes(e.memory().otherBytes()));
    m.put("memoryBreakdownGib", memory);
    Map<String, Object> parallelism = new LinkedHashMap<>();
    parallelism.put("tensor", (long) c.tensor());
    parallelism.put("pipeline", (long) c.pipeline());
    parallelism.put("data", (long) c.data());
    parallelism.put("context", (long) c.context());
    parallelism.put("expert", (long) c.expert());
    parallelism.put("microBatch", (long) c.microBatch());
    parallelism.put("interleave", (long) c.interleave());
    parallelism.put("zeroStage", (long) c.zeroStage());
    parallelism.put("recompute", c.recompute().id());
    parallelism.put("sequenceParallel", c.sequenceParallel());
    parallelism.put("shardGroup", (long) c.shardGroup());
    parallelism.put("expertTensor", (long) c.expertTensor());
    m.put("parallelism", parallelism);
    m.put("acceleratorsUsed", c.worldSize());
    m.put("microBatches", (long) e.microBatches());
    Map<String, Object> time = new LinkedHashMap<>();
    time.put("compute", e.computeSeconds());
    time.put("exposedCommunication", e.exposedCommunicationSeconds());
    time.put("bubble", e.bubbleSeconds());
    time.put("host", e.hostSeconds());
    m.put("timeBreakdownSeconds", time);
    Map<String, Object> comm = new LinkedHashMap<>();
    comm.put("tensorParallel", e.tensorParallelSeconds());
    comm.put("pipelineSends", e.pipelineSendSeconds());
    comm.put("dataParallelExposed", e.dataParallelExposedSeconds());
    comm.put("expertAllToAll", e.expertAllToAllSeconds());
    comm.put("contextParallel", e.contextParallelSeconds());
    m.put("communicationSeconds", comm);
    m.put("configurationsEvaluated", p.evaluated());
    m.put("configurationsFitting", p.fitting());
    m.put("calibration", p.calibration());
    List<String> alternatives = new ArrayList<>();
    for (StepEstimate alt : p.alternatives()) {
      alternatives.add(
          String.format(
              Locale.ROOT,
              "%s: %.4g s/iteration, %.4g GiB",
              alt.config().label(),
              alt.iterationSeconds(),
              Units.bytesToGibibytes(alt.memory().totalBytes())));
    }
    m.put("alternatives", alternatives);
  }

  private static Map<String, Object> reliability(ReliabilityReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("failureRates", r.failureRates());
    m.put("failuresPerDay", r.failuresPerDay());
    Map<String, Object> by = new LinkedHashMap<>();
    by.put("accelerator", r.acceleratorFailuresPerDay());
    by.put("host", r.hostFailuresPerDay());
    by.put("nic", r.nicFailuresPerDay());
    by.put("switch", r.switchFailuresPerDay());
    by.put("software", r.softwareFailuresPerDay());
    by.put("link", r.linkFailuresPerDay());
    m.put("failuresPerDayByComponent", by);
    m.put("jobMtbfHours", r.jobMtbfHours());
    m.put("checkpointGib", Units.bytesToGibibytes(r.checkpointBytes()));
    m.put("checkpointWriteSeconds", r.checkpointWriteSeconds());
    m.put("checkpointStallSeconds", r.checkpointStallSeconds());
    m.put("asyncCheckpoint", r.asyncCheckpoint());
    m.put("youngIntervalMinutes", r.youngIntervalSeconds() / 60);
    m.put("dalyIntervalMinutes", r.dalyIntervalSeconds() / 60);
    m.put("checkpointIntervalMinutes", r.checkpointIntervalSeconds() / 60);
    m.put("restartMinutes", r.restartSeconds() / 60);
    m.put("plannedInterruptionsPerDay", r.plannedInterruptionsPerDay());
    m.put("goodput", r.goodput());
    m.put("computeDays", r.computeDays());
    m.put("wallClockDays", r.wallClockDays());
    m.put("expectedInterruptions", r.expectedInterruptions());
    Map<String, Object> lost = new LinkedHashMap<>();
    lost.put("checkpoints", r.checkpointDays());
    lost.put("restarts", r.restartDays());
    lost.put("rework", r.reworkDays());
    m.put("lostDays", lost);
    m.put("spareServers", (long) r.spareServers());
    m.put("serverFailuresPerRepair", r.serverFailuresPerRepair());
    m.put("extraCostUsd", r.extraCostUsd());
    m.put("extraEnergyMwh", r.extraEnergyMwh());
    m.put("extraEmissionsTco2e", r.extraEmissionsTco2e());
    return m;
  }

  private static Map<String, Object> inference(InferenceReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    InferenceModel.Estimate e = r.chosen();
    m.put("model", r.model());
    m.put("precision", e.config().precision().id());
    m.put("replicas", r.replicas());
    m.put("acceleratorCount", r.acceleratorCount());
    m.put("acceleratorsPerReplica", (long) e.config().acceleratorsPerReplica());
    Map<String, Object> parallelism = new LinkedHashMap<>();
    parallelism.put("tensor", (long) e.config().tensor());
    parallelism.put("pipeline", (long) e.config().pipeline());
    parallelism.put("expert", (long) e.config().expert());
    m.put("parallelism", parallelism);
    m.put("batchSize", (long) e.config().batch());
    m.put("maxBatchSize", (long) e.maxBatch());
    m.put("tokensPerSecondPerReplica", e.tokensPerSecond());
    m.put("fleetTokensPerSecond", e.tokensPerSecond() * r.replicas());
    m.put("ttftMillis", e.ttftSeconds() * 1e3);
    m.put("tpotMillis", e.tpotSeconds() * 1e3);
    m.put("singleStreamTpotMillis", r.singleStreamTpotSeconds() * 1e3);
    m.put("singleStreamTokensPerSecond", 1 / r.singleStreamTpotSeconds());
    m.put("maxTokensPerSecondPerReplica", r.maxTokensPerSecondPerReplica());
    m.put("weightsGibPerAccelerator", Units.bytesToGibibytes(e.weightBytesPerDevice()));
    m.put("kvCacheGibPerReplica", Units.bytesToGibibytes(e.kvBytesPerReplica()));
    m.put("kvCacheBytesPerToken", r.kvBytesPerToken());
    m.put("averageTokensPerSecond", r.averageTokensPerSecond());
    m.put("peakTokensPerSecond", r.peakTokensPerSecond());
    m.put("capacityTokensPerDay", r.capacityTokensPerDay());
    m.put("utilization", r.utilization());
    m.put("meetsTargets", r.meetsTargets());
    m.put("usdPerMillionTokens", r.usdPerMillionTokens());
    m.put("whPer1000Tokens", r.whPer1000Tokens());
    m.put("tco2ePerBillionTokens", r.tco2ePerBillionTokens());
    m.put("averagePowerKw", Units.wattsToKilowatts(r.averagePowerWatts()));
    List<String> curve = new ArrayList<>();
    for (InferenceModel.Estimate point : r.curve()) {
      curve.add(
          String.format(
              Locale.ROOT,
              "batch %d: %.4g ms per token, %.4g tokens/s, first token %.4g ms",
              point.config().batch(),
              point.tpotSeconds() * 1e3,
              point.tokensPerSecond(),
              point.ttftSeconds() * 1e3));
    }
    m.put("curve", curve);
    return m;
  }

  private static Double orNull(OptionalDouble value) {
    return value.isPresent() ? value.getAsDouble() : null;
  }

  /** The value at a dotted path such as {@code cost.capexBreakdownUsd.network}, or null. */
  public static Object at(Map<String, Object> tree, String path) {
    return at(tree, path.split("\\."));
  }

  /** The value at a path already split at its dots, or null. */
  public static Object at(Map<String, Object> tree, String... parts) {
    Object node = tree;
    for (String part : parts) {
      if (!(node instanceof Map<?, ?> map) || !map.containsKey(part)) {
        return null;
      }
      node = map.get(part);
    }
    return node;
  }
}
