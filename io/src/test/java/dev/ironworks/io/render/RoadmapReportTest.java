package dev.ironworks.io.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.roadmap.RoadmapInputs;
import dev.ironworks.core.roadmap.RoadmapPlanner;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.scenario.ScenarioReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A roadmap's report: one offline page with the roadmap's JSON and its chart script, whose every
 * figure read is a path of docs/reference/roadmap-output.md (a renamed figure would otherwise leave
 * a chart silently empty).
 */
class RoadmapReportTest {
  private static Map<String, Object> view;

  @BeforeAll
  static void plan() {
    Catalog catalog = CatalogLoader.builtin();
    var scenario =
        ScenarioReader.read(Path.of("../examples/roadmaps/serving-3x-a-year.yaml"), catalog)
            .scenario();
    // By rule: the report's layout does not depend on who made the plan.
    view =
        RoadmapView.of(
            RoadmapPlanner.plan(RoadmapInputs.of(scenario, catalog), scenario.name(), false));
  }

  @Test
  void theHtmlPageIsSelfContainedWithTheRoadmapEmbedded() {
    String html = RoadmapReport.html("Roadmap <serving>", view);
    Matcher external =
        Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:|//)").matcher(html);
    assertFalse(external.find(), () -> "external reference: " + external.group());
    assertTrue(html.contains("<title>Roadmap &lt;serving&gt;</title>"));
    assertTrue(html.contains("id=\"iw-roadmap-data\""));
    assertTrue(html.contains("\"scenario\" : \"serving-3x-a-year\""));
    assertTrue(html.contains("IronworksRoadmapCharts.dashboard("));
    assertTrue(html.contains("global.IronworksRoadmapCharts = { dashboard: dashboard }"));
    // Readers without scripts get the command's tables.
    assertTrue(html.contains("rule: year by year"), "the tables of the first plan");
    assertEquals(1, count(html, "<script type=\"application/json\""));
  }

  @Test
  void theMarkdownReportIsTheRoadmapsTables() {
    String md = RoadmapReport.markdown("Roadmap: serving", view);
    assertEquals(RoadmapTables.markdown("Roadmap: serving", view), md);
    assertTrue(md.startsWith("# Roadmap: serving\n"));
  }

  @Test
  void everyFigureTheScriptReadsIsInTheOutputReference() throws IOException {
    String script = RoadmapReport.Scripts.CHARTS;
    String reference = Files.readString(Path.of("../docs/reference/roadmap-output.md"));
    Set<String> paths = new TreeSet<>();
    // r: a strategy's summary; money(y): a year's money; at(y): a site's year.
    collect(script, "\\br\\.(\\w+)", "strategies[].", paths);
    collect(script, "money\\(y\\)\\.(\\w+)", "plans.STRATEGY.years[].money.", paths);
    collect(script, "at\\(y\\)\\.(\\w+)", "plans.STRATEGY.years[].sites.SITE.", paths);
    collect(script, "\\by\\.(year|fleet)\\b", "plans.STRATEGY.years[].", paths);
    assertTrue(paths.size() >= 15, paths.toString());
    for (String path : paths) {
      String row = path.endsWith(".fleet") ? path + ".ACCELERATOR.SITE" : path;
      assertTrue(reference.contains("| `" + row), "not in the reference: " + row);
    }
    // Each source the power chart stacks is a key of energyMwhBySource.
    Matcher source = Pattern.compile("\\['(\\w+)', '[\\w ]+', '#").matcher(script);
    int sources = 0;
    while (source.find()) {
      sources++;
      String row = "plans.STRATEGY.years[].sites.SITE.energyMwhBySource." + source.group(1);
      assertTrue(reference.contains("| `" + row + "`"), "not in the reference: " + row);
    }
    assertEquals(5, sources);
  }

  private static void collect(String script, String regex, String prefix, Set<String> into) {
    Matcher m = Pattern.compile(regex).matcher(script);
    while (m.find()) {
      into.add(prefix + m.group(1));
    }
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }
}
