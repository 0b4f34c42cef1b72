package dev.ironworks.io.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.scenario.ScenarioReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every figure read straight from a plan is the one its view shows, on every example. */
class PlanFiguresTest {
  @Test
  void directFiguresEqualTheView() throws IOException {
    Catalog catalog = CatalogLoader.builtin();
    List<Path> examples;
    try (Stream<Path> files = Files.list(Path.of("../examples"))) {
      examples = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(examples.size() >= 5);
    Set<String> seen = new HashSet<>();
    for (Path example : examples) {
      Plan plan = Planner.plan(ScenarioReader.read(example, catalog).scenario(), catalog);
      Map<String, Object> view = PlanView.of(plan);
      for (String path : PlanFigures.paths()) {
        Object shown = PlanView.at(view, path);
        double expected = shown instanceof Number n ? n.doubleValue() : Double.NaN;
        double direct = PlanFigures.direct(path).orElseThrow().applyAsDouble(plan);
        assertEquals(expected, direct, 0.0, example + ": " + path);
        if (!Double.isNaN(direct)) {
          seen.add(path);
        }
      }
    }
    // No path is NaN in every example: each names a figure the view has.
    assertEquals(PlanFigures.paths(), seen);
  }
}
