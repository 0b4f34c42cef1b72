package dev.ironworks.core.inference;

import static dev.ironworks.core.compute.TrainingFixtures.ATTENTION;
import static dev.ironworks.core.compute.TrainingFixtures.COLLECTIVE;
import static dev.ironworks.core.compute.TrainingFixtures.COLLECTIVE_LATENCY_SECONDS;
import static dev.ironworks.core.compute.TrainingFixtures.MATMUL;
import static dev.ironworks.core.compute.TrainingFixtures.MATMUL_HALF_DIMENSION;
import static dev.ironworks.core.compute.TrainingFixtures.MEMORY;
import static dev.ironworks.core.compute.TrainingFixtures.RESERVED_BYTES;
import static dev.ironworks.core.inference.InferenceFixtures.H100_DENSE_BF16_FLOP_PER_SECOND;
import static dev.ironworks.core.inference.InferenceFixtures.H100_HBM_BYTES_PER_SECOND;
import static dev.ironworks.core.inference.InferenceFixtures.H100_MEMORY_BYTES;
import static dev.ironworks.core.inference.InferenceFixtures.H100_NVLINK_BYTES_PER_SECOND_PER_DIRECTION;
import static dev.ironworks.core.inference.InferenceFixtures.KERNEL_FIXED_SECONDS;
import static dev.ironworks.core.inference.InferenceFixtures.LLAMA_CONTEXT;
import static dev.ironworks.core.inference.InferenceFixtures.LLAMA_FFN;
import static dev.ironworks.core.inference.InferenceFixtures.LLAMA_HEADS;
import static dev.ironworks.core.inference.InferenceFixtures.LLAMA_HEAD_DIM;
import static dev.ironworks.core.inference.InferenceFixtures.LLAMA_HIDDEN;
import static dev.ironworks.core.inference.InferenceFixtures.LLAMA_KV_HEADS;
import static dev.ironworks.core.inference.InferenceFixtures.LLAMA_LAYERS;
import static dev.ironworks.core.inference.InferenceFixtures.LLAMA_PARAMETERS;
import static dev.ironworks.core.inference.InferenceFixtures.LLAMA_VOCABULARY;
import static dev.ironworks.core.inference.InferenceFixtures.OUTPUT_TOKENS;
import static dev.ironworks.core.inference.InferenceFixtures.PROMPT_TOKENS;
import static dev.ironworks.core.inference.InferenceFixtures.context;
import static dev.ironworks.core.inference.InferenceFixtures.h100;
import static dev.ironworks.core.inference.InferenceFixtures.llama70b;
import static dev.ironworks.core.inference.InferenceFixtures.opt13b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.scenario.LatencyPercentile;
import dev.ironworks.core.scenario.LengthDistribution;
import dev.ironworks.core.scenario.Precision;
import dev.ironworks.core.scenario.ServingMode;
import dev.ironworks.core.scenario.ServingSpec;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Llama-2-70B served on H100s (docs/architecture.md, Inference model): the KV cache per token, a
 * decode step that reads the weights at batch 1 and turns compute-bound at large batch, a
 * compute-bound prefill, the batch the KV pool holds, and continuous against static batching. Every
 * expectation is the model's formula worked through by hand over the datasheet figures.
 */
class InferenceModelTest {
  private static final double RELATIVE = 1e-9;

  private static final int TENSOR = 8;
  private static final double BF16_BYTES = 2;
  private static final double FP8_BYTES = 1;
  private static final double WEIGHT_BYTES = LLAMA_PARAMETERS * BF16_BYTES;
  private static final double WEIGHT_BYTES_PER_DEVICE = WEIGHT_BYTES / TENSOR;

  /** Kernels a layer launches per decode step (norms, QKV, rotary, attention, out, FFN, act). */
  private static final int KERNELS_PER_LAYER = 10;

  /** The serving engine takes 90% of device memory (vLLM's default). */
  private static final double MEMORY_FRACTION = 0.9;

  /** Paging leaves 3.7% of the KV pool idle (Kwon et al. 2023). */
  private static final double PAGED_KV_UTILISATION = 0.963;

  /** K and V, each 80 layers × 8 KV heads × 128 values of two bytes. */
  private static final double KV_BYTES_PER_TOKEN =
      2.0 * LLAMA_LAYERS * LLAMA_KV_HEADS * LLAMA_HEAD_DIM * BF16_BYTES;

  /** A sequence is on average halfway through its output: 1,024 + 128 tokens of context. */
  private static final double AVERAGE_CONTEXT = PROMPT_TOKENS + OUTPUT_TOKENS / 2;

  /**
   * With exponential lengths (the default) a running sequence is caught a whole mean output in,
   * long requests staying longer: 1,024 + 256 tokens of context.
   */
  private static final double RUNNING_CONTEXT = PROMPT_TOKENS + OUTPUT_TOKENS;

  /**
   * Keys a prompt token attends to with exponential prompts: E[P²] / (2·E[P]) = P, the longer
   * prompts carrying more of the tokens.
   */
  private static final double PREFILL_KEYS_PER_TOKEN = PROMPT_TOKENS;

  // Parameters a token multiplies, from the shape: GQA attention, SwiGLU FFN, four norms per
  // layer, untied input and output embeddings.
  private static final double ATTENTION_WIDTH = (double) LLAMA_HEADS * LLAMA_HEAD_DIM;
  private static final double ATTENTION_PARAMETERS_PER_LAYER =
      LLAMA_HIDDEN * (ATTENTION_WIDTH + 2.0 * LLAMA_KV_HEADS * LLAMA_HEAD_DIM)
          + ATTENTION_WIDTH * LLAMA_HIDDEN;
  private static final double FFN_PARAMETERS_PER_LAYER = 3.0 * LLAMA_HIDDEN * LLAMA_FFN;
  private static final double NORM_PARAMETERS_PER_LAYER = 4.0 * LLAMA_HIDDEN;
  private static final double EMBEDDING_PARAMETERS = 2.0 * LLAMA_VOCABULARY * LLAMA_HIDDEN;
  private static final double ACTIVE_PARAMETERS =
      LLAMA_LAYERS
              * (ATTENTION_PARAMETERS_PER_LAYER
                  + FFN_PARAMETERS_PER_LAYER
                  + NORM_PARAMETERS_PER_LAYER)
          + EMBEDDING_PARAMETERS;

  // The input embedding is gathered a row a token: a step reads and multiplies the rest.
  private static final double INPUT_TABLE_PARAMETERS = (double) LLAMA_VOCABULARY * LLAMA_HIDDEN;
  private static final double MULTIPLIED_PARAMETERS = ACTIVE_PARAMETERS - INPUT_TABLE_PARAMETERS;
  private static final double READ_BYTES_PER_DEVICE =
      (LLAMA_PARAMETERS - INPUT_TABLE_PARAMETERS) * BF16_BYTES / TENSOR;
  private static final double EFFECTIVE_HBM_BYTES_PER_SECOND = H100_HBM_BYTES_PER_SECOND * MEMORY;
  private static final double EFFECTIVE_NVLINK_BYTES_PER_SECOND =
      H100_NVLINK_BYTES_PER_SECOND_PER_DIRECTION * COLLECTIVE;

  /** Each rank multiplies against an 8,192 / 8 = 1,024-wide slice of the hidden dimension. */
  private static final double SHAPE_EFFICIENCY =
      (LLAMA_HIDDEN / (double) TENSOR) / (LLAMA_HIDDEN / (double) TENSOR + MATMUL_HALF_DIMENSION);

  private static final ServingContext STATIC = context(false);
  private static final ServingContext CONTINUOUS = context(true);

  private static InferenceModel.Estimate estimate(ServingContext ctx, int tensor, int batch) {
    return InferenceModel.estimate(ctx, new ServingConfig(tensor, 1, 1, batch, Precision.BF16));
  }

  private static void assertRelative(double expected, double actual) {
    assertEquals(expected, actual, RELATIVE * Math.abs(expected));
  }

  /** Two one-shot all-reduces of b tokens' hidden states per layer, plus their latency. */
  private static double decodeOverheadSeconds(double batch) {
    double allReduce =
        2.0
                * (TENSOR - 1)
                / TENSOR
                * batch
                * LLAMA_HIDDEN
                * BF16_BYTES
                / EFFECTIVE_NVLINK_BYTES_PER_SECOND
            + COLLECTIVE_LATENCY_SECONDS;
    return LLAMA_LAYERS * (KERNELS_PER_LAYER * KERNEL_FIXED_SECONDS + 2 * allReduce);
  }

  @Test
  void theWaitForTheStepInFlightIsLengthBiased() {
    // A tenth of the steps carry a prompt and take 10 ms, the rest 1 ms: an arrival waits
    // E[S²]/(2·E[S]) = 10.9/3.8 ms on average, not half the 1.9 ms mean step, and E[R²] =
    // E[S³]/(3·E[S]) = 100.9/5.7 ms².
    InferenceModel.Load load =
        new InferenceModel.Load(1, 1.9e-3, 1, 0, 1, 1e-3, 10e-3, 1e-3, 0.1, 0, 0, 1e-3, 1);
    double mean = 10.9e-3 / 3.8;
    assertRelative(mean, load.meanResidual());
    assertRelative(100.9e-6 / 5.7 - mean * mean, load.residualVariance());
    // Steps all alike: uniform over one step, of variance step²/12.
    InferenceModel.Load even =
        new InferenceModel.Load(1, 2e-3, 1, 0, 1, 2e-3, 2e-3, 2e-3, 0.3, 0, 0, 2e-3, 1);
    assertRelative(1e-3, even.meanResidual());
    assertRelative(4e-6 / 12, even.residualVariance());
    // Chunk steps of 10 ± 5 ms (exponential tokens: skewness 2) lengthen the wait: E[S²] =
    // 0.1·(100 + 25) + 0.9 = 13.4 ms², E[S³] = 0.1·(1000 + 3·10·25 + 2·125) + 0.9 = 200.9 ms³.
    InferenceModel.Load spread =
        new InferenceModel.Load(1, 1.9e-3, 1, 0, 1, 1e-3, 10e-3, 1e-3, 0.1, 5e-3, 2, 1e-3, 1);
    double spreadMean = 13.4e-6 / 3.8e-3;
    assertRelative(spreadMean, spread.meanResidual());
    assertRelative(200.9e-9 / 5.7e-3 - spreadMean * spreadMean, spread.residualVariance());
  }

  @Test
  void evenlySpacedArrivalsShareFewerSteps() {
    // 10 arrivals a second, a window of 50 ms: Poisson arrivals bring 0.5 others into it and vary
    // by as much; evenly spaced ones (a least-loaded router over many replicas) none, until the
    // window outlasts the gap between them.
    InferenceModel.Load poisson =
        new InferenceModel.Load(1, 0.02, 1, 0, 10, 0.02, 0.02, 0.02, 0, 0, 0, 0.02, 1);
    InferenceModel.Load even =
        new InferenceModel.Load(1, 0.02, 1, 0, 10, 0.02, 0.02, 0.02, 0, 0, 0, 0.02, 0);
    assertRelative(0.5, poisson.othersArriving(0.05));
    assertRelative(0.5, poisson.arrivalCountVariance(0.5));
    assertEquals(0, even.othersArriving(0.05));
    assertRelative(1.5, even.othersArriving(0.25));
    assertRelative(0.25, even.arrivalCountVariance(0.5));
  }

  @Test
  void theShapeGivesTheParametersATokenMultiplies() {
    // 80 × (150,994,944 + 704,643,072 + 32,768) + 524,288,000 ≈ 69.0 B of the published 70 B.
    assertEquals(68_977_950_720.0, ACTIVE_PARAMETERS, 0);
    assertEquals(ACTIVE_PARAMETERS, llama70b().activeParameters(), 0);
    assertEquals(KERNELS_PER_LAYER, InferenceModel.KERNELS_PER_LAYER);
    assertEquals(MEMORY_FRACTION, InferenceModel.MEMORY_FRACTION, 0);
    assertEquals(PAGED_KV_UTILISATION, InferenceModel.PAGED_KV_UTILISATION, 0);
  }

  @Test
  void groupedQueryAttentionKeepsAnEighthOfTheKeysAndValues() {
    // 2 × 80 layers × 8 KV heads × 128 × 2 bytes = 327,680 B a token in FP16; FP8 halves it.
    assertEquals(327_680.0, KV_BYTES_PER_TOKEN, 0);
    assertEquals(327_680.0, InferenceModel.kvBytesPerToken(llama70b(), BF16_BYTES), 0);
    assertEquals(163_840.0, InferenceModel.kvBytesPerToken(llama70b(), FP8_BYTES), 0);
  }

  @Test
  void multiHeadAttentionKeepsEveryHeadsKeysAndValues() {
    // OPT-13B caches all 40 heads in each of its 40 layers: 2 × 40 × 40 × 128 × 2 = 819,200 B,
    // two and a half times the 70B model's GQA cache.
    TransformerModel opt = opt13b();
    double expected = 2.0 * 40 * 40 * 128 * BF16_BYTES;
    assertEquals(819_200.0, expected, 0);
    assertEquals(expected, InferenceModel.kvBytesPerToken(opt, BF16_BYTES), 0);
  }

  @Test
  void decodingOneSequenceReadsTheWeightsEveryStep() {
    // One sequence on eight H100s, batched statically so the TPOT is the decode step alone.
    // Each rank streams its 17.4 GB eighth of the weights (a token gathers one row of the embedding
    // table, not all of it) at 85% of 3.35 TB/s: 6.1 ms, far more
    // than the arithmetic at 0.75 × 1/129 × 1,024/1,152 of peak. Attention, its own kernel,
    // reads the sequence's KV cache (another 0.02 ms), more than its scores take at the fused
    // attention's efficiency. Eighty layers of ten 2.5 µs kernels and two 10 µs all-reduces add
    // 3.6 ms.
    double weightRead = READ_BYTES_PER_DEVICE / EFFECTIVE_HBM_BYTES_PER_SECOND;
    double kvRead = RUNNING_CONTEXT * KV_BYTES_PER_TOKEN / TENSOR / EFFECTIVE_HBM_BYTES_PER_SECOND;
    double efficiency = MATMUL * (1 / (1 + MATMUL_HALF_DIMENSION)) * SHAPE_EFFICIENCY;
    double linear =
        2 * MULTIPLIED_PARAMETERS / (TENSOR * H100_DENSE_BF16_FLOP_PER_SECOND * efficiency);
    double scores =
        4.0
            * RUNNING_CONTEXT
            * ATTENTION_WIDTH
            * LLAMA_LAYERS
            / (TENSOR * H100_DENSE_BF16_FLOP_PER_SECOND * ATTENTION);
    double overhead = decodeOverheadSeconds(1);

    assertTrue(weightRead > linear, "batch 1 is memory-bound");
    assertTrue(kvRead > scores, "decode attention is memory-bound");
    InferenceModel.Estimate one = estimate(STATIC, TENSOR, 1);
    assertTrue(one.fits());
    assertRelative(weightRead + kvRead + overhead, one.tpotSeconds());
    assertEquals(WEIGHT_BYTES_PER_DEVICE, one.weightBytesPerDevice(), 0);
  }

  @Test
  void doublingHbmBandwidthHalvesTheMemoryPartOfADecodeStep() {
    // From an H100 with half its HBM bandwidth to the real one: batch 1 stays memory-bound, so
    // the step less its fixed kernel and all-reduce time halves. The fixed part does not, so
    // the whole TPOT falls by less than half.
    double overhead = decodeOverheadSeconds(1);
    ServingContext slow =
        context(
            llama70b(),
            h100(H100_HBM_BYTES_PER_SECOND / 2),
            PROMPT_TOKENS,
            OUTPUT_TOKENS,
            false,
            true);
    double slowTpot = estimate(slow, TENSOR, 1).tpotSeconds();
    double fastTpot = estimate(STATIC, TENSOR, 1).tpotSeconds();

    double slowMemory =
        (READ_BYTES_PER_DEVICE + RUNNING_CONTEXT * KV_BYTES_PER_TOKEN / TENSOR)
            / (H100_HBM_BYTES_PER_SECOND / 2 * MEMORY);
    assertRelative(slowMemory, slowTpot - overhead);
    assertRelative((slowTpot - overhead) / 2, fastTpot - overhead);
    assertTrue(fastTpot > slowTpot / 2);
  }

  @Test
  void aLargeBatchTurnsTheDecodeStepComputeBound() {
    // 512 sequences share one read of the weights, but each brings 2 FLOPs per parameter: the
    // linear layers' arithmetic, now at 0.75 × 512/640 × 1,024/1,152 of peak, outlasts the 6 ms
    // weight read. Attention, a kernel of its own, still streams every sequence's KV cache.
    double batch = 512;
    double weightRead = READ_BYTES_PER_DEVICE / EFFECTIVE_HBM_BYTES_PER_SECOND;
    double efficiency = MATMUL * (batch / (batch + MATMUL_HALF_DIMENSION)) * SHAPE_EFFICIENCY;
    double linear =
        batch * 2 * MULTIPLIED_PARAMETERS / (TENSOR * H100_DENSE_BF16_FLOP_PER_SECOND * efficiency);
    double kvRead =
        batch * RUNNING_CONTEXT * KV_BYTES_PER_TOKEN / TENSOR / EFFECTIVE_HBM_BYTES_PER_SECOND;
    double scores =
        batch
            * 4.0
            * RUNNING_CONTEXT
            * ATTENTION_WIDTH
            * LLAMA_LAYERS
            / (TENSOR * H100_DENSE_BF16_FLOP_PER_SECOND * ATTENTION);

    assertTrue(linear > weightRead, "batch 512 is compute-bound");
    InferenceModel.Estimate big = estimate(STATIC, TENSOR, (int) batch);
    assertTrue(big.fits());
    assertRelative(
        linear + Math.max(kvRead, scores) + decodeOverheadSeconds(batch), big.tpotSeconds());
  }

  @Test
  void tokensPerSecondGrowSubLinearlyWithBatch() {
    // Doubling the batch never doubles the throughput: each step gets longer.
    int maxBatch = estimate(CONTINUOUS, TENSOR, 1).maxBatch();
    for (ServingContext ctx : new ServingContext[] {STATIC, CONTINUOUS}) {
      for (int b = 1; 2 * b <= maxBatch; b *= 2) {
        double at = estimate(ctx, TENSOR, b).tokensPerSecond();
        double twice = estimate(ctx, TENSOR, 2 * b).tokensPerSecond();
        assertTrue(twice > at, "batch " + 2 * b + " still adds throughput");
        assertTrue(twice < 2 * at, "batch " + 2 * b + " less than doubles it");
      }
    }
  }

  @Test
  void throughputAndTpotNeverFallAsTheBatchGrowsToTheKvLimit() {
    for (ServingContext ctx : new ServingContext[] {STATIC, CONTINUOUS}) {
      for (int[] shape : new int[][] {{8, 1}, {4, 1}, {4, 2}}) {
        int t = shape[0];
        int p = shape[1];
        int maxBatch =
            InferenceModel.estimate(ctx, new ServingConfig(t, p, 1, 1, Precision.BF16)).maxBatch();
        assertTrue(maxBatch > 1);
        InferenceModel.Estimate previous = null;
        for (int b = 1; b <= maxBatch; b++) {
          InferenceModel.Estimate e =
              InferenceModel.estimate(ctx, new ServingConfig(t, p, 1, b, Precision.BF16));
          assertTrue(e.fits(), "batch " + b + " of " + maxBatch + " fits");
          if (previous != null) {
            assertTrue(e.tokensPerSecond() >= previous.tokensPerSecond(), "tokens/s at " + b);
            assertTrue(e.tpotSeconds() >= previous.tpotSeconds(), "TPOT at " + b);
          }
          previous = e;
        }
        InferenceModel.Estimate beyond =
            InferenceModel.estimate(ctx, new ServingConfig(t, p, 1, maxBatch + 1, Precision.BF16));
        assertFalse(beyond.fits(), "one sequence more than the KV pool holds");
        assertEquals(0, beyond.tokensPerSecond(), 0);
      }
    }
  }

  @Test
  void prefillingOnePromptIsComputeBound() {
    // 1,024 prompt tokens × 2 FLOPs per parameter at 0.75 × (1,024/1,152)² of eight H100s'
    // peak: 30 ms, about five times the 6 ms it takes to read the weights; attention, each token
    // over the keys before it (P a token on average with exponential prompts), runs on at the
    // fused kernel's efficiency. Each layer all-reduces the prompt's
    // hidden states twice (a ring over the eight ranks, 10 µs in all) and launches its ten
    // kernels once.
    double efficiency =
        MATMUL * (PROMPT_TOKENS / (PROMPT_TOKENS + MATMUL_HALF_DIMENSION)) * SHAPE_EFFICIENCY;
    double linear =
        PROMPT_TOKENS
            * 2
            * MULTIPLIED_PARAMETERS
            / (TENSOR * H100_DENSE_BF16_FLOP_PER_SECOND * efficiency);
    double scores =
        4.0
            * PROMPT_TOKENS
            * PREFILL_KEYS_PER_TOKEN
            * ATTENTION_WIDTH
            * LLAMA_LAYERS
            / (TENSOR * H100_DENSE_BF16_FLOP_PER_SECOND * ATTENTION);
    double weightRead = READ_BYTES_PER_DEVICE / EFFECTIVE_HBM_BYTES_PER_SECOND;
    double allReduce =
        2.0
                * (TENSOR - 1)
                / TENSOR
                * PROMPT_TOKENS
                * LLAMA_HIDDEN
                * BF16_BYTES
                / EFFECTIVE_NVLINK_BYTES_PER_SECOND
            + COLLECTIVE_LATENCY_SECONDS;
    double prefill =
        linear
            + scores
            + LLAMA_LAYERS * 2 * allReduce
            + LLAMA_LAYERS * KERNELS_PER_LAYER * KERNEL_FIXED_SECONDS;

    assertTrue(linear > 4 * weightRead, "prefill is compute-bound");
    // A static batch of one waits for exactly one prefill.
    assertRelative(prefill, estimate(STATIC, TENSOR, 1).ttftSeconds());
  }

  @Test
  void thePagedPoolHoldsSequencesByTheirAverageContextAtItsFullest() {
    // Each H100 gives 90% of 80 GiB less its 17.5 GB of weights and 2 GiB of runtime: 57.7 GB,
    // 461 GB over eight, 96.3% of it live with paging: 1.36 million tokens of 327,680 B. With
    // fixed lengths a running sequence holds its prompt and on average half its output, 1,152
    // tokens, spread uniformly over its output (σ = 256/√12); n of them fit when their
    // contexts' 99th percentile does, n·m + 2.326·√n·σ ≤ C: a few fewer than at the mean.
    double pool =
        TENSOR * (H100_MEMORY_BYTES * MEMORY_FRACTION - WEIGHT_BYTES_PER_DEVICE - RESERVED_BYTES);
    double tokens = pool * PAGED_KV_UTILISATION / KV_BYTES_PER_TOKEN;
    double sigma = OUTPUT_TOKENS / Math.sqrt(12);
    double z = 2.3263478740;
    double root =
        (-z * sigma + Math.sqrt(z * z * sigma * sigma + 4 * AVERAGE_CONTEXT * tokens))
            / (2 * AVERAGE_CONTEXT);

    InferenceModel.Estimate e = estimate(withLengths(LengthDistribution.FIXED), TENSOR, 1);
    assertRelative(pool, e.kvBytesPerReplica());
    assertEquals((int) Math.floor(root * root), e.maxBatch());
    assertTrue(
        e.maxBatch() < tokens / AVERAGE_CONTEXT && e.maxBatch() > 0.99 * tokens / AVERAGE_CONTEXT);
  }

  @Test
  void exponentialLengthsHoldFewerSequences() {
    // With exponential lengths a running sequence is caught, on average, a whole mean output into
    // its generation (long requests stay longer), and contexts spread wider: fewer fit.
    InferenceModel.Estimate fixed = estimate(withLengths(LengthDistribution.FIXED), TENSOR, 1);
    InferenceModel.Estimate spread =
        estimate(withLengths(LengthDistribution.EXPONENTIAL), TENSOR, 1);
    assertTrue(spread.maxBatch() < fixed.maxBatch());
    double tokens =
        TENSOR
            * (H100_MEMORY_BYTES * MEMORY_FRACTION - WEIGHT_BYTES_PER_DEVICE - RESERVED_BYTES)
            * PAGED_KV_UTILISATION
            / KV_BYTES_PER_TOKEN;
    assertTrue(spread.maxBatch() < tokens / (PROMPT_TOKENS + OUTPUT_TOKENS));
  }

  private static ServingContext withLengths(LengthDistribution lengths) {
    return CONTINUOUS.withServing(
        new ServingSpec(
            LatencyPercentile.P99,
            ServingMode.AGGREGATED,
            Optional.empty(),
            ServingSpec.DEFAULT_TOKEN_BUDGET,
            OptionalInt.empty(),
            Optional.empty(),
            0,
            lengths,
            Optional.empty()));
  }

  @Test
  void aContiguousCacheReservesTheWholeContextPerSequence() {
    // Without paging every sequence reserves the model's 4,096-token context: 1.34 GB, and
    // the same 461 GB pool holds 343 sequences rather than 1,176.
    double pool =
        TENSOR * (H100_MEMORY_BYTES * MEMORY_FRACTION - WEIGHT_BYTES_PER_DEVICE - RESERVED_BYTES);
    double perSequence = LLAMA_CONTEXT * KV_BYTES_PER_TOKEN;
    ServingContext contiguous =
        context(llama70b(), h100(), PROMPT_TOKENS, OUTPUT_TOKENS, true, false);

    InferenceModel.Estimate e = estimate(contiguous, TENSOR, 1);
    assertEquals((int) Math.floor(pool / perSequence), e.maxBatch());
    assertEquals(343, e.maxBatch());
  }

  @Test
  void pagingNeverHoldsFewerSequencesThanContiguousReservation() {
    for (Precision precision : new Precision[] {Precision.BF16, Precision.FP8}) {
      for (int t : new int[] {2, 4, 8}) {
        for (double prompt : new double[] {128, 1024, 3000}) {
          ServingContext paged = context(llama70b(), h100(), prompt, OUTPUT_TOKENS, true, true);
          ServingContext contiguous =
              context(llama70b(), h100(), prompt, OUTPUT_TOKENS, true, false);
          ServingConfig c = new ServingConfig(t, 1, 1, 1, precision);
          assertTrue(
              InferenceModel.estimate(paged, c).maxBatch()
                  >= InferenceModel.estimate(contiguous, c).maxBatch(),
              precision + " t=" + t + " prompt " + prompt);
        }
      }
    }
  }

  @Test
  void continuousBatchingPrefillsInChunksAlongsideTheDecodes() {
    // 64 sequences in flight. Statically, the 64 prompts are prefilled together before any
    // decodes: the first token waits for all 64. Continuously (chunked prefill), the 64
    // sequences finish at the rate they are replaced: of the S + 1 steps a request takes (S =
    // 255 decode steps after the prefill step) 64·S/(S + 1) decode each step, and the steps carry
    // 64·P/(S + 1) prompt tokens on average, in chunks of the prompts that arrived during the step
    // before: that share of the steps carries one, the rest only decode. A new request waits out
    // the step in flight, E[S²]/(2·E[S]) (it
    // lands in a step carrying a prompt more often than their share), and its prompt's step.
    int batch = 64;
    double prefill = estimate(STATIC, TENSOR, 1).ttftSeconds();
    double decode = estimate(STATIC, TENSOR, batch).tpotSeconds();

    InferenceModel.Estimate fixed = estimate(STATIC, TENSOR, batch);
    assertRelative(batch * prefill, fixed.ttftSeconds());
    assertRelative(
        batch * OUTPUT_TOKENS / (batch * prefill + OUTPUT_TOKENS * decode),
        fixed.tokensPerSecond());

    ServingConfig config = new ServingConfig(TENSOR, 1, 1, batch, Precision.BF16);
    StepTime step = new StepTime(CONTINUOUS, config);
    double steps = OUTPUT_TOKENS - 1;
    double decoding = batch * steps / (steps + 1);
    double promptTokens = batch * PROMPT_TOKENS / (steps + 1);
    double keys = PREFILL_KEYS_PER_TOKEN;
    // A chunk step carries the prompts that arrived during the step before it: one, and λ·E[R]
    // more on average (Poisson arrivals, R the wait for a step in flight).
    InferenceModel.Load load = InferenceModel.Load.at(CONTINUOUS, step, batch);
    double share = load.promptStepShare();
    double chunk = promptTokens / share;
    double lambda = load.requestsPerSecond();
    assertEquals(PROMPT_TOKENS * (1 + lambda * load.meanResidual()), chunk, 1e-2 * chunk);
    double withPrompt = step.seconds(decoding, decoding * RUNNING_CONTEXT, chunk, chunk * keys);
    double decodeOnly = step.seconds(decoding, decoding * RUNNING_CONTEXT, 0, 0);
    double tau = share * withPrompt + (1 - share) * decodeOnly;
    assertRelative(tau, load.stepSeconds());
    // A step is the larger of its multiplies and its weight reads: the mix is no faster than a
    // step carrying the average prompt tokens.
    assertTrue(
        tau
            >= step.seconds(decoding, decoding * RUNNING_CONTEXT, promptTokens, promptTokens * keys)
                - 1e-15);

    // A decoding request's own prompt was prefilled before its first token: its steps carry the
    // other 63 requests' prompts, with it and 63·S/(S + 1) others decoding.
    double seenDecoding = 1 + (batch - 1) * steps / (steps + 1);
    double seenShare = share * (batch - 1) / batch;
    double seen =
        seenShare * step.seconds(seenDecoding, seenDecoding * RUNNING_CONTEXT, chunk, chunk * keys)
            + (1 - seenShare) * step.seconds(seenDecoding, seenDecoding * RUNNING_CONTEXT, 0, 0);
    InferenceModel.Estimate continuous = estimate(CONTINUOUS, TENSOR, batch);
    assertRelative(seen, continuous.tpotSeconds());
    // A new request waits out the step in flight, E[S²]/(2·E[S]), longer than half a mean step,
    // then its prompt's step, with the prompts of the others that arrived during the step in flight
    // (λ·E[S²]/E[S] of them: that step is length-biased).
    double inFlight = load.meanResidual();
    assertTrue(inFlight > tau / 2);
    double tokens = PROMPT_TOKENS * (1 + lambda * 2 * inFlight);
    assertRelative(
        inFlight + step.seconds(decoding, decoding * RUNNING_CONTEXT, tokens, tokens * keys),
        continuous.ttftSeconds());
    assertRelative(batch * OUTPUT_TOKENS / ((steps + 1) * tau), continuous.tokensPerSecond());
    assertTrue(continuous.ttftSeconds() < fixed.ttftSeconds());
    assertTrue(continuous.tokensPerSecond() > fixed.tokensPerSecond());
  }

  @Test
  void weightsThatDoNotFitLeaveNoKvPoolAndNoThroughput() {
    // 140 GB of BF16 weights on one 80 GiB H100.
    InferenceModel.Estimate e = estimate(CONTINUOUS, 1, 1);
    assertFalse(e.fits());
    assertEquals(0, e.maxBatch());
    assertEquals(0, e.kvBytesPerReplica(), 0);
    assertEquals(0, e.tokensPerSecond(), 0);
    assertEquals(Double.POSITIVE_INFINITY, e.tpotSeconds());
    assertEquals(Double.POSITIVE_INFINITY, e.ttftSeconds());
  }
}
