package dev.ironworks.io.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.explore.Sweep;
import dev.ironworks.io.scenario.ScenarioReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry of plan figures is the plan's tree: every path the view shows is a declared figure,
 * every figure read straight from a plan is the one the view shows, on every example.
 */
class PlanFiguresTest {
  private static final List<Plan> PLANS = new ArrayList<>();

  @BeforeAll
  static void planTheExamples() throws IOException {
    Catalog catalog = CatalogLoader.builtin();
    List<Path> examples;
    try (Stream<Path> files = Files.list(Path.of("../examples"))) {
      examples = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(examples.size() >= 5);
    for (Path example : examples) {
      PLANS.add(Planner.plan(ScenarioReader.read(example, catalog).scenario(), catalog));
    }
  }

  @Test
  void directFiguresEqualTheView() {
    Set<String> seen = new HashSet<>();
    for (Plan plan : PLANS) {
      Map<String, Object> view = PlanView.of(plan);
      for (String path : PlanFigures.paths()) {
        Object shown = PlanView.at(view, path);
        double expected = shown instanceof Number n ? n.doubleValue() : Double.NaN;
        double direct = PlanFigures.direct(path).orElseThrow().applyAsDouble(plan);
        assertEquals(expected, direct, 0.0, plan.scenarioName() + ": " + path);
        if (!Double.isNaN(direct)) {
          seen.add(path);
        }
      }
    }
    // No path is NaN in every example: each names a figure the view has.
    assertEquals(PlanFigures.paths(), seen);
  }

  @Test
  void everyPathTheViewShowsIsADeclaredFigureWithItsValue() {
    for (Plan plan : PLANS) {
      Map<String, Object> view = PlanView.of(plan);
      List<String> leaves = new ArrayList<>();
      leaves(view, "", leaves);
      for (String path : leaves) {
        PlanFigure figure = PlanFigures.figure(path).orElseThrow(() -> new AssertionError(path));
        assertEquals(path, figure.path());
        assertTrue(Objects.equals(PlanView.at(view, path), figure.value().apply(plan)), path);
      }
    }
  }

  @Test
  void aRenamedFigureIsReadAtItsOldPath() {
    assertFalse(PlanFigures.aliases().isEmpty());
    Plan plan = PLANS.get(0);
    Map<String, Object> view = PlanView.of(plan);
    PlanFigures.aliases()
        .forEach(
            (old, now) -> {
              assertEquals(now, PlanFigures.canonical(old));
              assertEquals(now, PlanFigures.figure(old).orElseThrow().path());
              assertFalse(view.toString().contains(old.substring(old.indexOf('.') + 1) + "="));
              assertEquals(PlanView.at(view, now), PlanView.at(view, old));
            });
  }

  @Test
  void theFiguresEverySweepRowCarriesAreDeclaredNumbers() {
    for (String path : Sweep.FIGURES) {
      assertTrue(PlanFigures.figure(path).map(PlanFigure::numeric).orElse(false), path);
      assertEquals(path, PlanFigures.canonical(path), path + " is an old name");
    }
  }

  private static void leaves(Map<?, ?> map, String prefix, List<String> out) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> nested) {
        leaves(nested, prefix + e.getKey() + ".", out);
      } else {
        out.add(prefix + e.getKey());
      }
    }
  }
}
