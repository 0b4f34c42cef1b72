package dev.ironworks.core.inference;

import static dev.ironworks.core.inference.InferenceFixtures.OUTPUT_TOKENS;
import static dev.ironworks.core.inference.InferenceFixtures.PROMPT_TOKENS;
import static dev.ironworks.core.inference.InferenceFixtures.catalog;
import static dev.ironworks.core.inference.InferenceFixtures.h100;
import static dev.ironworks.core.inference.InferenceFixtures.hgxH100;
import static dev.ironworks.core.inference.InferenceFixtures.llama70b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.plan.FleetSize;
import dev.ironworks.core.plan.InferencePlanner;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.InferenceWorkload;
import dev.ironworks.core.scenario.Precision;
import dev.ironworks.core.scenario.ServingMode;
import dev.ironworks.core.scenario.ServingSpec;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Sizing a Llama-2-70B chat service on HGX H100s: one billion output tokens a day, provisioned for
 * twice the average, BF16 weights on eight-way tensor-parallel replicas.
 */
class InferencePlannerSizingTest {
  private static final double TOKENS_PER_DAY = 1e9;
  private static final double SECONDS_PER_DAY = 86_400;
  private static final double PEAK_TO_AVERAGE = 2;
  private static final int TENSOR = 8;
  private static final double PEAK_TOKENS_PER_SECOND =
      TOKENS_PER_DAY / SECONDS_PER_DAY * PEAK_TO_AVERAGE;

  private static InferenceWorkload workload(
      OptionalDouble tokensPerDay, OptionalDouble ttftMillis, OptionalDouble tpotMillis) {
    return new InferenceWorkload(
        "llama-2-70b",
        llama70b(),
        tokensPerDay,
        OptionalDouble.empty(),
        PROMPT_TOKENS,
        OUTPUT_TOKENS,
        PEAK_TO_AVERAGE,
        Optional.of(Precision.BF16),
        ttftMillis,
        tpotMillis,
        true,
        true,
        OptionalInt.of(TENSOR),
        OptionalInt.empty(),
        OptionalInt.empty(),
        ServingSpec.DEFAULT);
  }

  /** The same workload served aggregated only. */
  private static InferenceWorkload aggregated(InferenceWorkload w) {
    return inMode(w, ServingMode.AGGREGATED);
  }

  private static InferenceWorkload inMode(InferenceWorkload w, ServingMode mode) {
    ServingSpec s = w.serving();
    return w.withServing(
        new ServingSpec(
            s.percentile(),
            mode,
            s.kvCachePrecision(),
            s.tokenBudget(),
            s.maxSequences(),
            s.speculative(),
            s.prefixCacheHitRate(),
            s.lengths(),
            s.calibration()));
  }

  private static InferenceWorkload chatService() {
    return workload(
        OptionalDouble.of(TOKENS_PER_DAY), OptionalDouble.of(1000), OptionalDouble.of(50));
  }

  /** The chat service's demand with no latency targets and the given degrees. */
  private static InferenceWorkload withDegrees(OptionalInt tensor, OptionalInt pipeline) {
    return new InferenceWorkload(
        "llama-2-70b",
        llama70b(),
        OptionalDouble.of(TOKENS_PER_DAY),
        OptionalDouble.empty(),
        PROMPT_TOKENS,
        OUTPUT_TOKENS,
        PEAK_TO_AVERAGE,
        Optional.of(Precision.BF16),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        true,
        true,
        tensor,
        pipeline,
        OptionalInt.empty(),
        ServingSpec.DEFAULT);
  }

  private static InferencePlanner.Sizing size(InferenceWorkload w, FleetSize fleet) {
    return InferencePlanner.size(w, h100(), hgxH100(), catalog(), fleet);
  }

  @Test
  void sizesEnoughReplicasForThePeakDemand() {
    // 1 B tokens a day is 11,574 tokens/s on average and 23,148 at the peak; the fleet is the
    // replicas of the chosen configuration that carry the peak, eight H100s each.
    InferencePlanner.Sizing sizing = size(chatService(), FleetSize.FROM_DEMAND);
    InferenceModel.Estimate chosen = sizing.result().best().orElseThrow();
    assertEquals(TENSOR, chosen.config().tensor());
    assertTrue(chosen.tpotSeconds() <= 0.050 && chosen.ttftSeconds() <= 1.0);
    long replicas = (long) Math.ceil(PEAK_TOKENS_PER_SECOND / chosen.tokensPerSecond());
    assertEquals(replicas, sizing.replicas());
    assertEquals(replicas * chosen.config().acceleratorsPerReplica(), sizing.acceleratorCount());
    assertFalse(sizing.fleetGiven());
  }

  @Test
  void aGivenFleetServesWithAsManyWholeReplicasAsItHolds() {
    // Twenty H100s hold two eight-GPU replicas; the four left over stay in the fleet.
    InferencePlanner.Sizing sizing = size(chatService(), new FleetSize.Given(20));
    assertEquals(2, sizing.replicas());
    assertEquals(20, sizing.acceleratorCount());
    assertTrue(sizing.fleetGiven());
  }

  @Test
  void aFleetSmallerThanOneReplicaNamesTheCount() {
    // Four H100s cannot hold an eight-way tensor-parallel replica: the count is what to change.
    InfeasibleScenarioException e =
        assertThrows(
            InfeasibleScenarioException.class, () -> size(chatService(), new FleetSize.Given(4)));
    assertEquals("cluster.count", e.field());
    assertTrue(e.getMessage().contains("needs 8"), e.getMessage());
  }

  @Test
  void aFixedTensorDegreeStillFindsPipelineStages() {
    // 70B in BF16 (140 GB) on one H100 per stage needs two stages: with tensor 1 fixed, the
    // search must not skip the pipeline in favour of a wider tensor group it may not use.
    InferenceWorkload oneWide = withDegrees(OptionalInt.of(1), OptionalInt.empty());
    InferencePlanner.Sizing sizing = size(oneWide, FleetSize.FROM_DEMAND);
    InferenceModel.Estimate chosen = sizing.result().best().orElseThrow();
    assertEquals(1, chosen.config().tensor());
    assertTrue(chosen.config().pipeline() >= 2, chosen.config().toString());
  }

  @Test
  void fixedDegreesTooSmallForTheWeightsNameTheParallelism() {
    // 70B in BF16 (140 GB) cannot sit on one 80 GB H100 with a single stage: the degrees the
    // scenario fixed are the problem, not the accelerator, and two stages would hold it.
    InferenceWorkload oneDevice = withDegrees(OptionalInt.of(1), OptionalInt.of(1));
    for (FleetSize fleet : new FleetSize[] {FleetSize.FROM_DEMAND, new FleetSize.Given(64)}) {
      InfeasibleScenarioException e =
          assertThrows(InfeasibleScenarioException.class, () -> size(oneDevice, fleet));
      assertEquals("workload.inference.parallelism", e.field());
      assertTrue(e.getMessage().contains("does not fit on tensor 1 × pipeline 1"), e.getMessage());
      assertTrue(e.getMessage().contains("it fits on tensor 1 × pipeline 2"), e.getMessage());
    }
  }

  @Test
  void requestsLongerThanTheModelsContextAreRefusedByField() {
    // Llama 2 70B attends over 4,096 positions: 4,000 prompt and 500 output tokens do not fit,
    // whatever fleet would carry them.
    InferenceWorkload w =
        workload(OptionalDouble.of(TOKENS_PER_DAY), OptionalDouble.empty(), OptionalDouble.empty());
    InferenceWorkload longer =
        new InferenceWorkload(
            w.model(),
            w.architecture(),
            w.tokensPerDay(),
            w.requestsPerSecond(),
            4000,
            500,
            w.peakToAverage(),
            w.precision(),
            w.ttftMillis(),
            w.tpotMillis(),
            w.continuousBatching(),
            w.pagedKvCache(),
            w.tensor(),
            w.pipeline(),
            w.expert(),
            w.serving());
    InfeasibleScenarioException e =
        assertThrows(InfeasibleScenarioException.class, () -> size(longer, FleetSize.FROM_DEMAND));
    assertEquals("workload.inference.promptTokens", e.field());
    assertTrue(e.getMessage().contains("4,500 tokens"), e.getMessage());
    assertTrue(e.getMessage().contains("<= 4,096"), e.getMessage());
    // Within the context, it plans.
    assertTrue(size(w, FleetSize.FROM_DEMAND).acceleratorCount() > 0);
  }

  @Test
  void unreachableLatencyTargetsWithoutAFleetNameTheLatencyTargets() {
    // A 0.1 ms time per output token is beyond any H100 configuration: even at batch 1 the
    // 80 layers' kernel launches alone take 2 ms.
    InferenceWorkload impatient =
        workload(OptionalDouble.of(TOKENS_PER_DAY), OptionalDouble.of(1), OptionalDouble.of(0.1));
    InfeasibleScenarioException e =
        assertThrows(
            InfeasibleScenarioException.class, () -> size(impatient, FleetSize.FROM_DEMAND));
    assertEquals("workload.inference.latency", e.field());
  }

  @Test
  void neitherDemandNorFleetAsksForADemand() {
    InferenceWorkload idle =
        workload(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
    InfeasibleScenarioException e =
        assertThrows(InfeasibleScenarioException.class, () -> size(idle, FleetSize.FROM_DEMAND));
    assertEquals("workload.inference.tokensPerDay", e.field());
  }

  private static ServingFigures figures(InferenceWorkload w, InferencePlanner.Sizing sizing) {
    return InferencePlanner.report(w, sizing, 2, 1000, 100, 0.2, 0.75, 1.2, 0.4, 0).serving();
  }

  @Test
  void moreAcceleratorsNeverWorsenAPercentile() {
    // A given fleet under a fixed demand: each replica added lowers every replica's rate, so
    // no percentile of the queueing model may rise. Seeded draws of demand and fleet size.
    SplittableRandom draws = new SplittableRandom(424242);
    int compared = 0;
    for (int i = 0; i < 8; i++) {
      double tokensPerDay = 2e8 * (1 + 4 * draws.nextDouble());
      InferenceWorkload w =
          aggregated(
              workload(
                  OptionalDouble.of(tokensPerDay), OptionalDouble.of(1000), OptionalDouble.of(50)));
      long fleet = TENSOR * (2 + draws.nextInt(4));
      InferencePlanner.Sizing fewer = size(w, new FleetSize.Given(fleet));
      InferencePlanner.Sizing more = size(w, new FleetSize.Given(fleet + TENSOR));
      ServingFigures a = figures(w, fewer);
      ServingFigures b = figures(w, more);
      // Aggregated: disaggregated, a replica more may go to the prefill pool, and the split
      // trades time per token for throughput.
      if (a.load().isEmpty()) {
        continue;
      }
      compared++;
      LoadPoint x = a.load().get();
      LoadPoint y = b.load().orElseThrow();
      assertTrue(y.ttft().p99Seconds() <= x.ttft().p99Seconds() + 1e-12, "TTFT p99, draw " + i);
      assertTrue(y.tpot().p99Seconds() <= x.tpot().p99Seconds() + 1e-12, "TPOT p99, draw " + i);
      assertTrue(y.ttft().p50Seconds() <= x.ttft().p50Seconds() + 1e-12, "TTFT p50, draw " + i);
      assertTrue(
          y.endToEnd().p99Seconds() <= x.endToEnd().p99Seconds() + 1e-12, "E2E p99, draw " + i);
    }
    assertTrue(compared >= 6, "draws compared: " + compared);
  }

  @Test
  void aFleetBelowItsDemandWaitsWithoutBound() {
    // One replica of eight H100s against 20 B tokens a day (over ten times what it completes):
    // arrivals outpace completions, so the queue has no steady state. The plan says the wait is
    // unbounded, every slot runs at a full replica's time per token, and no request meets the
    // first-token target, in either mode; it does not report a finite figure of a queue that
    // cannot settle.
    for (ServingMode mode : List.of(ServingMode.AGGREGATED, ServingMode.DISAGGREGATED)) {
      InferenceWorkload w =
          inMode(
              workload(OptionalDouble.of(20e9), OptionalDouble.of(1000), OptionalDouble.of(50)),
              mode);
      InferencePlanner.Sizing sizing =
          size(w, new FleetSize.Given(mode == ServingMode.AGGREGATED ? TENSOR : 2 * TENSOR));
      InferenceReport report =
          InferencePlanner.report(w, sizing, 2, 1000, 100, 0.2, 0.75, 1.2, 0.4, 0);
      LoadPoint load = report.serving().load().orElseThrow();
      assertTrue(load.utilization() > 1, mode + ": load " + load.utilization());
      assertEquals(Double.POSITIVE_INFINITY, load.ttft().p99Seconds(), mode.toString());
      assertEquals(Double.POSITIVE_INFINITY, load.ttft().p50Seconds(), mode.toString());
      assertEquals(Double.POSITIVE_INFINITY, load.meanWaiting(), mode.toString());
      assertEquals(Double.POSITIVE_INFINITY, load.endToEnd().p50Seconds(), mode.toString());
      assertEquals(1, load.waitProbability(), mode.toString());
      assertEquals(0, load.goodput(), mode.toString());
      assertFalse(report.meetsTargets(), mode.toString());
      assertEquals(Double.POSITIVE_INFINITY, report.chosen().ttftSeconds(), mode.toString());
      if (mode == ServingMode.AGGREGATED) {
        // A running request decodes at a full replica's pace: finite, and no faster than alone.
        double tpot = load.tpot().p99Seconds();
        assertTrue(
            Double.isFinite(tpot) && tpot > report.singleStreamTpotSeconds(), "TPOT " + tpot);
      }
    }
  }

  @Test
  void thePercentileCostsAcceleratorsOverTheMedian() {
    // Sized for the same targets at the 99th percentile rather than the median, the fleet is at
    // least as large, and the plan says by how much.
    InferencePlanner.Sizing sizing = size(chatService(), FleetSize.FROM_DEMAND);
    assertTrue(sizing.medianAccelerators() > 0);
    assertTrue(sizing.acceleratorCount() >= sizing.medianAccelerators());
    ServingFigures f = figures(chatService(), sizing);
    assertTrue(f.tailHeadroom() > 0 && f.tailHeadroom() < 1);
    assertTrue(f.load().orElseThrow().utilization() < 1);
  }

  @Test
  void aGivenFleetCarriesLessWithinTargetsThanAtCapacity() {
    // MLPerf's two scenarios: without targets a replica runs at its capacity (offline); with
    // p99 targets at the most they allow (server), which is less.
    InferencePlanner.Sizing server = size(chatService(), new FleetSize.Given(16));
    InferencePlanner.Sizing offline =
        size(
            workload(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty()),
            new FleetSize.Given(16));
    double withTargets = server.result().best().orElseThrow().tokensPerSecond();
    double atCapacity = offline.result().best().orElseThrow().tokensPerSecond();
    assertTrue(withTargets < atCapacity, withTargets + " < " + atCapacity);
  }

  @Test
  void aDisaggregatedPlansCurveIsItsDecodeReplicas() {
    // A split fleet's trade-off is its decode replica's: alone, a request decodes at the plan's
    // single-stream speed (no prompt chunks beside it); the curve ends at the decode slots.
    InferencePlanner.Sizing sizing =
        size(inMode(chatService(), ServingMode.DISAGGREGATED), FleetSize.FROM_DEMAND);
    Disaggregation pools = sizing.disaggregation().orElseThrow();
    ServingQueue decode = pools.decodeQueue();
    var curve = sizing.result().curve();
    assertEquals(1, curve.get(0).config().batch());
    assertEquals(decode.aloneTpotSeconds(), curve.get(0).tpotSeconds(), 1e-15);
    assertEquals(decode.slots(), curve.get(curve.size() - 1).config().batch());
    for (int i = 1; i < curve.size(); i++) {
      InferenceModel.Estimate a = curve.get(i - 1);
      InferenceModel.Estimate b = curve.get(i);
      assertTrue(b.config().batch() > a.config().batch());
      assertTrue(b.tpotSeconds() >= a.tpotSeconds(), "a fuller step is no faster");
      assertTrue(b.tokensPerSecond() > a.tokensPerSecond(), "but carries more");
      assertEquals(pools.prefillQueue().firstTokenSeconds(1), b.ttftSeconds(), 1e-15);
    }
    assertThrows(IllegalArgumentException.class, () -> decode.tpotSeconds(decode.slots() + 1));

    // Its load curve: the fleet at rising shares of its slower pool's capacity, per replica, with
    // latencies that only grow, and at the plan's rate the plan's own load.
    InferenceWorkload w = inMode(chatService(), ServingMode.DISAGGREGATED);
    ServingFigures f = figures(w, sizing);
    assertEquals(ServingFigures.CURVE_LOADS.length, f.loadCurve().size());
    double capacity =
        Math.min(
            pools.prefillReplicas() * pools.prefillQueue().capacity(),
            pools.decodeReplicas() * decode.capacity());
    for (int i = 0; i < f.loadCurve().size(); i++) {
      LoadPoint point = f.loadCurve().get(i);
      double share = ServingFigures.CURVE_LOADS[i];
      assertEquals(share, point.utilization(), 1e-9);
      assertEquals(share * capacity / pools.replicas(), point.requestsPerSecond(), 1e-9);
      if (i > 0) {
        LoadPoint before = f.loadCurve().get(i - 1);
        assertTrue(point.ttft().p99Seconds() >= before.ttft().p99Seconds());
        assertTrue(point.tpot().p99Seconds() >= before.tpot().p99Seconds());
      }
      // Each second token waits for the KV cache to cross the fabric.
      assertTrue(point.tpot().meanSeconds() > decode.aloneTpotSeconds());
    }
  }

  @Test
  void aGivenSplitFleetWithoutTargetsReportsItsFullSteps() {
    // No demand and no targets: the pools run at capacity, where a queue has no steady state, so
    // the plan reports every slot busy: the decode replica's full step, not an aggregated replica
    // of the same shape that may not hold the decode slots at all.
    InferenceWorkload open =
        inMode(
            workload(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty()),
            ServingMode.DISAGGREGATED);
    InferencePlanner.Sizing sizing = size(open, new FleetSize.Given(32));
    Disaggregation pools = sizing.disaggregation().orElseThrow();
    InferenceModel.Estimate chosen = sizing.result().best().orElseThrow();
    ServingQueue decode = pools.decodeQueue();
    assertEquals(pools.decodeKvSlots(), chosen.maxBatch());
    assertTrue(chosen.maxBatch() >= decode.slots());
    assertEquals(decode.tpotSeconds(decode.slots()), chosen.tpotSeconds(), 1e-15);
    assertTrue(Double.isFinite(chosen.ttftSeconds()) && chosen.ttftSeconds() > 0);
    assertTrue(chosen.tpotSeconds() >= decode.aloneTpotSeconds());
  }
}
