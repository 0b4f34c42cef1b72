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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped example, rendered in every format, against its golden file. */
class RenderGoldenTest {
  private static final Path EXAMPLES = Path.of("../examples");
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private final Catalog catalog = CatalogLoader.builtin();

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  private Map<String, Object> view(Path example) {
    Plan plan = Planner.plan(ScenarioReader.read(example, catalog).scenario(), catalog);
    return PlanView.of(plan);
  }

  private static String base(Path example) {
    String name = example.getFileName().toString();
    return name.substring(0, name.length() - ".yaml".length());
  }

  @ParameterizedTest
  @MethodSource("examples")
  void jsonMatchesItsGoldenFile(Path example) {
    Golden.assertMatches(
        GOLDEN.resolve(base(example) + ".json"), JsonRenderer.render(view(example)));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void tableMatchesItsGoldenFile(Path example) {
    Golden.assertMatches(
        GOLDEN.resolve(base(example) + ".txt"), TableRenderer.render(view(example)));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void markdownMatchesItsGoldenFile(Path example) {
    Golden.assertMatches(
        GOLDEN.resolve(base(example) + ".md"),
        MarkdownRenderer.render("Plan: " + base(example), view(example)));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void theSameScenarioGivesByteIdenticalOutput(Path example) {
    assertEquals(JsonRenderer.render(view(example)), JsonRenderer.render(view(example)));
  }

  @Test
  void everyOutputPathIsDocumented() throws IOException {
    String doc = Files.readString(Path.of("../docs/reference/plan-output.md"));
    List<String> missing = new ArrayList<>();
    for (Path example : examples().toList()) {
      collect("", view(example), missing, doc);
    }
    assertEquals(
        List.of(),
        missing.stream().distinct().toList(),
        "paths missing from docs/reference/plan-output.md");
  }

  private static void collect(String prefix, Map<?, ?> map, List<String> missing, String doc) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String path = prefix + e.getKey();
      if (e.getValue() instanceof Map<?, ?> nested) {
        collect(path + ".", nested, missing, doc);
      } else if (!doc.contains("`" + path + "`")) {
        missing.add(path);
      }
    }
  }

  @Test
  void jsonHoldsThePathsTheFoundationIssueRequires() {
    Map<String, Object> v = view(EXAMPLES.resolve("h100-1024-training-cluster.yaml"));
    for (String path :
        List.of(
            "cluster.acceleratorCount",
            "cluster.serverCount",
            "cluster.rackCount",
            "cluster.floorAreaM2",
            "network.switchCount",
            "network.transceiverCount",
            "network.cableCount",
            "power.itPeakPowerMw",
            "power.facilityPeakPowerMw",
            "power.pue",
            "cost.capexUsd",
            "cost.capexBreakdownUsd.accelerators",
            "cost.capexBreakdownUsd.servers",
            "cost.capexBreakdownUsd.network",
            "cost.capexBreakdownUsd.storage",
            "cost.capexBreakdownUsd.facility",
            "cost.opexUsdPerYear",
            "cost.tcoUsd",
            "cost.usdPerAcceleratorHour",
            "cost.cloudTcoUsd",
            "energy.energyMwhPerYear",
            "energy.emissionsTco2ePerYear",
            "energy.embodiedTco2e",
            "energy.waterM3PerYear",
            "training.energyMwh",
            "training.emissionsTco2e",
            "training.costUsd")) {
      assertTrue(PlanView.at(v, path) instanceof Number, path);
    }
    Map<?, ?> cost = (Map<?, ?>) v.get("cost");
    assertTrue(cost.containsKey("breakEvenMonths"));
  }
}
