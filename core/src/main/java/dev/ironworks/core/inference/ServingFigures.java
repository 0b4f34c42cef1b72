package dev.ironworks.core.inference;

import dev.ironworks.core.scenario.LatencyPercentile;
import dev.ironworks.core.scenario.ServingMode;
import java.util.List;
import java.util.Optional;

/**
 * What the queueing model says of a serving fleet.
 *
 * @param percentile the share of requests the latency targets hold for
 * @param mode aggregated or disaggregated, as chosen
 * @param load a replica under the peak demand (or at the most the targets allow): utilisation and
 *     latency percentiles; empty where the queue has no steady state
 * @param ratePerReplica requests a second a replica carries within the targets at the percentile
 * @param capacityPerReplica requests a second a replica completes with every slot busy
 * @param prefillReplicas replicas of the prefill pool (0 when aggregated)
 * @param decodeReplicas replicas of the decode pool (0 when aggregated)
 * @param kvTransferSeconds moving a prompt's KV cache to a decode replica (0 when aggregated)
 * @param tokensPerStep output tokens a sequence gains per step (speculative decoding: above 1)
 * @param prefixCacheHitRate share of prompt tokens served from the prefix cache
 * @param medianAccelerators the fleet the same targets need at the median (0: not computed)
 * @param loadCurve a replica at rising shares of its capacity (disaggregated: the fleet at rising
 *     shares of its slower pool's, per replica): throughput against latency percentiles
 */
public record ServingFigures(
    LatencyPercentile percentile,
    ServingMode mode,
    Optional<LoadPoint> load,
    double ratePerReplica,
    double capacityPerReplica,
    long prefillReplicas,
    long decodeReplicas,
    double kvTransferSeconds,
    double tokensPerStep,
    double prefixCacheHitRate,
    long medianAccelerators,
    List<LoadPoint> loadCurve) {
  /** Shares of a replica's capacity the load curve is drawn at. */
  public static final double[] CURVE_LOADS = {
    0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98
  };

  public ServingFigures {
    loadCurve = List.copyOf(loadCurve);
  }

  /**
   * Share of a replica's capacity held back so that the percentile meets the targets: 1 − the rate
   * within the targets over the rate with every slot busy.
   */
  public double tailHeadroom() {
    return capacityPerReplica > 0 ? Math.max(0, 1 - ratePerReplica / capacityPerReplica) : 0;
  }
}
