package dev.ironworks.io.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.core.scenario.CloudBilling;
import dev.ironworks.core.scenario.ClusterSpec;
import dev.ironworks.core.scenario.FacilityOwnership;
import dev.ironworks.core.scenario.FinanceSpec;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.scenario.SiteSpec;
import dev.ironworks.core.scenario.StorageChoice;
import dev.ironworks.core.scenario.Topology;
import dev.ironworks.core.scenario.TrainingRun;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docs/reference/scenario.md documents every key the reader accepts, and no other: a scenario that
 * uses every key in {@link #KEYS} reads cleanly; a misspelt key in each section is refused with
 * exactly that section's keys from {@link #KEYS} as the allowed ones (so the list cannot fall
 * behind the reader); and the page has one table row per key.
 */
class ScenarioDocTest {
  private static final Path DOC = Path.of("../docs/reference/scenario.md");

  /** Every key the scenario reader accepts, as full dotted paths, in the reader's order. */
  static final List<String> KEYS =
      List.of(
          "name",
          "description",
          "cluster",
          "cluster.accelerator",
          "cluster.count",
          "cluster.server",
          "cluster.averagePowerWattsPerAccelerator",
          "cluster.fabric",
          "cluster.fabric.kind",
          "cluster.fabric.topology",
          "cluster.fabric.oversubscription",
          "cluster.storage",
          "cluster.storage.tier",
          "cluster.storage.capacityPetabytes",
          "cluster.storage.writeGigabytesPerSecond",
          "site",
          "site.region",
          "site.cooling",
          "site.pue",
          "site.electricityUsdPerKwh",
          "site.gridKgCo2ePerKwh",
          "site.wueLitersPerKwh",
          "site.carbonFreeEnergyFraction",
          "finance",
          "finance.horizonYears",
          "finance.utilization",
          "finance.cloudUsdPerAcceleratorHour",
          "finance.cloudBilling",
          "finance.facility",
          "finance.colocationUsdPerKwMonth",
          "workload",
          "workload.training",
          "workload.training.model",
          "workload.training.tokens",
          "workload.training.durationDays");

  /** Every key once, each with a value other than its default. */
  private static final String KITCHEN_SINK =
      """
      name: kitchen-sink
      description: Every scenario key once.
      cluster:
        accelerator: nvidia-h100-sxm-80gb
        count: 2048
        server: dgx-h100
        averagePowerWattsPerAccelerator: 1100
        fabric:
          kind: ethernet-roce-400g
          topology: fat-tree
          oversubscription: 2
        storage:
          tier: hybrid-flash-hdd
          capacityPetabytes: 5
          writeGigabytesPerSecond: 200
      site:
        region: us-oregon
        cooling: liquid-cold-plate
        pue: 1.12
        electricityUsdPerKwh: 0.07
        gridKgCo2ePerKwh: 0.25
        wueLitersPerKwh: 0.2
        carbonFreeEnergyFraction: 0.5
      finance:
        horizonYears: 4
        utilization: 0.85
        cloudUsdPerAcceleratorHour: 3.5
        cloudBilling: on-demand
        facility: lease
        colocationUsdPerKwMonth: 150
      workload:
        training:
          model: llama3-70b
          tokens: 15e12
          durationDays: 30
      """;

  private final Catalog catalog = CatalogLoader.builtin();

  @Test
  void theKitchenSinkUsesEveryListedKey() {
    assertEquals(KEYS, paths(load(KITCHEN_SINK)));
  }

  @Test
  void theReaderTakesEveryKeyOfTheKitchenSinkIntoTheScenario() {
    Scenario s = ScenarioReader.read("kitchen-sink.yaml", KITCHEN_SINK, catalog).scenario();
    assertEquals("kitchen-sink", s.name());
    ClusterSpec c = s.cluster();
    assertEquals("nvidia-h100-sxm-80gb", c.acceleratorId());
    assertEquals(2048, c.acceleratorCount());
    assertEquals("dgx-h100", c.serverId().orElseThrow());
    assertEquals(1100, c.averagePowerWattsPerAccelerator().getAsDouble());
    assertEquals("ethernet-roce-400g", c.fabric().fabricId().orElseThrow());
    assertEquals(Topology.FAT_TREE, c.fabric().topology().orElseThrow());
    assertEquals(2, c.fabric().oversubscription());
    StorageChoice storage = c.storage().orElseThrow();
    assertEquals("hybrid-flash-hdd", storage.tierId());
    assertEquals(5, storage.capacityPetabytes());
    assertEquals(200, storage.writeGigabytesPerSecond().getAsDouble());
    SiteSpec site = s.site();
    assertEquals("us-oregon", site.regionId());
    assertEquals("liquid-cold-plate", site.coolingId());
    assertEquals(1.12, site.pue().getAsDouble());
    assertEquals(0.07, site.electricityUsdPerKwh().getAsDouble());
    assertEquals(0.25, site.gridKgCo2ePerKwh().getAsDouble());
    assertEquals(0.2, site.wueLitersPerKwh().getAsDouble());
    assertEquals(0.5, site.carbonFreeEnergyFraction());
    FinanceSpec finance = s.finance();
    assertEquals(4, finance.horizonYears());
    assertEquals(0.85, finance.utilization());
    assertEquals(3.5, finance.cloudUsdPerAcceleratorHour().getAsDouble());
    assertEquals(CloudBilling.ON_DEMAND, finance.cloudBilling());
    assertEquals(FacilityOwnership.LEASE, finance.facility());
    assertEquals(150, finance.colocationUsdPerKwMonth().getAsDouble());
    TrainingRun run = s.training().orElseThrow();
    assertEquals("llama3-70b", run.model().orElseThrow());
    assertEquals(15e12, run.tokens().getAsDouble());
    assertEquals(30, run.durationDays().getAsDouble());
    Planner.plan(s, catalog);
  }

  @Test
  void aMisspeltKeyInEachSectionIsRefusedWithThatSectionsListedKeys() {
    Map<String, Object> sink = load(KITCHEN_SINK);
    for (String section : sections()) {
      List<String> keys = childKeys(section);
      String misspelt = keys.get(keys.size() - 1);
      misspelt = misspelt.substring(0, misspelt.length() - 1);
      assertFalse(keys.contains(misspelt), misspelt);
      Map<String, Object> copy = deepCopy(sink);
      mapAt(copy, section).put(misspelt, 1);
      String field = section.isEmpty() ? misspelt : section + "." + misspelt;

      InputException e =
          assertThrows(
              InputException.class,
              () -> ScenarioReader.read("misspelt.yaml", dump(copy), catalog),
              field);
      assertEquals(1, e.problems().size(), e.getMessage());
      Problem problem = e.problems().get(0);
      assertEquals(field, problem.field());
      assertTrue(problem.message().startsWith("unknown key"), problem.message());
      String allowedHere = "; allowed here: ";
      int at = problem.message().indexOf(allowedHere);
      assertTrue(at >= 0, problem.message());
      List<String> allowed =
          List.of(problem.message().substring(at + allowedHere.length()).split(", "));
      assertEquals(
          new TreeSet<>(keys),
          new TreeSet<>(allowed),
          "keys of '" + section + "' in ScenarioDocTest.KEYS vs the reader's");
      assertEquals(keys.size(), allowed.size(), allowed.toString());
    }
  }

  @Test
  void theReferenceHasOneTableRowPerKeyAndNoOther() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    Matcher row = Pattern.compile("(?m)^\\| `([A-Za-z0-9.]+)` \\|").matcher(doc);
    List<String> documented = new ArrayList<>();
    while (row.find()) {
      documented.add(row.group(1));
    }
    Set<String> missing = new LinkedHashSet<>(KEYS);
    missing.removeAll(documented);
    assertTrue(missing.isEmpty(), "keys missing from docs/reference/scenario.md: " + missing);
    List<String> unknown = documented.stream().filter(k -> !KEYS.contains(k)).toList();
    assertTrue(unknown.isEmpty(), "rows for keys the reader does not accept: " + unknown);
    assertEquals(
        documented.size(), new LinkedHashSet<>(documented).size(), "a key has two rows");
  }

  @Test
  void theReferencesCompleteExampleUsesEveryKeyAndPlans() throws IOException {
    List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
    List<String> yamlBlocks = fencedBlocks(lines, "```yaml");
    assertFalse(yamlBlocks.isEmpty(), "no ```yaml block in docs/reference/scenario.md");
    String example = yamlBlocks.get(0);
    assertEquals(KEYS, paths(load(example)), "the complete example should use every key once");
    Scenario s = ScenarioReader.read("example.yaml", example, catalog).scenario();
    Planner.plan(s, catalog);
  }

  /** Sections are the listed keys whose values are mappings, and the root (""). */
  private static List<String> sections() {
    List<String> sections = new ArrayList<>();
    sections.add("");
    for (String key : KEYS) {
      if (KEYS.stream().anyMatch(k -> k.startsWith(key + "."))) {
        sections.add(key);
      }
    }
    return sections;
  }

  private static List<String> childKeys(String section) {
    String prefix = section.isEmpty() ? "" : section + ".";
    return KEYS.stream()
        .filter(k -> k.startsWith(prefix) && !k.substring(prefix.length()).contains("."))
        .map(k -> k.substring(prefix.length()))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(String yaml) {
    return (Map<String, Object>) new Yaml().load(yaml);
  }

  private static String dump(Map<String, Object> map) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(map);
  }

  /** Dotted paths of every key of a nested mapping, depth first in file order. */
  private static List<String> paths(Map<String, Object> map) {
    List<String> out = new ArrayList<>();
    walk("", map, out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void walk(String prefix, Map<String, Object> map, List<String> out) {
    for (Map.Entry<String, Object> entry : map.entrySet()) {
      String path = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
      out.add(path);
      if (entry.getValue() instanceof Map<?, ?> child) {
        walk(path, (Map<String, Object>) child, out);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : map.entrySet()) {
      Object value = entry.getValue();
      copy.put(
          entry.getKey(),
          value instanceof Map<?, ?> child ? deepCopy((Map<String, Object>) child) : value);
    }
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mapAt(Map<String, Object> root, String section) {
    Map<String, Object> map = root;
    if (!section.isEmpty()) {
      for (String part : section.split("\\.")) {
        map = (Map<String, Object>) map.get(part);
      }
    }
    return map;
  }

  /** The bodies of the fenced blocks opened by {@code fence}, in order. */
  private static List<String> fencedBlocks(List<String> lines, String fence) {
    List<String> blocks = new ArrayList<>();
    StringBuilder current = null;
    for (String line : lines) {
      if (current == null && line.strip().equals(fence)) {
        current = new StringBuilder();
      } else if (current != null && line.strip().equals("```")) {
        blocks.add(current.toString());
        current = null;
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    return blocks;
  }
}
