package dev.ironworks.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

// BEGIN library imports
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.units.Units;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.render.PlanView;
import dev.ironworks.io.scenario.ScenarioReader;
// END library imports

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The library example of docs/library.md: it runs, its figures hold together, and the page shows
 * exactly the code between the BEGIN and END markers of this file.
 */
class LibraryExampleTest {
  private static final Path SOURCE =
      Path.of("src/test/java/dev/ironworks/io/LibraryExampleTest.java");
  private static final Path DOC = Path.of("../docs/library.md");

  /** What the example computes, handed back for the assertions. */
  record Figures(
      Plan plan,
      long servers,
      double facilityMw,
      double capexUsd,
      double usdPerGpuHour,
      String json) {}

  static Figures example() {
    // BEGIN library example
    Catalog catalog = CatalogLoader.builtin();
    String yaml =
        """
        name: h100-512
        cluster:
          accelerator: nvidia-h100-sxm-80gb
          count: 512
          fabric: {kind: infiniband-ndr, topology: rail-optimized}
        site:
          region: us-texas
          cooling: liquid-cold-plate
        finance:
          horizonYears: 4
          utilization: 0.8
        """;
    Scenario scenario = ScenarioReader.read("h100-512.yaml", yaml, catalog).scenario();
    Plan plan = Planner.plan(scenario, catalog);

    long servers = plan.cluster().serverCount();
    double facilityMw = Units.wattsToMegawatts(plan.power().facilityPeakWatts());
    double capexUsd = plan.cost().capexUsd();
    double usdPerGpuHour = plan.cost().usdPerAcceleratorHour();
    String json = JsonRenderer.render(PlanView.of(plan));
    // END library example
    return new Figures(plan, servers, facilityMw, capexUsd, usdPerGpuHour, json);
  }

  @Test
  void theExamplePlansTheScenarioItReads() {
    Figures f = example();
    // 512 H100 in 8-GPU DGX H100 servers.
    assertEquals(64, f.servers());
    assertEquals("h100-512", f.plan().scenarioName());
    // Facility peak = IT peak × the liquid-cold-plate default PUE.
    double itMw = Units.wattsToMegawatts(f.plan().power().itPeakWatts());
    assertEquals(itMw * f.plan().site().pue(), f.facilityMw(), 1e-9);
    // IT peak is at least the servers' 64 × 10.2 kW.
    assertTrue(itMw >= 64 * 10.2e-3, "IT peak " + itMw + " MW");
    var capex = f.plan().cost().capex();
    assertEquals(
        capex.acceleratorsUsd() + capex.serversUsd() + capex.networkUsd() + capex.storageUsd()
            + capex.facilityUsd(),
        f.capexUsd(),
        1e-6);
    assertTrue(f.usdPerGpuHour() > 0);
    assertTrue(f.json().contains("\"scenario\" : \"h100-512\""), f.json());
    assertTrue(f.json().contains("\"serverCount\" : 64"), f.json());
  }

  @Test
  void theDocShowsTheExampleVerbatim() throws IOException {
    List<String> source = Files.readAllLines(SOURCE, StandardCharsets.UTF_8);
    List<List<String>> blocks = javaBlocks(Files.readAllLines(DOC, StandardCharsets.UTF_8));
    assertEquals(2, blocks.size(), "docs/library.md should hold two ```java blocks");
    assertEquals(
        String.join("\n", region(source, "library imports")),
        String.join("\n", blocks.get(0)),
        "the imports block of docs/library.md differs from LibraryExampleTest");
    assertEquals(
        String.join("\n", region(source, "library example")),
        String.join("\n", blocks.get(1)),
        "the example block of docs/library.md differs from LibraryExampleTest");
  }

  /** The lines between "// BEGIN name" and "// END name", with their common indent removed. */
  private static List<String> region(List<String> lines, String name) {
    int begin = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.equals("// BEGIN " + name)) {
        begin = i;
      } else if (line.equals("// END " + name)) {
        end = i;
      }
    }
    assertTrue(begin >= 0 && end > begin, "no region '" + name + "' in " + SOURCE);
    List<String> body = lines.subList(begin + 1, end);
    int indent =
        body.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    return body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
  }

  /** The bodies of the ```java fenced blocks of a Markdown file, in order. */
  private static List<List<String>> javaBlocks(List<String> lines) {
    List<List<String>> blocks = new ArrayList<>();
    List<String> current = null;
    for (String line : lines) {
      if (current == null && line.strip().equals("```java")) {
        current = new ArrayList<>();
      } else if (current != null && line.strip().equals("```")) {
        blocks.add(current);
        current = null;
      } else if (current != null) {
        current.add(line);
      }
    }
    return blocks;
  }
}
