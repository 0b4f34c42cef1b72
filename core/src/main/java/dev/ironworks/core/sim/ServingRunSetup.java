package dev.ironworks.core.sim;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.inference.Disaggregation;
import dev.ironworks.core.inference.InferenceModel;
import dev.ironworks.core.inference.ServingConfig;
import dev.ironworks.core.inference.ServingContext;
import dev.ironworks.core.inference.StepTime;
import dev.ironworks.core.plan.FleetSize;
import dev.ironworks.core.plan.InferencePlanner;
import dev.ironworks.core.scenario.ClusterSpec;
import dev.ironworks.core.scenario.InferenceWorkload;
import dev.ironworks.core.scenario.Scenario;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Turns a plan's serving fleet into what the request-level simulation runs. */
public final class ServingRunSetup {
  private ServingRunSetup() {}

  /**
   * The serving fleet a scenario without a training run plans, sized as {@code Planner.plan} sizes
   * it.
   */
  public static InferencePlanner.Sizing sizing(Scenario scenario, Catalog catalog) {
    InferenceWorkload w =
        scenario
            .inference()
            .orElseThrow(() -> new IllegalArgumentException("the scenario serves no model"));
    ClusterSpec spec = scenario.cluster();
    Accelerator accelerator = catalog.accelerator(spec.acceleratorId());
    ServerSpec server = catalog.server(spec.serverId().orElse(accelerator.defaultServerId()));
    OptionalInt given = spec.givenCount();
    FleetSize fleet =
        scenario.training().isEmpty() && given.isPresent()
            ? new FleetSize.Given(given.getAsInt())
            : FleetSize.FROM_DEMAND;
    return InferencePlanner.size(w, accelerator, server, catalog, fleet);
  }

  /**
   * Requests a second the fleet runs at by default: the peak demand, when one is given and the
   * fleet carries it; else the most the fleet carries within the targets (its capacity without
   * targets, scaled by {@code share}).
   */
  public static double defaultRate(
      InferenceWorkload w, InferencePlanner.Sizing sizing, double share) {
    double most =
        sizing
            .disaggregation()
            .map(d -> d.fleetRate())
            .orElse(sizing.replicas() * sizing.result().ratePerReplica());
    if (!w.hasLatencyTargets()) {
      most *= share;
    }
    double peak = w.averageOutputTokensPerSecond() * w.peakToAverage() / w.outputTokens();
    return peak > 0 ? Math.min(peak, most) : most;
  }

  /** Request lifetimes a run spans by default, so that filling and draining are a small part. */
  public static final int LIFETIMES = 20;

  /**
   * How long a request lives on a replica running a full batch: its output's decode steps and one
   * for its prompt, at the step of every slot decoding. The fleet fills from empty in about this.
   */
  public static double lifetimeSeconds(InferencePlanner.Sizing sizing) {
    ServingContext ctx = sizing.context();
    ServingConfig c = config(sizing);
    StepTime step = new StepTime(ctx, c);
    double context = ctx.promptTokens() + ctx.outputTokens() / 2;
    double full = step.seconds(c.batch(), c.batch() * context, 0, 0);
    return (ctx.outputTokens() / step.tokensPerStep() + 1) * full;
  }

  /**
   * Requests a run at {@code requestsPerSecond} takes to span {@link #LIFETIMES} lifetimes, at
   * least {@code atLeast} and at most {@code atMost}.
   */
  public static int requestsFor(
      double requestsPerSecond, double lifetimeSeconds, int atLeast, int atMost) {
    double spanning = Math.ceil(LIFETIMES * requestsPerSecond * lifetimeSeconds);
    return (int) Math.min(atMost, Math.max(atLeast, spanning));
  }

  private static ServingConfig config(InferencePlanner.Sizing sizing) {
    ServingConfig c = sizing.result().best().orElseThrow().config();
    Optional<Disaggregation> d = sizing.disaggregation();
    return d.isPresent() ? d.get().config() : c;
  }

  /**
   * The sized fleet under Poisson arrivals at {@code requestsPerSecond}, or replaying {@code
   * trace}; the requests of one lifetime at each end run unmeasured.
   */
  public static ServingSetup from(
      InferenceWorkload w,
      InferencePlanner.Sizing sizing,
      double requestsPerSecond,
      int requests,
      Optional<RequestTrace> trace) {
    ServingContext ctx = sizing.context();
    ServingConfig c = config(sizing);
    Optional<Disaggregation> d = sizing.disaggregation();
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
        InferenceModel.kvCapacityHeldTokens(ctx, c),
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
        tpot,
        lifetimeSeconds(sizing));
  }

  private static OptionalDouble seconds(OptionalDouble millis) {
    return millis.isPresent()
        ? OptionalDouble.of(millis.getAsDouble() / 1e3)
        : OptionalDouble.empty();
  }
}
