package dev.ironworks.io.explore;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.compute.ParallelismSearch;
import dev.ironworks.core.explore.ParetoFront;
import dev.ironworks.core.explore.Uncertainty;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps what a sweep reports as rows arrive: counts, exclusions by reason, the Pareto front and the
 * best {@code topK} designs per objective. Rows must arrive in id order for the ties (equal
 * objectives) to go to the lower id; {@link #candidates} lets executors that evaluate parts of a
 * space apart (Spark partitions) merge their parts into the same result.
 */
public final class SweepCollector {
  private final List<String> objectives;
  private final int topK;
  private final ParetoFront front = new ParetoFront();
  private final Map<Long, SweepRow> frontRows = new TreeMap<>();
  private final Map<String, List<SweepRow>> top = new LinkedHashMap<>();
  private final Map<String, Long> exclusions = new TreeMap<>();
  private long evaluated;
  private long feasible;

  public SweepCollector(SweepSpec spec, int topK) {
    this.objectives = spec.objectives().stream().map(Sweep::resolve).toList();
    this.topK = Math.max(1, topK);
    objectives.forEach(o -> top.put(o, new ArrayList<>()));
  }

  /** Counts a row and offers it to the front and the tops. */
  public void accept(SweepRow row) {
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
      long evaluatedRows, long feasibleRows, Map<String, Long> excluded, List<SweepRow> rows) {
    evaluated += evaluatedRows;
    feasible += feasibleRows;
    excluded.forEach((k, v) -> exclusions.merge(k, v, Long::sum));
    rows.forEach(this::offer);
  }

  private void offer(SweepRow row) {
    double[] o = new double[objectives.size()];
    for (int i = 0; i < o.length; i++) {
      o[i] = row.figures().get(objectives.get(i));
    }
    if (front.offer(row.id(), o)) {
      frontRows.put(row.id(), row);
      if (frontRows.size() > front.size()) {
        Set<Long> kept = new HashSet<>();
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
  private void keep(List<SweepRow> best, String objective, double value, SweepRow row) {
    int at = best.size();
    while (at > 0) {
      SweepRow before = best.get(at - 1);
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
  public List<SweepRow> candidates() {
    Map<Long, SweepRow> rows = new TreeMap<>(frontRows);
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
  public Sweep.Result finish(SweepSpec spec, Catalog catalog) {
    Map<String, Object> base = ScenarioTree.parse(spec.baseText());
    List<SweepRow> frontList = new ArrayList<>(frontRows.values());
    Map<Long, Map<String, Uncertainty.Summary>> uncertain = new LinkedHashMap<>();
    List<Uncertainty.Bar> tornado = List.of();
    if (!spec.uncertainty().isEmpty() && spec.samples() > 0) {
      List<String> inputPaths = spec.uncertainty().stream().map(Uncertainty.Input::path).toList();
      for (SweepRow row : frontList) {
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
        SweepRow first = frontList.get(0);
        String obj = objectives.get(0);
        tornado =
            Uncertainty.tornado(
                spec.uncertainty(),
                draws -> objectiveAt(spec, catalog, base, first, inputPaths, draws, obj));
      }
    }
    Map<String, List<SweepRow>> tops = new LinkedHashMap<>();
    top.forEach((k, v) -> tops.put(k, List.copyOf(v)));
    return new Sweep.Result(
        evaluated, feasible, frontList, tops, new TreeMap<>(exclusions), uncertain, tornado);
  }

  /** Exclusions are counted by the constraint broken, or as not buildable. */
  static String exclusionKey(String violation) {
    return violation.startsWith("not buildable") ? "not buildable" : violation.split(" ")[0];
  }

  private static double objectiveAt(
      SweepSpec spec,
      Catalog catalog,
      Map<String, Object> base,
      SweepRow row,
      List<String> inputPaths,
      double[] draws,
      String objective) {
    List<String> paths = new ArrayList<>(spec.space().axes().stream().map(a -> a.path()).toList());
    List<String> values = new ArrayList<>(row.axisValues());
    for (int i = 0; i < inputPaths.size(); i++) {
      paths.add(inputPaths.get(i));
      values.add(Double.toString(draws[i]));
    }
    SweepRow r =
        SweepEvaluator.evaluateWith(
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
