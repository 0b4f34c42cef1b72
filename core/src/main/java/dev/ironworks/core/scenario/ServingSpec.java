package dev.ironworks.core.scenario;

import dev.ironworks.core.units.Require;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a fleet serves: the percentile its latency targets hold for, the serving mode, the KV cache's
 * number format, the scheduler's limits, speculative decoding and prefix caching, and how request
 * lengths spread.
 *
 * @param kvCachePrecision of the KV cache (empty: the weights' format, FP8 under 4-bit weights)
 * @param tokenBudget tokens one scheduler step may carry: every decoding sequence's, then chunks of
 *     prompts (chunked prefill)
 * @param maxSequences sequences a replica runs at once (empty: searched up to what the KV cache
 *     holds)
 * @param prefixCacheHitRate share of prompt tokens found in the prefix cache, not prefilled
 * @param calibration a calibration entry to serve with instead of the accelerator's own (an older
 *     software stack's, say)
 */
public record ServingSpec(
    LatencyPercentile percentile,
    ServingMode mode,
    Optional<Precision> kvCachePrecision,
    int tokenBudget,
    OptionalInt maxSequences,
    Optional<SpeculativeDecoding> speculative,
    double prefixCacheHitRate,
    LengthDistribution lengths,
    Optional<String> calibration) {
  /** The scheduler's token budget by default: vLLM's for its server on large GPUs. */
  public static final int DEFAULT_TOKEN_BUDGET = 8192;

  /** Serving as before these options existed: p99, auto mode, no speculation or prefix hits. */
  public static final ServingSpec DEFAULT =
      new ServingSpec(
          LatencyPercentile.P99,
          ServingMode.AUTO,
          Optional.empty(),
          DEFAULT_TOKEN_BUDGET,
          OptionalInt.empty(),
          Optional.empty(),
          0,
          LengthDistribution.EXPONENTIAL,
          Optional.empty());

  public ServingSpec {
    Require.present("workload.inference.latency.percentile", percentile);
    Require.present("workload.inference.mode", mode);
    if (tokenBudget < 1) {
      throw new IllegalArgumentException(
          "workload.inference.scheduler.tokenBudget must be >= 1, got " + tokenBudget);
    }
    maxSequences.ifPresent(
        n -> {
          if (n < 1) {
            throw new IllegalArgumentException(
                "workload.inference.scheduler.maxSequences must be >= 1, got " + n);
          }
        });
    if (!(prefixCacheHitRate >= 0 && prefixCacheHitRate < 1)) {
      throw new IllegalArgumentException(
          "workload.inference.prefixCacheHitRate must be in [0, 1), got " + prefixCacheHitRate);
    }
    Require.present("workload.inference.lengths", lengths);
    Require.present("workload.inference.calibration", calibration);
  }

  /** The same options at another percentile. */
  public ServingSpec withPercentile(LatencyPercentile p) {
    return new ServingSpec(
        p,
        mode,
        kvCachePrecision,
        tokenBudget,
        maxSequences,
        speculative,
        prefixCacheHitRate,
        lengths,
        calibration);
  }

  /** The KV cache's format under weights in {@code weights}. */
  public Precision kvPrecision(Precision weights) {
    return kvCachePrecision.orElse(weights.isFourBit() ? Precision.FP8 : weights);
  }
}
