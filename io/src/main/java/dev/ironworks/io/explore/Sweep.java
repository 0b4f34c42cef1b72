package dev.ironworks.io.explore;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.compute.ParallelismSearch;
import dev.ironworks.core.compute.SearchMemo;
import dev.ironworks.core.explore.Constraint;
import dev.ironworks.core.explore.ParetoFront;
import dev.ironworks.core.explore.Uncertainty;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.io.render.PlanFigures;
import dev.ironworks.io.render.PlanView;
import dev.ironworks.io.scenario.ScenarioReader;
import dev.ironworks.io.yaml.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.LongConsumer;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The local sweep executor: evaluates design points in id order on a pool of threads, keeps the
 * constraints, the Pareto front and the top designs per objective as rows arrive, and hands every
 * row, in id order, to a sink (the CLI writes them to files). Results depend only on the space and
 * its seed, never on the thread count.
 */
public final class Sweep {
  /** Figures every row carries besides its objectives. */
  public static final List<String> FIGURES =
      List.of(
          "cost.capexUsd",
          "cost.tcoUsd",
          "cost.usdPerAcceleratorHour",
          "power.facilityPeakPowerMw",
          "energy.energyMwhPerYear",
          "energy.emissionsTco2ePerYear",
          "training.timeToTrainDays",
          "training.energyMwh",
          "training.emissionsTco2e",
          "training.costUsd",
          "training.mfu");

  private Sweep() {}

  /**
   * One evaluated design.
   *
   * @param figures the objectives, constraint metrics and {@link #FIGURES} by path (NaN: absent)
   * @param violations why the design is excluded (constraints broken, or not buildable)
   */
  public record Row(
      long id, List<String> axisValues, Map<String, Double> figures, List<String> violations)
      implements java.io.Serializable {
    public boolean feasible() {
      return violations.isEmpty();
    }
  }

  /** Receives rows in id order. */
  @FunctionalInterface
  public interface Sink {
    void accept(Row row);
  }

  /** A sweep's outcome beside the rows. */
  public record Result(
      long evaluated,
      long feasible,
      List<Row> front,
      Map<String, List<Row>> top,
      Map<String, Long> exclusions,
      Map<Long, Map<String, Uncertainty.Summary>> frontUncertainty,
      List<Uncertainty.Bar> tornado) {}

  /** Evaluates one point. */
  public static Row evaluate(SweepSpec spec, Catalog catalog, long id, Map<String, Object> base) {
    return evaluate(spec, catalog, id, base, ParallelismSearch::search);
  }

  /**
   * Evaluates one point with the training searches run by {@code searcher} (a {@link SearchMemo}).
   */
  public static Row evaluate(
      SweepSpec spec,
      Catalog catalog,
      long id,
      Map<String, Object> base,
      ParallelismSearch.Searcher searcher) {
    List<String> values = spec.space().point(id);
    List<String> paths = spec.space().axes().stream().map(a -> a.path()).toList();
    return evaluateWith(spec, catalog, id, values, base, paths, values, searcher);
  }

  private static Row evaluateWith(
      SweepSpec spec,
      Catalog catalog,
      long id,
      List<String> axisValues,
      Map<String, Object> base,
      List<String> paths,
      List<String> values,
      ParallelismSearch.Searcher searcher) {
    Figures figures = new Figures(spec);
    try {
      // Nodes built from the tree read as its YAML text would (ScenarioTreeTest), without the
      // text: a design's problems name its fields, not lines of a file nobody sees.
      var node = ScenarioTree.node(ScenarioTree.with(base, paths, values));
      var scenario = ScenarioReader.read("point-" + id, node, catalog).scenario();
      return figures.row(id, axisValues, scenario, catalog, searcher);
    } catch (InputException e) {
      return figures.unbuildable(id, axisValues, e.getMessage().replace('\n', ' '));
    }
  }

  /** What a row carries, worked out once per space: the figures' paths and the constraints. */
  private static final class Figures {
    private final List<String> metrics;
    private final String[][] parts;
    private final ToDoubleFunction<Plan>[] direct;
    private final java.util.Set<String> sections;
    private final List<Constraint> constraints;
    private final int[] constrained;

    @SuppressWarnings("unchecked")
    Figures(SweepSpec spec) {
      metrics = metrics(spec);
      parts = metrics.stream().map(m -> m.split("\\.")).toArray(String[][]::new);
      direct =
          metrics.stream()
              .map(m -> PlanFigures.direct(m).orElse(null))
              .toArray(ToDoubleFunction[]::new);
      // The view is built only for figures without a direct reader, and only their sections.
      java.util.Set<String> viewed = new java.util.HashSet<>();
      for (int i = 0; i < parts.length; i++) {
        if (direct[i] == null) {
          viewed.add(parts[i][0]);
        }
      }
      sections = java.util.Set.copyOf(viewed);
      constraints = spec.constraints();
      constrained =
          constraints.stream().mapToInt(c -> metrics.indexOf(resolve(c.metric()))).toArray();
    }

    Row row(
        long id,
        List<String> axisValues,
        Scenario scenario,
        Catalog catalog,
        ParallelismSearch.Searcher searcher) {
      Plan plan;
      try {
        plan = Planner.plan(scenario, catalog, searcher);
      } catch (InfeasibleScenarioException e) {
        return unbuildable(id, axisValues, e.field() + ": " + e.getMessage());
      }
      Map<String, Object> view =
          sections.isEmpty() ? Map.of() : PlanView.of(plan, sections::contains);
      Map<String, Double> figures = new LinkedHashMap<>();
      double[] values = new double[metrics.size()];
      for (int i = 0; i < values.length; i++) {
        if (direct[i] != null) {
          values[i] = direct[i].applyAsDouble(plan);
        } else {
          values[i] =
              PlanView.at(view, parts[i]) instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        figures.put(metrics.get(i), values[i]);
      }
      List<String> violations = new ArrayList<>();
      for (int c = 0; c < constrained.length; c++) {
        constraints.get(c).violation(values[constrained[c]]).ifPresent(violations::add);
      }
      return new Row(id, axisValues, figures, violations);
    }

    Row unbuildable(long id, List<String> axisValues, String reason) {
      Map<String, Double> figures = new LinkedHashMap<>();
      for (String path : metrics) {
        figures.put(path, Double.NaN);
      }
      return new Row(id, axisValues, figures, List.of("not buildable: " + reason));
    }
  }

  /**
   * Evaluates a space's designs as {@link #evaluate} does, with the same rows, only faster: each
   * design's scenario is put together from sections read once ({@link Designs}) rather than read
   * from YAML, the plan's figures are read from the sections of the plan they lie in, and the
   * training searches designs share are remembered ({@link SearchMemo}). Safe to share between
   * threads.
   */
  public static final class Evaluator {
    private final SweepSpec spec;
    private final Catalog catalog;
    private final Map<String, Object> base;
    private final List<String> paths;
    private final ParallelismSearch.Searcher searcher;
    private final Designs designs;
    private final Figures figures;

    public Evaluator(SweepSpec spec, Catalog catalog) {
      this(spec, catalog, new SearchMemo());
    }

    /** An evaluator whose training searches are run by {@code searcher}. */
    public Evaluator(SweepSpec spec, Catalog catalog, ParallelismSearch.Searcher searcher) {
      this.spec = spec;
      this.catalog = catalog;
      this.base = ScenarioTree.parse(spec.baseText());
      this.paths = spec.space().axes().stream().map(a -> a.path()).toList();
      this.searcher = searcher;
      this.designs = new Designs(spec, catalog, base);
      this.figures = new Figures(spec);
    }

    /** The row of design {@code id}. */
    public Row evaluate(long id) {
      List<String> values = spec.space().point(id);
      Optional<Scenario> scenario = designs.scenario(id, values);
      if (scenario.isEmpty()) {
        return evaluateWith(spec, catalog, id, values, base, paths, values, searcher);
      }
      return figures.row(id, values, scenario.get(), catalog, searcher);
    }
  }

  /**
   * Constraint names without a dot are short names of well-known figures; a renamed figure's old
   * path is its new one.
   */
  static String resolve(String metric) {
    if (metric.contains(".")) {
      return PlanFigures.canonical(metric);
    }
    return switch (metric) {
      case "timeToTrainDays" -> "training.timeToTrainDays";
      case "capexUsd" -> "cost.capexUsd";
      case "tcoUsd" -> "cost.tcoUsd";
      case "opexUsdPerYear" -> "cost.opexUsdPerYear";
      case "facilityPowerMw", "facilityPeakPowerMw" -> "power.facilityPeakPowerMw";
      case "itPowerMw", "itPeakPowerMw" -> "power.itPeakPowerMw";
      case "emissionsTco2e" -> "training.emissionsTco2e";
      case "energyMwh" -> "training.energyMwh";
      case "usdPerAcceleratorHour" -> "cost.usdPerAcceleratorHour";
      case "mfu" -> "training.mfu";
      default -> metric;
    };
  }

  /** Every figure a row carries: objectives, constraint metrics, then the standard figures. */
  public static List<String> metrics(SweepSpec spec) {
    List<String> out = new ArrayList<>();
    for (String o : spec.objectives()) {
      add(out, resolve(o));
    }
    for (Constraint c : spec.constraints()) {
      add(out, resolve(c.metric()));
    }
    for (String f : FIGURES) {
      add(out, f);
    }
    return out;
  }

  private static void add(List<String> list, String value) {
    if (!list.contains(value)) {
      list.add(value);
    }
  }

  /**
   * Keeps what a sweep reports as rows arrive: counts, exclusions by reason, the Pareto front and
   * the best {@code topK} designs per objective. Rows must arrive in id order for the ties (equal
   * objectives) to go to the lower id; {@link #candidates} lets executors that evaluate parts of a
   * space apart (Spark partitions) merge their parts into the same result.
   */
  public static final class Collector {
    private final List<String> objectives;
    private final int topK;
    private final ParetoFront front = new ParetoFront();
    private final Map<Long, Row> frontRows = new TreeMap<>();
    private final Map<String, List<Row>> top = new LinkedHashMap<>();
    private final Map<String, Long> exclusions = new TreeMap<>();
    private long evaluated;
    private long feasible;

    public Collector(SweepSpec spec, int topK) {
      this.objectives = spec.objectives().stream().map(Sweep::resolve).toList();
      this.topK = Math.max(1, topK);
      objectives.forEach(o -> top.put(o, new ArrayList<>()));
    }

    /** Counts a row and offers it to the front and the tops. */
    public void accept(Row row) {
      evaluated++;
      if (!row.feasible()) {
        for (String v : row.violations()) {
          exclusions.merge(exclusionKey(v), 1L, Long::sum);
        }
        return;
      }
      feasible++;
      offer(row);
    }

    /** Adds another part's counts and candidates (rows in id order across all parts). */
    public void merge(
        long evaluatedRows, long feasibleRows, Map<String, Long> excluded, List<Row> rows) {
      evaluated += evaluatedRows;
      feasible += feasibleRows;
      excluded.forEach((k, v) -> exclusions.merge(k, v, Long::sum));
      rows.forEach(this::offer);
    }

    private void offer(Row row) {
      double[] o = new double[objectives.size()];
      for (int i = 0; i < o.length; i++) {
        o[i] = row.figures().get(objectives.get(i));
      }
      if (front.offer(row.id(), o)) {
        frontRows.put(row.id(), row);
        if (frontRows.size() > front.size()) {
          java.util.Set<Long> kept = new java.util.HashSet<>();
          front.entries().forEach(e -> kept.add(e.id()));
          frontRows.keySet().retainAll(kept);
        }
      }
      for (int i = 0; i < o.length; i++) {
        if (!Double.isNaN(o[i])) {
          keep(top.get(objectives.get(i)), objectives.get(i), o[i], row);
        }
      }
    }

    /** Puts the row among the best {@code topK} by the objective (then by id), if it is. */
    private void keep(List<Row> best, String objective, double value, Row row) {
      int at = best.size();
      while (at > 0) {
        Row before = best.get(at - 1);
        int c = Double.compare(before.figures().get(objective), value);
        if (c < 0 || (c == 0 && before.id() < row.id())) {
          break;
        }
        at--;
      }
      if (at >= topK) {
        return;
      }
      best.add(at, row);
      if (best.size() > topK) {
        best.remove(best.size() - 1);
      }
    }

    /** The rows a merge needs from this part: its front and its tops, in id order. */
    public List<Row> candidates() {
      Map<Long, Row> rows = new TreeMap<>(frontRows);
      top.values().forEach(l -> l.forEach(r -> rows.put(r.id(), r)));
      return List.copyOf(rows.values());
    }

    public long evaluated() {
      return evaluated;
    }

    public long feasible() {
      return feasible;
    }

    public Map<String, Long> exclusions() {
      return Map.copyOf(exclusions);
    }

    /** The result, with P10/P50/P90 of each objective over the uncertain inputs for the front. */
    public Result finish(SweepSpec spec, Catalog catalog) {
      Map<String, Object> base = ScenarioTree.parse(spec.baseText());
      List<Row> frontList = new ArrayList<>(frontRows.values());
      Map<Long, Map<String, Uncertainty.Summary>> uncertain = new LinkedHashMap<>();
      List<Uncertainty.Bar> tornado = List.of();
      if (!spec.uncertainty().isEmpty() && spec.samples() > 0) {
        List<String> inputPaths = spec.uncertainty().stream().map(Uncertainty.Input::path).toList();
        for (Row row : frontList) {
          Map<String, Uncertainty.Summary> perObjective = new LinkedHashMap<>();
          for (String obj : objectives) {
            perObjective.put(
                obj,
                Uncertainty.monteCarlo(
                    spec.uncertainty(),
                    spec.samples(),
                    spec.seed(),
                    draws -> objectiveAt(spec, catalog, base, row, inputPaths, draws, obj)));
          }
          uncertain.put(row.id(), perObjective);
        }
        if (!frontList.isEmpty()) {
          Row first = frontList.get(0);
          String obj = objectives.get(0);
          tornado =
              Uncertainty.tornado(
                  spec.uncertainty(),
                  draws -> objectiveAt(spec, catalog, base, first, inputPaths, draws, obj));
        }
      }
      Map<String, List<Row>> tops = new LinkedHashMap<>();
      top.forEach((k, v) -> tops.put(k, List.copyOf(v)));
      return new Result(
          evaluated, feasible, frontList, tops, new TreeMap<>(exclusions), uncertain, tornado);
    }
  }

  /** Exclusions are counted by the constraint broken, or as not buildable. */
  static String exclusionKey(String violation) {
    return violation.startsWith("not buildable") ? "not buildable" : violation.split(" ")[0];
  }

  /**
   * Runs the sweep from {@code firstId} on.
   *
   * @param seen rows already written (a resumed sweep), streamed in id order: they join the front
   *     and the tops
   * @param topK designs kept per objective
   */
  public static Result run(
      SweepSpec spec,
      Catalog catalog,
      int threads,
      long firstId,
      java.util.stream.Stream<Row> seen,
      int topK,
      Sink sink,
      LongConsumer progress) {
    return run(
        spec,
        catalog,
        threads,
        firstId,
        seen,
        topK,
        row -> null,
        (row, none) -> sink.accept(row),
        progress);
  }

  /**
   * {@link #run(SweepSpec, Catalog, int, long, java.util.stream.Stream, int, Sink, LongConsumer)}
   * with each row also turned into {@code T} by {@code prepare} on the worker that evaluated it (a
   * line of a file, say), so that the sink, which takes rows one at a time in id order, only has to
   * write it.
   */
  public static <T> Result run(
      SweepSpec spec,
      Catalog catalog,
      int threads,
      long firstId,
      java.util.stream.Stream<Row> seen,
      int topK,
      java.util.function.Function<Row, T> prepare,
      java.util.function.BiConsumer<Row, T> sink,
      LongConsumer progress) {
    long size = spec.space().size();
    Collector collector = new Collector(spec, topK);
    seen.forEachOrdered(collector::accept);
    Evaluator evaluator = new Evaluator(spec, catalog);
    int workers = Math.max(1, threads);
    ForkJoinPool pool = new ForkJoinPool(workers);
    long batch = (long) CHUNK * workers * 4;
    java.util.concurrent.Future<Part<T>[]> pending = null;
    try {
      if (firstId < size) {
        pending = submit(pool, evaluator, spec, topK, prepare, firstId, size, batch);
      }
      // While the rows of one batch go to the sink, the workers evaluate the next.
      for (long start = firstId; start < size; start += batch) {
        Part<T>[] parts = pending.get();
        long next = start + batch;
        pending =
            next < size ? submit(pool, evaluator, spec, topK, prepare, next, size, batch) : null;
        for (Part<T> part : parts) {
          Row[] rows = part.rows();
          for (int i = 0; i < rows.length; i++) {
            sink.accept(rows[i], part.prepared().get(i));
          }
          Collector c = part.collector();
          collector.merge(c.evaluated(), c.feasible(), c.exclusions(), c.candidates());
        }
        progress.accept(Math.min(size, next));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("sweep interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a design failed to evaluate: " + e.getCause(), e.getCause());
    } finally {
      if (pending != null) {
        pending.cancel(true);
      }
      pool.shutdownNow();
    }
    return collector.finish(spec, catalog);
  }

  /** Designs one worker evaluates in a row, with their own collector merged in id order. */
  private static final int CHUNK = 512;

  private record Part<T>(Row[] rows, List<T> prepared, Collector collector) {}

  @SuppressWarnings("unchecked")
  private static <T> java.util.concurrent.Future<Part<T>[]> submit(
      ForkJoinPool pool,
      Evaluator evaluator,
      SweepSpec spec,
      int topK,
      java.util.function.Function<Row, T> prepare,
      long from,
      long size,
      long batch) {
    int n = (int) Math.min(batch, size - from);
    int chunks = (n + CHUNK - 1) / CHUNK;
    return pool.submit(
        () ->
            IntStream.range(0, chunks)
                .parallel()
                .mapToObj(
                    c -> {
                      long first = from + (long) c * CHUNK;
                      int count = (int) Math.min(CHUNK, from + n - first);
                      Row[] rows = new Row[count];
                      List<T> prepared = new ArrayList<>(count);
                      Collector part = new Collector(spec, topK);
                      for (int i = 0; i < count; i++) {
                        rows[i] = evaluator.evaluate(first + i);
                        part.accept(rows[i]);
                        prepared.add(prepare.apply(rows[i]));
                      }
                      return new Part<>(rows, prepared, part);
                    })
                .toArray(Part[]::new));
  }

  private static double objectiveAt(
      SweepSpec spec,
      Catalog catalog,
      Map<String, Object> base,
      Row row,
      List<String> inputPaths,
      double[] draws,
      String objective) {
    List<String> paths = new ArrayList<>(spec.space().axes().stream().map(a -> a.path()).toList());
    List<String> values = new ArrayList<>(row.axisValues());
    for (int i = 0; i < inputPaths.size(); i++) {
      paths.add(inputPaths.get(i));
      values.add(Double.toString(draws[i]));
    }
    Row r =
        evaluateWith(
            spec,
            catalog,
            row.id(),
            row.axisValues(),
            base,
            paths,
            values,
            ParallelismSearch::search);
    return Optional.ofNullable(r.figures().get(objective)).orElse(Double.NaN);
  }
}
