package dev.ironworks.core.inference;

import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.network.Collectives;
import dev.ironworks.core.scenario.Precision;

/**
 * Serving a transformer on one replica of t × p accelerators (docs/architecture.md, Inference
 * model).
 *
 * <p>Decode reads the weights and every active sequence's KV cache each step: memory-bound at small
 * batch, compute-bound (2 FLOPs per active parameter per token, plus attention over the context) at
 * large. A step takes the larger of the two through the replica's p pipeline stages — with p stages
 * busy on p micro-batches, the weights are read once per micro-batch and the KV cache and
 * arithmetic split over the stages — plus fixed per-kernel time for each layer's kernels (the
 * calibration's kernel fixed time), two one-shot all-reduces per layer across the t tensor-parallel
 * ranks, and a hop per stage. Prefill is compute-bound: 2·N per prompt token plus the causal half
 * of attention.
 *
 * <p>The KV cache holds 2·L·kv·d values per token. With a paged cache (Kwon et al. 2023) 96.3% of
 * the pool holds live tokens and a sequence occupies its prompt and half its output on average; a
 * contiguous cache reserves the model's whole context per sequence. Continuous batching interleaves
 * prefills with decode steps: each step also carries B/output prefills.
 */
public final class InferenceModel {
  /** Share of the KV pool holding live tokens with paging (Kwon et al. 2023, Fig. 2: 96.3%). */
  public static final double PAGED_KV_UTILISATION = 0.963;

  /** Share of accelerator memory the serving engine takes (vLLM's default 0.9). */
  public static final double MEMORY_FRACTION = 0.9;

  /** Kernels per layer per decode step: norms, QKV, rotary, attention, output, two FFN, act. */
  public static final int KERNELS_PER_LAYER = 10;

  private InferenceModel() {}

  /** KV-cache bytes per token: 2 (K and V) × layers × KV heads × head size × bytes. */
  public static double kvBytesPerToken(TransformerModel m, double bytesPerValue) {
    return 2.0 * m.layers() * m.kvHeads() * m.headDim() * bytesPerValue;
  }

  /**
   * One serving configuration's figures.
   *
   * @param maxBatch sequences the KV pool holds (0: the weights do not fit)
   * @param tpotSeconds time per output token at this batch, prefills included
   * @param ttftSeconds prefill of one prompt plus the wait for the step in flight
   * @param tokensPerSecond output tokens per second of the replica
   */
  public record Estimate(
      ServingConfig config,
      double weightBytesPerDevice,
      double kvBytesPerReplica,
      int maxBatch,
      double tpotSeconds,
      double ttftSeconds,
      double tokensPerSecond,
      boolean fits) {}

  /** Fraction of the precision's peak a large multiply reaches, from the calibration. */
  static double matmulEfficiency(Calibration cal, Precision precision) {
    return switch (precision) {
      case FP32, FP16, BF16 -> cal.matmul();
      case FP8 -> cal.fp8Matmul();
      case MXFP8 -> cal.mxfp8Matmul();
      case NVFP4 -> cal.nvfp4Matmul();
    };
  }

  /** Estimates one configuration. */
  public static Estimate estimate(ServingContext ctx, ServingConfig c) {
    TransformerModel m = ctx.model();
    Calibration cal = ctx.calibration();
    int t = c.tensor();
    int p = c.pipeline();
    int n = t * p;
    double bytes = c.precision().bytes();
    double weights = m.parameters() * bytes;
    double weightsPerDevice = weights / n;
    double usable =
        ctx.memoryBytes() * MEMORY_FRACTION - weightsPerDevice - cal.reservedMemoryBytes();
    double kvPerToken = kvBytesPerToken(m, bytes);
    double pool = Math.max(0, usable) * n;
    double perSequence =
        ctx.pagedKvCache()
            ? (ctx.promptTokens() + ctx.outputTokens() / 2) * kvPerToken / PAGED_KV_UTILISATION
            : Math.max(m.sequenceLength(), ctx.promptTokens() + ctx.outputTokens()) * kvPerToken;
    int maxBatch = usable > 0 ? (int) Math.min(1_000_000, Math.floor(pool / perSequence)) : 0;
    if (maxBatch < 1 || c.batch() > maxBatch) {
      return new Estimate(
          c,
          weightsPerDevice,
          pool,
          maxBatch,
          Double.POSITIVE_INFINITY,
          Double.POSITIVE_INFINITY,
          0,
          false);
    }
    double b = c.batch();
    double perStage = Math.max(1, b / p);
    double memBw = ctx.memoryBandwidthBytesPerSecond() * cal.memory();
    double peak = ctx.peakFlopPerSecond(c.precision());
    double context = ctx.promptTokens() + ctx.outputTokens() / 2;
    double active = m.activeParameters();
    double attentionPerToken = 4.0 * context * m.attentionWidth() * m.layers();

    // Decode step: weights once per micro-batch, KV and arithmetic of the micro-batch, summed
    // over the p stages a token passes through.
    double memory = (weights / t + perStage * context * kvPerToken / t) / memBw;
    double flops = perStage * (2 * active + attentionPerToken);
    double matmul = matmulEfficiency(cal, c.precision());
    double efficiency =
        matmul
            * (perStage / (perStage + cal.matmulHalfDimension()))
            * shape(m.hiddenSize() / (double) t, cal);
    double compute = flops / (t * peak * efficiency);
    double tpLink = ctx.scaleUpBytesPerSecond() * cal.collective();
    double allReduce =
        t > 1
            ? 2.0 * (t - 1) / t * perStage * m.hiddenSize() * 2 / tpLink
                + cal.collectiveLatencySeconds()
            : 0;
    double overhead =
        m.layers() * (KERNELS_PER_LAYER * cal.kernelFixedSeconds() + 2 * allReduce)
            + (p - 1) * ctx.stageHopSeconds();
    double decode = Math.max(memory, compute) + overhead;

    // Prefill of one prompt: compute-bound, the causal half of attention.
    double prompt = ctx.promptTokens();
    double prefillFlops =
        prompt * 2 * active + 2.0 * prompt * prompt * m.attentionWidth() * m.layers();
    double prefillEfficiency =
        matmul
            * (prompt / (prompt + cal.matmulHalfDimension()))
            * shape(m.hiddenSize() / (double) t, cal);
    double prefillAllReduce =
        t > 1
            ? m.layers()
                * 2
                * Collectives.allReduceSeconds(
                    prompt * m.hiddenSize() * 2,
                    t,
                    tpLink,
                    cal.collectiveLatencySeconds() / (2.0 * (t - 1)))
            : 0;
    double prefill =
        Math.max(prefillFlops / (n * peak * prefillEfficiency), weights / n / memBw)
            + prefillAllReduce
            + m.layers() * KERNELS_PER_LAYER * cal.kernelFixedSeconds()
            + (p - 1) * ctx.stageHopSeconds();

    double tpot;
    double ttft;
    double tokensPerSecond;
    if (ctx.continuousBatching()) {
      // Each step also prefills the requests that replace the b / output finishing per step.
      tpot = decode + b / ctx.outputTokens() * prefill;
      ttft = prefill + tpot;
      tokensPerSecond = b / tpot;
    } else {
      // Static batches: b prompts prefilled together, then output steps for all of them.
      double batchPrefill = b * prefill;
      tpot = decode;
      ttft = batchPrefill;
      tokensPerSecond = b * ctx.outputTokens() / (batchPrefill + ctx.outputTokens() * decode);
    }
    return new Estimate(c, weightsPerDevice, pool, maxBatch, tpot, ttft, tokensPerSecond, true);
  }

  private static double shape(double x, Calibration cal) {
    return x / (x + cal.matmulHalfDimension());
  }
}
