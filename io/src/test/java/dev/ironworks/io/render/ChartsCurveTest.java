package dev.ironworks.io.render;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The serving chart reads its points back out of the plan's inference.curve lines: the pattern in
 * the chart script must match every line the plan writes, or the chart would silently be empty.
 */
class ChartsCurveTest {
  @Test
  void theChartScriptsCurvePatternReadsEveryCurveLine() throws IOException {
    String script;
    try (InputStream in =
        ChartsCurveTest.class.getResourceAsStream("/dev/ironworks/charts/ironworks-charts.js")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher literal = Pattern.compile("const pattern = /(.+)/;").matcher(script);
    assertTrue(literal.find(), "parseCurve's pattern is in the script");
    Pattern curve = Pattern.compile(literal.group(1));

    Catalog catalog = CatalogLoader.builtin();
    var scenario =
        ScenarioReader.read(Path.of("../examples/llama3-70b-serving-fleet.yaml"), catalog)
            .scenario();
    Object lines = PlanView.at(PlanView.of(Planner.plan(scenario, catalog)), "inference.curve");
    assertTrue(lines instanceof List<?> l && !l.isEmpty(), String.valueOf(lines));
    for (Object line : (List<?>) lines) {
      Matcher m = curve.matcher(line.toString());
      assertTrue(m.matches(), line.toString());
      for (int g = 1; g <= 4; g++) {
        assertFalse(Double.isNaN(Double.parseDouble(m.group(g))), line.toString());
      }
    }
  }
}
