package dev.ironworks.core.inference;

import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.scenario.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Auto-configuration of serving: tensor × pipeline × batch × precision, keeping configurations that
 * meet the latency targets, ranked by accelerators needed for the demand (the cheapest fleet), then
 * by time per output token.
 */
public final class ServingSearch {
  private static final int[] POWERS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

  private ServingSearch() {}

  /**
   * A search's outcome.
   *
   * @param best the chosen configuration, when one meets the targets
   * @param replicas replicas of it for the peak demand (or the fleet's, when fixed)
   * @param curve the chosen replica shape's latency–throughput trade-off, batch by batch
   */
  public record Result(
      Optional<InferenceModel.Estimate> best,
      long replicas,
      List<InferenceModel.Estimate> curve,
      long evaluated) {}

  /**
   * Searches.
   *
   * @param peakTokensPerSecond output tokens per second to serve at the peak (0: maximise per
   *     accelerator)
   * @param maxAcceleratorsPerReplica the fleet's size when it is given (a replica must fit)
   */
  public static Result search(
      ServingContext ctx,
      OptionalInt fixedTensor,
      OptionalInt fixedPipeline,
      Optional<Precision> fixedPrecision,
      OptionalDouble ttftTarget,
      OptionalDouble tpotTarget,
      double peakTokensPerSecond,
      long maxAcceleratorsPerReplica) {
    TransformerModel m = ctx.model();
    List<Precision> precisions = new ArrayList<>();
    if (fixedPrecision.isPresent()) {
      precisions.add(fixedPrecision.get());
    } else {
      if (ctx.accelerator().denseFp8FlopPerSecond().isPresent()) {
        precisions.add(Precision.FP8);
      }
      precisions.add(Precision.BF16);
    }
    InferenceModel.Estimate best = null;
    double bestScore = Double.POSITIVE_INFINITY;
    long bestReplicas = 0;
    long evaluated = 0;
    for (Precision precision : precisions) {
      for (int t : candidates(fixedTensor)) {
        if (m.attentionHeads() % t != 0
            || (fixedTensor.isEmpty() && t > Math.max(1, ctx.scaleUpDomainSize()))) {
          continue;
        }
        for (int p :
            pipelines(
                ctx,
                fixedPipeline,
                t,
                precision,
                fixedTensor.isEmpty() ? maxAcceleratorsPerReplica : 0)) {
          if ((long) t * p > maxAcceleratorsPerReplica) {
            continue;
          }
          InferenceModel.Estimate one =
              InferenceModel.estimate(ctx, new ServingConfig(t, p, expert(m, t), 1, precision));
          evaluated++;
          if (one.maxBatch() < 1) {
            continue;
          }
          for (int b : batches(one.maxBatch())) {
            InferenceModel.Estimate e =
                InferenceModel.estimate(ctx, new ServingConfig(t, p, expert(m, t), b, precision));
            evaluated++;
            if (!e.fits() || !meets(e, ttftTarget, tpotTarget)) {
              continue;
            }
            long replicas =
                peakTokensPerSecond > 0
                    ? (long) Math.ceil(peakTokensPerSecond / e.tokensPerSecond())
                    : 1;
            double score =
                peakTokensPerSecond > 0 ? (double) replicas * t * p : t * p / e.tokensPerSecond();
            if (best == null
                || score < bestScore - 1e-12
                || (Math.abs(score - bestScore) <= 1e-12 && e.tpotSeconds() < best.tpotSeconds())) {
              best = e;
              bestScore = score;
              bestReplicas = replicas;
            }
          }
        }
      }
    }
    List<InferenceModel.Estimate> curve = new ArrayList<>();
    if (best != null) {
      ServingConfig c = best.config();
      int maxBatch = best.maxBatch();
      for (int b : batches(maxBatch)) {
        curve.add(
            InferenceModel.estimate(
                ctx, new ServingConfig(c.tensor(), c.pipeline(), c.expert(), b, c.precision())));
      }
    }
    return new Result(Optional.ofNullable(best), bestReplicas, curve, evaluated);
  }

  /**
   * Pipeline depths to try: the fixed one; else none while a wider tensor-parallel group inside the
   * scale-up domain would hold the weights (as serving engines split a model), else the fewest
   * stages whose memory holds them, and twice that for KV room.
   */
  static List<Integer> pipelines(
      ServingContext ctx, OptionalInt fixed, int t, Precision precision, long widerLimit) {
    if (fixed.isPresent()) {
      return List.of(fixed.getAsInt());
    }
    double weights = ctx.model().parameters() * precision.bytes();
    double perDevice =
        ctx.memoryBytes() * InferenceModel.MEMORY_FRACTION
            - ctx.calibration().reservedMemoryBytes();
    if (perDevice <= 0) {
      return List.of();
    }
    int least = (int) Math.max(1, Math.ceil(weights * 1.05 / (t * perDevice)));
    if (least > 100_000) {
      return List.of();
    }
    // Tensor parallelism first inside a scale-up domain, pipeline stages only beyond it: skip
    // stages while a wider tensor group that the heads and the domain allow holds the weights.
    int widest = 1;
    for (int w = 1; w <= Math.min(ctx.scaleUpDomainSize(), ctx.model().attentionHeads()); w *= 2) {
      if (ctx.model().attentionHeads() % w == 0) {
        widest = w;
      }
    }
    // Only when the tensor degree is free and the wider group fits the replica limit.
    boolean widerFits =
        widest <= widerLimit && Math.ceil(weights * 1.05 / (widest * perDevice)) <= 1;
    if (least > 1 && widerFits && t < widest) {
      return List.of();
    }
    return least == 1 ? List.of(1) : List.of(least, 2 * least);
  }

  private static boolean meets(
      InferenceModel.Estimate e, OptionalDouble ttftTarget, OptionalDouble tpotTarget) {
    return (ttftTarget.isEmpty() || e.ttftSeconds() <= ttftTarget.getAsDouble())
        && (tpotTarget.isEmpty() || e.tpotSeconds() <= tpotTarget.getAsDouble());
  }

  private static int expert(TransformerModel m, int t) {
    return m.isMoe() ? Math.min(t, m.experts()) : 1;
  }

  private static int[] candidates(OptionalInt fixed) {
    return fixed.isPresent() ? new int[] {fixed.getAsInt()} : POWERS;
  }

  /** Batches 1, 2, 4 … up to the largest that fits, and that largest. */
  static List<Integer> batches(int maxBatch) {
    List<Integer> out = new ArrayList<>();
    for (int b = 1; b < maxBatch; b *= 2) {
      out.add(b);
    }
    out.add(maxBatch);
    return out;
  }
}
