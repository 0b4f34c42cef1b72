package dev.ironworks.core.sim;

import dev.ironworks.core.inference.StepTime;
import dev.ironworks.core.scenario.LengthDistribution;
import dev.ironworks.core.units.Require;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a request-level serving simulation runs: the fleet (aggregated replicas, or prefill and
 * decode pools), each replica's step time and limits, and the requests (Poisson arrivals with
 * lengths drawn around their means, or a trace).
 *
 * @param step one replica's scheduler step
 * @param replicas aggregated replicas (0 when disaggregated)
 * @param prefillReplicas prefill replicas of a disaggregated fleet (0 when aggregated)
 * @param decodeReplicas decode replicas of a disaggregated fleet (0 when aggregated)
 * @param slots sequences a replica runs at most
 * @param kvCapacityTokens context tokens a replica's KV cache holds, counted as in {@link
 *     StepTime#kvHeldTokens}: a sliding-window layer's share of a token beyond its window is free
 * @param tokenBudget tokens a step carries at most
 * @param prefixCacheHitRate share of prompt tokens found in the prefix cache
 * @param kvTransferSecondsPerToken seconds per prompt token to move KV to a decode replica
 * @param kvTransferLatencySeconds fixed time of one KV transfer
 * @param requestsPerSecond Poisson arrivals a second at the fleet (ignored with a trace)
 * @param promptTokens mean prompt tokens (ignored with a trace)
 * @param outputTokens mean output tokens (ignored with a trace)
 * @param lengths how lengths spread around the means
 * @param requests requests to simulate (at most the trace's)
 * @param trace requests to replay instead of Poisson arrivals
 * @param ttftTargetSeconds for goodput
 * @param tpotTargetSeconds for goodput
 * @param warmupSeconds how long the fleet takes to fill from empty (a request's life at a full
 *     batch): the requests arriving that long after the first, and as many at the end, run
 *     unmeasured (0: every request is measured)
 */
public record ServingSetup(
    StepTime step,
    int replicas,
    int prefillReplicas,
    int decodeReplicas,
    int slots,
    double kvCapacityTokens,
    int tokenBudget,
    double prefixCacheHitRate,
    double kvTransferSecondsPerToken,
    double kvTransferLatencySeconds,
    double requestsPerSecond,
    double promptTokens,
    double outputTokens,
    LengthDistribution lengths,
    int requests,
    Optional<RequestTrace> trace,
    OptionalDouble ttftTargetSeconds,
    OptionalDouble tpotTargetSeconds,
    double warmupSeconds) {
  /** The most requests one simulation holds. */
  public static final int MAX_REQUESTS = 10_000_000;

  public ServingSetup {
    Require.present("step", step);
    boolean aggregated = replicas > 0;
    if (aggregated == (prefillReplicas > 0 || decodeReplicas > 0)
        || (!aggregated && (prefillReplicas < 1 || decodeReplicas < 1))) {
      throw new IllegalArgumentException(
          "give aggregated replicas, or prefill and decode replicas, not both");
    }
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be >= 1, got " + slots);
    }
    Require.positive("kvCapacityTokens", kvCapacityTokens);
    if (tokenBudget < 1) {
      throw new IllegalArgumentException("tokenBudget must be >= 1, got " + tokenBudget);
    }
    if (!(prefixCacheHitRate >= 0 && prefixCacheHitRate < 1)) {
      throw new IllegalArgumentException("prefixCacheHitRate must be in [0, 1)");
    }
    Require.nonNegative("kvTransferSecondsPerToken", kvTransferSecondsPerToken);
    Require.nonNegative("kvTransferLatencySeconds", kvTransferLatencySeconds);
    if (trace.isEmpty()) {
      Require.positive("requestsPerSecond", requestsPerSecond);
      Require.positive("promptTokens", promptTokens);
      Require.positive("outputTokens", outputTokens);
    }
    if (requests < 1 || requests > MAX_REQUESTS) {
      throw new IllegalArgumentException(
          "requests must be between 1 and " + MAX_REQUESTS + ", got " + requests);
    }
    Require.present("lengths", lengths);
    Require.nonNegative("warmupSeconds", warmupSeconds);
  }

  /** Whether prefill and decode run on separate pools. */
  public boolean disaggregated() {
    return replicas == 0;
  }

  /** Requests the run takes: the trace's, at most {@code requests}. */
  public int requestCount() {
    return trace.map(t -> Math.min(t.size(), requests)).orElse(requests);
  }

  /**
   * Requests left unmeasured at each end: those arriving within the warm-up, at the arrival rate (a
   * trace's mean), at most a quarter of the run each.
   */
  public int warmupRequests() {
    int n = requestCount();
    double rate = trace.map(RequestTrace::meanRate).orElse(requestsPerSecond);
    double within = Math.ceil(warmupSeconds * (rate > 0 ? rate : 0));
    return (int) Math.min(n / 4, within);
  }
}
