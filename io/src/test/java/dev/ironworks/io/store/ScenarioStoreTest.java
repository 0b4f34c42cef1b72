package dev.ironworks.io.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioStoreTest {
  @Test
  void aSavedScenarioIsThereAfterTheStoreIsReopened(@TempDir Path dir) {
    String id;
    try (ScenarioStore store = ScenarioStore.open(dir)) {
      id = store.create("My Cluster", "name: My Cluster\n").id();
    }
    try (ScenarioStore store = ScenarioStore.open(dir)) {
      ScenarioStore.Scenario s = store.find(id).orElseThrow();
      assertEquals("my-cluster", s.id());
      assertEquals("My Cluster", s.name());
      assertEquals("name: My Cluster\n", s.yaml());
      assertEquals(1, s.version());
    }
  }

  @Test
  void idsComeFromNamesAndStayUnique(@TempDir Path dir) {
    try (ScenarioStore store = ScenarioStore.open(dir)) {
      assertEquals("gpt-4-class-25k", store.create("GPT-4 class, 25k!", "a: 1").id());
      assertEquals("gpt-4-class-25k-2", store.create("GPT-4 class, 25k!", "a: 2").id());
      assertEquals("gpt-4-class-25k-3", store.create("gpt 4 class 25k", "a: 3").id());
      assertEquals("scenario", store.create("***", "a: 4").id());
      assertEquals(4, store.list().size());
    }
  }

  @Test
  void anUpdateGrowsTheVersionAndAStaleOneChangesNothing(@TempDir Path dir) {
    try (ScenarioStore store = ScenarioStore.open(dir)) {
      String id = store.create("x", "v: 1").id();
      ScenarioStore.Scenario v2 = store.update(id, "x", "v: 2", Optional.of(1L)).orElseThrow();
      assertEquals(2, v2.version());
      assertTrue(store.update(id, "x", "v: 3", Optional.of(1L)).isEmpty());
      assertEquals("v: 2", store.find(id).orElseThrow().yaml());
      assertEquals(3, store.update(id, "y", "v: 3", Optional.empty()).orElseThrow().version());
      assertEquals("y", store.find(id).orElseThrow().name());
      assertThrows(
          ScenarioStore.NotFound.class, () -> store.update("nonesuch", "x", "", Optional.empty()));
    }
  }

  @Test
  void everySavedTextIsKeptThroughUpdatesDeletesAndReopening(@TempDir Path dir) {
    String id;
    try (ScenarioStore store = ScenarioStore.open(dir)) {
      id = store.create("x", "v: 1").id();
      store.update(id, "x2", "v: 2", Optional.empty());
      assertTrue(store.delete(id));
      // The id stays with its history: a new scenario of the same name gets another.
      assertEquals("x-2", store.create("x", "v: new").id());
    }
    try (ScenarioStore store = ScenarioStore.open(dir)) {
      List<ScenarioStore.Version> versions = store.versions(id);
      assertEquals(List.of(2L, 1L), versions.stream().map(ScenarioStore.Version::version).toList());
      assertEquals("x2", versions.get(0).name());
      assertEquals("v: 1", store.version(id, 1).orElseThrow().yaml());
      assertEquals("v: 2", store.version(id, 2).orElseThrow().yaml());
      assertTrue(store.version(id, 3).isEmpty());
      assertTrue(store.versions("nonesuch").isEmpty());
    }
  }

  @Test
  void plansAreCachedPerVersionAndGoWithTheirScenario(@TempDir Path dir) {
    try (ScenarioStore store = ScenarioStore.open(dir)) {
      String id = store.create("x", "v: 1").id();
      store.savePlan(id, 1, "{\"a\": 1}");
      assertEquals(Optional.of("{\"a\": 1}"), store.plan(id, 1));
      assertTrue(store.plan(id, 2).isEmpty());
      store.savePlan(id, 2, "{\"a\": 2}");
      assertTrue(store.plan(id, 1).isEmpty(), "older versions' plans are dropped");
      assertTrue(store.delete(id));
      assertTrue(store.plan(id, 2).isEmpty());
      assertFalse(store.delete(id));
    }
  }

  @Test
  void seedingHappensOnceAndKeepsWhatIsThere(@TempDir Path dir) {
    try (ScenarioStore store = ScenarioStore.open(dir)) {
      assertFalse(store.seeded());
      store.create("a", "mine");
      store.seed(
          List.of(
              new ScenarioStore.Seed("a", "a", "example"), new ScenarioStore.Seed("b", "b", "b")));
      assertTrue(store.seeded());
      assertEquals("mine", store.find("a").orElseThrow().yaml());
      assertEquals("b", store.find("b").orElseThrow().yaml());
    }
    try (ScenarioStore store = ScenarioStore.open(dir)) {
      assertTrue(store.seeded());
    }
  }

  @Test
  void runsAreRecordedAndThoseLeftRunningAreMarkedFailedOnRestart(@TempDir Path dir) {
    try (ScenarioStore store = ScenarioStore.open(dir)) {
      store.startRun("r1", "sweep", "space");
      store.startRun("r2", "sweep", "space");
      store.finishRun("r1", "done", "{}", null);
      assertEquals("running", store.run("r2").orElseThrow().status());
    }
    try (ScenarioStore store = ScenarioStore.open(dir)) {
      assertEquals(1, store.abandonRunning());
      ScenarioStore.Run r2 = store.run("r2").orElseThrow();
      assertEquals("failed", r2.status());
      assertTrue(r2.error().contains("stopped"));
      assertEquals("{}", store.run("r1").orElseThrow().resultJson());
    }
  }

  @Test
  void aScenarioOverTheSizeLimitIsRefused(@TempDir Path dir) {
    try (ScenarioStore store = ScenarioStore.open(dir)) {
      String big = "x".repeat(ScenarioStore.MAX_YAML_CHARS + 1);
      assertThrows(IllegalArgumentException.class, () -> store.create("big", big));
      assertTrue(store.list().isEmpty());
    }
  }

  @Test
  void anIdLongerThanAnyTheStoreMakesNamesNothing(@TempDir Path dir) {
    // 123,000 characters once reached DuckDB's index and failed on its key-size limit.
    String huge = "a".repeat(123_000);
    try (ScenarioStore store = ScenarioStore.open(dir)) {
      store.create("A", "name: A\n");
      assertEquals(Optional.empty(), store.find(huge));
      assertEquals(Optional.empty(), store.run(huge));
      assertEquals(Optional.empty(), store.plan(huge, 1));
      assertEquals(List.of(), store.versions(huge));
      assertEquals(Optional.empty(), store.version(huge, 1));
      assertFalse(store.delete(huge));
      ScenarioStore.NotFound e =
          assertThrows(
              ScenarioStore.NotFound.class,
              () -> store.update(huge, "A", "name: A\n", Optional.empty()));
      assertTrue(e.getMessage().length() < 200, e.getMessage());
      String longest = "a".repeat(ScenarioStore.MAX_ID_CHARS);
      assertEquals(Optional.empty(), store.find(longest));
      assertTrue(store.find("a").isPresent());
    }
  }

  @Test
  void aRunKeepsALongRequestAsItsLengthAndDigestOnly(@TempDir Path dir) {
    try (ScenarioStore store = ScenarioStore.open(dir)) {
      String small = "name: small\n";
      String big = "#" + "x".repeat(1_000_000) + "\nname: big\n";
      store.startRun("small", "simulate", small);
      store.startRun("big", "simulate", big);
      assertEquals(small, store.run("small").orElseThrow().request());
      String kept = store.run("big").orElseThrow().request();
      assertTrue(kept.startsWith("(not kept: 1,000,012 characters, sha256 "), kept);
      assertTrue(kept.length() < 200, kept);
      String edge = "y".repeat(ScenarioStore.MAX_REQUEST_CHARS);
      assertEquals(edge, ScenarioStore.kept(edge));
    }
  }

  @Test
  void onlyTheNewestFinishedRunsOfAKindAreKept(@TempDir Path dir) {
    // Keeping 3: five simulations finish; the two oldest go, the sweep and the one running stay.
    try (ScenarioStore store = ScenarioStore.open(dir, 3)) {
      store.startRun("sweep-1", "sweep", "space");
      store.startRun("running", "simulate", "s");
      for (int i = 1; i <= 5; i++) {
        store.startRun("sim-" + i, "simulate", "s");
        store.finishRun("sim-" + i, "done", "{}", null);
      }
      store.startRun("sim-6", "simulate", "s");
      assertEquals(Optional.empty(), store.run("sim-1"));
      assertEquals(Optional.empty(), store.run("sim-2"));
      for (String kept : List.of("sim-3", "sim-4", "sim-5", "sim-6", "running", "sweep-1")) {
        assertTrue(store.run(kept).isPresent(), kept);
      }
    }
  }
}
