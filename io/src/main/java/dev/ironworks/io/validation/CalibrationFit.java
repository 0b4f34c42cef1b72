package dev.ironworks.io.validation;

import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.LeaveOutError;
import dev.ironworks.core.compute.TrainingContext;
import dev.ironworks.core.plan.TrainingPerformance;
import dev.ironworks.core.plan.TrainingPlanner;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.scenario.TrainingRun;
import dev.ironworks.io.scenario.ScenarioReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Fits calibration entries to the validation suite's published training runs, and measures how well
 * the fit generalises.
 *
 * <p>For each entry that lists {@code fitted} fields, the fit takes the throughput cases run on the
 * accelerators it covers and minimises Σ ln²(predicted / published) over them, plus a pull toward
 * the {@code default} entry's values: Σ ln²(θ / θ₀) / ln²10 over the fitted fields (a factor of ten
 * from the default costs as much as one case off by that factor), so that a field the cases barely
 * constrain stays near the default instead of wandering. The optimiser is BOBYQA (Powell 2009),
 * bounded: fractions in [0.05, 1] (multiplies of every precision under the entry's published BF16
 * ceiling: no format reaches a larger share of its peak than the best BF16 shape), half dimensions
 * in [16, 4,096], host times in [1, 30,000] µs, slowdowns in [0.001, 0.5], all in log space.
 *
 * <p>Leave-one-source-out: for each publication, every entry is refitted without that publication's
 * cases, and its cases are predicted with the refit (an entry left with no cases falls back to the
 * default's values). That error is what a user's new hardware or software should expect; the
 * in-sample error is what the catalog's entries give on the cases they were fitted to.
 */
public final class CalibrationFit {
  /** One σ of the pull toward the default entry, in ln units: a factor of ten. */
  private static final double PRIOR_SIGMA = Math.log(10);

  private static final int MAX_EVALUATIONS = 3000;

  private CalibrationFit() {}

  /**
   * A published throughput the fit uses.
   *
   * @param source the publication, as the case names it
   * @param path the plan path checked
   */
  public record Observation(
      String caseId,
      String source,
      String acceleratorId,
      String path,
      double published,
      TrainingContext context,
      TrainingRun run,
      double tokens) {}

  /** A case's published figure beside the in-sample and leave-one-source-out predictions. */
  public record Generalisation(
      Observation observation, double inSampleErrorPercent, double leaveOutErrorPercent) {}

  /**
   * The throughput cases of the suite the fit can use: scenario cases of family throughput, not a
   * formula of their own inputs, with a point check on a training throughput path.
   */
  public static List<Observation> observations(List<ValidationCase> cases, Catalog catalog) {
    List<Observation> out = new ArrayList<>();
    for (ValidationCase c : cases) {
      if (!c.family().equals("throughput") || c.formulaOfInputs() || c.scenarioYaml().isEmpty()) {
        continue;
      }
      for (ValidationCase.Check check : c.checks()) {
        if (check.published().isEmpty() || !FITTED_PATHS.contains(check.path())) {
          continue;
        }
        Scenario scenario =
            ScenarioReader.read("validation/" + c.id(), c.scenarioYaml().get(), catalog).scenario();
        TrainingRun run = scenario.training().orElseThrow();
        TrainingContext ctx = TrainingPlanner.context(scenario, catalog);
        out.add(
            new Observation(
                c.id(),
                c.source(),
                scenario.cluster().acceleratorId(),
                check.path(),
                check.published().get(),
                ctx,
                run,
                run.tokens().orElse(1e12)));
      }
    }
    return out;
  }

  /**
   * Whether a check's path is a training throughput figure (tokens per second, TFLOP/s, MFU or time
   * to train): the figures the fit uses and the throughput error counts, one per case.
   */
  public static boolean isThroughputPath(String path) {
    return FITTED_PATHS.contains(path);
  }

  private static final List<String> FITTED_PATHS =
      List.of(
          "training.tokensPerSecondPerAccelerator",
          "training.achievedTflopsPerAccelerator",
          "training.mfu",
          "training.timeToTrainDays");

  /** The figure at the observation's path with calibration {@code c}; empty if nothing fits. */
  public static OptionalDouble predict(Observation o, Calibration c) {
    TrainingPerformance p;
    try {
      p = TrainingPlanner.perform(o.context().withCalibration(c), o.run(), o.tokens());
    } catch (InfeasibleScenarioException e) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(value(o.path(), p));
  }

  private static double value(String path, TrainingPerformance p) {
    return switch (path) {
      case "training.tokensPerSecondPerAccelerator" -> p.tokensPerSecondPerAccelerator();
      case "training.achievedTflopsPerAccelerator" -> p.achievedTflopsPerAccelerator();
      case "training.mfu" -> p.mfu();
      case "training.timeToTrainDays" -> p.predictedDays();
      default -> throw new IllegalArgumentException("not a fitted path: " + path);
    };
  }

  /** ln(predicted / published), with a throughput path's sense (longer time is slower). */
  static double logError(Observation o, Calibration c) {
    OptionalDouble predicted = predict(o, c);
    if (predicted.isEmpty()) {
      return Math.log(10);
    }
    return Math.log(predicted.getAsDouble() / o.published());
  }

  /**
   * Every entry with fitted fields refitted on the observations {@code use} keeps; entries left
   * with none take the default's values for their fitted fields.
   */
  public static Map<String, Calibration> fitAll(
      Catalog catalog, List<Observation> observations, Predicate<Observation> use) {
    Calibration prior = catalog.calibrations().get(Calibration.DEFAULT);
    Map<String, Calibration> fitted = new TreeMap<>();
    for (Calibration entry : catalog.calibrations().values()) {
      if (entry.fitted().isEmpty()) {
        continue;
      }
      List<Observation> mine = new ArrayList<>();
      for (Observation o : observations) {
        if (use.test(o) && entry.covers(o.acceleratorId())) {
          mine.add(o);
        }
      }
      fitted.put(entry.id(), fit(entry, prior, mine));
    }
    return fitted;
  }

  /** One entry's fitted fields fitted to {@code observations} (the default's values if none). */
  public static Calibration fit(
      Calibration entry, Calibration prior, List<Observation> observations) {
    List<String> fields = entry.fitted();
    Calibration start = entry;
    for (String f : fields) {
      start = start.with(f, prior.value(f));
    }
    if (observations.isEmpty()) {
      return start;
    }
    int n = fields.size();
    double[] x0 = new double[n];
    double[] lower = new double[n];
    double[] upper = new double[n];
    for (int i = 0; i < n; i++) {
      String f = fields.get(i);
      double[] bounds = bounds(f, entry);
      lower[i] = Math.log(bounds[0]);
      upper[i] = Math.log(bounds[1]);
      x0[i] = clamp(Math.log(Math.max(prior.value(f), bounds[0])), lower[i], upper[i]);
    }
    Calibration base = start;
    MultivariateFunction objective =
        x -> {
          Calibration c = apply(base, fields, x);
          double sum = 0;
          for (Observation o : observations) {
            double e = logError(o, c);
            sum += e * e;
          }
          for (int i = 0; i < n; i++) {
            double pull = (x[i] - Math.log(Math.max(prior.value(fields.get(i)), 1e-6)));
            sum += pull * pull / (PRIOR_SIGMA * PRIOR_SIGMA);
          }
          return sum;
        };
    double[] best = x0;
    if (n >= 2) {
      BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * n + 1, 0.3, 1e-4);
      PointValuePair result =
          optimizer.optimize(
              new MaxEval(MAX_EVALUATIONS),
              new ObjectiveFunction(objective),
              GoalType.MINIMIZE,
              new InitialGuess(x0),
              new SimpleBounds(lower, upper));
      best = result.getPoint();
    } else {
      best = new double[] {goldenSection(objective, lower[0], upper[0])};
    }
    return apply(base, fields, best);
  }

  private static double goldenSection(MultivariateFunction f, double lo, double hi) {
    double ratio = (Math.sqrt(5) - 1) / 2;
    double a = lo;
    double b = hi;
    for (int i = 0; i < 60; i++) {
      double c = b - ratio * (b - a);
      double d = a + ratio * (b - a);
      if (f.value(new double[] {c}) < f.value(new double[] {d})) {
        b = d;
      } else {
        a = c;
      }
    }
    return (a + b) / 2;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static Calibration apply(Calibration base, List<String> fields, double[] x) {
    Calibration c = base;
    for (int i = 0; i < fields.size(); i++) {
      c = c.with(fields.get(i), round(Math.exp(x[i])));
    }
    return c;
  }

  /** Fitted values as the catalog prints them: three significant figures. */
  static double round(double v) {
    if (v == 0) {
      return 0;
    }
    double scale = Math.pow(10, 2 - Math.floor(Math.log10(Math.abs(v))));
    return Math.round(v * scale) / scale;
  }

  /** Bounds of a fittable field, in catalog units: matmul stays under the entry's ceiling. */
  static double[] bounds(String field, Calibration entry) {
    return switch (field) {
      case "layerHostMicroseconds", "moeHostMicroseconds" -> new double[] {1, 30_000};
      case "expertHostMicroseconds" -> new double[] {1, 3_000};
      case "overlapSlowdown" -> new double[] {0.001, 0.5};
      case "matmulHalfDimension" -> new double[] {16, 4096};
      case "matmul", "fp8Matmul", "mxfp8Matmul", "nvfp4Matmul" ->
          new double[] {0.05, entry.matmulCeiling()};
      default -> new double[] {0.05, 1};
    };
  }

  /**
   * In-sample and leave-one-source-out errors of every observation: the in-sample prediction uses
   * the catalog's own entries; the left-out one refits every entry without the observation's
   * publication (every table of it: {@link CalibrationReport#shortSource}).
   */
  public static List<Generalisation> generalisation(
      Catalog catalog, List<Observation> observations) {
    return generalisation(catalog, observations, o -> CalibrationReport.shortSource(o.source()));
  }

  /**
   * The same with the observations left out by another grouping: {@link Observation#acceleratorId}
   * refits every entry without one accelerator's runs and predicts them, the figure to expect for a
   * new accelerator of a family the suite knows (one of a family it does not know falls back to the
   * {@code default} entry).
   */
  public static List<Generalisation> generalisation(
      Catalog catalog, List<Observation> observations, Function<Observation, String> group) {
    Map<String, List<Observation>> groups = new LinkedHashMap<>();
    for (Observation o : observations) {
      groups.computeIfAbsent(group.apply(o), k -> new ArrayList<>()).add(o);
    }
    List<Generalisation> out = new ArrayList<>();
    for (Map.Entry<String, List<Observation>> source : groups.entrySet()) {
      Map<String, Calibration> refit =
          fitAll(catalog, observations, o -> !group.apply(o).equals(source.getKey()));
      for (Observation o : source.getValue()) {
        Calibration own = catalog.calibration(o.acceleratorId());
        Calibration left = Optional.ofNullable(refit.get(own.id())).orElse(own);
        out.add(new Generalisation(o, percent(o, own), percent(o, left)));
      }
    }
    return out;
  }

  /**
   * Each calibration entry's leave-out error: over the observations on the accelerators it covers,
   * the mean and largest absolute leave-one-source-out error ({@link #generalisation}), by entry
   * id. Known misses count: the figure is what a user of that hardware should expect.
   */
  public static Map<String, LeaveOutError> leaveOutErrors(
      Catalog catalog, List<Generalisation> generalisation) {
    Map<String, List<Double>> byEntry = new TreeMap<>();
    for (Generalisation g : generalisation) {
      String entry = catalog.calibration(g.observation().acceleratorId()).id();
      byEntry
          .computeIfAbsent(entry, k -> new ArrayList<>())
          .add(Math.abs(g.leaveOutErrorPercent()));
    }
    Map<String, LeaveOutError> out = new TreeMap<>();
    for (Map.Entry<String, List<Double>> e : byEntry.entrySet()) {
      List<Double> errors = e.getValue();
      double mean = errors.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      double worst = errors.stream().mapToDouble(Double::doubleValue).max().orElse(0);
      out.put(e.getKey(), new LeaveOutError(errors.size(), round1(mean), round1(worst)));
    }
    return out;
  }

  /** To one decimal, as the catalog keeps a percentage. */
  static double round1(double percent) {
    return Math.round(percent * 10) / 10.0;
  }

  /**
   * A family's best published MFU of a dense run in one format (the run's linear-layer format;
   * 16-bit runs as {@code bf16}) and the case that reached it.
   */
  public record PublishedMfu(String calibrationId, String format, double mfu, String caseId) {}

  /**
   * The best published MFU of every family and format the observations' dense runs cover (a mixture
   * of experts reaches less of the peak, and would set no ceiling for a dense plan), in Ironworks'
   * model FLOPs: each run's MFU as planned, scaled by its published over its predicted throughput
   * (the configuration is the published one, so MFU is proportional to throughput). It does not
   * depend on the calibration's efficiencies, only on the published figures and the FLOPs count.
   */
  public static List<PublishedMfu> bestPublishedMfu(
      Catalog catalog, List<Observation> observations) {
    Map<String, PublishedMfu> best = new TreeMap<>();
    for (Observation o : observations) {
      if (o.context().model().isMoe()) {
        continue;
      }
      Calibration c = catalog.calibration(o.acceleratorId());
      TrainingPerformance p;
      try {
        p = TrainingPlanner.perform(o.context().withCalibration(c), o.run(), o.tokens());
      } catch (InfeasibleScenarioException e) {
        continue;
      }
      double predicted = value(o.path(), p);
      double ratio =
          o.path().equals("training.timeToTrainDays")
              ? predicted / o.published()
              : o.published() / predicted;
      String format = Calibration.mfuFormat(o.context().precision().id());
      double mfu = p.mfu() * ratio;
      String key = c.id() + "/" + format;
      PublishedMfu now = best.get(key);
      if (now == null || mfu > now.mfu()) {
        best.put(key, new PublishedMfu(c.id(), format, mfu, o.caseId()));
      }
    }
    return List.copyOf(best.values());
  }

  private static double percent(Observation o, Calibration c) {
    OptionalDouble p = predict(o, c);
    return p.isPresent() ? (p.getAsDouble() / o.published() - 1) * 100 : Double.NaN;
  }
}
