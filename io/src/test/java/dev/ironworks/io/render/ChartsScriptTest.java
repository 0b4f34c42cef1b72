package dev.ironworks.io.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.scenario.ScenarioReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chart script draws what the plan gives it: every plan path it names is a figure of the
 * registry (under its current name), and the series it draws come as numbers, not as text to parse.
 */
class ChartsScriptTest {
  private static final Set<String> SECTIONS =
      Set.of(
          "cluster",
          "network",
          "storage",
          "site",
          "power",
          "cost",
          "energy",
          "training",
          "reliability",
          "inference");

  private static String script() throws IOException {
    try (InputStream in =
        ChartsScriptTest.class.getResourceAsStream("/dev/ironworks/charts/ironworks-charts.js")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void everyPlanPathTheScriptNamesIsADeclaredFigure() throws IOException {
    Matcher literal = Pattern.compile("'([a-z]+)\\.([A-Za-z0-9.]+)'").matcher(script());
    int named = 0;
    while (literal.find()) {
      if (!SECTIONS.contains(literal.group(1))) {
        continue;
      }
      String path = (literal.group(1) + "." + literal.group(2)).replaceAll("\\.$", "");
      // A path a loop completes ('cost.capexBreakdownUsd.' + k) names the group.
      boolean group = PlanFigures.all().stream().anyMatch(f -> f.path().startsWith(path + "."));
      assertTrue(group || PlanFigures.figure(path).isPresent(), path);
      assertEquals(path, PlanFigures.canonical(path), path + " is an old name");
      named++;
    }
    assertTrue(named > 20, "the script names the plan's paths: " + named);
  }

  @Test
  void theServingCurveIsPointsOfNumbers() throws IOException {
    assertFalse(script().contains("parseCurve"), "the script parses no text lines");
    Catalog catalog = CatalogLoader.builtin();
    var scenario =
        ScenarioReader.read(Path.of("../examples/llama3-70b-serving-fleet.yaml"), catalog)
            .scenario();
    Object curve = PlanView.at(PlanView.of(Planner.plan(scenario, catalog)), "inference.curve");
    assertTrue(curve instanceof List<?> l && !l.isEmpty(), String.valueOf(curve));
    for (Object point : (List<?>) curve) {
      Map<?, ?> p = (Map<?, ?>) point;
      assertEquals(
          List.of("batch", "tpotMillis", "tokensPerSecond", "ttftMillis"), List.copyOf(p.keySet()));
      for (Object value : p.values()) {
        assertTrue(value instanceof Number n && Double.isFinite(n.doubleValue()), p.toString());
      }
    }
  }
}
