package dev.ironworks.core.scenario;

import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.units.Require;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Serving a model: demand, request shape and latency targets.
 *
 * @param tokensPerDay generated (output) tokens per day, on average
 * @param requestsPerSecond average requests per second (an alternative to tokensPerDay)
 * @param peakToAverage the fleet is provisioned for the average × this
 * @param precision of weights and KV cache
 * @param ttftMillis time-to-first-token target at the peak
 * @param tpotMillis time-per-output-token target at the peak
 * @param tensor fixed tensor-parallel degree per replica, else searched
 * @param serving the percentile, mode, scheduler and serving techniques
 */
public record InferenceWorkload(
    String model,
    TransformerModel architecture,
    OptionalDouble tokensPerDay,
    OptionalDouble requestsPerSecond,
    double promptTokens,
    double outputTokens,
    double peakToAverage,
    Optional<Precision> precision,
    OptionalDouble ttftMillis,
    OptionalDouble tpotMillis,
    boolean continuousBatching,
    boolean pagedKvCache,
    OptionalInt tensor,
    OptionalInt pipeline,
    OptionalInt expert,
    ServingSpec serving) {
  public InferenceWorkload {
    Require.text("workload.inference.model", model);
    Require.present("workload.inference.model", architecture);
    tokensPerDay.ifPresent(v -> Require.positive("workload.inference.tokensPerDay", v));
    requestsPerSecond.ifPresent(v -> Require.positive("workload.inference.requestsPerSecond", v));
    Require.positive("workload.inference.promptTokens", promptTokens);
    Require.positive("workload.inference.outputTokens", outputTokens);
    Require.atLeast("workload.inference.peakToAverage", peakToAverage, 1);
    ttftMillis.ifPresent(v -> Require.positive("workload.inference.latency.ttftMillis", v));
    tpotMillis.ifPresent(v -> Require.positive("workload.inference.latency.tpotMillis", v));
    Require.present("workload.inference.serving", serving);
  }

  /** The same workload served under other serving choices. */
  public InferenceWorkload withServing(ServingSpec other) {
    return new InferenceWorkload(
        model,
        architecture,
        tokensPerDay,
        requestsPerSecond,
        promptTokens,
        outputTokens,
        peakToAverage,
        precision,
        ttftMillis,
        tpotMillis,
        continuousBatching,
        pagedKvCache,
        tensor,
        pipeline,
        expert,
        other);
  }

  /** Whether a latency target is given. */
  public boolean hasLatencyTargets() {
    return ttftMillis.isPresent() || tpotMillis.isPresent();
  }

  /** Average output tokens per second the demand asks for (0 when none is given). */
  public double averageOutputTokensPerSecond() {
    if (tokensPerDay.isPresent()) {
      return tokensPerDay.getAsDouble() / 86400;
    }
    return requestsPerSecond.isPresent() ? requestsPerSecond.getAsDouble() * outputTokens : 0;
  }

  /** Whether the scenario states a demand to size a fleet for. */
  public boolean hasDemand() {
    return tokensPerDay.isPresent() || requestsPerSecond.isPresent();
  }
}
