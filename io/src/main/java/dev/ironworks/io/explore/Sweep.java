package dev.ironworks.io.explore;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.compute.ParallelismSearch;
import dev.ironworks.core.compute.SearchMemo;
import dev.ironworks.core.explore.Constraint;
import dev.ironworks.core.explore.Uncertainty;
import dev.ironworks.io.render.PlanFigures;
import dev.ironworks.io.render.RoadmapFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

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

  /** Receives rows in id order. */
  @FunctionalInterface
  public interface Sink {
    void accept(SweepRow row);
  }

  /** A sweep's outcome beside the rows. */
  public record Result(
      long evaluated,
      long feasible,
      List<SweepRow> front,
      Map<String, List<SweepRow>> top,
      Map<String, Long> exclusions,
      Map<Long, Map<String, Uncertainty.Summary>> frontUncertainty,
      List<Uncertainty.Bar> tornado) {}

  /** Evaluates one point. */
  public static SweepRow evaluate(
      SweepSpec spec, Catalog catalog, long id, Map<String, Object> base) {
    return evaluate(spec, catalog, id, base, ParallelismSearch::search);
  }

  /**
   * Evaluates one point with the training searches run by {@code searcher} (a {@link SearchMemo}).
   */
  public static SweepRow evaluate(
      SweepSpec spec,
      Catalog catalog,
      long id,
      Map<String, Object> base,
      ParallelismSearch.Searcher searcher) {
    List<String> values = spec.space().point(id);
    List<String> paths = spec.space().axes().stream().map(a -> a.path()).toList();
    return SweepEvaluator.evaluateWith(spec, catalog, id, values, base, paths, values, searcher);
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

  /**
   * Every figure a row carries: objectives, constraint metrics, then the standard figures (a
   * roadmap's, {@link RoadmapFigures#paths}, when the base scenario has a roadmap section).
   */
  public static List<String> metrics(SweepSpec spec) {
    List<String> out = new ArrayList<>();
    for (String o : spec.objectives()) {
      add(out, resolve(o));
    }
    for (Constraint c : spec.constraints()) {
      add(out, resolve(c.metric()));
    }
    for (String f : spec.roadmap().map(RoadmapFigures::paths).orElse(FIGURES)) {
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
      Stream<SweepRow> seen,
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
      Stream<SweepRow> seen,
      int topK,
      Function<SweepRow, T> prepare,
      BiConsumer<SweepRow, T> sink,
      LongConsumer progress) {
    long size = spec.space().size();
    SweepCollector collector = new SweepCollector(spec, topK);
    seen.forEachOrdered(collector::accept);
    SweepEvaluator evaluator = new SweepEvaluator(spec, catalog);
    int workers = Math.max(1, threads);
    ForkJoinPool pool = new ForkJoinPool(workers);
    long batch = (long) CHUNK * workers * 4;
    Future<Part<T>[]> pending = null;
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
          SweepRow[] rows = part.rows();
          for (int i = 0; i < rows.length; i++) {
            sink.accept(rows[i], part.prepared().get(i));
          }
          SweepCollector c = part.collector();
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

  private record Part<T>(SweepRow[] rows, List<T> prepared, SweepCollector collector) {}

  @SuppressWarnings("unchecked")
  private static <T> Future<Part<T>[]> submit(
      ForkJoinPool pool,
      SweepEvaluator evaluator,
      SweepSpec spec,
      int topK,
      Function<SweepRow, T> prepare,
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
                      SweepRow[] rows = new SweepRow[count];
                      List<T> prepared = new ArrayList<>(count);
                      SweepCollector part = new SweepCollector(spec, topK);
                      for (int i = 0; i < count; i++) {
                        rows[i] = evaluator.evaluate(first + i);
                        part.accept(rows[i]);
                        prepared.add(prepare.apply(rows[i]));
                      }
                      return new Part<>(rows, prepared, part);
                    })
                .toArray(Part[]::new));
  }
}
