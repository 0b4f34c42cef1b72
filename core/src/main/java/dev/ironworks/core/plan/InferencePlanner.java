package dev.ironworks.core.plan;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.inference.InferenceModel;
import dev.ironworks.core.inference.InferenceReport;
import dev.ironworks.core.inference.ServingConfig;
import dev.ironworks.core.inference.ServingContext;
import dev.ironworks.core.inference.ServingSearch;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.InferenceWorkload;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Sizes a serving fleet for a demand, or finds what a given fleet carries, and prices its tokens
 * once the plan has costed the cluster.
 */
public final class InferencePlanner {
  private InferencePlanner() {}

  /** The search's choice and the fleet it implies. */
  public record Sizing(
      ServingContext context,
      ServingSearch.Result result,
      long replicas,
      long acceleratorCount,
      boolean fleetGiven) {}

  public static ServingContext context(
      InferenceWorkload w, Accelerator accelerator, ServerSpec server, Catalog catalog) {
    return new ServingContext(
        w.architecture(),
        accelerator,
        catalog.calibration(accelerator.id()),
        w.promptTokens(),
        w.outputTokens(),
        w.continuousBatching(),
        w.pagedKvCache(),
        accelerator.scaleUpBandwidthBytesPerSecond() / 2,
        server.scaleUpDomainSize(),
        catalog.calibration(accelerator.id()).collectiveLatencySeconds());
  }

  /** Sizes the fleet: from the demand, or the given accelerators. */
  public static Sizing size(
      InferenceWorkload w,
      Accelerator accelerator,
      ServerSpec server,
      Catalog catalog,
      FleetSize fleetSize) {
    ServingContext ctx = context(w, accelerator, server, catalog);
    double peak = w.averageOutputTokensPerSecond() * w.peakToAverage();
    OptionalDouble ttft = seconds(w.ttftMillis());
    OptionalDouble tpot = seconds(w.tpotMillis());
    boolean given = fleetSize instanceof FleetSize.Given;
    // The given accelerators bound the search; a fleet sized from the demand is unbounded.
    long limit = fleetSize instanceof FleetSize.Given g ? g.accelerators() : Long.MAX_VALUE;
    ServingSearch.Result result =
        ServingSearch.search(ctx, w.tensor(), w.pipeline(), w.precision(), ttft, tpot, peak, limit);
    if (result.best().isEmpty() && given) {
      ServingSearch.Result anySize =
          ServingSearch.search(
              ctx,
              w.tensor(),
              w.pipeline(),
              w.precision(),
              OptionalDouble.empty(),
              OptionalDouble.empty(),
              0,
              Long.MAX_VALUE);
      if (anySize.best().isPresent()
          && anySize.best().get().config().acceleratorsPerReplica() > limit) {
        throw new InfeasibleScenarioException(
            "cluster.count",
            "a replica of '"
                + w.model()
                + "' needs "
                + anySize.best().get().config().acceleratorsPerReplica()
                + " × "
                + accelerator.id()
                + "; cluster.count is "
                + limit);
      }
    }
    if (result.best().isEmpty()) {
      if (!given) {
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
        String closest =
            fastest == null
                ? "the model does not fit on " + accelerator.id()
                : String.format(
                    Locale.ROOT,
                    "the fastest is %.1f ms per token and %.0f ms to the first token at batch 1"
                        + " on %d × %s",
                    fastest.tpotSeconds() * 1e3,
                    fastest.ttftSeconds() * 1e3,
                    fastest.config().acceleratorsPerReplica(),
                    accelerator.id());
        throw new InfeasibleScenarioException(
            "workload.inference.latency",
            "no serving configuration meets the latency targets: " + closest);
      }
      result =
          ServingSearch.search(
              ctx,
              w.tensor(),
              w.pipeline(),
              w.precision(),
              OptionalDouble.empty(),
              OptionalDouble.empty(),
              peak,
              limit);
    }
    if (result.best().isEmpty()) {
      throw new InfeasibleScenarioException(
          "cluster.accelerator",
          "'" + w.model() + "' does not fit on " + accelerator.id() + " in any configuration");
    }
    if (w.expert().isPresent()) {
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
      result =
          new ServingSearch.Result(
              Optional.of(withExpert), result.replicas(), result.curve(), result.evaluated());
    }
    int perReplica = result.best().get().config().acceleratorsPerReplica();
    long replicas;
    long fleet;
    if (given) {
      replicas = limit / perReplica;
      if (replicas < 1) {
        throw new InfeasibleScenarioException(
            "cluster.count",
            "a replica of '"
                + w.model()
                + "' needs "
                + perReplica
                + " × "
                + accelerator.id()
                + "; cluster.count is "
                + limit);
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
    return new Sizing(ctx, result, replicas, fleet, given);
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
    double single =
        sizing.result().curve().isEmpty()
            ? chosen.tpotSeconds()
            : sizing.result().curve().get(0).tpotSeconds();
    return new InferenceReport(
        w.model(),
        chosen,
        sizing.replicas(),
        fleet,
        InferenceModel.kvBytesPerToken(w.architecture(), chosen.config().precision().bytes()),
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
        sizing.result().curve());
  }

  private static OptionalDouble seconds(OptionalDouble millis) {
    return millis.isPresent()
        ? OptionalDouble.of(millis.getAsDouble() / 1e3)
        : OptionalDouble.empty();
  }
}
