package dev.ironworks.io.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.FailureRates;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.core.scenario.AttentionKernel;
import dev.ironworks.core.scenario.CheckpointSpec;
import dev.ironworks.core.scenario.CloudBilling;
import dev.ironworks.core.scenario.ClusterSpec;
import dev.ironworks.core.scenario.FacilityOwnership;
import dev.ironworks.core.scenario.FinanceSpec;
import dev.ironworks.core.scenario.GradientReduce;
import dev.ironworks.core.scenario.InferenceWorkload;
import dev.ironworks.core.scenario.ParallelismSpec;
import dev.ironworks.core.scenario.PipelineSchedule;
import dev.ironworks.core.scenario.Precision;
import dev.ironworks.core.scenario.Recompute;
import dev.ironworks.core.scenario.ReliabilitySpec;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.scenario.ShardedGathers;
import dev.ironworks.core.scenario.SiteSpec;
import dev.ironworks.core.scenario.StorageChoice;
import dev.ironworks.core.scenario.Topology;
import dev.ironworks.core.scenario.TrainingOptions;
import dev.ironworks.core.scenario.TrainingRun;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/reference/scenario.md documents every key the reader accepts, and no other: a scenario that
 * uses every key in {@link #KEYS} (less the {@link #ALTERNATIVES}, each read in its own test) reads
 * cleanly; a misspelt key in each section is refused with exactly that section's keys from {@link
 * #KEYS} as the allowed ones (so the list cannot fall behind the reader); and the page has one
 * table row per key. The inline model's keys are a section only when {@code
 * workload.training.model} is a mapping, so the kitchen sink gives the model inline; likewise the
 * failure rates ({@code reliability.failureRates}), the Weibull distribution, the checkpoint and
 * the serving parallelism are given as mappings, and their scalar forms ({@code default} or a
 * catalog id, {@code exponential}, {@code auto}) are read in a test of their own. An inline {@code
 * workload.inference.model} takes the keys of {@code workload.training.model}, which a test checks
 * instead of listing them twice.
 */
class ScenarioDocTest {
  private static final Path DOC = Path.of("../docs/reference/scenario.md");

  /**
   * Every key the scenario reader accepts, as full dotted paths, in the reader's order (the inline
   * model's and the inline failure rates' in the order of the reference's tables).
   */
  static final List<String> KEYS =
      List.of(
          "name",
          "description",
          "cluster",
          "cluster.accelerator",
          "cluster.count",
          "cluster.server",
          "cluster.averagePowerWattsPerAccelerator",
          "cluster.fabric",
          "cluster.fabric.kind",
          "cluster.fabric.topology",
          "cluster.fabric.oversubscription",
          "cluster.storage",
          "cluster.storage.tier",
          "cluster.storage.capacityPetabytes",
          "cluster.storage.writeGigabytesPerSecond",
          "site",
          "site.region",
          "site.cooling",
          "site.pue",
          "site.electricityUsdPerKwh",
          "site.gridKgCo2ePerKwh",
          "site.wueLitersPerKwh",
          "site.carbonFreeEnergyFraction",
          "finance",
          "finance.horizonYears",
          "finance.utilization",
          "finance.cloudUsdPerAcceleratorHour",
          "finance.cloudBilling",
          "finance.facility",
          "finance.colocationUsdPerKwMonth",
          "finance.costOfCapital",
          "workload",
          "workload.training",
          "workload.training.model",
          "workload.training.model.parameters",
          "workload.training.model.layers",
          "workload.training.model.hiddenSize",
          "workload.training.model.attentionHeads",
          "workload.training.model.kvHeads",
          "workload.training.model.headDim",
          "workload.training.model.ffnHiddenSize",
          "workload.training.model.ffnGated",
          "workload.training.model.sequenceLength",
          "workload.training.model.contextTokens",
          "workload.training.model.vocabularySize",
          "workload.training.model.tiedEmbeddings",
          "workload.training.model.experts",
          "workload.training.model.activeExperts",
          "workload.training.model.sharedExperts",
          "workload.training.model.expertFfnHiddenSize",
          "workload.training.model.denseLayers",
          "workload.training.model.moeLayerInterval",
          "workload.training.model.attentionProjectionParameters",
          "workload.training.model.queryKeyHeadDim",
          "workload.training.model.slidingWindowTokens",
          "workload.training.model.slidingWindowLayers",
          "workload.training.model.kvLatentDim",
          "workload.training.model.kvRopeDim",
          "workload.training.model.activeParameters",
          "workload.training.model.trainingTokens",
          "workload.training.model.name",
          "workload.training.model.id",
          "workload.training.model.source",
          "workload.training.model.asOf",
          "workload.training.model.notes",
          "workload.training.tokens",
          "workload.training.globalBatchSequences",
          "workload.training.sequenceLength",
          "workload.training.precision",
          "workload.training.parallelism",
          "workload.training.parallelism.tensor",
          "workload.training.parallelism.pipeline",
          "workload.training.parallelism.data",
          "workload.training.parallelism.context",
          "workload.training.parallelism.expert",
          "workload.training.parallelism.microBatch",
          "workload.training.parallelism.interleave",
          "workload.training.parallelism.zeroStage",
          "workload.training.parallelism.recompute",
          "workload.training.parallelism.sequenceParallel",
          "workload.training.parallelism.shardGroup",
          "workload.training.parallelism.expertTensor",
          "workload.training.fusedAttention",
          "workload.training.attention",
          "workload.training.tensorParallelOverlap",
          "workload.training.expertOverlap",
          "workload.training.expertLoadImbalance",
          "workload.training.gradientReduce",
          "workload.training.shardedGathers",
          "workload.training.pipelineSchedule",
          "workload.training.durationDays",
          "workload.training.measured",
          "workload.training.measured.tokensPerSecond",
          "workload.training.measured.mfu",
          "workload.inference",
          "workload.inference.model",
          "workload.inference.tokensPerDay",
          "workload.inference.requestsPerSecond",
          "workload.inference.promptTokens",
          "workload.inference.outputTokens",
          "workload.inference.peakToAverage",
          "workload.inference.precision",
          "workload.inference.latency",
          "workload.inference.latency.ttftMillis",
          "workload.inference.latency.tpotMillis",
          "workload.inference.latency.percentile",
          "workload.inference.mode",
          "workload.inference.kvCachePrecision",
          "workload.inference.scheduler",
          "workload.inference.scheduler.tokenBudget",
          "workload.inference.scheduler.maxSequences",
          "workload.inference.speculative",
          "workload.inference.speculative.method",
          "workload.inference.speculative.draftTokens",
          "workload.inference.speculative.acceptanceRate",
          "workload.inference.speculative.draftModel",
          "workload.inference.prefixCacheHitRate",
          "workload.inference.lengths",
          "workload.inference.calibration",
          "workload.inference.batching",
          "workload.inference.pagedKvCache",
          "workload.inference.parallelism",
          "workload.inference.parallelism.tensor",
          "workload.inference.parallelism.pipeline",
          "workload.inference.parallelism.expert",
          "reliability",
          "reliability.failureRates",
          "reliability.failureRates.id",
          "reliability.failureRates.acceleratorMtbfYears",
          "reliability.failureRates.hostMtbfYears",
          "reliability.failureRates.nicMtbfYears",
          "reliability.failureRates.switchMtbfYears",
          "reliability.failureRates.softwareMtbfYears",
          "reliability.failureRates.linkFlapsPerDay",
          "reliability.failureRates.distribution",
          "reliability.failureRates.distribution.weibull",
          "reliability.failureRates.distribution.weibull.shape",
          "reliability.failureRates.weibullShape",
          "reliability.restartMinutes",
          "reliability.checkpoint",
          "reliability.checkpoint.intervalMinutes",
          "reliability.checkpoint.async",
          "reliability.checkpoint.writeSeconds",
          "reliability.spares",
          "reliability.spares.servers",
          "reliability.repairHours",
          "reliability.plannedMaintenancePerDay",
          "roadmap",
          "roadmap.fromYear",
          "roadmap.toYear",
          "roadmap.blockAccelerators",
          "roadmap.utilization",
          "roadmap.refresh",
          "roadmap.refresh.minYears",
          "roadmap.refresh.maxYears",
          "roadmap.generations",
          "roadmap.generations.accelerator",
          "roadmap.generations.server",
          "roadmap.demand",
          "roadmap.demand.training",
          "roadmap.demand.training.name",
          "roadmap.demand.training.model",
          "roadmap.demand.training.tokens",
          "roadmap.demand.training.growthPerYear",
          "roadmap.demand.training.fromYear",
          "roadmap.demand.training.byYear",
          "roadmap.demand.training.byYear.year",
          "roadmap.demand.training.byYear.tokens",
          "roadmap.demand.training.runsPerYear",
          "roadmap.demand.training.deadlineDays",
          "roadmap.demand.training.precision",
          "roadmap.demand.serving",
          "roadmap.demand.serving.name",
          "roadmap.demand.serving.model",
          "roadmap.demand.serving.tokensPerDay",
          "roadmap.demand.serving.growthPerYear",
          "roadmap.demand.serving.fromYear",
          "roadmap.demand.serving.byYear",
          "roadmap.demand.serving.byYear.year",
          "roadmap.demand.serving.byYear.tokensPerDay",
          "roadmap.demand.serving.promptTokens",
          "roadmap.demand.serving.outputTokens",
          "roadmap.demand.serving.peakToAverage",
          "roadmap.demand.serving.precision",
          "roadmap.demand.serving.latency",
          "roadmap.demand.serving.latency.ttftMillis",
          "roadmap.demand.serving.latency.tpotMillis",
          "roadmap.sites",
          "roadmap.sites.id",
          "roadmap.sites.region",
          "roadmap.sites.cooling",
          "roadmap.sites.pue",
          "roadmap.sites.grid",
          "roadmap.sites.grid.fromYear",
          "roadmap.sites.grid.megawatts",
          "roadmap.sites.existingMegawatts",
          "roadmap.sites.maxMegawatts",
          "roadmap.sites.maxFloorAreaM2",
          "roadmap.sites.constructionUsdPerMw",
          "roadmap.sites.leadTimeYears",
          "roadmap.sites.openingUsd",
          "roadmap.sites.power",
          "roadmap.sites.power.grid",
          "roadmap.sites.power.grid.usdPerMwh",
          "roadmap.sites.power.grid.kgCo2ePerKwh",
          "roadmap.sites.power.ppa",
          "roadmap.sites.power.ppa.name",
          "roadmap.sites.power.ppa.usdPerMwh",
          "roadmap.sites.power.ppa.carbonFreeFraction",
          "roadmap.sites.power.ppa.fromYear",
          "roadmap.sites.power.ppa.megawatts",
          "roadmap.sites.power.ppa.capacityFactor",
          "roadmap.sites.power.gas",
          "roadmap.sites.power.gas.usdPerKw",
          "roadmap.sites.power.gas.fuelUsdPerMwh",
          "roadmap.sites.power.gas.heatRateBtuPerKwh",
          "roadmap.sites.power.gas.kgCo2ePerMwhFuel",
          "roadmap.sites.power.gas.maxMegawatts",
          "roadmap.sites.power.gas.leadTimeYears",
          "roadmap.sites.power.gas.availability",
          "roadmap.sites.power.solar",
          "roadmap.sites.power.solar.usdPerKw",
          "roadmap.sites.power.solar.capacityFactor",
          "roadmap.sites.power.solar.maxMegawatts",
          "roadmap.sites.power.battery",
          "roadmap.sites.power.battery.usdPerKwh",
          "roadmap.sites.power.battery.hours",
          "roadmap.sites.power.battery.maxMegawattHours",
          "roadmap.sites.power.nuclear",
          "roadmap.sites.power.nuclear.usdPerMwh",
          "roadmap.sites.power.nuclear.megawatts",
          "roadmap.sites.power.nuclear.fromYear",
          "roadmap.sites.power.nuclear.capacityFactor",
          "roadmap.finance",
          "roadmap.finance.costOfCapital",
          "roadmap.finance.depreciation",
          "roadmap.finance.depreciation.method",
          "roadmap.finance.depreciation.lifeYears",
          "roadmap.finance.depreciation.lifeYears.compute",
          "roadmap.finance.depreciation.lifeYears.network",
          "roadmap.finance.depreciation.lifeYears.facility",
          "roadmap.finance.depreciation.lifeYears.power",
          "roadmap.finance.resaleByAge",
          "roadmap.finance.resaleByAge.ageYears",
          "roadmap.finance.resaleByAge.fraction",
          "roadmap.finance.acquisition",
          "roadmap.finance.leaseFractionOfPricePerYear",
          "roadmap.finance.acceleratorPriceFactor",
          "roadmap.finance.cloudBurst",
          "roadmap.finance.cloudBurst.accelerator",
          "roadmap.finance.cloudBurst.usdPerAcceleratorHour",
          "roadmap.limits",
          "roadmap.limits.budgetUsdPerYear",
          "roadmap.limits.carbonCapTco2ePerYear",
          "roadmap.limits.carbonPriceUsdPerTonne",
          "roadmap.strategies",
          "roadmap.strategies.name",
          "roadmap.strategies.refreshYears",
          "roadmap.strategies.ppa",
          "roadmap.strategies.gas",
          "roadmap.strategies.solar",
          "roadmap.strategies.battery",
          "roadmap.strategies.nuclear",
          "roadmap.strategies.cloudBurst",
          "roadmap.strategies.acquisition");

  /**
   * Listed keys that exclude another listed key, so that no one file can hold them all: the kitchen
   * sink and the reference's complete example leave these out and use the key in the value instead
   * ({@code measured} takes exactly one of its two keys, a serving demand is tokens a day or
   * requests a second).
   */
  static final Map<String, String> ALTERNATIVES =
      Map.of(
          "workload.training.measured.mfu", "workload.training.measured.tokensPerSecond",
          "workload.inference.requestsPerSecond", "workload.inference.tokensPerDay",
          "workload.training.fusedAttention", "workload.training.attention");

  /** The value each alternative key is read with: 0.4 unless listed. */
  private static final Map<String, Object> ALTERNATIVE_VALUES =
      Map.of("workload.training.fusedAttention", false);

  /** The keys one file can hold together: {@link #KEYS} less the {@link #ALTERNATIVES}. */
  static List<String> keysInOneFile() {
    return KEYS.stream().filter(k -> !ALTERNATIVES.containsKey(k)).toList();
  }

  /** Every key once, each with a value other than its default. */
  private static final String KITCHEN_SINK =
      """
      name: kitchen-sink
      description: Every scenario key once.
      cluster:
        accelerator: nvidia-h100-sxm-80gb
        count: 2048
        server: dgx-h100
        averagePowerWattsPerAccelerator: 1100
        fabric:
          kind: ethernet-roce-400g
          topology: fat-tree
          oversubscription: 2
        storage:
          tier: hybrid-flash-hdd
          capacityPetabytes: 5
          writeGigabytesPerSecond: 200
      site:
        region: us-oregon
        cooling: liquid-cold-plate
        pue: 1.12
        electricityUsdPerKwh: 0.07
        gridKgCo2ePerKwh: 0.25
        wueLitersPerKwh: 0.2
        carbonFreeEnergyFraction: 0.5
      finance:
        horizonYears: 4
        utilization: 0.85
        cloudUsdPerAcceleratorHour: 3.5
        cloudBilling: on-demand
        facility: lease
        colocationUsdPerKwMonth: 150
        costOfCapital: 0.1
      workload:
        training:
          model:
            parameters: 4.1e9
            layers: 24
            hiddenSize: 2048
            attentionHeads: 16
            kvHeads: 4
            headDim: 64
            ffnHiddenSize: 5632
            ffnGated: true
            sequenceLength: 4096
            contextTokens: 32768
            vocabularySize: 32000
            tiedEmbeddings: true
            experts: 8
            activeExperts: 2
            sharedExperts: 1
            expertFfnHiddenSize: 1408
            denseLayers: 2
            moeLayerInterval: 2
            attentionProjectionParameters: 6e6
            queryKeyHeadDim: 96
            slidingWindowTokens: 1024
            slidingWindowLayers: 12
            kvLatentDim: 256
            kvRopeDim: 32
            activeParameters: 1.5e9
            trainingTokens: 2e12
            name: Kitchen MoE
            id: kitchen-moe
            source: an internal design note
            asOf: '2025-01'
            notes: every architecture key once
          tokens: 1e12
          globalBatchSequences: 512
          sequenceLength: 2048
          precision: fp16
          parallelism:
            tensor: 2
            pipeline: 1
            data: 64
            context: 2
            expert: 2
            microBatch: 2
            interleave: 1
            zeroStage: 3
            recompute: selective
            sequenceParallel: false
            shardGroup: 8
            expertTensor: 1
          attention: unfused
          tensorParallelOverlap: true
          expertOverlap: true
          expertLoadImbalance: 1.3
          gradientReduce: bf16
          shardedGathers: tensor
          pipelineSchedule: zero-bubble
          durationDays: 30
          measured:
            tokensPerSecond: 1.2e6
        inference:
          model: llama3-8b
          tokensPerDay: 1e9
          promptTokens: 500
          outputTokens: 100
          peakToAverage: 3
          precision: bf16
          latency:
            ttftMillis: 2000
            tpotMillis: 80
            percentile: p90
          mode: aggregated
          kvCachePrecision: fp8
          scheduler:
            tokenBudget: 4096
            maxSequences: 64
          speculative:
            method: draft
            draftTokens: 4
            acceptanceRate: 0.7
            draftModel: mpt-125m
          prefixCacheHitRate: 0.3
          lengths: fixed
          calibration: nvidia-hopper-2024
          batching: static
          pagedKvCache: false
          parallelism:
            tensor: 2
            pipeline: 2
            expert: 1
      reliability:
        failureRates:
          id: kitchen-rates
          acceleratorMtbfYears: 5
          hostMtbfYears: 4
          nicMtbfYears: 200
          switchMtbfYears: 3
          softwareMtbfYears: 20
          linkFlapsPerDay: 1
          distribution:
            weibull:
              shape: 0.7
          weibullShape: 0.9
        restartMinutes: 20
        checkpoint:
          intervalMinutes: 90
          async: true
          writeSeconds: 300
        spares:
          servers: 6
        repairHours: 72
        plannedMaintenancePerDay: 0.25
      roadmap:
        fromYear: 2026
        toYear: 2030
        blockAccelerators: 1024
        utilization: 0.8
        refresh:
          minYears: 2
          maxYears: 5
        generations:
          - accelerator: nvidia-b200
            server: dgx-b200
        demand:
          training:
            - name: yearly-pretraining
              model: llama3-70b
              tokens: 15e12
              growthPerYear: 2
              fromYear: 2026
              byYear:
                - year: 2026
                  tokens: 15e12
              runsPerYear: 2
              deadlineDays: 60
              precision: bf16
          serving:
            - name: chat
              model: llama3-8b
              tokensPerDay: 1e10
              growthPerYear: 3
              fromYear: 2026
              byYear:
                - year: 2026
                  tokensPerDay: 1e10
              promptTokens: 1000
              outputTokens: 250
              peakToAverage: 2
              precision: fp8
              latency:
                ttftMillis: 500
                tpotMillis: 50
        sites:
          - id: abilene
            region: us-texas
            cooling: liquid-cold-plate
            pue: 1.2
            grid:
              - fromYear: 2026
                megawatts: 100
            existingMegawatts: 20
            maxMegawatts: 500
            maxFloorAreaM2: 100000
            constructionUsdPerMw: 11e6
            leadTimeYears: 2
            openingUsd: 0
            power:
              grid:
                usdPerMwh: 70
                kgCo2ePerKwh: 0.37
              ppa:
                - name: wind
                  usdPerMwh: 45
                  carbonFreeFraction: 1
                  fromYear: 2027
                  megawatts: 100
                  capacityFactor: 0.4
              gas:
                usdPerKw: 1100
                fuelUsdPerMwh: 12
                heatRateBtuPerKwh: 6400
                kgCo2ePerMwhFuel: 181
                maxMegawatts: 200
                leadTimeYears: 2
                availability: 0.9
              solar:
                usdPerKw: 1100
                capacityFactor: 0.25
                maxMegawatts: 100
              battery:
                usdPerKwh: 300
                hours: 4
                maxMegawattHours: 400
              nuclear:
                usdPerMwh: 95
                megawatts: 100
                fromYear: 2029
                capacityFactor: 0.9
        finance:
          costOfCapital: 0.09
          depreciation:
            method: double-declining
            lifeYears:
              compute: 6
              network: 6
              facility: 20
              power: 20
          resaleByAge:
            - ageYears: 3
              fraction: 0.3
          acquisition: lease
          leaseFractionOfPricePerYear: 0.3
          acceleratorPriceFactor: 1.1
          cloudBurst:
            - accelerator: nvidia-b200
              usdPerAcceleratorHour: 5
        limits:
          budgetUsdPerYear: 5e9
          carbonCapTco2ePerYear: 500000
          carbonPriceUsdPerTonne: 50
        strategies:
          - name: refresh-every-3-years
            refreshYears: 3
            ppa: true
            gas: false
            solar: true
            battery: true
            nuclear: true
            cloudBurst: true
            acquisition: buy
      """;

  private final Catalog catalog = CatalogLoader.builtin();

  @Test
  void theKitchenSinkUsesEveryListedKey() {
    assertEquals(keysInOneFile(), paths(load(KITCHEN_SINK)));
  }

  @Test
  void eachAlternativeKeyReadsInPlaceOfTheKeyItExcludes() {
    for (Map.Entry<String, String> alternative : ALTERNATIVES.entrySet()) {
      String key = alternative.getKey();
      String excluded = alternative.getValue();
      String section = key.substring(0, key.lastIndexOf('.'));
      Map<String, Object> alone = deepCopy(load(KITCHEN_SINK));
      mapAt(alone, section).remove(last(excluded));
      Object value = ALTERNATIVE_VALUES.getOrDefault(key, 0.4);
      mapAt(alone, section).put(last(key), value);
      ScenarioReader.read("alternative.yaml", dump(alone), catalog);

      Map<String, Object> both = deepCopy(load(KITCHEN_SINK));
      mapAt(both, section).put(last(key), value);
      InputException e =
          assertThrows(
              InputException.class,
              () -> ScenarioReader.read("both.yaml", dump(both), catalog),
              key + " with " + excluded);
      // Reported on the section (measured) or on the alternative key (requestsPerSecond).
      String field = e.problems().get(0).field();
      assertTrue(field.equals(section) || field.equals(key), e.getMessage());
    }
  }

  @Test
  void theModelMayBeACatalogIdAndTheParallelismAuto() {
    Map<String, Object> sink = deepCopy(load(KITCHEN_SINK));
    Map<String, Object> training = mapAt(sink, "workload.training");
    training.put("model", "llama3-70b");
    training.put("parallelism", "auto");
    TrainingRun run =
        ScenarioReader.read("by-id.yaml", dump(sink), catalog).scenario().training().orElseThrow();
    assertEquals("llama3-70b", run.model().orElseThrow());
    assertEquals(catalog.model("llama3-70b"), run.architecture().orElseThrow());
    assertTrue(run.parallelism().isAuto());
  }

  @Test
  void theNewSectionsTakeTheirScalarForms() {
    Map<String, Object> sink = deepCopy(load(KITCHEN_SINK));
    Map<String, Object> reliability = mapAt(sink, "reliability");
    reliability.put("failureRates", "seed-3y");
    reliability.put("checkpoint", "auto");
    mapAt(sink, "workload.inference").put("parallelism", "auto");
    Scenario s = ScenarioReader.read("scalars.yaml", dump(sink), catalog).scenario();
    ReliabilitySpec spec = s.reliability().orElseThrow();
    assertEquals(catalog.failureRates("seed-3y"), spec.failureRates());
    assertEquals(CheckpointSpec.auto(), spec.checkpoint());
    InferenceWorkload w = s.inference().orElseThrow();
    assertTrue(w.tensor().isEmpty() && w.pipeline().isEmpty() && w.expert().isEmpty());

    reliability.put("failureRates", FailureRates.DEFAULT);
    assertEquals(
        catalog.failureRates(FailureRates.DEFAULT),
        ScenarioReader.read("default.yaml", dump(sink), catalog)
            .scenario()
            .reliability()
            .orElseThrow()
            .failureRates());

    Map<String, Object> exponential = deepCopy(load(KITCHEN_SINK));
    mapAt(exponential, "reliability.failureRates").put("distribution", "exponential");
    mapAt(exponential, "reliability.failureRates").remove("weibullShape");
    assertEquals(
        1.0,
        ScenarioReader.read("exponential.yaml", dump(exponential), catalog)
            .scenario()
            .reliability()
            .orElseThrow()
            .failureRates()
            .weibullShape());
  }

  @Test
  void anInlineServingModelTakesTheKeysOfTheTrainingModel() {
    Map<String, Object> sink = deepCopy(load(KITCHEN_SINK));
    Map<String, Object> inline = deepCopy(mapAt(sink, "workload.training.model"));
    mapAt(sink, "workload.inference").put("model", inline);
    Scenario s = ScenarioReader.read("inline.yaml", dump(sink), catalog).scenario();
    assertEquals(
        s.training().orElseThrow().architecture().orElseThrow(),
        s.inference().orElseThrow().architecture());
    assertEquals("Kitchen MoE", s.inference().orElseThrow().model());

    inline.put("note", 1);
    InputException e =
        assertThrows(
            InputException.class, () -> ScenarioReader.read("misspelt.yaml", dump(sink), catalog));
    Problem problem = e.problems().get(0);
    assertEquals("workload.inference.model.note", problem.field());
    String allowedHere = "; allowed here: ";
    List<String> allowed =
        List.of(
            problem
                .message()
                .substring(problem.message().indexOf(allowedHere) + allowedHere.length())
                .split(", "));
    assertEquals(
        new TreeSet<>(childKeys("workload.training.model")),
        new TreeSet<>(allowed),
        "an inline workload.inference.model reads the keys of workload.training.model");
  }

  @Test
  void clusterCountMayBeLeftOutOnlyToSizeAServingFleet() {
    Map<String, Object> serving = deepCopy(load(KITCHEN_SINK));
    mapAt(serving, "cluster").remove("count");
    mapAt(serving, "workload").remove("training");
    serving.remove("reliability");
    Scenario s = ScenarioReader.read("serving.yaml", dump(serving), catalog).scenario();
    Plan plan = Planner.plan(s, catalog);
    assertEquals(
        plan.inference().orElseThrow().acceleratorCount(), plan.cluster().acceleratorCount());

    Map<String, Object> training = deepCopy(load(KITCHEN_SINK));
    mapAt(training, "cluster").remove("count");
    InputException e =
        assertThrows(
            InputException.class,
            () -> ScenarioReader.read("training.yaml", dump(training), catalog));
    assertEquals("cluster.count", e.problems().get(0).field(), e.getMessage());

    Map<String, Object> both = deepCopy(load(KITCHEN_SINK));
    Plan added =
        Planner.plan(ScenarioReader.read("both.yaml", dump(both), catalog).scenario(), catalog);
    assertEquals(
        2048 + added.inference().orElseThrow().acceleratorCount(),
        added.cluster().acceleratorCount());
  }

  private static String last(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  @Test
  void theReaderTakesEveryKeyOfTheKitchenSinkIntoTheScenario() {
    Scenario s = ScenarioReader.read("kitchen-sink.yaml", KITCHEN_SINK, catalog).scenario();
    assertEquals("kitchen-sink", s.name());
    ClusterSpec c = s.cluster();
    assertEquals("nvidia-h100-sxm-80gb", c.acceleratorId());
    assertEquals(2048, c.acceleratorCount());
    assertEquals("dgx-h100", c.serverId().orElseThrow());
    assertEquals(1100, c.averagePowerWattsPerAccelerator().getAsDouble());
    assertEquals("ethernet-roce-400g", c.fabric().fabricId().orElseThrow());
    assertEquals(Topology.FAT_TREE, c.fabric().topology().orElseThrow());
    assertEquals(2, c.fabric().oversubscription());
    StorageChoice storage = c.storage().orElseThrow();
    assertEquals("hybrid-flash-hdd", storage.tierId());
    assertEquals(5, storage.capacityPetabytes());
    assertEquals(200, storage.writeGigabytesPerSecond().getAsDouble());
    SiteSpec site = s.site();
    assertEquals("us-oregon", site.regionId());
    assertEquals("liquid-cold-plate", site.coolingId());
    assertEquals(1.12, site.pue().getAsDouble());
    assertEquals(0.07, site.electricityUsdPerKwh().getAsDouble());
    assertEquals(0.25, site.gridKgCo2ePerKwh().getAsDouble());
    assertEquals(0.2, site.wueLitersPerKwh().getAsDouble());
    assertEquals(0.5, site.carbonFreeEnergyFraction());
    FinanceSpec finance = s.finance();
    assertEquals(4, finance.horizonYears());
    assertEquals(0.85, finance.utilization());
    assertEquals(3.5, finance.cloudUsdPerAcceleratorHour().getAsDouble());
    assertEquals(CloudBilling.ON_DEMAND, finance.cloudBilling());
    assertEquals(FacilityOwnership.LEASE, finance.facility());
    assertEquals(150, finance.colocationUsdPerKwMonth().getAsDouble());
    assertEquals(0.1, finance.costOfCapital());
    TrainingRun run = s.training().orElseThrow();
    assertEquals("Kitchen MoE", run.model().orElseThrow());
    TransformerModel model = run.architecture().orElseThrow();
    assertEquals(4.1e9, model.parameters());
    assertEquals(24, model.layers());
    assertEquals(2048, model.hiddenSize());
    assertEquals(16, model.attentionHeads());
    assertEquals(4, model.kvHeads());
    assertEquals(64, model.headDim());
    assertEquals(5632, model.ffnHiddenSize());
    assertTrue(model.ffnGated());
    assertEquals(4096, model.sequenceLength());
    assertEquals(32000, model.vocabularySize());
    assertTrue(model.tiedEmbeddings());
    assertEquals(8, model.experts());
    assertEquals(2, model.activeExperts());
    assertEquals(1, model.sharedExperts());
    assertEquals(1408, model.expertFfnHiddenSize());
    assertEquals(2, model.denseLayers());
    assertEquals(2, model.moeLayerInterval());
    assertEquals(6e6, model.attentionProjectionParameters().getAsDouble());
    assertEquals(96, model.queryKeyHeadDim());
    assertEquals(1024, model.slidingWindowTokens());
    assertEquals(12, model.slidingWindowLayers());
    assertEquals(32768, model.contextTokens());
    assertEquals(1.5e9, model.activeParametersPublished().getAsDouble());
    assertEquals(2e12, model.trainingTokens().getAsDouble());
    assertEquals("kitchen-moe", model.id());
    assertEquals("an internal design note", model.provenance().source());
    assertEquals("2025-01", model.provenance().asOf());
    assertEquals("every architecture key once", model.provenance().notes());
    assertEquals(1e12, run.tokens().getAsDouble());
    assertEquals(512, run.globalBatchSequences().getAsInt());
    assertEquals(2048, run.sequenceLength().getAsInt());
    assertEquals(Precision.FP16, run.precision());
    ParallelismSpec p = run.parallelism();
    assertEquals(2, p.tensor().getAsInt());
    assertEquals(1, p.pipeline().getAsInt());
    assertEquals(64, p.data().getAsInt());
    assertEquals(2, p.context().getAsInt());
    assertEquals(2, p.expert().getAsInt());
    assertEquals(2, p.microBatch().getAsInt());
    assertEquals(1, p.interleave().getAsInt());
    assertEquals(3, p.zeroStage().getAsInt());
    assertEquals(Recompute.SELECTIVE, p.recompute().orElseThrow());
    assertFalse(p.sequenceParallel().orElseThrow());
    assertEquals(8, p.shardGroup().getAsInt());
    assertEquals(1, p.expertTensor().getAsInt());
    assertFalse(run.fusedAttention());
    TrainingOptions options = run.options();
    assertEquals(AttentionKernel.UNFUSED, options.attention());
    assertTrue(options.tensorParallelOverlap());
    assertTrue(options.expertOverlap());
    assertEquals(1.3, options.expertLoadImbalance());
    assertEquals(GradientReduce.BF16, options.gradientReduce());
    assertEquals(ShardedGathers.TENSOR, options.shardedGathers());
    assertEquals(PipelineSchedule.ZERO_BUBBLE, options.pipelineSchedule());
    assertEquals(30, run.durationDays().getAsDouble());
    assertEquals(1.2e6, run.measured().orElseThrow().tokensPerSecond().getAsDouble());
    InferenceWorkload w = s.inference().orElseThrow();
    assertEquals("llama3-8b", w.model());
    assertEquals(catalog.model("llama3-8b"), w.architecture());
    assertEquals(1e9, w.tokensPerDay().getAsDouble());
    assertTrue(w.requestsPerSecond().isEmpty());
    assertEquals(500, w.promptTokens());
    assertEquals(100, w.outputTokens());
    assertEquals(3, w.peakToAverage());
    assertEquals(Precision.BF16, w.precision().orElseThrow());
    assertEquals(2000, w.ttftMillis().getAsDouble());
    assertEquals(80, w.tpotMillis().getAsDouble());
    assertFalse(w.continuousBatching());
    assertFalse(w.pagedKvCache());
    assertEquals(2, w.tensor().getAsInt());
    assertEquals(2, w.pipeline().getAsInt());
    assertEquals(1, w.expert().getAsInt());
    ReliabilitySpec r = s.reliability().orElseThrow();
    FailureRates rates = r.failureRates();
    assertEquals("kitchen-rates", rates.id());
    assertEquals(5, rates.acceleratorMtbfYears().getAsDouble());
    assertEquals(4, rates.hostMtbfYears().getAsDouble());
    assertEquals(200, rates.nicMtbfYears().getAsDouble());
    assertEquals(3, rates.switchMtbfYears().getAsDouble());
    assertEquals(20, rates.softwareMtbfYears().getAsDouble());
    assertEquals(1, rates.linkFlapsPerDay());
    assertEquals(0.7, rates.weibullShape()); // distribution's shape, not weibullShape's 0.9
    assertEquals(20, r.restartMinutes());
    assertEquals(90, r.checkpoint().intervalMinutes().getAsDouble());
    assertTrue(r.checkpoint().async());
    assertEquals(300, r.checkpoint().writeSeconds().getAsDouble());
    assertEquals(6, r.spareServers().getAsInt());
    assertEquals(72, r.repairHours());
    assertEquals(0.25, r.plannedMaintenancePerDay());
    Plan plan = Planner.plan(s, catalog);
    assertTrue(plan.inference().isPresent());
    assertEquals("kitchen-rates", plan.reliability().orElseThrow().failureRates());
  }

  @Test
  void aMisspeltKeyInEachSectionIsRefusedWithThatSectionsListedKeys() {
    Map<String, Object> sink = load(KITCHEN_SINK);
    for (String section : sections()) {
      List<String> keys = childKeys(section);
      String misspelt = keys.get(keys.size() - 1);
      misspelt = misspelt.substring(0, misspelt.length() - 1);
      assertFalse(keys.contains(misspelt), misspelt);
      Map<String, Object> copy = deepCopy(sink);
      mapAt(copy, section).put(misspelt, 1);
      String field = section.isEmpty() ? misspelt : section + "." + misspelt;

      InputException e =
          assertThrows(
              InputException.class,
              () -> ScenarioReader.read("misspelt.yaml", dump(copy), catalog),
              field);
      assertEquals(1, e.problems().size(), e.getMessage());
      Problem problem = e.problems().get(0);
      // A list's item is named by its index in problems (sites[0].region).
      assertEquals(field, problem.field().replaceAll("\\[\\d+\\]", ""));
      assertTrue(problem.message().startsWith("unknown key"), problem.message());
      String allowedHere = "; allowed here: ";
      int at = problem.message().indexOf(allowedHere);
      assertTrue(at >= 0, problem.message());
      List<String> allowed =
          List.of(problem.message().substring(at + allowedHere.length()).split(", "));
      assertEquals(
          new TreeSet<>(keys),
          new TreeSet<>(allowed),
          "keys of '" + section + "' in ScenarioDocTest.KEYS vs the reader's");
      assertEquals(keys.size(), allowed.size(), allowed.toString());
    }
  }

  @Test
  void theReferenceHasOneTableRowPerKeyAndNoOther() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    Matcher row = Pattern.compile("(?m)^\\| `([A-Za-z0-9.]+)` \\|").matcher(doc);
    List<String> documented = new ArrayList<>();
    while (row.find()) {
      documented.add(row.group(1));
    }
    Set<String> missing = new LinkedHashSet<>(KEYS);
    missing.removeAll(documented);
    assertTrue(missing.isEmpty(), "keys missing from docs/reference/scenario.md: " + missing);
    List<String> unknown = documented.stream().filter(k -> !KEYS.contains(k)).toList();
    assertTrue(unknown.isEmpty(), "rows for keys the reader does not accept: " + unknown);
    assertEquals(documented.size(), new LinkedHashSet<>(documented).size(), "a key has two rows");
  }

  @Test
  void theReferencesCompleteExampleUsesEveryKeyAndPlans() throws IOException {
    List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
    List<String> yamlBlocks = fencedBlocks(lines, "```yaml");
    assertFalse(yamlBlocks.isEmpty(), "no ```yaml block in docs/reference/scenario.md");
    String example = yamlBlocks.get(0);
    assertEquals(
        keysInOneFile(),
        paths(load(example)),
        "the complete example should use every key once (less the alternatives)");
    Scenario s = ScenarioReader.read("example.yaml", example, catalog).scenario();
    Planner.plan(s, catalog);
  }

  /** Sections are the listed keys whose values are mappings, and the root (""). */
  private static List<String> sections() {
    List<String> sections = new ArrayList<>();
    sections.add("");
    for (String key : KEYS) {
      if (KEYS.stream().anyMatch(k -> k.startsWith(key + "."))) {
        sections.add(key);
      }
    }
    return sections;
  }

  private static List<String> childKeys(String section) {
    String prefix = section.isEmpty() ? "" : section + ".";
    return KEYS.stream()
        .filter(k -> k.startsWith(prefix) && !k.substring(prefix.length()).contains("."))
        .map(k -> k.substring(prefix.length()))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(String yaml) {
    return (Map<String, Object>) new Yaml().load(yaml);
  }

  private static String dump(Map<String, Object> map) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(map);
  }

  /** Dotted paths of every key of a nested mapping, depth first in file order. */
  private static List<String> paths(Map<String, Object> map) {
    List<String> out = new ArrayList<>();
    walk("", map, out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void walk(String prefix, Map<String, Object> map, List<String> out) {
    for (Map.Entry<String, Object> entry : map.entrySet()) {
      String path = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
      out.add(path);
      if (entry.getValue() instanceof Map<?, ?> child) {
        walk(path, (Map<String, Object>) child, out);
      } else if (entry.getValue() instanceof List<?> list
          && !list.isEmpty()
          && list.get(0) instanceof Map<?, ?> item) {
        // A list of mappings: its items' keys are children of its path (the first item's).
        walk(path, (Map<String, Object>) item, out);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : map.entrySet()) {
      Object value = entry.getValue();
      Object copied = value;
      if (value instanceof Map<?, ?> child) {
        copied = deepCopy((Map<String, Object>) child);
      } else if (value instanceof List<?> list) {
        List<Object> items = new ArrayList<>();
        for (Object item : list) {
          items.add(item instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : item);
        }
        copied = items;
      }
      copy.put(entry.getKey(), copied);
    }
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mapAt(Map<String, Object> root, String section) {
    Map<String, Object> map = root;
    if (!section.isEmpty()) {
      for (String part : section.split("\\.")) {
        Object next = map.get(part);
        // A list of mappings stands for its first item.
        map = (Map<String, Object>) (next instanceof List<?> list ? list.get(0) : next);
      }
    }
    return map;
  }

  /** The bodies of the fenced blocks opened by {@code fence}, in order. */
  private static List<String> fencedBlocks(List<String> lines, String fence) {
    List<String> blocks = new ArrayList<>();
    StringBuilder current = null;
    for (String line : lines) {
      if (current == null && line.strip().equals(fence)) {
        current = new StringBuilder();
      } else if (current != null && line.strip().equals("```")) {
        blocks.add(current.toString());
        current = null;
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    return blocks;
  }
}
