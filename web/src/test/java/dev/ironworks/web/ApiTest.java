package dev.ironworks.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.render.PlanView;
import dev.ironworks.io.scenario.ScenarioReader;
import dev.ironworks.io.store.ScenarioStore;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API against a server started on a free port, over HTTP. */
class ApiTest {
  static final Path EXAMPLES = Path.of("..", "examples");
  static final Limits LIMITS = new Limits(256 * 1024, 2_000, 30, 5_000, 50, 60, 4);

  @TempDir static Path data;
  static WebServer server;
  static Http http;
  static Catalog catalog = CatalogLoader.builtin();

  @BeforeAll
  static void start() {
    server = WebServer.start("127.0.0.1", 0, data, LIMITS);
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String example(String name) throws IOException {
    return Files.readString(EXAMPLES.resolve(name));
  }

  @Test
  void planReturnsWhatThePlanCommandPrints() throws IOException {
    String yaml = example("h100-1024-training-cluster.yaml");
    HttpResponse<String> r = http.post("/api/plan", yaml);
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    String expected =
        JsonRenderer.render(
            PlanView.of(Planner.plan(ScenarioReader.read("x", yaml, catalog).scenario(), catalog)));
    assertEquals(expected, r.body());
    // The second time it is answered from the plans remembered by text: the same bytes.
    assertEquals(expected, http.post("/api/plan", yaml).body());
  }

  @Test
  void aReportIsSelfContainedHtmlOrMarkdown() throws IOException {
    String yaml = example("h100-1024-training-cluster.yaml");
    HttpResponse<String> html = http.post("/api/report?format=html&trials=50", yaml);
    assertEquals(200, html.statusCode(), html.body());
    assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(
        html.headers()
            .firstValue("Content-Disposition")
            .orElse("")
            .contains("h100-1024-training-cluster.html"));
    assertTrue(html.body().contains("IronworksCharts"));
    assertTrue(html.body().contains("completionDaysHistogram"), "the simulation is in the report");
    assertFalse(html.body().matches("(?s).*<script[^>]+src=.*"), "no script is fetched");
    HttpResponse<String> md = http.post("/api/report?format=markdown", yaml);
    assertEquals(200, md.statusCode(), md.body());
    assertTrue(md.body().startsWith("# Plan: h100-1024-training-cluster"), md.body());
    HttpResponse<String> bad = http.post("/api/report?format=htm", yaml);
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("did you mean 'html'"), bad.body());
  }

  @Test
  @Tag("slow") // plans the roadmap's five strategies with the solver, twice: about 5 s
  void roadmapReturnsWhatTheRoadmapCommandPrints() throws IOException {
    String yaml = example("roadmaps/serving-3x-a-year.yaml");
    HttpResponse<String> r = http.post("/api/roadmap", yaml);
    assertEquals(200, r.statusCode(), r.body());
    // The tree of `ironworks roadmap --format json`: its strategies, each by the solver.
    Map<String, Object> tree = Http.object(r.body());
    assertEquals("serving-3x-a-year", tree.get("scenario"));
    List<?> strategies = (List<?>) tree.get("strategies");
    assertEquals(
        List.of("optimal", "refresh-every-3-years", "run-to-5-years", "buy-only", "lease-only"),
        strategies.stream().map(x -> ((Map<?, ?>) x).get("name")).toList());
    for (Object x : strategies) {
      assertTrue(((Map<?, ?>) ((Map<?, ?>) x).get("solver")).get("gap") instanceof Number);
    }
    // Remembered by its text: the second time, the same bytes.
    assertEquals(r.body(), http.post("/api/roadmap", yaml).body());
    // A scenario without a roadmap section is refused naming the section.
    HttpResponse<String> plain =
        http.post("/api/roadmap", example("h100-1024-training-cluster.yaml"));
    assertEquals(400, plain.statusCode());
    assertEquals("roadmap", Http.errors(plain.body()).get(0).get("path"), plain.body());
    // Its report is the roadmap's, with the roadmap charts inline.
    HttpResponse<String> html = http.post("/api/report?format=html", yaml);
    assertEquals(200, html.statusCode(), html.body());
    assertTrue(html.body().contains("IronworksRoadmapCharts.dashboard("), "the roadmap charts");
    assertTrue(
        html.headers()
            .firstValue("Content-Disposition")
            .orElse("")
            .contains("serving-3x-a-year.html"));
    HttpResponse<String> script = http.get("/assets/ironworks-roadmap-charts.js");
    assertEquals(200, script.statusCode());
    assertTrue(script.body().contains("global.IronworksRoadmapCharts"));
  }

  @Test
  void aScenarioInJsonPlansAsItsYamlDoes() {
    String json =
        "{\"name\": \"small\", \"cluster\": {\"accelerator\": \"nvidia-h100-sxm-80gb\","
            + " \"count\": 64}}";
    String yaml = "name: small\ncluster:\n  accelerator: nvidia-h100-sxm-80gb\n  count: 64\n";
    HttpResponse<String> fromJson = http.post("/api/plan", json);
    assertEquals(200, fromJson.statusCode(), fromJson.body());
    assertEquals(http.post("/api/plan", yaml).body(), fromJson.body());
  }

  @Test
  void aMisspelledAcceleratorIs400WithItsPathLineAndASuggestion() {
    String yaml = "name: typo\ncluster:\n  accelerator: nvidia-h100-sxm-80g\n  count: 64\n";
    HttpResponse<String> r = http.post("/api/plan", yaml);
    assertEquals(400, r.statusCode());
    List<Map<String, Object>> errors = Http.errors(r.body());
    assertEquals(1, errors.size(), r.body());
    Map<String, Object> e = errors.get(0);
    assertEquals("cluster.accelerator", e.get("path"));
    assertEquals(3, e.get("line"));
    assertEquals(16, e.get("column"));
    assertTrue(
        e.get("message").toString().contains("did you mean 'nvidia-h100-sxm-80gb'"), r.body());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String yaml =
        "name: two\ncluster:\n  accelerator: nvidia-h100-sxm-80gb\n  count: -5\nsite:\n"
            + "  regoin: us-texas\n";
    HttpResponse<String> r = http.post("/api/plan", yaml);
    assertEquals(400, r.statusCode());
    Set<String> paths =
        Http.errors(r.body()).stream()
            .map(e -> e.get("path").toString())
            .collect(Collectors.toSet());
    assertTrue(paths.contains("cluster.count"), r.body());
    assertTrue(paths.stream().anyMatch(p -> p.startsWith("site")), r.body());
  }

  @Test
  void brokenYamlAndAnEmptyBodyAre400() {
    HttpResponse<String> broken = http.post("/api/plan", "cluster: [unclosed\n");
    assertEquals(400, broken.statusCode());
    assertTrue(Http.errors(broken.body()).get(0).get("line") instanceof Integer);
    HttpResponse<String> empty = http.post("/api/plan", "");
    assertEquals(400, empty.statusCode());
    assertTrue(Http.errors(empty.body()).get(0).get("message").toString().contains("empty"));
  }

  @Test
  void simulateRunsTheTrialsAskedWithinTheLimit() throws IOException {
    String yaml = example("h100-1024-training-cluster.yaml");
    HttpResponse<String> r = http.post("/api/simulate?trials=40&seed=7", yaml);
    assertEquals(200, r.statusCode(), r.body());
    @SuppressWarnings("unchecked")
    Map<String, Object> sim = (Map<String, Object>) Http.object(r.body()).get("simulation");
    assertEquals(40, sim.get("trials"));
    assertEquals(7, sim.get("seed"));
    assertNotNull(sim.get("completionDaysHistogram"));
    assertEquals(r.body(), http.post("/api/simulate?trials=40&seed=7", yaml).body());

    HttpResponse<String> tooMany = http.post("/api/simulate?trials=2001", yaml);
    assertEquals(400, tooMany.statusCode());
    assertEquals("trials", Http.errors(tooMany.body()).get(0).get("path"));
    assertTrue(Http.errors(tooMany.body()).get(0).get("message").toString().contains("2000"));
    assertEquals(400, http.post("/api/simulate?trials=zero", yaml).statusCode());
  }

  @Test
  void simulatingAClusterWithoutATrainingRunSaysWhatIsMissing() {
    String yaml = "name: idle\ncluster:\n  accelerator: nvidia-h100-sxm-80gb\n  count: 64\n";
    HttpResponse<String> r = http.post("/api/simulate?trials=10", yaml);
    assertEquals(400, r.statusCode());
    assertTrue(
        Http.errors(r.body()).get(0).get("message").toString().contains("nothing to simulate"));
  }

  @Test
  void theStoreStartsWithEveryShippedExampleScenario() throws IOException {
    Set<String> saved =
        Http.array(http.get("/api/scenarios").body()).stream()
            .map(o -> ((Map<?, ?>) o).get("id").toString())
            .collect(Collectors.toSet());
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        String id = f.getFileName().toString().replace(".yaml", "");
        assertTrue(saved.contains(id), id + " in " + saved);
      }
    }
    assertTrue(saved.contains("gpt3-training-base"), saved.toString());
  }

  @Test
  void examplesListEveryShippedFileWithItsText() throws IOException {
    List<Object> examples = Http.array(http.get("/api/examples").body());
    Set<String> ids = new TreeSet<>();
    for (Object o : examples) {
      Map<?, ?> e = (Map<?, ?>) o;
      ids.add(e.get("id").toString());
      assertFalse(e.get("yaml").toString().isBlank());
    }
    Set<String> expected = new TreeSet<>();
    for (Path dir : List.of(EXAMPLES, EXAMPLES.resolve("spaces"))) {
      try (Stream<Path> files = Files.list(dir)) {
        files
            .filter(p -> p.toString().endsWith(".yaml"))
            .forEach(p -> expected.add(p.getFileName().toString().replace(".yaml", "")));
      }
    }
    assertEquals(expected, ids);
  }

  @Test
  void aScenarioIsSavedReadUpdatedAndDeleted() {
    String v1 =
        "name: Web Test Cluster\ncluster:\n  accelerator: nvidia-h100-sxm-80gb\n  count: 64\n";
    HttpResponse<String> created = http.post("/api/scenarios", v1);
    assertEquals(201, created.statusCode(), created.body());
    Map<String, Object> s = Http.object(created.body());
    String id = s.get("id").toString();
    assertEquals("web-test-cluster", id);
    assertEquals(1, s.get("version"));
    assertEquals("/api/scenarios/" + id, created.headers().firstValue("Location").orElse(""));

    HttpResponse<String> again = http.post("/api/scenarios", v1);
    assertEquals("web-test-cluster-2", Http.object(again.body()).get("id"));
    assertEquals(204, http.delete("/api/scenarios/web-test-cluster-2").statusCode());

    assertEquals(v1, Http.object(http.get("/api/scenarios/" + id).body()).get("yaml"));
    String plan1 = http.get("/api/scenarios/" + id + "/plan").body();
    assertTrue(plan1.contains("\"acceleratorCount\" : 64"), plan1);

    String v2 = v1.replace("count: 64", "count: 128");
    HttpResponse<String> updated = http.put("/api/scenarios/" + id + "?version=1", v2);
    assertEquals(200, updated.statusCode(), updated.body());
    assertEquals(2, Http.object(updated.body()).get("version"));
    assertTrue(
        http.get("/api/scenarios/" + id + "/plan").body().contains("\"acceleratorCount\" : 128"));

    HttpResponse<String> stale = http.put("/api/scenarios/" + id + "?version=1", v1);
    assertEquals(409, stale.statusCode());
    assertEquals(v2, Http.object(http.get("/api/scenarios/" + id).body()).get("yaml"));

    HttpResponse<String> invalid =
        http.put("/api/scenarios/" + id, v2.replace("count: 128", "count: lots"));
    assertEquals(400, invalid.statusCode());
    assertEquals(v2, Http.object(http.get("/api/scenarios/" + id).body()).get("yaml"));

    assertEquals(204, http.delete("/api/scenarios/" + id).statusCode());
    HttpResponse<String> gone = http.get("/api/scenarios/" + id);
    assertEquals(404, gone.statusCode());
    assertEquals("id", Http.errors(gone.body()).get(0).get("path"));
    assertEquals(404, http.delete("/api/scenarios/" + id).statusCode());

    // Deleted, yet every saved text is still there, newest first; the id is not reused.
    List<Object> versions = Http.array(http.get("/api/scenarios/" + id + "/versions").body());
    assertEquals(2, versions.size());
    assertEquals(2, ((Map<?, ?>) versions.get(0)).get("version"));
    Map<String, Object> first =
        Http.object(http.get("/api/scenarios/" + id + "/versions/1").body());
    assertEquals(v1, first.get("yaml"));
    assertEquals(404, http.get("/api/scenarios/" + id + "/versions/9").statusCode());
    assertEquals(400, http.get("/api/scenarios/" + id + "/versions/first").statusCode());
    assertEquals(404, http.get("/api/scenarios/never-saved/versions").statusCode());
    assertEquals(
        "web-test-cluster-3", Http.object(http.post("/api/scenarios", v1).body()).get("id"));
    assertEquals(204, http.delete("/api/scenarios/web-test-cluster-3").statusCode());
  }

  @Test
  void catalogEntriesByKindAndIdWithSuggestions() {
    HttpResponse<String> all = http.get("/api/catalog");
    assertEquals(200, all.statusCode());
    assertTrue(Http.object(all.body()).containsKey("accelerators"));
    HttpResponse<String> one = http.get("/api/catalog/accelerators/nvidia-h100-sxm-80gb");
    assertEquals(200, one.statusCode(), one.body());
    assertEquals("nvidia-h100-sxm-80gb", Http.object(one.body()).get("id"));
    assertEquals(
        catalog.entries(dev.ironworks.core.catalog.CatalogKind.REGIONS).size(),
        Http.array(http.get("/api/catalog/regions").body()).size());
    HttpResponse<String> badKind = http.get("/api/catalog/acelerators");
    assertEquals(404, badKind.statusCode());
    assertTrue(badKind.body().contains("did you mean 'accelerators'"), badKind.body());
    HttpResponse<String> badId = http.get("/api/catalog/accelerators/nvidia-h100");
    assertEquals(404, badId.statusCode());
    assertTrue(badId.body().contains("did you mean"), badId.body());
  }

  @Tag("slow")
  @Test
  void aSweepOfTheShippedSpaceRunsAsAJobAndReturnsItsFront() throws Exception {
    String space = example("spaces/h100-vs-b200-sites.yaml").replace("samples: 50", "samples: 5");
    HttpResponse<String> r = http.post("/api/sweep", space);
    assertEquals(202, r.statusCode(), r.body());
    String id = Http.object(r.body()).get("id").toString();
    assertEquals("/api/jobs/" + id, r.headers().firstValue("Location").orElse(""));
    Map<String, Object> job = waitFor(id);
    assertEquals("done", job.get("status"), job.toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) job.get("result");
    assertEquals(32, result.get("designs"));
    assertEquals(32, result.get("evaluated"));
    assertFalse(((List<?>) result.get("front")).isEmpty());
  }

  @Test
  void aSweepTakesItsBaseInline() throws Exception {
    String space =
        "base:\n  name: inline-base\n  cluster:\n    accelerator: nvidia-h100-sxm-80gb\n"
            + "    count: 256\naxes:\n  cluster.count: [128, 256, 512]\n"
            + "  site.region: [us-texas, norway]\nobjectives: [cost.tcoUsd, power.facilityPowerMw]\n";
    HttpResponse<String> r = http.post("/api/sweep", space);
    assertEquals(202, r.statusCode(), r.body());
    Map<String, Object> job = waitFor(Http.object(r.body()).get("id").toString());
    assertEquals("done", job.get("status"), job.toString());
    assertEquals(6, ((Map<?, ?>) job.get("result")).get("evaluated"));

    // A problem after the inline base is reported on the line the client sent.
    HttpResponse<String> bad = http.post("/api/sweep", space.replace("site.region", "site.regoin"));
    assertEquals(400, bad.statusCode());
    assertEquals(8, Http.errors(bad.body()).get(0).get("line"), bad.body());
  }

  @Test
  void aSweepNamesNoFileOnlySavedScenarios() {
    String space = "base: ../../../etc/passwd\naxes:\n  cluster.count: [1, 2]\n";
    HttpResponse<String> r = http.post("/api/sweep", space);
    assertEquals(400, r.statusCode());
    Map<String, Object> e = Http.errors(r.body()).get(0);
    assertEquals("base", e.get("path"));
    assertEquals(1, e.get("line"));
    assertTrue(e.get("message").toString().contains("no saved scenario"), r.body());
  }

  @Test
  void aSweepLargerThanTheLimitIsRefused() {
    String space =
        "base: gpt3-training-base\naxes:\n  cluster.count: {from: 1, to: 10000, step: 1}\n";
    HttpResponse<String> r = http.post("/api/sweep", space);
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("axes", Http.errors(r.body()).get(0).get("path"));
    assertTrue(r.body().contains("at most 5000"), r.body());
  }

  @Tag("slow")
  @Test
  void aCancelledSweepStopsAndSaysSo() throws Exception {
    String space =
        "base: gpt3-training-base\naxes:\n  cluster.count: {from: 512, to: 4607, step: 1}\n";
    HttpResponse<String> r = http.post("/api/sweep", space);
    assertEquals(202, r.statusCode(), r.body());
    String id = Http.object(r.body()).get("id").toString();
    HttpResponse<String> cancel = http.delete("/api/jobs/" + id);
    assertEquals(202, cancel.statusCode(), cancel.body());
    Map<String, Object> job = waitFor(id);
    assertEquals("cancelled", job.get("status"), job.toString());
    assertTrue(job.get("error").toString().startsWith("cancelled"), job.toString());
    assertEquals(404, http.get("/api/jobs/sweep-nonesuch").statusCode());
    assertEquals(404, http.delete("/api/jobs/sweep-nonesuch").statusCode());
  }

  static Map<String, Object> waitFor(String id) throws InterruptedException {
    long until = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < until) {
      Map<String, Object> job = Http.object(http.get("/api/jobs/" + id).body());
      String status = job.get("status").toString();
      if (status.equals("done") || status.equals("failed") || status.equals("cancelled")) {
        return job;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job " + id + " did not finish");
  }

  @Test
  void aBodyOverTheLimitIs413InJson() {
    String big = "# " + "x".repeat(300 * 1024) + "\nname: big\n";
    HttpResponse<String> r = http.post("/api/plan", big);
    assertEquals(413, r.statusCode());
    assertTrue(Http.errors(r.body()).get(0).get("message").toString().contains("limit"), r.body());
  }

  @Test
  void unknownEndpointsAndMethodsAnswerInJson() {
    HttpResponse<String> missing = http.get("/api/nonesuch");
    assertEquals(404, missing.statusCode());
    assertTrue(missing.body().contains("openapi.json"), missing.body());
    Http.errors(missing.body());
    HttpResponse<String> wrongMethod = http.send("PATCH", "/api/plan", "name: x\n");
    assertEquals(405, wrongMethod.statusCode());
    assertTrue(
        Http.errors(wrongMethod.body()).get(0).get("message").toString().contains("PATCH"),
        wrongMethod.body());
  }

  @Test
  void aPageFromAnotherSiteCannotUseTheApi() throws Exception {
    String yaml = "name: csrf\ncluster:\n  accelerator: nvidia-h100-sxm-80gb\n  count: 8\n";
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpRequest.Builder request =
        java.net.http.HttpRequest.newBuilder(server.url().resolve("/api/scenarios"))
            .header("Content-Type", "text/plain")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(yaml));
    HttpResponse<String> foreign =
        client.send(
            request.copy().header("Origin", "http://evil.example").build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, foreign.statusCode());
    assertTrue(Http.errors(foreign.body()).get(0).get("message").toString().contains("Origin"));
    assertEquals(404, http.get("/api/scenarios/csrf").statusCode());
    String self = "http://127.0.0.1:" + server.port();
    HttpResponse<String> own =
        client.send(
            request.copy().header("Origin", self).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(201, own.statusCode(), own.body());
    assertEquals(204, http.delete("/api/scenarios/csrf").statusCode());
  }

  @Test
  void anInternalErrorIsJsonWithoutAStackTrace(@TempDir Path dir) {
    ScenarioStore store = ScenarioStore.open(dir);
    WebServer broken = WebServer.start("127.0.0.1", 0, store, catalog, LIMITS);
    try {
      store.close(); // every store call now fails
      HttpResponse<String> r = new Http(broken.url()).get("/api/scenarios");
      assertEquals(500, r.statusCode());
      String message = Http.errors(r.body()).get(0).get("message").toString();
      assertTrue(message.startsWith("internal error"), r.body());
      assertFalse(r.body().contains("\tat "), r.body());
      assertFalse(r.body().contains("dev.ironworks"), r.body());
    } finally {
      try {
        broken.close();
      } catch (RuntimeException expected) {
        // the store was closed already
      }
    }
  }

  @Test
  void theOpenApiDocumentListsEveryRoute() {
    Map<String, Object> doc = Http.object(http.get("/api/openapi.json").body());
    assertEquals("3.0.3", doc.get("openapi"));
    Map<?, ?> paths = (Map<?, ?>) doc.get("paths");
    Set<String> documented = new TreeSet<>();
    paths.forEach(
        (path, ops) ->
            ((Map<?, ?>) ops)
                .keySet()
                .forEach(m -> documented.add(m.toString().toUpperCase() + " " + path)));
    Set<String> registered =
        server.routes().stream()
            .filter(r -> r.matches("(GET|POST|PUT|DELETE|PATCH) .*"))
            .collect(Collectors.toCollection(TreeSet::new));
    assertTrue(registered.size() >= 16, registered.toString());
    assertEquals(registered, documented);
  }

  @Test
  void theUiAndItsScriptsAreServed() {
    HttpResponse<String> page = http.get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<title>Ironworks</title>"));
    assertTrue(http.get("/app.js").body().contains("IronworksCharts"));
    HttpResponse<String> echarts = http.get("/assets/echarts.min.js");
    assertEquals(200, echarts.statusCode());
    assertTrue(echarts.body().length() > 100_000);
    assertTrue(http.get("/assets/ironworks-charts.js").body().contains("IronworksCharts"));
  }
}
