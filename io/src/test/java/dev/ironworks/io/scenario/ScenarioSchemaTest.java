package dev.ironworks.io.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.yaml.ValueSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The schema learnt from the reader lists the keys {@link ScenarioDocTest#KEYS} lists (which that
 * test holds to the reader's "allowed here" and to the reference), with the types, bounds, words
 * and catalog ids the reader checks.
 */
class ScenarioSchemaTest {
  private static final Catalog CATALOG = CatalogLoader.builtin();
  private static final List<ScenarioSchema.Key> SCHEMA = ScenarioSchema.of(CATALOG);
  private static final Map<String, ScenarioSchema.Key> BY_PATH =
      SCHEMA.stream()
          .collect(
              Collectors.toMap(
                  ScenarioSchema.Key::path, Function.identity(), (a, b) -> a, LinkedHashMap::new));

  private static ValueSpec value(String path) {
    return BY_PATH.get(path).value().orElseThrow();
  }

  @Test
  void theSchemaHasTheKeysTheReferenceListsAndTheInlineServedModelsKeys() {
    List<String> expected = new ArrayList<>(ScenarioDocTest.KEYS);
    for (String key : ScenarioDocTest.KEYS) {
      if (key.startsWith("workload.training.model.")) {
        expected.add(
            "workload.inference.model." + key.substring("workload.training.model.".length()));
      }
    }
    assertEquals(new TreeSet<>(expected), new TreeSet<>(BY_PATH.keySet()));
    assertEquals(expected.size(), SCHEMA.size(), "a key listed twice");
  }

  @Test
  void keysComeDepthFirstInTheReadersOrder() {
    List<String> top =
        SCHEMA.stream().filter(k -> k.parent().isEmpty()).map(ScenarioSchema.Key::name).toList();
    assertEquals(
        List.of(
            "name",
            "description",
            "cluster",
            "site",
            "finance",
            "workload",
            "reliability",
            "roadmap"),
        top);
    List<String> paths = SCHEMA.stream().map(ScenarioSchema.Key::path).toList();
    for (int i = 1; i < paths.size(); i++) {
      String parent = SCHEMA.get(i).parent();
      if (!parent.isEmpty()) {
        int at = paths.indexOf(parent);
        assertTrue(at >= 0 && at < i, paths.get(i) + " before its mapping");
        for (int j = at + 1; j < i; j++) {
          assertTrue(paths.get(j).startsWith(parent + "."), paths.get(i) + " apart from " + parent);
        }
      }
    }
  }

  @Test
  void everyKeyIsAMappingOrATypedValue() {
    for (ScenarioSchema.Key key : SCHEMA) {
      assertFalse(key.value().orElse(null) instanceof ValueSpec.Any, key.path());
    }
  }

  @Test
  void valuesCarryTheReadersTypesBoundsWordsAndIds() {
    assertEquals(
        new ValueSpec.CatalogId("accelerator", List.copyOf(CATALOG.accelerators().keySet()), false),
        value("cluster.accelerator"));
    assertEquals(new ValueSpec.Number(0, true, 50, "years"), value("finance.horizonYears"));
    assertEquals(new ValueSpec.WholeNumber(0, 3), value("workload.training.parallelism.zeroStage"));
    assertEquals(
        new ValueSpec.Choice(List.of("reserved", "on-demand")), value("finance.cloudBilling"));
    assertEquals(new ValueSpec.Bool(), value("workload.training.fusedAttention"));
    assertEquals(new ValueSpec.Text(), value("description"));
    assertFalse(BY_PATH.get("cluster.count").mapping());
  }

  @Test
  void keysThatTakeAMappingOrAValueSayBoth() {
    ScenarioSchema.Key cluster = BY_PATH.get("cluster");
    assertTrue(cluster.mapping());
    assertEquals(Optional.empty(), cluster.value());

    ScenarioSchema.Key trained = BY_PATH.get("workload.training.model");
    assertTrue(trained.mapping());
    // Any name is taken with durationDays; a catalog id gives the architecture.
    assertEquals(
        new ValueSpec.CatalogId("model", List.copyOf(CATALOG.models().keySet()), true),
        trained.value().orElseThrow());
    ScenarioSchema.Key served = BY_PATH.get("workload.inference.model");
    assertTrue(served.mapping());
    assertEquals(
        new ValueSpec.CatalogId("model", List.copyOf(CATALOG.models().keySet()), false),
        served.value().orElseThrow());

    ScenarioSchema.Key checkpoint = BY_PATH.get("reliability.checkpoint");
    assertTrue(checkpoint.mapping());
    assertEquals(new ValueSpec.Choice(List.of("auto")), checkpoint.value().orElseThrow());
    assertEquals(
        new ValueSpec.Choice(List.of("exponential")),
        value("reliability.failureRates.distribution"));
    assertTrue(BY_PATH.get("reliability.failureRates.distribution").mapping());
    assertEquals(
        new ValueSpec.CatalogId(
            "failure-rate set", List.copyOf(CATALOG.failureRates().keySet()), false),
        value("reliability.failureRates"));
  }

  @Test
  void everyKeyHasARowOfTheReference() throws IOException {
    ScenarioReference reference =
        ScenarioReference.parse(
            Files.readString(Path.of("../docs/reference/scenario.md"), StandardCharsets.UTF_8));
    for (ScenarioSchema.Key key : SCHEMA) {
      Optional<ScenarioReference.Row> row = reference.row(key.path());
      assertTrue(row.isPresent(), key.path());
      assertFalse(row.get().meaning().isEmpty(), key.path());
    }
    ScenarioReference.Row horizon = reference.row("finance.horizonYears").orElseThrow();
    assertEquals("years", horizon.unit());
    assertEquals("3", horizon.defaultValue());
    assertEquals("0 < x ≤ 50", horizon.allowed());
    assertEquals("the period the TCO covers", horizon.meaning());
    assertEquals(
        reference.row("workload.training.model.layers"),
        reference.row("workload.inference.model.layers").map(r -> r));
  }
}
