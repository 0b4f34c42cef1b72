package dev.ironworks.io.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.scenario.roadmap.RoadmapFinance;
import dev.ironworks.core.scenario.roadmap.RoadmapSpec;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The roadmap section: what it reads, its defaults, and every problem at once with its place. */
class RoadmapReaderTest {
  private final Catalog catalog = CatalogLoader.builtin();

  private static final String SMALL =
      """
      roadmap:
        fromYear: 2026
        toYear: 2028
        generations:
          - accelerator: nvidia-b200
        demand:
          serving:
            - model: llama3-8b
              tokensPerDay: 1e10
              growthPerYear: 3
        sites:
          - id: here
            maxMegawatts: 100
      """;

  private RoadmapSpec read(String yaml) {
    return ScenarioReader.read("r.yaml", yaml, catalog).scenario().roadmap().orElseThrow();
  }

  @Test
  void aRoadmapAloneNeedsNoClusterAndTakesTheDocumentedDefaults() {
    RoadmapSpec r = read(SMALL);
    assertEquals(3, r.years());
    assertEquals(1024, r.blockAccelerators());
    assertEquals(0.85, r.utilization());
    assertEquals(3, r.refresh().minYears());
    assertEquals(6, r.refresh().maxYears());
    assertEquals("llama3-8b", r.serving().get(0).name());
    // 1e10 tokens a day, three times a year: 9e10 in 2028.
    assertEquals(9e10, r.serving().get(0).tokensPerDay().in(2028), 1);
    RoadmapFinance f = r.finance();
    assertEquals(0.08, f.costOfCapital());
    assertEquals(RoadmapFinance.Depreciation.STRAIGHT_LINE, f.depreciation());
    assertEquals(5, f.lives().computeYears());
    assertEquals(0.6, f.resaleFraction(1));
    assertEquals(0.5, f.resaleFraction(1.5), 1e-12);
    assertTrue(f.cloudBurst().isEmpty());
    assertEquals(0, r.sites().get(0).gridMegawatts(2026));
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsPlaceAndSuggestions() {
    String bad =
        """
        roadmap:
          fromYear: 2026
          toYear: 2020
          generations:
            - accelerator: nvidia-b20
          demand:
            serving:
              - model: llama3-8b
          sites:
            - id: here
          finance:
            cloudBurst:
              - {accelerator: nvidia-h100-sxm-80gb, usdPerAcceleratorHour: 2}
        """;
    InputException e =
        assertThrows(InputException.class, () -> ScenarioReader.read("bad.yaml", bad, catalog));
    List<String> fields = e.problems().stream().map(Problem::field).toList();
    assertTrue(fields.contains("roadmap.toYear"), fields.toString());
    assertTrue(fields.contains("roadmap.generations[0].accelerator"), fields.toString());
    assertTrue(fields.contains("roadmap.demand.serving[0].tokensPerDay"), fields.toString());
    assertTrue(fields.contains("roadmap.sites[0].maxMegawatts"), fields.toString());
    assertTrue(fields.contains("roadmap.finance.cloudBurst[0].accelerator"), fields.toString());
    Problem id =
        e.problems().stream()
            .filter(p -> p.field().equals("roadmap.generations[0].accelerator"))
            .findFirst()
            .orElseThrow();
    assertTrue(id.message().contains("did you mean"), id.message());
    assertEquals(5, id.line());
  }

  @Test
  void aServingDemandMustFitInItsModelsContext() {
    // Llama 3 8B serves 131,072 tokens of context: 200,000-token prompts do not fit.
    String yaml =
        SMALL.replace("growthPerYear: 3", "growthPerYear: 3\n        promptTokens: 200000");
    InputException e =
        assertThrows(InputException.class, () -> ScenarioReader.read("r.yaml", yaml, catalog));
    Problem p = e.problems().get(0);
    assertEquals("roadmap.demand.serving[0].promptTokens", p.field());
    assertTrue(p.message().contains("<= 131,072"), p.message());
  }

  @Test
  void aStrategyCannotTakeIronworksOwnNames() {
    String yaml = SMALL + "  strategies:\n    - {name: optimal, refreshYears: 3}\n";
    InputException e =
        assertThrows(InputException.class, () -> ScenarioReader.read("s.yaml", yaml, catalog));
    assertEquals("roadmap.strategies[0].name", e.problems().get(0).field());
  }
}
