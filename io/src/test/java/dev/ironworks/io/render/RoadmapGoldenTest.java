package dev.ironworks.io.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.roadmap.RoadmapInputs;
import dev.ironworks.core.roadmap.RoadmapOptimizer;
import dev.ironworks.core.roadmap.RoadmapPlan;
import dev.ironworks.core.roadmap.RoadmapPlanner;
import dev.ironworks.core.roadmap.RoadmapResult;
import dev.ironworks.core.roadmap.YearFigures;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.scenario.ScenarioReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped roadmaps (examples/roadmaps), optimised and printed in every format, against their
 * golden files; what each example is there to show; and the output reference.
 */
@Tag("slow")
class RoadmapGoldenTest {
  private static final Path EXAMPLES = Path.of("../examples/roadmaps");
  private static final Path GOLDEN = Path.of("src/test/resources/golden/roadmap");
  private static final Catalog CATALOG = CatalogLoader.builtin();
  private static final Map<Path, RoadmapPlan> PLANS = new ConcurrentHashMap<>();
  private static final Map<Path, RoadmapPlan> RULED = new ConcurrentHashMap<>();

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  private static Scenario scenario(Path example) {
    return ScenarioReader.read(example, CATALOG).scenario();
  }

  /** Each example is optimised once for every test of the class. */
  private static RoadmapPlan plan(Path example) {
    return PLANS.computeIfAbsent(
        example,
        e -> {
          Scenario s = scenario(e);
          return RoadmapPlanner.plan(RoadmapInputs.of(s, CATALOG), s.name(), true);
        });
  }

  /** Each example planned by rule once for every test of the class. */
  private static RoadmapPlan ruled(Path example) {
    return RULED.computeIfAbsent(
        example,
        e -> {
          Scenario s = scenario(e);
          return RoadmapPlanner.plan(RoadmapInputs.of(s, CATALOG), s.name(), false);
        });
  }

  private static String base(Path example) {
    String name = example.getFileName().toString();
    return name.substring(0, name.length() - ".yaml".length());
  }

  /**
   * The golden files hold the plans by rule, a pure function of the inputs. The solver may land on
   * another plan within its gap on another processor or operating system, so its plans are held to
   * what they must be by the tests below instead.
   */
  @ParameterizedTest
  @MethodSource("examples")
  void everyFormatMatchesItsGoldenFile(Path example) {
    Map<String, Object> view = RoadmapView.of(ruled(example));
    Golden.assertMatches(GOLDEN.resolve(base(example) + ".json"), JsonRenderer.render(view));
    Golden.assertMatches(GOLDEN.resolve(base(example) + ".txt"), RoadmapTables.table(view));
    Golden.assertMatches(
        GOLDEN.resolve(base(example) + ".md"),
        RoadmapTables.markdown("Roadmap: " + base(example), view));
  }

  @Test
  void theSameRoadmapGivesByteIdenticalOutput() {
    Path serving = EXAMPLES.resolve("serving-3x-a-year.yaml");
    Scenario s = scenario(serving);
    RoadmapPlan again = RoadmapPlanner.plan(RoadmapInputs.of(s, CATALOG), s.name(), false);
    assertEquals(
        JsonRenderer.render(RoadmapView.of(ruled(serving))),
        JsonRenderer.render(RoadmapView.of(again)));
  }

  /**
   * The solver runs on one thread: the same roadmap, solved again after other work in the same JVM,
   * gives the same bytes.
   */
  @Test
  void theSolverGivesTheSamePlanAgain() {
    Path example = EXAMPLES.resolve("frontier-lab-two-sites.yaml");
    String first = JsonRenderer.render(RoadmapView.of(plan(example)));
    Scenario s = scenario(example);
    RoadmapPlan again = RoadmapPlanner.plan(RoadmapInputs.of(s, CATALOG), s.name(), true);
    assertEquals(first, JsonRenderer.render(RoadmapView.of(again)));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void theSolversPlanIsNoDearerThanTheRulesAndItsObjectiveIsTheLedgersNpv(Path example) {
    RoadmapPlan optimised = plan(example);
    RoadmapPlan rule = RoadmapPlanner.plan(optimised.inputs(), "rule", false);
    for (int i = 0; i < optimised.results().size(); i++) {
      RoadmapResult o = optimised.results().get(i);
      RoadmapResult r = rule.results().get(i);
      var solver = o.solver().orElseThrow();
      assertTrue(
          o.npvCostUsd() <= r.npvCostUsd() * (1 + 1e-9),
          o.strategy() + ": " + o.npvCostUsd() + " > the rule's " + r.npvCostUsd());
      // The objective leaves out only the fixed staff of sites open from the start.
      assertTrue(solver.objectiveUsd() <= o.npvCostUsd() + 1, o.strategy());
      assertTrue(solver.boundUsd() <= solver.objectiveUsd() * (1 + 1e-9), o.strategy());
      // Proven within the solver's tolerance, not stopped by its time guard.
      assertEquals("OPTIMAL", solver.state(), o.strategy());
      assertTrue(
          solver.gap() >= 0 && solver.gap() <= RoadmapOptimizer.RELATIVE_GAP * (1 + 1e-6),
          o.strategy() + " gap " + solver.gap());
    }
  }

  @Test
  void theFrontierLabMeetsThePowerWallAndTheCloudTakesWhatItCannotCarry() {
    // Texas: 600 MW of grid and 400 MW of turbines; Wisconsin: 150 MW and a 300 MW contract.
    // By 2035 the fleet fills both sites to their firm supply, and the cloud carries the rest.
    RoadmapResult optimal = plan(EXAMPLES.resolve("frontier-lab-two-sites.yaml")).results().get(0);
    YearFigures last = optimal.years().get(optimal.years().size() - 1);
    double peak = 0;
    double limit = 0;
    for (YearFigures.SiteYear s : last.sites()) {
      // Within the solver's feasibility tolerance, relative to the MW at stake (watts of 100s of
      // MW).
      double slack = 1e-7 * s.limitMw() + 1e-6;
      assertTrue(s.peakMw() <= s.limitMw() + slack, s.siteId() + " over its limit");
      assertTrue(s.peakMw() <= s.hallMw() + slack, s.siteId() + " over its halls");
      peak += s.peakMw();
      limit += s.limitMw();
    }
    assertTrue(peak > 0.95 * limit, "the wall: " + peak + " MW of " + limit);
    double cloud = last.demands().stream().mapToDouble(YearFigures.DemandYear::cloudWork).sum();
    assertTrue(cloud > 0, "the cloud carries what the wall stops");
    // Every generation the plan buys ships by the year it is bought.
    for (var p : optimal.investments().purchases()) {
      assertTrue(optimal.years().get(p.year()).calendarYear() >= shipYear(optimal, p));
    }
  }

  private static int shipYear(RoadmapResult r, dev.ironworks.core.roadmap.Purchase p) {
    String id =
        plan(EXAMPLES.resolve("frontier-lab-two-sites.yaml"))
            .inputs()
            .spec()
            .generations()
            .get(p.generation())
            .acceleratorId();
    return CATALOG.accelerator(id).shipYear();
  }

  @Test
  void theServingBusinessIsServedInFullEveryYear() {
    // Tokens grow three times a year; the fleet and the cloud carry all of them.
    RoadmapResult optimal = plan(EXAMPLES.resolve("serving-3x-a-year.yaml")).results().get(0);
    double before = 0;
    for (YearFigures y : optimal.years()) {
      YearFigures.DemandYear d = y.demands().get(0);
      assertEquals(d.work(), d.fleetWork() + d.cloudWork(), d.work() * 1e-5, "" + y.calendarYear());
      assertTrue(d.work() > before * 2.99, "three times a year");
      before = d.work();
      assertTrue(d.usdPerMillionTokens() > 0);
    }
  }

  @Test
  void everyOutputPathIsDocumented() throws IOException {
    String doc = Files.readString(Path.of("../docs/reference/roadmap-output.md"));
    List<String> missing = new ArrayList<>();
    for (Path example : examples().toList()) {
      collect("", RoadmapView.of(plan(example)), missing, doc);
    }
    assertEquals(
        List.of(),
        missing.stream().distinct().toList(),
        "paths missing from docs/reference/roadmap-output.md");
  }

  /** Keys under these are names from the scenario, documented by a capital placeholder. */
  private static final Map<String, String> NAMED =
      Map.of(
          "performance", "ACCELERATOR",
          "performance.ACCELERATOR", "DEMAND",
          "plans", "STRATEGY",
          "fleet", "ACCELERATOR",
          "purchased", "ACCELERATOR",
          "leased", "ACCELERATOR",
          "retired", "ACCELERATOR",
          "sites", "SITE",
          "demands", "DEMAND");

  private static final Set<String> BY_SITE = Set.of("fleet", "purchased", "leased", "retired");

  private static void collect(String prefix, Map<?, ?> map, List<String> missing, String doc) {
    String parent = prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
    String last = parent.substring(parent.lastIndexOf('.') + 1);
    String placeholder = NAMED.get(parent.equals("performance.ACCELERATOR") ? parent : last);
    if (parent.contains(".ACCELERATOR") && BY_SITE.contains(last(parent, 2))) {
      placeholder = "SITE";
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = placeholder != null ? placeholder : String.valueOf(e.getKey());
      String path = prefix + key;
      Object value = e.getValue();
      if (value instanceof Map<?, ?> nested) {
        collect(path + ".", nested, missing, doc);
      } else if (value instanceof List<?> list
          && !list.isEmpty()
          && list.get(0) instanceof Map<?, ?>) {
        for (Object item : list) {
          collect(path + "[].", (Map<?, ?>) item, missing, doc);
        }
      } else if (!doc.contains("`" + path + "`")) {
        missing.add(path);
      }
    }
  }

  private static String last(String path, int back) {
    String[] parts = path.split("\\.");
    return parts.length >= back ? parts[parts.length - back] : "";
  }
}
