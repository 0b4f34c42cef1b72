package dev.ironworks.io.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.core.sim.MonteCarlo;
import dev.ironworks.core.sim.RunSetup;
import dev.ironworks.core.sim.SimulationReport;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.scenario.ScenarioReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** HTML and Markdown reports of the shipped examples. */
class ReportTest {
  private static final Path EXAMPLES = Path.of("../examples");
  private static final Path GOLDEN = Path.of("src/test/resources/golden/report");
  private static final Catalog CATALOG = CatalogLoader.builtin();

  private static Plan plan(String example) {
    return Planner.plan(
        ScenarioReader.read(EXAMPLES.resolve(example + ".yaml"), CATALOG).scenario(), CATALOG);
  }

  /** 200 trials from seed 1 of the example's training run, as `ironworks report` runs them. */
  private static Map<String, Object> simulation(Plan plan) {
    SimulationReport report =
        MonteCarlo.run(RunSetup.from(plan.reliability().orElseThrow()), 200, 1, 2, done -> {});
    return SimulationView.of(report, plan.reliability().orElseThrow());
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle), Pattern.CASE_INSENSITIVE).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void htmlIsSelfContainedWithTheChartsAndTheData() {
    Plan plan = plan("h100-1024-training-cluster");
    Map<String, Object> view = PlanView.of(plan);
    Map<String, Object> simulation = simulation(plan);
    String html = Report.html("H100 cluster", view, simulation);

    // Nothing is fetched: no element refers to a URL (scheme-relative ones included).
    Matcher external =
        Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:|//)").matcher(html);
    assertFalse(external.find(), () -> "external reference: " + external.group());
    assertFalse(html.contains("<script src"), "scripts are inline");
    // ECharts, the charts and the call that draws them are inline.
    assertTrue(html.contains(Report.Scripts.ECHARTS));
    assertTrue(html.contains(Report.Scripts.CHARTS));
    assertTrue(html.contains("window.IronworksCharts") || html.contains("global.IronworksCharts"));
    assertTrue(html.contains("IronworksCharts.dashboard("));
    // The plan and the simulation, as JSON; the figures also as plain tables.
    assertTrue(html.contains(Report.embedJson(view)));
    assertTrue(html.contains(Report.embedJson(simulation)));
    assertTrue(html.contains("<table class=\"iw-table\" data-table=\"headline\">"));
    assertTrue(html.contains("<th>Capex</th><td class=\"num\">$69.81 M</td>"), html);
    assertTrue(html.contains("data-table=\"completion\""));
    // Five script elements: the plan, the simulation, ECharts, the charts, the call.
    assertEquals(5, count(html, "</script"));
  }

  @Test
  void aScenarioNameCannotBreakOutOfTheReport() throws IOException {
    String evil = "</script><script>alert(1)</script><!-- & \"quoted\" 'single'";
    Map<String, Object> view = PlanView.of(plan("tpu-v5p-cloud"));
    view.put("scenario", evil);
    String html = Report.html(evil, view, null);

    // Only the report's own four script elements close: the name never ends one.
    assertEquals(4, count(html, "</script"));
    assertEquals(0, count(html, "<script>alert"));
    assertFalse(html.contains("<!--"));
    assertTrue(html.contains("<title>&lt;/script&gt;&lt;script&gt;alert(1)"));
    // The embedded JSON still reads back as the name itself.
    int start = html.indexOf("<script type=\"application/json\" id=\"iw-plan\">");
    String json = html.substring(html.indexOf('>', start) + 1, html.indexOf("</script>", start));
    try (JsonParser parser = new JsonFactory().createParser(json)) {
      String name = null;
      while (parser.nextToken() != null) {
        if (parser.currentToken() == JsonToken.FIELD_NAME
            && parser.currentName().equals("scenario")
            && parser.getParsingContext().getParent().inRoot()) {
          parser.nextToken();
          name = parser.getText();
        }
      }
      assertEquals(evil, name);
    }
    // Markdown shows the name as text, not as HTML.
    String md = Report.markdown(evil, view, null);
    assertFalse(md.contains("<script"));
    assertTrue(md.startsWith("# &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
  }

  @Test
  void markdownMatchesItsGoldenFile() {
    Plan plan = plan("h100-1024-training-cluster");
    Golden.assertMatches(
        GOLDEN.resolve("h100-1024-training-cluster.md"),
        Report.markdown("H100 training cluster", PlanView.of(plan), simulation(plan)));
  }

  @Test
  void servingFleetReportHasInferenceAndNoTrainingSections() {
    Map<String, Object> view = PlanView.of(plan("llama3-70b-serving-fleet"));
    List<String> ids = Report.sectionIds(view, null);
    assertEquals(
        List.of("headline", "capex", "tco", "power", "energy", "bom", "inference", "notes").stream()
            .filter(id -> !id.equals("notes") || !((List<?>) view.get("notes")).isEmpty())
            .toList(),
        ids);
    String md = Report.markdown("Serving", view, null);
    assertTrue(md.contains("## Serving"));
    // The headline carries the plan's own figure, formatted as the report formats dollars.
    Object perMillion = PlanView.at(view, "inference.usdPerMillionTokens");
    assertTrue(
        md.contains(
            "| Cost per million tokens | "
                + Report.usd(((Number) perMillion).doubleValue())
                + " |"),
        md);
    assertFalse(md.contains("## Training run"));
    assertFalse(md.contains("## Reliability"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aServingSimulationSaysItsRateAndWhenItRanBelowTheDemand() {
    Map<String, Object> view =
        new java.util.LinkedHashMap<>(PlanView.of(plan("llama3-70b-serving-fleet")));
    Map<String, Object> latency = Map.of("p50", 100.0, "p90", 200.0, "p99", 300.0, "mean", 120.0);
    Map<String, Object> simulation =
        Map.of(
            "simulation",
            Map.of(
                "requests", 20000,
                "arrivalsPerSecond", 17.28,
                "ttftMillis", latency,
                "tpotMillis", latency,
                "endToEndMillis", latency),
            "analytical",
            Map.of("replicaLoad", 0.9, "ttftMillis", latency));
    String within = Report.markdown("Serving", view, simulation);
    assertTrue(
        within.contains("20,000 requests arriving at 17.28 a second, each replica at 0.9 of"),
        within);
    assertFalse(within.contains("grows without bound"), within);

    // A fleet given fewer replicas than its demand needs: the simulation ran below the demand.
    Map<String, Object> inference =
        new java.util.LinkedHashMap<>((Map<String, Object>) view.get("inference"));
    inference.put("replicaLoad", 2.988);
    view.put("inference", inference);
    String over = Report.markdown("Serving", view, simulation);
    assertTrue(
        over.contains("The plan's demand loads the replicas to 2.988 of their capacity"), over);
  }

  @Test
  void cloudOnlyPlanSaysThereIsNoCapital() {
    String md = Report.markdown("TPU", PlanView.of(plan("tpu-v5p-cloud")), null);
    assertTrue(md.contains("Rented accelerators: no capital"), md);
    assertFalse(md.contains("| own: capex + opex |"));
  }

  @Test
  void dollarsReadInThousandsMillionsAndBillions() {
    assertEquals("$69.81 M", Report.usd(69_813_500.0));
    assertEquals("$1.211 B", Report.usd(1.2107e9));
    assertEquals("$15.73 k", Report.usd(15_727.0));
    assertEquals("$2.924", Report.usd(2.92362));
    assertEquals("—", Report.usd(null));
  }
}
