package dev.ironworks.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.compute.TrainingFixtures;
import dev.ironworks.core.inference.InferenceFixtures;
import dev.ironworks.core.inference.InferenceModel;
import dev.ironworks.core.inference.LatencyQuantiles;
import dev.ironworks.core.inference.ServingConfig;
import dev.ironworks.core.inference.ServingContext;
import dev.ironworks.core.inference.ServingQueue;
import dev.ironworks.core.inference.StepTime;
import dev.ironworks.core.scenario.LengthDistribution;
import dev.ironworks.core.scenario.Precision;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The request-level serving simulation: a replica that runs one request at a time is an M/M/1
 * queue, the same seed gives the same run, more replicas never make a percentile worse, and every
 * request that arrives finishes.
 */
class ServingSimulationTest {
  /** Llama-2-70B in BF16 over eight H100s. */
  private static final int TENSOR = 8;

  private static final ServingConfig ONE_AT_A_TIME =
      new ServingConfig(TENSOR, 1, 1, 1, Precision.BF16);

  /** A one-token prompt: a request is its output tokens, one step each. */
  private static final double PROMPT = 1;

  /** Mean output tokens, exponential: service times are close to exponential. */
  private static final double OUTPUT = 100;

  private static ServingContext context(double prompt, double output) {
    return InferenceFixtures.context(
        InferenceFixtures.llama70b(), InferenceFixtures.h100(), prompt, output, true, true);
  }

  private static ServingSetup setup(
      ServingContext ctx,
      ServingConfig c,
      int replicas,
      double requestsPerSecond,
      int requests,
      LengthDistribution lengths) {
    return setup(
        ctx,
        c,
        replicas,
        InferenceModel.kvCapacityTokens(ctx, c),
        requestsPerSecond,
        requests,
        lengths,
        OptionalDouble.of(2),
        OptionalDouble.of(0.2));
  }

  private static ServingSetup setup(
      ServingContext ctx,
      ServingConfig c,
      int replicas,
      double kvCapacityTokens,
      double requestsPerSecond,
      int requests,
      LengthDistribution lengths,
      OptionalDouble ttftTarget,
      OptionalDouble tpotTarget) {
    return new ServingSetup(
        new StepTime(ctx, c),
        replicas,
        0,
        0,
        c.batch(),
        kvCapacityTokens,
        8192,
        0,
        0,
        0,
        requestsPerSecond,
        ctx.promptTokens(),
        ctx.outputTokens(),
        lengths,
        requests,
        Optional.empty(),
        ttftTarget,
        tpotTarget,
        0);
  }

  /** Expected output tokens when drawn as max(1, round(m·X)), X exponential of mean 1. */
  private static double expectedLength(double mean) {
    double sum = 0;
    for (int k = 0; k < 100 * mean; k++) {
      double p = Math.exp(-Math.max(0, k - 0.5) / mean) - Math.exp(-(k + 0.5) / mean);
      sum += Math.max(1, k) * p;
    }
    return sum;
  }

  @Test
  void aReplicaThatRunsOneRequestAtATimeIsAnMm1Queue() {
    // One slot, one-token prompts and exponential outputs: each request holds the replica for
    // O steps of the same length τ (the weights' read dominates a batch-1 step), so service is
    // close to exponential with μ = 1 / (E[O]·τ). At ρ = 0.5 the M/M/1 sojourn time is
    // exponential of rate μ − λ, and its 99th percentile is ln(100) / (μ − λ).
    ServingContext ctx = context(PROMPT, OUTPUT);
    StepTime step = new StepTime(ctx, ONE_AT_A_TIME);
    double tau = step.seconds(1, OUTPUT / 2, 0, 0);
    double mu = 1 / (expectedLength(OUTPUT) * tau);
    double lambda = 0.5 * mu;
    double formula = Math.log(100) / (mu - lambda);

    ServingSimulationReport r =
        ServingSimulation.run(
            setup(ctx, ONE_AT_A_TIME, 1, lambda, 50_000, LengthDistribution.EXPONENTIAL), 7);
    assertEquals(formula, r.endToEnd().p99Seconds(), 0.05 * formula);
    assertEquals(50_000, r.completed());

    // The analytic model of the same replica is the same M/M/1 queue.
    ServingQueue queue =
        ServingQueue.aggregated(
            ctx, ONE_AT_A_TIME, 1, LengthDistribution.EXPONENTIAL.squaredCoefficientOfVariation());
    double analytic =
        queue.at(lambda, OptionalDouble.empty(), OptionalDouble.empty()).endToEnd().p99Seconds();
    assertEquals(formula, analytic, 0.01 * formula);
  }

  @Test
  void theQueueingModelFollowsTheSimulationOfAFleetFedLeastLoaded() {
    // 16 replicas of Llama 2 70B on eight H100s, 1,500-token prompts and 300-token outputs of
    // exponential lengths, at 60% of their capacity: the simulator's router sends each request to
    // the replica running fewest, and the analytic model of the same fleet (its arrivals evened
    // over R = 16 replicas) gives the same percentiles: a replica's mix of prompt and decode steps,
    // the length-biased step in flight, the prompts that share a step, and the short requests that
    // make the tail of time per token.
    ServingContext ctx = context(1500, 300);
    ServingConfig c = new ServingConfig(TENSOR, 1, 1, 64, Precision.FP8);
    int replicas = 16;
    ServingQueue queue =
        ServingQueue.aggregated(
            ctx, c, 64, LengthDistribution.EXPONENTIAL.squaredCoefficientOfVariation(), replicas);
    double perReplica = 0.6 * queue.capacity();
    var model = queue.at(perReplica, OptionalDouble.empty(), OptionalDouble.empty());
    ServingSetup s =
        new ServingSetup(
            new StepTime(ctx, c),
            replicas,
            0,
            0,
            c.batch(),
            InferenceModel.kvCapacityTokens(ctx, c),
            8192,
            0,
            0,
            0,
            replicas * perReplica,
            ctx.promptTokens(),
            ctx.outputTokens(),
            LengthDistribution.EXPONENTIAL,
            60_000,
            Optional.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            30);
    ServingSimulationReport sim = ServingSimulation.run(s, 5);
    close(sim.tpot().p50Seconds(), model.tpot().p50Seconds(), 0.05, "TPOT p50");
    close(sim.tpot().p90Seconds(), model.tpot().p90Seconds(), 0.08, "TPOT p90");
    close(sim.tpot().p99Seconds(), model.tpot().p99Seconds(), 0.10, "TPOT p99");
    close(sim.ttft().meanSeconds(), model.ttft().meanSeconds(), 0.10, "TTFT mean");
    close(sim.ttft().p90Seconds(), model.ttft().p90Seconds(), 0.15, "TTFT p90");
    close(sim.ttft().p99Seconds(), model.ttft().p99Seconds(), 0.20, "TTFT p99");
  }

  private static void close(double simulated, double analytic, double tolerance, String what) {
    assertEquals(
        simulated,
        analytic,
        tolerance * simulated,
        what + ": simulated " + simulated * 1e3 + " ms, analytic " + analytic * 1e3 + " ms");
  }

  @Test
  void theSameSeedGivesTheSameRun() {
    ServingContext ctx = context(300, 292);
    ServingConfig c = new ServingConfig(TENSOR, 1, 1, 64, Precision.FP8);
    ServingSetup s = setup(ctx, c, 2, 20, 5_000, LengthDistribution.EXPONENTIAL);
    ServingSimulationReport a = ServingSimulation.run(s, 11);
    assertEquals(a, ServingSimulation.run(s, 11));
    assertNotEquals(a.endToEnd(), ServingSimulation.run(s, 12).endToEnd());
  }

  @Test
  void moreReplicasNeverWorsenAPercentile() {
    // Seeded draws of load, lengths and slots; the same seed gives the same arrivals and
    // lengths, and the fleet with one replica more must do no worse at any percentile.
    SplittableRandom draws = new SplittableRandom(20261207);
    for (int i = 0; i < 12; i++) {
      double prompt = 50 + draws.nextInt(950);
      double output = 20 + draws.nextInt(400);
      int slots = 8 << draws.nextInt(5);
      int replicas = 1 + draws.nextInt(3);
      LengthDistribution lengths =
          draws.nextBoolean() ? LengthDistribution.FIXED : LengthDistribution.EXPONENTIAL;
      ServingContext ctx = context(prompt, output);
      ServingConfig c = new ServingConfig(TENSOR, 1, 1, slots, Precision.FP8);
      double capacity = ServingQueue.aggregated(ctx, c, slots, 1).capacity();
      double rate = replicas * capacity * (0.3 + 0.6 * draws.nextDouble());
      long seed = draws.nextLong();
      ServingSimulationReport fewer =
          ServingSimulation.run(setup(ctx, c, replicas, rate, REQUESTS, lengths), seed);
      ServingSimulationReport more =
          ServingSimulation.run(setup(ctx, c, replicas + 1, rate, REQUESTS, lengths), seed);
      String draw = "draw " + i + ": " + replicas + " replicas of " + slots + " at " + rate;
      noWorse(fewer.ttft(), more.ttft(), draw + " TTFT");
      noWorse(fewer.tpot(), more.tpot(), draw + " TPOT");
      noWorse(fewer.endToEnd(), more.endToEnd(), draw + " end to end");
    }
  }

  /** Requests a draw simulates: enough that the p99 is the 80th-slowest. */
  private static final int REQUESTS = 8_000;

  /**
   * The same arrivals over one replica more put the slowest requests beside other neighbours in
   * their steps, so a tail percentile (the 80th-slowest of 8,000 at the p99) may move a fraction of
   * a per cent either way; the median holds exactly.
   */
  private static final double TAIL_SLACK = 1.01;

  private static void noWorse(LatencyQuantiles fewer, LatencyQuantiles more, String what) {
    assertTrue(more.p50Seconds() <= fewer.p50Seconds(), what + " p50");
    assertTrue(more.p90Seconds() <= fewer.p90Seconds() * TAIL_SLACK, what + " p90");
    assertTrue(
        more.p99Seconds() <= fewer.p99Seconds() * TAIL_SLACK,
        what + " p99: " + more.p99Seconds() + " s against " + fewer.p99Seconds() + " s");
  }

  @Test
  void everyRequestFinishesAndTheFiguresStayInRange() {
    ServingContext ctx = context(1000, 300);
    ServingConfig c = new ServingConfig(2, 1, 1, 256, Precision.FP8);
    double capacity = ServingQueue.aggregated(ctx, c, 256, 1).capacity();
    ServingSimulationReport r =
        ServingSimulation.run(
            setup(ctx, c, 3, 3 * 0.9 * capacity, 20_000, LengthDistribution.EXPONENTIAL), 3);
    assertEquals(20_000, r.requests());
    assertEquals(20_000, r.completed());
    assertEquals(20_000, r.ttftHistogram().total());
    assertTrue(r.goodput() >= 0 && r.goodput() <= 1);
    assertTrue(r.meanKvOccupancy() >= 0 && r.meanKvOccupancy() <= 1);
    assertTrue(r.samples().stream().allMatch(x -> x.kvOccupancy() <= 1 + 1e-9 && x.queued() >= 0));
    assertTrue(r.ttft().p50Seconds() <= r.endToEnd().p50Seconds());
  }

  @Test
  void aFullKvCacheEvictsAndStillFinishesEveryRequest() {
    // Slots far beyond what the KV cache holds: admission takes only the prompt's cache, the
    // decoding sequences outgrow the pool, and the latest admitted are evicted and recomputed.
    ServingContext ctx = context(2000, 1000);
    ServingConfig c = new ServingConfig(2, 1, 1, 4096, Precision.BF16);
    double capacity = ServingQueue.aggregated(ctx, c, 64, 1).capacity();
    ServingSimulationReport r =
        ServingSimulation.run(
            setup(ctx, c, 1, 2 * capacity, 3_000, LengthDistribution.EXPONENTIAL), 5);
    assertTrue(r.preemptions() > 0, "evictions");
    assertEquals(3_000, r.completed());
  }

  @Test
  void aDisaggregatedFleetMovesEachRequestFromPrefillToDecode() {
    ServingContext ctx = context(2000, 200);
    ServingConfig c = new ServingConfig(TENSOR, 1, 1, 128, Precision.FP8);
    StepTime step = new StepTime(ctx, c);
    double transferPerToken = 1e-6;
    ServingSetup s =
        new ServingSetup(
            step,
            0,
            1,
            2,
            128,
            InferenceModel.kvCapacityTokens(ctx, c),
            8192,
            0,
            transferPerToken,
            1e-5,
            5,
            2000,
            200,
            LengthDistribution.FIXED,
            2_000,
            Optional.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            0);
    ServingSimulationReport r = ServingSimulation.run(s, 9);
    assertEquals(2_000, r.completed());
    // Every second token waits at least for the KV cache to cross the fabric.
    assertTrue(r.tpot().meanSeconds() * 199 > 2000 * transferPerToken);
  }

  @Test
  void aTraceIsReplayedAsGiven() {
    ServingContext ctx = context(500, 100);
    ServingConfig c = new ServingConfig(TENSOR, 1, 1, 32, Precision.FP8);
    RequestTrace trace =
        new RequestTrace(
            new double[] {0, 0.5, 1.0, 1.5},
            new int[] {100, 200, 300, 400},
            new int[] {10, 20, 30, 1});
    ServingSetup s =
        new ServingSetup(
            new StepTime(ctx, c),
            1,
            0,
            0,
            32,
            InferenceModel.kvCapacityTokens(ctx, c),
            8192,
            0,
            0,
            0,
            1,
            500,
            100,
            LengthDistribution.FIXED,
            100,
            Optional.of(trace),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            0);
    ServingSimulationReport r = ServingSimulation.run(s, 1);
    assertEquals(4, r.completed());
    assertEquals(2, r.arrivalsPerSecond(), 1e-12);
    // Three requests of more than one token have a time per token.
    assertEquals(3, r.tpotHistogram().total());
  }

  /** One replica of {@code c} with the given KV capacity, fixed lengths and no targets. */
  private static ServingSetup windowed(
      ServingContext ctx,
      ServingConfig c,
      double kvCapacityTokens,
      double requestsPerSecond,
      int requests) {
    return setup(
        ctx,
        c,
        1,
        kvCapacityTokens,
        requestsPerSecond,
        requests,
        LengthDistribution.FIXED,
        OptionalDouble.empty(),
        OptionalDouble.empty());
  }

  /** Llama 2 70B with {@code layers} of its 80 layers attending within 1,024 keys, on H100s. */
  private static ServingContext windowedLlama(int layers, double prompt, double output) {
    TransformerModel m =
        TrainingFixtures.withSlidingWindow(InferenceFixtures.llama70b(), 1024, layers);
    return InferenceFixtures.context(m, InferenceFixtures.h100(), prompt, output, true, true);
  }

  @Test
  void aSlidingWindowLayerHoldsAtMostItsWindow() {
    // Every one of 80 layers attends within 1,024 keys: a 3,000-token prompt holds 1,024 tokens'
    // cache, so a pool of 10 windows runs ten such requests at once (counting raw context, three)
    // and, their cache full at the window, evicts none as they decode.
    ServingContext ctx = windowedLlama(80, 3000, 200);
    ServingConfig c = new ServingConfig(TENSOR, 1, 1, 64, Precision.FP8);
    StepTime step = new StepTime(ctx, c);
    assertEquals(1024, step.kvHeldTokens(3000), 1e-9);
    assertEquals(Double.POSITIVE_INFINITY, step.contextWithin(10 * 1024.0 + 100));
    ServingSimulationReport r =
        ServingSimulation.run(windowed(ctx, c, 10 * 1024.0 + 100, 10, 400), 3);
    int most = 0;
    for (ServingSimulationReport.Sample sample : r.samples()) {
      most = Math.max(most, sample.running());
      assertTrue(sample.kvOccupancy() <= 1 + 1e-9, "occupancy " + sample.kvOccupancy());
    }
    assertEquals(10, most);
    assertEquals(0, r.preemptions());
    assertEquals(400, r.completed());
    assertEquals(0, r.truncated());
  }

  @Test
  void beyondItsWindowASequenceGrowsInTheFullLayersOnly() {
    // Half of 80 layers attend within 1,024 keys. One request of a 900-token prompt and 400
    // output tokens passes the window as it decodes: its cache peaks at (40·1,299 + 40·1,024)/80
    // = 1,161.5 tokens of every layer, not the 1,299 its raw context would count.
    ServingContext ctx = windowedLlama(40, 900, 400);
    ServingConfig c = new ServingConfig(TENSOR, 1, 1, 1, Precision.FP8);
    StepTime step = new StepTime(ctx, c);
    double last = 900 + 400 - 1;
    assertEquals(1161.5, step.kvHeldTokens(last), 1e-9);
    assertEquals(last, step.contextWithin(step.kvHeldTokens(last)), 1e-9);
    assertEquals(512, step.contextWithin(512), 1e-12);
    double capacity = 100_000;
    // One request, its life about the horizon the samples spread over.
    double life = 400 * step.seconds(1, 1100, 0, 0);
    ServingSimulationReport r = ServingSimulation.run(windowed(ctx, c, capacity, 1 / life, 1), 5);
    double peak = 0;
    for (ServingSimulationReport.Sample sample : r.samples()) {
      peak = Math.max(peak, sample.kvOccupancy());
    }
    assertTrue(peak <= step.kvHeldTokens(last) / capacity + 1e-12, "peak " + peak * capacity);
    assertTrue(peak >= step.kvHeldTokens(last - 8) / capacity, "peak " + peak * capacity);
  }

  @Test
  void theFillingAndTheDrainingRunButAreNotMeasured() {
    // A replica of 64 slots at about 70% of its capacity fills from empty over about one
    // request's life: the requests arriving then, and as many at the end, see a lighter batch.
    // Left unmeasured, they no longer pull the figures towards an idle replica's.
    ServingContext ctx = context(300, 200);
    ServingConfig c = new ServingConfig(TENSOR, 1, 1, 64, Precision.FP8);
    StepTime step = new StepTime(ctx, c);
    double life = 201 * step.seconds(64, 64 * 400, 0, 0);
    double rate = 0.7 * 64 / life;
    ServingSetup all =
        setup(
            ctx,
            c,
            1,
            InferenceModel.kvCapacityTokens(ctx, c),
            rate,
            4_000,
            LengthDistribution.FIXED,
            OptionalDouble.empty(),
            OptionalDouble.empty());
    ServingSetup steady = withWarmup(all, life);
    int warmup = (int) Math.ceil(life * rate);
    assertEquals(warmup, steady.warmupRequests());
    assertEquals(0, all.warmupRequests());
    ServingSimulationReport measuredAll = ServingSimulation.run(all, 4);
    ServingSimulationReport measuredSteady = ServingSimulation.run(steady, 4);
    assertEquals(4_000, measuredAll.measured());
    assertEquals(4_000 - 2 * warmup, measuredSteady.measured());
    assertEquals(4_000, measuredSteady.completed());
    // The same run, measured apart from its ends: fuller batches, slower tokens.
    assertEquals(measuredAll.events(), measuredSteady.events());
    assertTrue(
        measuredSteady.tpot().meanSeconds() > measuredAll.tpot().meanSeconds(),
        measuredSteady.tpot() + " vs " + measuredAll.tpot());
    assertTrue(measuredSteady.meanKvOccupancy() > measuredAll.meanKvOccupancy());
    // A warm-up longer than the run leaves a quarter out at each end, no more.
    ServingSetup longer = withWarmup(all, 1e6);
    assertEquals(1_000, longer.warmupRequests());
  }

  /** The same setup with another warm-up. */
  private static ServingSetup withWarmup(ServingSetup s, double warmupSeconds) {
    return new ServingSetup(
        s.step(),
        s.replicas(),
        s.prefillReplicas(),
        s.decodeReplicas(),
        s.slots(),
        s.kvCapacityTokens(),
        s.tokenBudget(),
        s.prefixCacheHitRate(),
        s.kvTransferSecondsPerToken(),
        s.kvTransferLatencySeconds(),
        s.requestsPerSecond(),
        s.promptTokens(),
        s.outputTokens(),
        s.lengths(),
        s.requests(),
        s.trace(),
        s.ttftTargetSeconds(),
        s.tpotTargetSeconds(),
        warmupSeconds);
  }
}
