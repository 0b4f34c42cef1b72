package dev.ironworks.core.inference;

import static dev.ironworks.core.compute.TrainingFixtures.TEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.AcceleratorKind;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.compute.TrainingFixtures;
import dev.ironworks.core.scenario.LatencyPercentile;
import dev.ironworks.core.scenario.LengthDistribution;
import dev.ironworks.core.scenario.Precision;
import dev.ironworks.core.scenario.ServingMode;
import dev.ironworks.core.scenario.ServingSpec;
import dev.ironworks.core.scenario.SpeculativeDecoding;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The serving model's facts: a latent KV cache, sliding windows, the experts a batch routes to, the
 * peak of each weight format, speculative decoding and prefix caching; and the queueing model's
 * invariants.
 */
class ServingModelTest {
  private static final double BF16_BYTES = 2;

  /** DeepSeek-V3's attention shape (DeepSeek-AI 2024, §4.2): 61 layers, 128 heads, latent 512. */
  private static TransformerModel deepseekAttention() {
    TransformerModel m =
        TrainingFixtures.moe("dsv3-like", 61, 7168, 128, 128, 128, 2048, 256, 8, 4096, 129280);
    return new TransformerModel(
        m.id(),
        m.name(),
        m.parameters(),
        m.activeParametersPublished(),
        m.layers(),
        m.hiddenSize(),
        m.attentionHeads(),
        m.kvHeads(),
        m.headDim(),
        m.ffnHiddenSize(),
        m.ffnGated(),
        m.sequenceLength(),
        m.vocabularySize(),
        m.tiedEmbeddings(),
        m.experts(),
        m.activeExperts(),
        m.sharedExperts(),
        m.expertFfnHiddenSize(),
        m.denseLayers(),
        m.moeLayerInterval(),
        m.attentionProjectionParameters(),
        192,
        0,
        0,
        m.trainingTokens(),
        m.provenance(),
        512,
        64,
        m.contextTokens());
  }

  @Test
  void aLatentKvCacheHoldsTheLatentAndTheRotaryKeyOnly() {
    // 61 × (512 + 64) × 2 bytes = 70,272 bytes a token; multi-head KV of 128 heads of 128 would
    // be 2 × 61 × 128 × 128 × 2 = 3,997,696, 57 times as much.
    TransformerModel m = deepseekAttention();
    assertEquals(70_272, InferenceModel.kvBytesPerToken(m, BF16_BYTES), 0);
    double multiHead = 2.0 * 61 * 128 * 128 * BF16_BYTES;
    assertEquals(56.9, multiHead / InferenceModel.kvBytesPerToken(m, BF16_BYTES), 0.05);
    // One latent for every head: it cannot split over tensor ranks.
    assertEquals(1, m.kvShards(8));
    assertEquals(8, InferenceFixtures.llama70b().kvShards(8));
    assertEquals(8, InferenceFixtures.llama70b().kvShards(16));
  }

  @Test
  void aSlidingWindowLayerHoldsAtMostItsWindow() {
    // Half of 80 layers attend within 1,024 keys: at 4,096 tokens of context they hold a
    // quarter of what the full layers hold.
    TransformerModel m = TrainingFixtures.withSlidingWindow(InferenceFixtures.llama70b(), 1024, 40);
    double perTokenLayer = 2.0 * 8 * 128 * BF16_BYTES;
    assertEquals(
        (40 * 4096 + 40 * 1024) * perTokenLayer,
        InferenceModel.kvBytesPerSequence(m, 4096, BF16_BYTES),
        1e-6);
    assertEquals(
        80 * 512 * perTokenLayer, InferenceModel.kvBytesPerSequence(m, 512, BF16_BYTES), 1e-6);
  }

  @Test
  void beyondItsWindowASequenceGrowsOnlyInTheFullLayers() {
    // Half of 80 layers attend within 1,024 keys: at 4,096 tokens one more token adds to the 40
    // full layers, against 40 + 40/4 a token holds on average there (0.8); below the window
    // every layer grows (1); with every layer windowed nothing does (0).
    TransformerModel half =
        TrainingFixtures.withSlidingWindow(InferenceFixtures.llama70b(), 1024, 40);
    TransformerModel all =
        TrainingFixtures.withSlidingWindow(InferenceFixtures.llama70b(), 1024, 80);
    assertEquals(0.8, InferenceModel.kvSpreadShare(half, 4096), 1e-12);
    assertEquals(1, InferenceModel.kvSpreadShare(half, 512), 1e-12);
    assertEquals(0, InferenceModel.kvSpreadShare(all, 4096), 1e-12);
    assertEquals(1, InferenceModel.kvSpreadShare(InferenceFixtures.llama70b(), 4096), 1e-12);

    // So a paged pool's fill condition counts the contexts' spread at that share: n sequences
    // of mean m fill the C tokens at their p99 when n·m + z·√n·s·share = C, and the batch is the
    // largest n within it.
    ServingContext ctx =
        InferenceFixtures.context(half, InferenceFixtures.h100(), 2000, 200, true, true);
    ServingConfig c = new ServingConfig(8, 1, 1, 1, Precision.FP8);
    int n = InferenceModel.kvLimitedBatch(ctx, c, new StepTime(ctx, c));
    double mean = InferenceModel.runningContext(ctx);
    double spread =
        InferenceModel.runningContextDeviation(ctx) * InferenceModel.kvSpreadShare(half, mean);
    double z = InferenceModel.KV_FILL_QUANTILE_Z;
    double capacity = InferenceModel.kvCapacityTokens(ctx, c);
    assertTrue(n * mean + z * Math.sqrt(n) * spread <= capacity, "batch " + n);
    assertTrue((n + 1) * mean + z * Math.sqrt(n + 1) * spread > capacity, "batch " + n);
  }

  @Test
  void aBatchReadsTheExpertsItsTokensRouteTo() {
    // Mixtral routes each token to 2 of 8 experts: one token reads 2, two tokens 3.5 on
    // average, and a large batch all 8. E·(1 − (1 − k/E)^n).
    TransformerModel mixtral = TrainingFixtures.mixtral();
    assertEquals(2, mixtral.expectedDistinctExperts(1), 1e-12);
    assertEquals(8 * (1 - 0.75 * 0.75), mixtral.expectedDistinctExperts(2), 1e-12);
    assertEquals(8, mixtral.expectedDistinctExperts(512), 1e-9);

    // At batch 1 the decode step reads the dense weights and two experts of every layer: a
    // quarter of the experts' bytes, so it is much shorter than reading all of them.
    ServingContext ctx =
        InferenceFixtures.context(mixtral, InferenceFixtures.h100(), 512, 128, false, true);
    ServingConfig c = new ServingConfig(1, 1, 1, 1, Precision.FP8);
    double step = new StepTime(ctx, c).seconds(1, 512, 0, 0);
    double allExperts = mixtral.parameters() / ctx.memoryBandwidthBytesPerSecond();
    double routed = mixtral.routedExpertParameters();
    double twoOfEight =
        (mixtral.parameters() - routed * 0.75)
            / (ctx.memoryBandwidthBytesPerSecond() * ctx.calibration().decodeBandwidth());
    assertTrue(step < allExperts, "fewer bytes than every expert at full bandwidth");
    assertTrue(step > twoOfEight, "at least the dense weights and two experts");
  }

  private static Accelerator blackwellLike() {
    Accelerator h = InferenceFixtures.h100();
    return new Accelerator(
        "b200-like",
        "B200-like",
        "NVIDIA",
        AcceleratorKind.GPU,
        2024,
        OptionalDouble.empty(),
        OptionalDouble.of(2250e12),
        OptionalDouble.of(2250e12),
        OptionalDouble.of(4500e12),
        OptionalDouble.of(9000e12),
        OptionalDouble.empty(),
        180 * TrainingFixtures.GIB,
        "HBM3e",
        8e12,
        "nvlink5",
        1800e9,
        1000,
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        0,
        h.defaultServerId(),
        "ga",
        1,
        TEST,
        2024,
        List.of(),
        OptionalDouble.empty());
  }

  @Test
  void fourBitWeightsRunAtTheFp4PeakOnlyWhereTheHardwareHasOne() {
    ServingContext blackwell =
        InferenceFixtures.context(
            InferenceFixtures.llama70b(), blackwellLike(), 300, 292, true, true);
    ServingContext hopper =
        InferenceFixtures.context(
            InferenceFixtures.llama70b(), InferenceFixtures.h100(), 300, 292, true, true);
    assertEquals(9000e12, blackwell.peakFlopPerSecond(Precision.NVFP4), 0);
    assertEquals(9000e12, blackwell.peakFlopPerSecond(Precision.MXFP4), 0);
    assertTrue(blackwell.runsAtFp4Peak(Precision.NVFP4));
    // Hopper dequantises 4-bit weights and multiplies at its FP8 rate (weights only).
    assertEquals(
        InferenceFixtures.H100_DENSE_FP8_FLOP_PER_SECOND,
        hopper.peakFlopPerSecond(Precision.MXFP4),
        0);
    assertTrue(!hopper.runsAtFp4Peak(Precision.MXFP4));
    // Four-bit weights halve the weight read against FP8 and keep an FP8 KV cache.
    assertEquals(Precision.FP8, ServingSpec.DEFAULT.kvPrecision(Precision.NVFP4));
    assertEquals(Precision.BF16, ServingSpec.DEFAULT.kvPrecision(Precision.BF16));
    ServingConfig fp8 = new ServingConfig(1, 1, 1, 1, Precision.FP8);
    ServingConfig fp4 = new ServingConfig(1, 1, 1, 1, Precision.NVFP4);
    assertTrue(
        new StepTime(blackwell, fp4).seconds(1, 592, 0, 0)
            < new StepTime(blackwell, fp8).seconds(1, 592, 0, 0));
  }

  private static ServingSpec spec(
      Optional<SpeculativeDecoding> speculative, double prefixHitRate, LatencyPercentile p) {
    return new ServingSpec(
        p,
        ServingMode.AGGREGATED,
        Optional.empty(),
        ServingSpec.DEFAULT_TOKEN_BUDGET,
        OptionalInt.empty(),
        speculative,
        prefixHitRate,
        LengthDistribution.EXPONENTIAL,
        Optional.empty());
  }

  @Test
  void speculativeDecodingGainsTokensPerStepAtACostPerStep() {
    // γ = 3 drafts accepted with α = 0.7: (1 − 0.7⁴)/(1 − 0.7) = 2.53 tokens a step. At batch 1
    // the verification of four tokens costs little more than one, so time per token falls.
    SpeculativeDecoding mtp =
        new SpeculativeDecoding(
            SpeculativeDecoding.Method.MTP, 3, 0.7, Optional.empty(), Optional.empty());
    assertEquals((1 - Math.pow(0.7, 4)) / 0.3, mtp.tokensPerStep(), 1e-12);
    ServingContext plain = InferenceFixtures.context(true);
    ServingContext drafted = plain.withServing(spec(Optional.of(mtp), 0, LatencyPercentile.P99));
    ServingConfig c = new ServingConfig(8, 1, 1, 1, Precision.BF16);
    StepTime without = new StepTime(plain, c);
    StepTime with = new StepTime(drafted, c);
    assertEquals(4, with.verifiedTokensPerSequence());
    double stepWithout = without.seconds(1, 1280, 0, 0);
    double stepWith = with.seconds(1, 1280, 0, 0);
    assertTrue(stepWith > stepWithout, "verifying and drafting cost more a step");
    assertTrue(stepWith / with.tokensPerStep() < stepWithout, "but less a token");
  }

  @Test
  void prefixCachingShortensTheFirstToken() {
    ServingContext plain = InferenceFixtures.context(true);
    ServingContext cached = plain.withServing(spec(Optional.empty(), 0.8, LatencyPercentile.P99));
    ServingConfig c = new ServingConfig(8, 1, 1, 16, Precision.BF16);
    assertEquals(0.2 * plain.promptTokens(), cached.prefillTokens(), 1e-9);
    assertTrue(
        InferenceModel.estimate(cached, c).ttftSeconds()
            < InferenceModel.estimate(plain, c).ttftSeconds());
  }

  @Test
  void everyPercentileGrowsWithTheArrivalRate() {
    // More load never shortens a percentile: the property behind "more accelerators never
    // worsen a percentile" for the planner (a replica's rate falls as replicas are added).
    SplittableRandom draws = new SplittableRandom(11);
    ServingContext ctx = InferenceFixtures.context(true);
    for (int i = 0; i < 6; i++) {
      int slots = 16 << draws.nextInt(4);
      ServingQueue q =
          ServingQueue.aggregated(ctx, new ServingConfig(8, 1, 1, slots, Precision.BF16), slots, 1);
      LoadPoint previous = null;
      for (double load = 0.05; load < 0.99; load += 0.05) {
        LoadPoint at = q.at(load * q.capacity(), OptionalDouble.of(1), OptionalDouble.of(0.05));
        if (previous != null) {
          assertTrue(at.ttft().p99Seconds() >= previous.ttft().p99Seconds() - 1e-12);
          assertTrue(at.tpot().p99Seconds() >= previous.tpot().p99Seconds() - 1e-12);
          assertTrue(at.endToEnd().p99Seconds() >= previous.endToEnd().p99Seconds() - 1e-12);
          assertTrue(at.ttft().p50Seconds() >= previous.ttft().p50Seconds() - 1e-12);
          assertTrue(at.goodput() <= previous.goodput() + 1e-12);
        }
        previous = at;
      }
    }
  }

  @Test
  void aLeastLoadedRouterEvensTheReplicasItFeeds() {
    // The same replica at the same rate, fed alone by Poisson arrivals or as one of 32 that a
    // least-loaded router feeds: the fleet's 32·n requests pool, so each replica runs about the
    // mean, waits for a slot only when all are full, and sees its arrivals spread evenly.
    ServingContext ctx = InferenceFixtures.context(true);
    ServingConfig c = new ServingConfig(8, 1, 1, 64, Precision.BF16);
    ServingQueue alone = ServingQueue.aggregated(ctx, c, 64, 1);
    ServingQueue pooled = ServingQueue.aggregated(ctx, c, 64, 1, 32);
    assertEquals(1, alone.replicas());
    assertEquals(32, pooled.replicas());
    OptionalDouble none = OptionalDouble.empty();
    for (double load : new double[] {0.3, 0.6, 0.9}) {
      LoadPoint one = alone.at(load * alone.capacity(), none, none);
      LoadPoint many = pooled.at(load * alone.capacity(), none, none);
      assertTrue(many.waitProbability() <= one.waitProbability() + 1e-12, "at " + load);
      assertTrue(many.ttft().p99Seconds() <= one.ttft().p99Seconds(), "TTFT p99 at " + load);
      assertTrue(many.tpot().p99Seconds() <= one.tpot().p99Seconds(), "TPOT p99 at " + load);
    }
    // So the router lets each replica carry more within the same targets.
    OptionalDouble ttft = OptionalDouble.of(0.5);
    OptionalDouble tpot = OptionalDouble.of(0.04);
    assertTrue(
        pooled.maxRate(LatencyPercentile.P99, ttft, tpot, 0)
            >= alone.maxRate(LatencyPercentile.P99, ttft, tpot, 0));
  }

  @Test
  void aLatencyOfExponentialPromptsIsSkewedNotNormal() {
    // Three moments pick a shifted gamma: an exponential (mean m, variance m², third central
    // moment 2m³) puts its p99 at m·ln 100 and its median at m·ln 2; no skew is a normal; no
    // variance, a fixed time.
    double m = 0.1;
    assertEquals(
        0.01, ServingQueue.pearsonExceeds(m * Math.log(100), m, m * m, 2 * m * m * m), 2e-4);
    assertEquals(0.5, ServingQueue.pearsonExceeds(m * Math.log(2), m, m * m, 2 * m * m * m), 0.01);
    assertEquals(0.5, ServingQueue.pearsonExceeds(m, m, 1e-4, 0), 1e-7);
    assertEquals(0.02275, ServingQueue.pearsonExceeds(m + 0.02, m, 1e-4, 0), 1e-5);
    // A shape of 0.2 (skewness √20): its p99 at 2.2023 shape-units, exactly.
    double skew = Math.sqrt(20);
    double k = 0.2;
    double sd = Math.sqrt(k);
    assertEquals(0.01, ServingQueue.pearsonExceeds(2.2023, k, sd * sd, skew * sd * sd * sd), 1e-5);
    assertEquals(Math.exp(-3), ServingQueue.upperGamma(1, 3), 1e-14);
    assertEquals(Math.log(24), ServingQueue.logGamma(5), 1e-13);
    assertEquals(1, ServingQueue.pearsonExceeds(0.099, m, 0, 0));
    assertEquals(0, ServingQueue.pearsonExceeds(0.101, m, 0, 0));
  }

  @Test
  void shortRequestsMakeTheTailOfTimePerToken() {
    // Geometric decode steps of mean 300 part into groups, shortest first: the groups hold every
    // request and keep E[1/k], and the first group's requests vary far more than the mean.
    double[][] groups = ServingQueue.lengthGroups(300, 1);
    double shares = 0;
    double inverse = 0;
    for (int g = 0; g < groups[0].length; g++) {
      shares += groups[0][g];
      inverse += groups[0][g] * groups[1][g];
    }
    assertEquals(1, shares, 1e-9);
    assertEquals(1, inverse, 1e-9);
    assertTrue(groups[1][0] > 10, "the shortest 5% vary " + groups[1][0] + " × the mean");
    // Fixed lengths: one group.
    assertEquals(1, ServingQueue.lengthGroups(300, 0)[0].length);
  }

  @Test
  void theTailNeedsNoLessCapacityThanTheMedian() {
    // Holding a target for 99% of requests leaves a replica a lower rate than holding it for
    // half of them.
    ServingContext ctx = InferenceFixtures.context(true);
    ServingConfig c = new ServingConfig(8, 1, 1, 128, Precision.BF16);
    ServingQueue q = ServingQueue.aggregated(ctx, c, 128, 1);
    OptionalDouble ttft = OptionalDouble.of(1.0);
    OptionalDouble tpot = OptionalDouble.of(0.04);
    double p50 = q.maxRate(LatencyPercentile.P50, ttft, tpot, 0);
    double p90 = q.maxRate(LatencyPercentile.P90, ttft, tpot, 0);
    double p99 = q.maxRate(LatencyPercentile.P99, ttft, tpot, 0);
    assertTrue(p99 <= p90 && p90 <= p50, p50 + " " + p90 + " " + p99);
    assertTrue(p50 <= q.capacity());
  }

  @Test
  void aDisaggregatedFleetSizesItsTwoPoolsApart() {
    ServingContext ctx = InferenceFixtures.context(true);
    double peakRequests = 200;
    Optional<Disaggregation> d =
        ServingSearch.disaggregated(
            ctx,
            OptionalInt.of(8),
            OptionalInt.empty(),
            Optional.of(Precision.BF16),
            OptionalDouble.of(1.0),
            OptionalDouble.of(0.05),
            peakRequests,
            0);
    assertTrue(d.isPresent());
    Disaggregation pools = d.get();
    assertTrue(pools.prefillReplicas() >= 1 && pools.decodeReplicas() >= 1);
    assertTrue(pools.fleetRate() >= peakRequests);
    assertTrue(pools.kvTransferSeconds() > 0);
    // One user alone on a decode replica decodes no slower than a busy one, and as fast as alone
    // on an aggregated replica of the same shape: its own prompt was prefilled before its first
    // token there, and no other prompt shares its steps.
    double alone = pools.decodeQueue().aloneTpotSeconds();
    ServingQueue busy = pools.decodeQueue();
    LoadPoint loaded =
        busy.at(busy.capacity() * 0.9, OptionalDouble.empty(), OptionalDouble.empty());
    assertTrue(alone <= loaded.tpot().p50Seconds() + 1e-12);
    ServingConfig c = pools.config();
    ServingConfig one = new ServingConfig(c.tensor(), c.pipeline(), c.expert(), 1, c.precision());
    double aggregatedAlone = InferenceModel.estimate(ctx, one).tpotSeconds();
    assertEquals(
        aggregatedAlone, alone, 1e-9 * aggregatedAlone, "decode alone vs aggregated batch 1");
  }
}
