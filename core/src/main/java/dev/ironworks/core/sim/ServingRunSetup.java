package dev.ironworks.core.sim;

import dev.ironworks.core.inference.Disaggregation;
import dev.ironworks.core.inference.InferenceModel;
import dev.ironworks.core.inference.ServingConfig;
import dev.ironworks.core.inference.ServingContext;
import dev.ironworks.core.inference.StepTime;
import dev.ironworks.core.plan.InferencePlanner;
import dev.ironworks.core.scenario.InferenceWorkload;
import java.util.Optional;
import java.util.OptionalDouble;

/** Turns a plan's serving fleet into what the request-level simulation runs. */
public final class ServingRunSetup {
  private ServingRunSetup() {}

  /**
   * The sized fleet under Poisson arrivals at {@code requestsPerSecond}, or replaying {@code
   * trace}.
   */
  public static ServingSetup from(
      InferenceWorkload w,
      InferencePlanner.Sizing sizing,
      double requestsPerSecond,
      int requests,
      Optional<RequestTrace> trace) {
    ServingContext ctx = sizing.context();
    ServingConfig c = sizing.result().best().orElseThrow().config();
    Optional<Disaggregation> d = sizing.disaggregation();
    if (d.isPresent()) {
      c = d.get().config();
    }
    StepTime step = new StepTime(ctx, c);
    double perToken = 0;
    double latency = 0;
    if (d.isPresent()) {
      double promptSeconds =
          d.get().kvTransferSeconds() - ctx.calibration().collectiveLatencySeconds();
      perToken = Math.max(0, promptSeconds) / ctx.promptTokens();
      latency = ctx.calibration().collectiveLatencySeconds();
    }
    OptionalDouble ttft = seconds(w.ttftMillis());
    OptionalDouble tpot = seconds(w.tpotMillis());
    return new ServingSetup(
        step,
        d.isPresent() ? 0 : (int) sizing.replicas(),
        d.map(x -> (int) x.prefillReplicas()).orElse(0),
        d.map(x -> (int) x.decodeReplicas()).orElse(0),
        c.batch(),
        InferenceModel.kvCapacityTokens(ctx, c),
        ctx.serving().tokenBudget(),
        ctx.serving().prefixCacheHitRate(),
        perToken,
        latency,
        requestsPerSecond,
        w.promptTokens(),
        w.outputTokens(),
        w.serving().lengths(),
        requests,
        trace,
        ttft,
        tpot);
  }

  private static OptionalDouble seconds(OptionalDouble millis) {
    return millis.isPresent()
        ? OptionalDouble.of(millis.getAsDouble() / 1e3)
        : OptionalDouble.empty();
  }
}
