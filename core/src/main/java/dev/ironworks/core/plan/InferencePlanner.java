package dev.ironworks.core.plan;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.inference.Disaggregation;
import dev.ironworks.core.inference.InferenceModel;
import dev.ironworks.core.inference.InferenceReport;
import dev.ironworks.core.inference.LoadPoint;
import dev.ironworks.core.inference.ServingConfig;
import dev.ironworks.core.inference.ServingContext;
import dev.ironworks.core.inference.ServingFigures;
import dev.ironworks.core.inference.ServingQueue;
import dev.ironworks.core.inference.ServingSearch;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.InferenceWorkload;
import dev.ironworks.core.scenario.LatencyPercentile;
import dev.ironworks.core.scenario.ServingMode;
import dev.ironworks.core.scenario.ServingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Sizes a serving fleet for a demand at a latency percentile, or finds what a given fleet carries
 * within the targets, and prices its tokens once the plan has costed the cluster.
 */
public final class InferencePlanner {
  private InferencePlanner() {}

  /**
   * The search's choice and the fleet it implies.
   *
   * @param mode aggregated or disaggregated, as chosen
   * @param disaggregation the two pools, when disaggregated
   * @param medianAccelerators the fleet the same targets need at the median (0 when not sized from
   *     a demand with targets): what the percentile costs is the difference
   */
  public record Sizing(
      ServingContext context,
      ServingSearch.Result result,
      long replicas,
      long acceleratorCount,
      boolean fleetGiven,
      ServingMode mode,
      Optional<Disaggregation> disaggregation,
      long medianAccelerators) {}

  public static ServingContext context(
      InferenceWorkload w, Accelerator accelerator, ServerSpec server, Catalog catalog) {
    double scaleOut =
        server.scaleOutPorts() > 0
            ? server.scaleOutPorts()
                * server.scaleOutPortGbps()
                * 1e9
                / 8
                / Math.max(1, server.acceleratorsPerServer())
            : accelerator.scaleUpBandwidthBytesPerSecond() / 2;
    Calibration calibration =
        w.serving()
            .calibration()
            .map(id -> catalog.calibrations().get(id))
            .orElse(catalog.calibration(accelerator.id()));
    return new ServingContext(
        w.architecture(),
        accelerator,
        calibration,
        w.promptTokens(),
        w.outputTokens(),
        w.continuousBatching(),
        w.pagedKvCache(),
        accelerator.scaleUpBandwidthBytesPerSecond() / 2,
        server.scaleUpDomainSize(),
        calibration.collectiveLatencySeconds(),
        w.serving(),
        scaleOut);
  }

  /** Sizes the fleet: from the demand, or the given accelerators. */
  public static Sizing size(
      InferenceWorkload w,
      Accelerator accelerator,
      ServerSpec server,
      Catalog catalog,
      FleetSize fleetSize) {
    long fixedFleet = fleetSize instanceof FleetSize.Given g ? g.accelerators() : 0;
    checkContext(w);
    ServingContext ctx = context(w, accelerator, server, catalog);
    Sizing aggregated = null;
    InfeasibleScenarioException failure = null;
    ServingMode mode = w.serving().mode();
    if (mode != ServingMode.DISAGGREGATED || !w.continuousBatching()) {
      try {
        aggregated = aggregated(w, ctx, accelerator, server, fixedFleet);
      } catch (InfeasibleScenarioException e) {
        failure = e;
      }
    }
    Optional<Sizing> disaggregated =
        mode == ServingMode.AGGREGATED ? Optional.empty() : disaggregated(w, ctx, fixedFleet);
    if (aggregated == null && disaggregated.isEmpty()) {
      if (failure != null) {
        throw failure;
      }
      throw new InfeasibleScenarioException(
          "workload.inference.mode",
          "no disaggregated fleet of prefill and decode replicas meets the targets"
              + (fixedFleet > 0 ? " in " + fixedFleet + " accelerators" : ""));
    }
    Sizing chosen = aggregated;
    if (chosen == null || (disaggregated.isPresent() && cheaper(disaggregated.get(), chosen, w))) {
      chosen = disaggregated.get();
    }
    return withMedian(chosen, w, accelerator, server, catalog, fleetSize);
  }

  /**
   * A request's prompt and output must fit in the model's context: a model does not attend beyond
   * its position embeddings' reach (with the extension its card allows).
   */
  static void checkContext(InferenceWorkload w) {
    Optional<String> problem = contextProblem(w.architecture(), w.promptTokens(), w.outputTokens());
    if (problem.isPresent()) {
      throw new InfeasibleScenarioException("workload.inference.promptTokens", problem.get());
    }
  }

  /**
   * What is wrong with requests of {@code promptTokens} and {@code outputTokens} on {@code m}, if
   * together they outgrow its context; empty when they fit.
   */
  public static Optional<String> contextProblem(
      TransformerModel m, double promptTokens, double outputTokens) {
    double tokens = promptTokens + outputTokens;
    if (tokens <= m.contextTokens()) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "a request's prompt (%,.0f tokens) and output (%,.0f tokens) come to %,.0f tokens,"
                + " more than the context of '%s' (%,d tokens); allowed: promptTokens +"
                + " outputTokens <= %,d",
            promptTokens,
            outputTokens,
            tokens,
            m.id(),
            m.contextTokens(),
            m.contextTokens()));
  }

  /** Whether a disaggregated sizing beats the aggregated one: fewer accelerators, or more rate. */
  private static boolean cheaper(Sizing d, Sizing a, InferenceWorkload w) {
    if (!a.fleetGiven() && w.hasDemand()) {
      return d.acceleratorCount() < a.acceleratorCount();
    }
    return fleetRate(d) > fleetRate(a) * (1 + 1e-9);
  }

  private static double fleetRate(Sizing s) {
    return s.disaggregation()
            .map(Disaggregation::fleetRate)
            .orElse(s.replicas() * s.result().ratePerReplica())
        / s.acceleratorCount();
  }

  /** The fleet the same targets need at the median, to show what the percentile costs. */
  private static Sizing withMedian(
      Sizing s,
      InferenceWorkload w,
      Accelerator accelerator,
      ServerSpec server,
      Catalog catalog,
      FleetSize fleetSize) {
    if (s.fleetGiven()
        || !w.hasLatencyTargets()
        || w.serving().percentile() == LatencyPercentile.P50
        || !w.continuousBatching()) {
      return s;
    }
    InferenceWorkload median = withPercentile(w, LatencyPercentile.P50);
    long atMedian;
    try {
      atMedian = size(median, accelerator, server, catalog, fleetSize).acceleratorCount();
    } catch (InfeasibleScenarioException e) {
      atMedian = s.acceleratorCount();
    }
    return new Sizing(
        s.context(),
        s.result(),
        s.replicas(),
        s.acceleratorCount(),
        s.fleetGiven(),
        s.mode(),
        s.disaggregation(),
        Math.min(atMedian, s.acceleratorCount()));
  }

  private static InferenceWorkload withPercentile(InferenceWorkload w, LatencyPercentile p) {
    return w.withServing(w.serving().withPercentile(p));
  }

  private static Optional<Sizing> disaggregated(
      InferenceWorkload w, ServingContext ctx, long fixedFleet) {
    if (!w.continuousBatching() || (fixedFleet == 0 && !w.hasDemand())) {
      return Optional.empty();
    }
    double peakRequests = w.averageOutputTokensPerSecond() * w.peakToAverage() / w.outputTokens();
    Optional<Disaggregation> d =
        ServingSearch.disaggregated(
            ctx,
            w.tensor(),
            w.pipeline(),
            w.precision(),
            seconds(w.ttftMillis()),
            seconds(w.tpotMillis()),
            fixedFleet > 0 ? 0 : peakRequests,
            fixedFleet);
    if (d.isEmpty()) {
      return Optional.empty();
    }
    Disaggregation pools = d.get();
    ServingConfig c = pools.config();
    double rate = pools.fleetRate() / pools.replicas();
    InferenceModel.Estimate base = InferenceModel.estimate(ctx, c);
    // Every slot busy, as an aggregated plan reports its replica: the decode replica's full step
    // and the prefill replica's first token with its step full of prompts (an aggregated replica
    // of this shape may not even hold the decode replica's slots), and the decode replica's KV
    // limit.
    ServingQueue decode = pools.decodeQueue();
    ServingQueue prefill = pools.prefillQueue();
    InferenceModel.Estimate chosen =
        new InferenceModel.Estimate(
            c,
            base.weightBytesPerDevice(),
            base.kvBytesPerReplica(),
            pools.decodeKvSlots(),
            decode.tpotSeconds(decode.slots()),
            prefill.firstTokenSeconds(prefill.slots()),
            rate * w.outputTokens(),
            true);
    List<InferenceModel.Estimate> curve = decodeCurve(pools, base, w.outputTokens());
    ServingSearch.Result result =
        new ServingSearch.Result(
            Optional.of(chosen), pools.replicas(), curve, 0, Optional.empty(), rate);
    long fleet = fixedFleet > 0 ? fixedFleet : pools.replicas() * c.acceleratorsPerReplica();
    return Optional.of(
        new Sizing(
            ctx, result, pools.replicas(), fleet, fixedFleet > 0, ServingMode.DISAGGREGATED, d, 0));
  }

  private static Sizing aggregated(
      InferenceWorkload w,
      ServingContext ctx,
      Accelerator accelerator,
      ServerSpec server,
      long fixedFleet) {
    boolean given = fixedFleet > 0;
    // The given accelerators bound the search; a fleet sized from the demand is unbounded.
    long limit = given ? fixedFleet : Long.MAX_VALUE;
    ServingSearch.Result result = searchAggregated(w, ctx, accelerator, server, limit, given);
    if (w.expert().isPresent()) {
      result = withExpert(w, result);
    }
    int perReplica = result.best().get().config().acceleratorsPerReplica();
    long replicas;
    long fleet;
    if (given) {
      replicas = limit / perReplica;
      if (replicas < 1) {
        throw replicaTooLarge(w, accelerator, perReplica, limit);
      }
      fleet = limit;
    } else {
      if (!w.hasDemand()) {
        throw new InfeasibleScenarioException(
            "workload.inference.tokensPerDay",
            "give a demand (tokensPerDay or requestsPerSecond) or cluster.count");
      }
      replicas = Math.max(1, result.replicas());
      fleet = replicas * perReplica;
    }
    return new Sizing(
        ctx,
        atTargetRate(result, w),
        replicas,
        fleet,
        given,
        ServingMode.AGGREGATED,
        Optional.empty(),
        0);
  }

  /**
   * The aggregated search within the targets; a given fleet that meets none runs the fastest shape
   * that fits it (the plan then says it misses them).
   *
   * @throws InfeasibleScenarioException when no shape fits, a sized fleet meets no target, or a
   *     given fleet is smaller than one replica
   */
  private static ServingSearch.Result searchAggregated(
      InferenceWorkload w,
      ServingContext ctx,
      Accelerator accelerator,
      ServerSpec server,
      long limit,
      boolean given) {
    double peak = w.averageOutputTokensPerSecond() * w.peakToAverage();
    ServingSearch.Result result =
        ServingSearch.search(
            ctx,
            w.tensor(),
            w.pipeline(),
            w.precision(),
            seconds(w.ttftMillis()),
            seconds(w.tpotMillis()),
            peak,
            limit);
    if (result.best().isPresent()) {
      return result;
    }
    Optional<InfeasibleScenarioException> fixed = fixedDegreesTooSmall(w, ctx, accelerator, server);
    if (fixed.isPresent()) {
      throw fixed.get();
    }
    if (!given) {
      throw new InfeasibleScenarioException(
          "workload.inference.latency",
          "no serving configuration meets the latency targets at the "
              + w.serving().percentile().id()
              + ": "
              + closest(w, ctx, accelerator, server, limit));
    }
    ServingSearch.Result anySize = searchWithoutTargets(w, ctx, 0, Long.MAX_VALUE);
    if (anySize.best().isPresent()
        && anySize.best().get().config().acceleratorsPerReplica() > limit) {
      throw replicaTooLarge(
          w, accelerator, anySize.best().get().config().acceleratorsPerReplica(), limit);
    }
    result = searchWithoutTargets(w, ctx, peak, limit);
    if (result.best().isEmpty()) {
      throw new InfeasibleScenarioException(
          "cluster.accelerator",
          "'" + w.model() + "' does not fit on " + accelerator.id() + " in any configuration");
    }
    return result;
  }

  /**
   * When the given tensor and pipeline degrees hold no replica of the model but others do, the
   * problem is those degrees: name them and the fewest accelerators that hold the model at a
   * power-of-two tensor degree within the scale-up domain.
   */
  private static Optional<InfeasibleScenarioException> fixedDegreesTooSmall(
      InferenceWorkload w, ServingContext ctx, Accelerator accelerator, ServerSpec server) {
    if (w.tensor().isEmpty() && w.pipeline().isEmpty()) {
      return Optional.empty();
    }
    if (searchWithoutTargets(w, ctx, 0, Long.MAX_VALUE).best().isPresent()) {
      return Optional.empty();
    }
    int domain = Math.max(1, server.scaleUpDomainSize());
    int bestTensor = 0;
    int bestPipeline = 0;
    for (int t = 1; t <= domain; t *= 2) {
      // The fewest stages that hold the model at this tensor degree (more stages, less a device).
      int low = 1;
      int high = ctx.model().layers();
      if (!holds(w, ctx, t, high)) {
        continue;
      }
      while (low < high) {
        int mid = (low + high) / 2;
        if (holds(w, ctx, t, mid)) {
          high = mid;
        } else {
          low = mid + 1;
        }
      }
      if (bestTensor == 0 || (long) t * low < (long) bestTensor * bestPipeline) {
        bestTensor = t;
        bestPipeline = low;
      }
    }
    if (bestTensor == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new InfeasibleScenarioException(
            "workload.inference.parallelism",
            String.format(
                Locale.ROOT,
                "'%s' does not fit on tensor %s × pipeline %s of %s%s; it fits on tensor %d ×"
                    + " pipeline %d (%d × %s): raise the degrees or leave them to the search",
                w.model(),
                w.tensor().isPresent() ? w.tensor().getAsInt() : "any",
                w.pipeline().isPresent() ? w.pipeline().getAsInt() : "any",
                accelerator.id(),
                w.precision().map(q -> " in " + q.id()).orElse(""),
                bestTensor,
                bestPipeline,
                (long) bestTensor * bestPipeline,
                accelerator.id())));
  }

  private static boolean holds(InferenceWorkload w, ServingContext ctx, int tensor, int pipeline) {
    return ServingSearch.search(
            ctx,
            OptionalInt.of(tensor),
            OptionalInt.of(pipeline),
            w.precision(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            0,
            Long.MAX_VALUE)
        .best()
        .isPresent();
  }

  private static ServingSearch.Result searchWithoutTargets(
      InferenceWorkload w, ServingContext ctx, double peak, long limit) {
    return ServingSearch.search(
        ctx,
        w.tensor(),
        w.pipeline(),
        w.precision(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        peak,
        limit);
  }

  private static InfeasibleScenarioException replicaTooLarge(
      InferenceWorkload w, Accelerator accelerator, int perReplica, long given) {
    return new InfeasibleScenarioException(
        "cluster.count",
        "a replica of '"
            + w.model()
            + "' needs "
            + perReplica
            + " × "
            + accelerator.id()
            + "; cluster.count is "
            + given);
  }

  /**
   * The chosen configuration as the plan reports it: tokens per second of a replica at the most it
   * carries within the targets, time per token and to the first token at the targets' percentile at
   * that rate (continuous batching; static batching keeps its mean figures).
   */
  private static ServingSearch.Result atTargetRate(ServingSearch.Result r, InferenceWorkload w) {
    if (r.queue().isEmpty() || r.best().isEmpty()) {
      return r;
    }
    double rate = r.ratePerReplica();
    InferenceModel.Estimate chosen = r.best().get().withTokensPerSecond(rate * w.outputTokens());
    return new ServingSearch.Result(
        Optional.of(chosen), r.replicas(), r.curve(), r.evaluated(), r.queue(), rate);
  }

  private static String closest(
      InferenceWorkload w,
      ServingContext ctx,
      Accelerator accelerator,
      ServerSpec server,
      long limit) {
    InferenceModel.Estimate fastest = null;
    for (int t = 1; t <= Math.max(1, server.scaleUpDomainSize()); t *= 2) {
      if (w.tensor().isPresent() && w.tensor().getAsInt() != t) {
        continue;
      }
      ServingSearch.Result at =
          ServingSearch.search(
              ctx,
              OptionalInt.of(t),
              w.pipeline(),
              w.precision(),
              OptionalDouble.empty(),
              OptionalDouble.empty(),
              0,
              limit);
      if (!at.curve().isEmpty()
          && (fastest == null || at.curve().get(0).tpotSeconds() < fastest.tpotSeconds())) {
        fastest = at.curve().get(0);
      }
    }
    return fastest == null
        ? "the model does not fit on " + accelerator.id()
        : String.format(
            Locale.ROOT,
            "the fastest is %.1f ms per token and %.0f ms to the first token at batch 1"
                + " on %d × %s",
            fastest.tpotSeconds() * 1e3,
            fastest.ttftSeconds() * 1e3,
            fastest.config().acceleratorsPerReplica(),
            accelerator.id());
  }

  private static ServingSearch.Result withExpert(InferenceWorkload w, ServingSearch.Result result) {
    // Experts spread over the replica's accelerators: memory and the roofline do not change,
    // but the degree must divide the experts and fit the replica.
    InferenceModel.Estimate e = result.best().get();
    int ep = w.expert().getAsInt();
    if (ep > e.config().acceleratorsPerReplica() || w.architecture().experts() % ep != 0) {
      throw new InfeasibleScenarioException(
          "workload.inference.parallelism.expert",
          "expert parallelism "
              + ep
              + " must divide the model's "
              + w.architecture().experts()
              + " experts and fit a replica of "
              + e.config().acceleratorsPerReplica());
    }
    ServingConfig c = e.config();
    InferenceModel.Estimate withExpert =
        new InferenceModel.Estimate(
            new ServingConfig(c.tensor(), c.pipeline(), ep, c.batch(), c.precision()),
            e.weightBytesPerDevice(),
            e.kvBytesPerReplica(),
            e.maxBatch(),
            e.tpotSeconds(),
            e.ttftSeconds(),
            e.tokensPerSecond(),
            e.fits());
    return new ServingSearch.Result(
        Optional.of(withExpert),
        result.replicas(),
        result.curve(),
        result.evaluated(),
        result.queue(),
        result.ratePerReplica());
  }

  /**
   * A disaggregated fleet's latency–throughput trade-off: its decode replica at 1, 2, 4 … requests
   * up to its slots, every one decoding (no prompt is prefilled beside them), each request's first
   * token from a prefill replica that finds it alone.
   */
  private static List<InferenceModel.Estimate> decodeCurve(
      Disaggregation pools, InferenceModel.Estimate base, double outputTokens) {
    ServingQueue decode = pools.decodeQueue();
    ServingConfig c = pools.config();
    double ttft = pools.prefillQueue().firstTokenSeconds(1);
    List<InferenceModel.Estimate> curve = new ArrayList<>();
    int slots = decode.slots();
    for (int n = 1; ; n *= 2) {
      int b = Math.min(n, slots);
      curve.add(
          new InferenceModel.Estimate(
              new ServingConfig(c.tensor(), c.pipeline(), c.expert(), b, c.precision()),
              base.weightBytesPerDevice(),
              base.kvBytesPerReplica(),
              slots,
              decode.tpotSeconds(b),
              ttft,
              decode.completionRate(b) * outputTokens,
              true));
      if (b == slots) {
        break;
      }
    }
    return curve;
  }

  /** The fleet's economics at the plan's cost per accelerator-hour and the site's figures. */
  public static InferenceReport report(
      InferenceWorkload w,
      Sizing sizing,
      double usdPerAcceleratorHourAllHours,
      double serversPeakWattsPerAccelerator,
      double sharedWattsPerAccelerator,
      double idleFraction,
      double loadFraction,
      double pue,
      double gridKgCo2ePerKwh,
      double carbonFreeFraction) {
    InferenceModel.Estimate chosen = sizing.result().best().orElseThrow();
    double capacityPerSecond = sizing.replicas() * chosen.tokensPerSecond();
    double average = w.averageOutputTokensPerSecond();
    double peak = average * w.peakToAverage();
    ServingFigures figures = figures(w, sizing, peak);
    if (figures.load().isPresent()) {
      LoadPoint load = figures.load().get();
      LatencyPercentile q = w.serving().percentile();
      chosen =
          new InferenceModel.Estimate(
              chosen.config(),
              chosen.weightBytesPerDevice(),
              chosen.kvBytesPerReplica(),
              chosen.maxBatch(),
              load.tpot().at(q),
              load.ttft().at(q),
              chosen.tokensPerSecond(),
              chosen.fits());
    }
    boolean carries = !w.hasDemand() || capacityPerSecond >= peak * (1 - 1e-9);
    boolean latency =
        (w.ttftMillis().isEmpty() || chosen.ttftSeconds() * 1e3 <= w.ttftMillis().getAsDouble())
            && (w.tpotMillis().isEmpty()
                || chosen.tpotSeconds() * 1e3 <= w.tpotMillis().getAsDouble());
    double served =
        w.hasDemand()
            ? Math.min(average, capacityPerSecond)
            : capacityPerSecond / w.peakToAverage();
    double utilization = capacityPerSecond > 0 ? served / capacityPerSecond : 0;
    long fleet = sizing.acceleratorCount();
    double serverAverage =
        serversPeakWattsPerAccelerator
            * (idleFraction + (loadFraction - idleFraction) * utilization);
    double averageWatts = fleet * (serverAverage + sharedWattsPerAccelerator) * pue;
    double tokensPerHour = served * 3600;
    double usdPerMillion =
        tokensPerHour > 0 ? fleet * usdPerAcceleratorHourAllHours / tokensPerHour * 1e6 : 0;
    double whPer1000 = served > 0 ? averageWatts / (served * 3600) * 1000 : 0;
    double maxPerReplica =
        sizing.result().curve().stream()
            .mapToDouble(InferenceModel.Estimate::tokensPerSecond)
            .max()
            .orElse(chosen.tokensPerSecond());
    // One user alone: on a decode replica when the pools are split (no prompt is prefilled
    // beside it), else on the aggregated replica at batch 1.
    double single =
        sizing.disaggregation().isPresent()
            ? sizing.disaggregation().get().decodeQueue().aloneTpotSeconds()
            : sizing.result().curve().isEmpty()
                ? chosen.tpotSeconds()
                : sizing.result().curve().get(0).tpotSeconds();
    return new InferenceReport(
        w.model(),
        chosen,
        sizing.replicas(),
        fleet,
        InferenceModel.kvBytesPerToken(
            w.architecture(), w.serving().kvPrecision(chosen.config().precision()).bytes()),
        average,
        peak,
        capacityPerSecond * 86400 / w.peakToAverage(),
        utilization,
        carries && latency,
        single,
        maxPerReplica,
        usdPerMillion,
        whPer1000,
        whPer1000 * gridKgCo2ePerKwh * (1 - carbonFreeFraction),
        averageWatts,
        sizing.result().curve(),
        figures);
  }

  /**
   * The queueing figures at the rate each replica runs: the peak demand over the replicas, or the
   * most the targets allow when that is less or no demand is given.
   */
  private static ServingFigures figures(InferenceWorkload w, Sizing sizing, double peak) {
    ServingSpec spec = w.serving();
    OptionalDouble ttft = seconds(w.ttftMillis());
    OptionalDouble tpot = seconds(w.tpotMillis());
    double peakRequests = peak / w.outputTokens();
    double tokensPerStep = spec.speculative().map(s -> s.tokensPerStep()).orElse(1.0);
    if (sizing.disaggregation().isPresent()) {
      Disaggregation d = sizing.disaggregation().get();
      double fleetRate = d.fleetRate();
      // The fleet at the peak demand (beyond the targets' rate too, as an aggregated fleet is
      // reported), or at the targets' rate without demand.
      double rate = peakRequests > 0 ? peakRequests : fleetRate;
      Optional<LoadPoint> prefill =
          loadOrSaturated(
              d.prefillQueue(), rate / d.prefillReplicas(), ttft, OptionalDouble.empty());
      Optional<LoadPoint> decode =
          loadOrSaturated(d.decodeQueue(), rate / d.decodeReplicas(), OptionalDouble.empty(), tpot);
      Optional<LoadPoint> combined =
          prefill.flatMap(p -> decode.map(q -> combine(p, q, d, w, ttft, tpot)));
      double capacity =
          Math.min(
              d.prefillReplicas() * d.prefillQueue().capacity(),
              d.decodeReplicas() * d.decodeQueue().capacity());
      // The fleet at rising shares of its slower pool's capacity, each request through both pools;
      // its rate shared over all replicas, as the plan's rate per replica is.
      List<LoadPoint> curve = new ArrayList<>();
      for (double share : ServingFigures.CURVE_LOADS) {
        double fleet = share * capacity;
        Optional<LoadPoint> p =
            load(d.prefillQueue(), fleet / d.prefillReplicas(), ttft, OptionalDouble.empty());
        Optional<LoadPoint> q =
            load(d.decodeQueue(), fleet / d.decodeReplicas(), OptionalDouble.empty(), tpot);
        if (p.isPresent() && q.isPresent()) {
          LoadPoint both = combine(p.get(), q.get(), d, w, ttft, tpot);
          curve.add(
              new LoadPoint(
                  fleet / d.replicas(),
                  both.utilization(),
                  both.meanRunning(),
                  both.meanWaiting(),
                  both.waitProbability(),
                  both.ttft(),
                  both.tpot(),
                  both.endToEnd(),
                  both.goodput()));
        }
      }
      return new ServingFigures(
          spec.percentile(),
          ServingMode.DISAGGREGATED,
          combined,
          fleetRate / d.replicas(),
          capacity / d.replicas(),
          d.prefillReplicas(),
          d.decodeReplicas(),
          d.kvTransferSeconds(),
          tokensPerStep,
          spec.prefixCacheHitRate(),
          sizing.medianAccelerators(),
          curve);
    }
    double ratePerReplica = sizing.result().ratePerReplica();
    Optional<LoadPoint> load = Optional.empty();
    double capacity = ratePerReplica;
    List<LoadPoint> curve = new ArrayList<>();
    if (sizing.result().queue().isPresent()) {
      var queue = sizing.result().queue().get();
      capacity = queue.capacity();
      for (double share : ServingFigures.CURVE_LOADS) {
        curve.add(queue.at(share * capacity, ttft, tpot));
      }
      double atPeak = peakRequests > 0 ? peakRequests / sizing.replicas() : ratePerReplica;
      load = load(queue, Math.min(atPeak, ratePerReplica), ttft, tpot);
      if (peakRequests > 0 && atPeak > ratePerReplica) {
        // Beyond the targets: the queue at the demand while it has a steady state; at or above
        // the replica's capacity it has none, and the wait is unbounded.
        load = loadOrSaturated(queue, atPeak, ttft, tpot);
      }
    }
    return new ServingFigures(
        spec.percentile(),
        ServingMode.AGGREGATED,
        load,
        ratePerReplica,
        capacity,
        0,
        0,
        0,
        tokensPerStep,
        spec.prefixCacheHitRate(),
        sizing.medianAccelerators(),
        curve);
  }

  /** The queue at {@code rate}, or saturated when the rate reaches its capacity. */
  private static Optional<LoadPoint> loadOrSaturated(
      dev.ironworks.core.inference.ServingQueue queue,
      double rate,
      OptionalDouble ttft,
      OptionalDouble tpot) {
    return rate >= queue.capacity() && rate > 0
        ? Optional.of(queue.saturated(rate, ttft, tpot))
        : load(queue, rate, ttft, tpot);
  }

  private static Optional<LoadPoint> load(
      dev.ironworks.core.inference.ServingQueue queue,
      double rate,
      OptionalDouble ttft,
      OptionalDouble tpot) {
    if (!(rate > 0 && rate < queue.capacity())) {
      return Optional.empty();
    }
    return Optional.of(queue.at(rate, ttft, tpot));
  }

  /**
   * A disaggregated request: its first token from the prefill pool; its time per token the decode
   * pool's (which spreads the wait for a decode slot), with the KV transfer spread over the tokens
   * after the first.
   */
  private static LoadPoint combine(
      LoadPoint prefill,
      LoadPoint decode,
      Disaggregation d,
      InferenceWorkload w,
      OptionalDouble ttft,
      OptionalDouble tpot) {
    double after = Math.max(1, w.outputTokens() - 1);
    double transfer = d.kvTransferSeconds();
    dev.ironworks.core.inference.LatencyQuantiles perToken =
        new dev.ironworks.core.inference.LatencyQuantiles(
            decode.tpot().p50Seconds() + transfer / after,
            decode.tpot().p90Seconds() + transfer / after,
            decode.tpot().p99Seconds() + transfer / after,
            decode.tpot().meanSeconds() + transfer / after);
    dev.ironworks.core.inference.LatencyQuantiles endToEnd =
        new dev.ironworks.core.inference.LatencyQuantiles(
            prefill.ttft().p50Seconds() + transfer + decode.endToEnd().p50Seconds(),
            prefill.ttft().p90Seconds() + transfer + decode.endToEnd().p90Seconds(),
            prefill.ttft().p99Seconds() + transfer + decode.endToEnd().p99Seconds(),
            prefill.ttft().meanSeconds() + transfer + decode.endToEnd().meanSeconds());
    return new LoadPoint(
        prefill.requestsPerSecond() * d.prefillReplicas(),
        Math.max(prefill.utilization(), decode.utilization()),
        prefill.meanRunning() + decode.meanRunning(),
        prefill.meanWaiting() + decode.meanWaiting(),
        Math.max(prefill.waitProbability(), decode.waitProbability()),
        prefill.ttft(),
        perToken,
        endToEnd,
        Math.min(prefill.goodput(), decode.goodput()));
  }

  private static OptionalDouble seconds(OptionalDouble millis) {
    return millis.isPresent()
        ? OptionalDouble.of(millis.getAsDouble() / 1e3)
        : OptionalDouble.empty();
  }
}
