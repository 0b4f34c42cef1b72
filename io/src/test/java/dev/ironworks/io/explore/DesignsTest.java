package dev.ironworks.io.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.catalog.CatalogLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The evaluator's designs, put together from sections read once, give every row the full read of
 * the design's YAML gives: figures, violations and the reasons a design is not buildable.
 */
class DesignsTest {
  private static final Catalog CATALOG = CatalogLoader.builtin();

  private static int sameRows(SweepSpec spec) {
    Map<String, Object> base = ScenarioTree.parse(spec.baseText());
    SweepEvaluator evaluator = new SweepEvaluator(spec, CATALOG);
    int unbuildable = 0;
    // Twice over: the second pass reads every section from what the first remembered.
    for (int pass = 0; pass < 2; pass++) {
      for (long id = 0; id < spec.space().size(); id++) {
        SweepRow whole = Sweep.evaluate(spec, CATALOG, id, base);
        assertEquals(whole, evaluator.evaluate(id), "design " + id + ", pass " + pass);
        unbuildable +=
            pass == 0 && !whole.feasible() && whole.violations().get(0).startsWith("not") ? 1 : 0;
      }
    }
    return unbuildable;
  }

  private static SweepSpec space(String base, String space) {
    return SweepReader.read(Path.of("space.yaml"), space, base, CATALOG);
  }

  @Tag("slow")
  @Test
  void trainingSpaceOfTheExample() throws Exception {
    Path file = Path.of("../examples/spaces/h100-vs-b200-sites.yaml");
    sameRows(SweepReader.read(file, Files.readString(file), null, CATALOG));
  }

  @Test
  void unnamedFacilitySpaceWithServersThatHoldOtherAccelerators() {
    String base =
        """
        cluster:
          accelerator: nvidia-h100-sxm-80gb
          count: 1024
        site: {region: us-texas}
        workload:
          training: {model: a 70B run, tokens: 2e12, durationDays: 20}
        reliability: {restartMinutes: 10}
        """;
    SweepSpec spec =
        space(
            base,
            """
            base: base.yaml
            axes:
              cluster.accelerator: [nvidia-h100-sxm-80gb, nvidia-a100-80gb]
              cluster.server: [dgx-h100, dgx-a100]
              cluster.count: [1000, 4096]
              site.cooling: [air, immersion]
              finance.horizonYears: [3, 6]
              reliability.restartMinutes: [5, 60]
            constraints: {capexUsd: {max: 2.0e8}}
            objectives: [cost.tcoUsd, power.facilityPowerMw]
            """);
    // Half the designs put an accelerator in another's server: not buildable, as read whole.
    assertEquals(spec.space().size() / 2, sameRows(spec));
  }

  @Tag("slow")
  @Test
  void servingFleetSizedFromItsDemand() throws Exception {
    String base = Files.readString(Path.of("../examples/llama3-70b-serving-fleet.yaml"));
    sameRows(
        space(
            base,
            """
            base: base.yaml
            axes:
              cluster.accelerator: [nvidia-h100-sxm-80gb, nvidia-b200, amd-mi300x]
              workload.inference.tokensPerDay: [1e10, 5e10]
              workload.inference.latency.tpotMillis: [20, 40]
              name: [fleet-a, fleet-b]
            objectives: [cost.tcoUsd, inference.usdPerMillionTokens]
            """));
  }

  @Test
  void sectionsRememberedBeyondTheirCapacityStartAfresh() throws Exception {
    Path file = Path.of("../examples/spaces/h100-vs-b200-sites.yaml");
    SweepSpec spec = SweepReader.read(file, Files.readString(file), null, CATALOG);
    Map<String, Object> base = ScenarioTree.parse(spec.baseText());
    Designs roomy = new Designs(spec, CATALOG, base);
    Designs forgetful = new Designs(spec, CATALOG, base, 1);
    for (long id = 0; id < spec.space().size(); id++) {
      var values = spec.space().point(id);
      var expected = roomy.scenario(id, values);
      assertTrue(expected.isPresent(), "design " + id);
      assertEquals(expected, forgetful.scenario(id, values), "design " + id);
    }
  }
}
