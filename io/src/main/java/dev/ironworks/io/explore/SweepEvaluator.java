package dev.ironworks.io.explore;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.compute.ParallelismSearch;
import dev.ironworks.core.compute.SearchMemo;
import dev.ironworks.core.explore.Constraint;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.core.roadmap.RoadmapInputs;
import dev.ironworks.core.roadmap.RoadmapPlan;
import dev.ironworks.core.roadmap.RoadmapPlanner;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.io.render.PlanFigures;
import dev.ironworks.io.render.PlanView;
import dev.ironworks.io.render.RoadmapFigures;
import dev.ironworks.io.scenario.ScenarioReader;
import dev.ironworks.io.yaml.InputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Evaluates a space's designs as {@link Sweep#evaluate} does, with the same rows, only faster: each
 * design's scenario is put together from sections read once ({@link Designs}) rather than read from
 * YAML, the plan's figures are read from the sections of the plan they lie in, and the training
 * searches designs share are remembered ({@link SearchMemo}). Safe to share between threads.
 */
public final class SweepEvaluator {
  private final SweepSpec spec;
  private final Catalog catalog;
  private final Map<String, Object> base;
  private final List<String> paths;
  private final ParallelismSearch.Searcher searcher;
  private final Designs designs;
  private final Figures figures;

  public SweepEvaluator(SweepSpec spec, Catalog catalog) {
    this(spec, catalog, new SearchMemo());
  }

  /** An evaluator whose training searches are run by {@code searcher}. */
  public SweepEvaluator(SweepSpec spec, Catalog catalog, ParallelismSearch.Searcher searcher) {
    this.spec = spec;
    this.catalog = catalog;
    this.base = ScenarioTree.parse(spec.baseText());
    this.paths = spec.space().axes().stream().map(a -> a.path()).toList();
    this.searcher = searcher;
    this.designs = new Designs(spec, catalog, base);
    this.figures = new Figures(spec);
  }

  /** The row of design {@code id}. */
  public SweepRow evaluate(long id) {
    List<String> values = spec.space().point(id);
    Optional<Scenario> scenario = designs.scenario(id, values);
    if (scenario.isEmpty()) {
      return evaluateWith(spec, catalog, id, values, base, paths, values, searcher);
    }
    return figures.row(id, values, scenario.get(), catalog, searcher);
  }

  /**
   * A design read from the base scenario's tree with {@code values} set at {@code paths}: the
   * reference way, and the way for designs that {@link Designs} cannot put together.
   */
  static SweepRow evaluateWith(
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
    private final Set<String> sections;
    private final List<Constraint> constraints;
    private final int[] constrained;

    @SuppressWarnings("unchecked")
    Figures(SweepSpec spec) {
      metrics = Sweep.metrics(spec);
      parts = metrics.stream().map(m -> m.split("\\.")).toArray(String[][]::new);
      direct =
          metrics.stream()
              .map(m -> PlanFigures.direct(m).orElse(null))
              .toArray(ToDoubleFunction[]::new);
      // The view is built only for figures without a direct reader, and only their sections.
      Set<String> viewed = new HashSet<>();
      // Roadmap figures have no direct reader, and no section of a plan's view.
      for (int i = 0; i < parts.length; i++) {
        if (direct[i] == null && !RoadmapFigures.isRoadmap(metrics.get(i))) {
          viewed.add(parts[i][0]);
        }
      }
      sections = Set.copyOf(viewed);
      constraints = spec.constraints();
      constrained =
          constraints.stream().mapToInt(c -> metrics.indexOf(Sweep.resolve(c.metric()))).toArray();
    }

    SweepRow row(
        long id,
        List<String> axisValues,
        Scenario scenario,
        Catalog catalog,
        ParallelismSearch.Searcher searcher) {
      if (scenario.roadmap().isPresent()) {
        return roadmapRow(id, axisValues, scenario, catalog);
      }
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
      return checked(id, axisValues, figures, values);
    }

    /** A design with a roadmap: every strategy planned by rule, the fast evaluation. */
    SweepRow roadmapRow(long id, List<String> axisValues, Scenario scenario, Catalog catalog) {
      RoadmapPlan plan;
      try {
        plan = RoadmapPlanner.plan(RoadmapInputs.of(scenario, catalog), scenario.name(), false);
      } catch (InfeasibleScenarioException e) {
        return unbuildable(id, axisValues, e.field() + ": " + e.getMessage());
      }
      Map<String, Double> figures = new LinkedHashMap<>();
      double[] values = new double[metrics.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = RoadmapFigures.value(plan, metrics.get(i));
        figures.put(metrics.get(i), values[i]);
      }
      return checked(id, axisValues, figures, values);
    }

    private SweepRow checked(
        long id, List<String> axisValues, Map<String, Double> figures, double[] values) {
      List<String> violations = new ArrayList<>();
      for (int c = 0; c < constrained.length; c++) {
        constraints.get(c).violation(values[constrained[c]]).ifPresent(violations::add);
      }
      return new SweepRow(id, axisValues, figures, violations);
    }

    SweepRow unbuildable(long id, List<String> axisValues, String reason) {
      Map<String, Double> figures = new LinkedHashMap<>();
      for (String path : metrics) {
        figures.put(path, Double.NaN);
      }
      return new SweepRow(id, axisValues, figures, List.of("not buildable: " + reason));
    }
  }
}
