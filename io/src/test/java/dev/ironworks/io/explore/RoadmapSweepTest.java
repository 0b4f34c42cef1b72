package dev.ironworks.io.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.explore.Uncertainty;
import dev.ironworks.core.roadmap.RoadmapInputs;
import dev.ironworks.core.roadmap.RoadmapPlan;
import dev.ironworks.core.roadmap.RoadmapPlanner;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.render.RoadmapFigures;
import dev.ironworks.io.scenario.ScenarioReader;
import dev.ironworks.io.yaml.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A sweep over a roadmap: axes and uncertain inputs are roadmap fields (list items by index), each
 * design is its roadmap planned by rule, and the front gets P10/P50/P90 of its NPV.
 */
@Tag("slow")
class RoadmapSweepTest {
  private static final Catalog CATALOG = CatalogLoader.builtin();
  private static final Path SPACE = Path.of("../examples/spaces/serving-roadmap-uncertain.yaml");
  private static final Path BASE = Path.of("../examples/roadmaps/serving-3x-a-year.yaml");

  private static SweepSpec read(String space) throws Exception {
    return SweepReader.read(Path.of("space.yaml"), space, Files.readString(BASE), CATALOG);
  }

  /** The NPV of the base with one field set, planned by rule as the command's --rule does. */
  private static double npvWith(String path, String value) throws Exception {
    Map<String, Object> tree =
        ScenarioTree.with(
            ScenarioTree.parse(Files.readString(BASE)), List.of(path), List.of(value));
    var scenario = ScenarioReader.read("base", ScenarioTree.dump(tree), CATALOG).scenario();
    RoadmapPlan plan =
        RoadmapPlanner.plan(RoadmapInputs.of(scenario, CATALOG), scenario.name(), false);
    return plan.results().get(0).npvCostUsd();
  }

  @Test
  void aDesignIsItsRoadmapPlannedByRule() throws Exception {
    SweepSpec spec = SweepReader.read(SPACE, CATALOG);
    assertTrue(spec.roadmap().isPresent());
    // Axes in file order, the last fastest: design 1 is cost of capital 0.06, blocks of 576.
    SweepRow row = new SweepEvaluator(spec, CATALOG).evaluate(1);
    assertEquals(List.of("0.06", "576"), row.axisValues());
    assertEquals(
        npvWith("roadmap.finance.costOfCapital", "0.06"),
        row.figures().get("roadmap.npvCostUsd"),
        1e-6);
    // Every strategy's NPV is in the row, beside the open plan's figures.
    for (String strategy :
        List.of("refresh-every-3-years", "run-to-5-years", "buy-only", "lease-only")) {
      assertTrue(row.figures().get("roadmap.strategies." + strategy + ".npvCostUsd") > 0, strategy);
    }
    assertEquals(
        RoadmapFigures.paths(spec.roadmap().get()).size(),
        Sweep.metrics(spec).size(),
        "the objectives are among the roadmap's figures");
  }

  @Test
  void fasterDemandGrowthCostsMore() throws Exception {
    String growth = "roadmap.demand.serving[0].growthPerYear";
    assertTrue(npvWith(growth, "4") > npvWith(growth, "3"));
    assertTrue(npvWith(growth, "3") > npvWith(growth, "2"));
  }

  @Test
  void dearerHardwareCostsMore() throws Exception {
    String factor = "roadmap.finance.acceleratorPriceFactor";
    assertTrue(npvWith(factor, "1.5") > npvWith(factor, "1"));
  }

  @Test
  void theFrontGetsPercentilesOfItsNpv() throws Exception {
    SweepSpec spec =
        read(
            """
            base: base.yaml
            axes:
              roadmap.finance.costOfCapital: [0.08]
            uncertainty:
              roadmap.demand.serving[0].growthPerYear: {triangular: [2, 3, 4]}
              roadmap.finance.acceleratorPriceFactor: {uniform: [0.8, 1.3]}
              samples: 40
            """);
    assertEquals(List.of("roadmap.npvCostUsd"), spec.objectives(), "the default objective");
    Sweep.Result result = Sweep.run(spec, CATALOG, 1, 0, Stream.empty(), 1, row -> {}, done -> {});
    Uncertainty.Summary npv = result.frontUncertainty().get(0L).get("roadmap.npvCostUsd");
    double base = result.front().get(0).figures().get("roadmap.npvCostUsd");
    assertTrue(npv.p10() < npv.p50() && npv.p50() < npv.p90(), npv.toString());
    // The base (growth 3, prices as the catalog) lies between the sampled P10 and P90.
    assertTrue(npv.p10() < base && base < npv.p90(), npv + " around " + base);
    // Demand growth swings the NPV more than hardware prices within these ranges.
    assertEquals("roadmap.demand.serving[0].growthPerYear", result.tornado().get(0).input());
  }

  @Test
  void aPlanFigureOnARoadmapIsRefusedNamingWhatIsAllowed() {
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                read(
                    """
                    base: base.yaml
                    axes:
                      roadmap.finance.costOfCapital: [0.08]
                    objectives: [cost.tcoUsd, roadmap.strategies.lease-only.npvCostUs]
                    """));
    assertEquals(2, e.problems().size(), e.getMessage());
    assertEquals(4, e.problems().get(0).line());
    assertEquals("objectives", e.problems().get(0).field());
    assertTrue(e.getMessage().contains("roadmap.npvCostUsd"), e.getMessage());
    assertTrue(e.getMessage().contains("allowed: npvCostUsd, capexUsd"), e.getMessage());
  }

  @Test
  void anUnknownStrategyIsNamedWithTheStrategiesThereAre() {
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                read(
                    """
                    base: base.yaml
                    axes:
                      roadmap.finance.costOfCapital: [0.08]
                    objectives: [roadmap.strategies.leasing.npvCostUsd]
                    """));
    assertTrue(
        e.getMessage()
            .contains(
                "no strategy 'leasing' in roadmap.strategies; allowed:"
                    + " refresh-every-3-years, run-to-5-years, buy-only, lease-only"),
        e.getMessage());
  }

  @Test
  void anIndexPastTheListIsRefusedOnItsLine() {
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                read(
                    """
                    base: base.yaml
                    axes:
                      roadmap.sites[1].existingMegawatts: [10, 20]
                    uncertainty:
                      roadmap.demand.serving[2].growthPerYear: {uniform: [2, 3]}
                    """));
    assertEquals(2, e.problems().size(), e.getMessage());
    assertEquals(3, e.problems().get(0).line());
    assertTrue(e.getMessage().contains("sites holds 1 item in the base scenario"), e.getMessage());
    assertEquals(
        "uncertainty.roadmap.demand.serving[2].growthPerYear", e.problems().get(1).field());
  }
}
