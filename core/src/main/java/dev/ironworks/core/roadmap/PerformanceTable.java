package dev.ironworks.core.roadmap;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.core.plan.TrainingPerformance;
import dev.ironworks.core.scenario.ClusterSpec;
import dev.ironworks.core.scenario.FinanceSpec;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.InferenceWorkload;
import dev.ironworks.core.scenario.ParallelismSpec;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.scenario.ServingSpec;
import dev.ironworks.core.scenario.SiteSpec;
import dev.ironworks.core.scenario.TrainingOptions;
import dev.ironworks.core.scenario.TrainingRun;
import dev.ironworks.core.scenario.roadmap.GenerationChoice;
import dev.ironworks.core.scenario.roadmap.RoadmapSpec;
import dev.ironworks.core.scenario.roadmap.ServingDemand;
import dev.ironworks.core.scenario.roadmap.TrainingDemand;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What one accelerator-year of each generation does for each demand, from the planner's own
 * training and serving models run on the demand's model (not from ratios of peak FLOP/s).
 *
 * <p>Serving: the planner sizes a fleet of the generation for the demand's first year at its
 * latency targets; an accelerator-year carries the fleet's capacity (tokens a day, provisioned for
 * the peak) over its accelerators × 365. Training: the planner predicts the first year's run on a
 * block, then on the accelerators that finish it by the deadline (a server's accelerators × a power
 * of two, the counts the search's degrees divide); an accelerator-year does 1 / (those accelerators
 * × the predicted days / 365) runs. Every generation is planned in the catalog's densest cooling
 * type: performance does not depend on cooling, and its racks must fit. A generation that cannot
 * run a demand (the model does not fit, the targets cannot be met) does none of it.
 *
 * @param workPerAcceleratorYear by generation, then demand (training demands first, then serving)
 * @param details by generation, then demand: how the figure was found, for the report
 */
public record PerformanceTable(double[][] workPerAcceleratorYear, List<List<String>> details) {

  /** Days per year of the work rates. */
  static final double DAYS_PER_YEAR = 365;

  public PerformanceTable {
    double[][] copy = new double[workPerAcceleratorYear.length][];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = workPerAcceleratorYear[i].clone();
    }
    workPerAcceleratorYear = copy;
    details = details.stream().map(List::copyOf).toList();
  }

  public double work(int generation, int demand) {
    return workPerAcceleratorYear[generation][demand];
  }

  /** Plans every generation on every demand of the roadmap. */
  public static PerformanceTable of(RoadmapSpec spec, Scenario base, Catalog catalog) {
    int g = spec.generations().size();
    int k = spec.training().size() + spec.serving().size();
    double[][] work = new double[g][k];
    List<List<String>> details = new ArrayList<>();
    for (int i = 0; i < g; i++) {
      GenerationChoice gen = spec.generations().get(i);
      List<String> row = new ArrayList<>();
      int j = 0;
      for (TrainingDemand d : spec.training()) {
        Measured m = training(spec, base, catalog, gen, d);
        work[i][j++] = m.work();
        row.add(m.detail());
      }
      for (ServingDemand d : spec.serving()) {
        Measured m = serving(spec, base, catalog, gen, d);
        work[i][j++] = m.work();
        row.add(m.detail());
      }
      details.add(row);
    }
    return new PerformanceTable(work, details);
  }

  private record Measured(double work, String detail) {}

  private static ServerSpec server(Catalog catalog, GenerationChoice gen) {
    return catalog.server(
        gen.serverId().orElse(catalog.accelerator(gen.acceleratorId()).defaultServerId()));
  }

  /**
   * The catalog's cooling type for the densest racks: performance does not depend on cooling, so
   * every generation is planned where its racks can be cooled.
   */
  private static String densestCooling(Catalog catalog) {
    return catalog.coolingTypes().values().stream()
        .max(
            Comparator.comparingDouble(
                    (dev.ironworks.core.catalog.CoolingType c) -> c.maxRackPowerWatts())
                .thenComparing(c -> c.id()))
        .orElseThrow()
        .id();
  }

  private static Scenario scenario(
      Scenario base,
      RoadmapSpec spec,
      String cooling,
      GenerationChoice gen,
      int count,
      Optional<TrainingRun> run,
      Optional<InferenceWorkload> serve) {
    ClusterSpec cluster =
        new ClusterSpec(
            gen.acceleratorId(),
            count,
            gen.serverId(),
            OptionalDouble.empty(),
            base.cluster().fabric(),
            Optional.empty());
    SiteSpec site =
        new SiteSpec(
            spec.sites().get(0).regionId(),
            cooling,
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            0);
    return new Scenario(
        base.name(), cluster, site, FinanceSpec.defaults(), run, Optional.empty(), serve);
  }

  /**
   * The smallest count of at least {@code accelerators} that is a server's accelerators × a power
   * of two: the counts the parallelism search divides evenly (degrees are powers of two).
   */
  static int wholeServers(long accelerators, int perServer) {
    long count = perServer;
    while (count < accelerators && count < Integer.MAX_VALUE / 2) {
      count *= 2;
    }
    return (int) count;
  }

  private static Measured training(
      RoadmapSpec spec, Scenario base, Catalog catalog, GenerationChoice gen, TrainingDemand d) {
    double tokens = firstValue(d.tokens(), spec);
    if (tokens <= 0) {
      return new Measured(0, "no run in the horizon");
    }
    TrainingRun run =
        new TrainingRun(
            Optional.of(d.model()),
            Optional.of(d.architecture()),
            OptionalDouble.of(tokens),
            OptionalInt.empty(),
            OptionalInt.empty(),
            d.precision(),
            ParallelismSpec.auto(),
            TrainingOptions.defaults(),
            OptionalDouble.empty(),
            Optional.empty());
    int perServer = server(catalog, gen).acceleratorsPerServer();
    int count = wholeServers(spec.blockAccelerators(), perServer);
    try {
      double days = trainingDays(base, spec, gen, count, run, catalog);
      // Twice: the accelerators that finish by the deadline at the first count's speed, then at
      // their own (scaling costs some efficiency).
      for (int pass = 0; pass < 2; pass++) {
        int needed = wholeServers((long) Math.ceil(count * days / d.deadlineDays()), perServer);
        if (needed == count) {
          break;
        }
        count = needed;
        days = trainingDays(base, spec, gen, count, run, catalog);
      }
      double acceleratorYears = count * days / DAYS_PER_YEAR;
      return new Measured(
          1 / acceleratorYears,
          String.format(
              Locale.ROOT,
              "a run of %.4g tokens on %d accelerators in %.4g days",
              tokens,
              count,
              days));
    } catch (InfeasibleScenarioException | IllegalArgumentException e) {
      return new Measured(0, "cannot train: " + e.getMessage());
    }
  }

  private static double trainingDays(
      Scenario base,
      RoadmapSpec spec,
      GenerationChoice gen,
      int count,
      TrainingRun run,
      Catalog catalog) {
    Plan plan =
        Planner.plan(
            scenario(
                base,
                spec,
                densestCooling(catalog),
                gen,
                count,
                Optional.of(run),
                Optional.empty()),
            catalog);
    TrainingPerformance p =
        plan.training()
            .flatMap(t -> t.performance())
            .orElseThrow(() -> new InfeasibleScenarioException("training", "no prediction"));
    return p.predictedDays();
  }

  private static Measured serving(
      RoadmapSpec spec, Scenario base, Catalog catalog, GenerationChoice gen, ServingDemand d) {
    double tokensPerDay = firstValue(d.tokensPerDay(), spec);
    if (tokensPerDay <= 0) {
      return new Measured(0, "no demand in the horizon");
    }
    InferenceWorkload w =
        new InferenceWorkload(
            d.model(),
            d.architecture(),
            OptionalDouble.of(tokensPerDay),
            OptionalDouble.empty(),
            d.promptTokens(),
            d.outputTokens(),
            d.peakToAverage(),
            d.precision(),
            d.ttftMillis(),
            d.tpotMillis(),
            true,
            true,
            OptionalInt.empty(),
            OptionalInt.empty(),
            OptionalInt.empty(),
            ServingSpec.DEFAULT);
    try {
      Plan plan =
          Planner.plan(
              scenario(
                  base, spec, densestCooling(catalog), gen, 0, Optional.empty(), Optional.of(w)),
              catalog);
      var r = plan.inference().orElseThrow();
      if (!r.meetsTargets()) {
        return new Measured(0, "cannot meet the latency targets");
      }
      double perAccelerator = r.capacityTokensPerDay() / r.acceleratorCount();
      return new Measured(
          perAccelerator * DAYS_PER_YEAR,
          String.format(
              Locale.ROOT,
              "%d accelerators carry %.4g tokens a day (replicas of %d, batch %d, %s)",
              r.acceleratorCount(),
              r.capacityTokensPerDay(),
              r.chosen().config().acceleratorsPerReplica(),
              r.chosen().config().batch(),
              r.chosen().config().precision().id()));
    } catch (InfeasibleScenarioException | IllegalArgumentException e) {
      return new Measured(0, "cannot serve: " + e.getMessage());
    }
  }

  /** The first positive value of a demand in the horizon (its size sets the plans' scale). */
  private static double firstValue(
      dev.ironworks.core.scenario.roadmap.Growth growth, RoadmapSpec s) {
    for (int year = s.fromYear(); year <= s.toYear(); year++) {
      double v = growth.in(year);
      if (v > 0) {
        return v;
      }
    }
    return 0;
  }
}
