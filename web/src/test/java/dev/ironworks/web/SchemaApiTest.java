package dev.ironworks.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.catalog.CatalogLoader;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/schema} over HTTP: the reader's keys with the reference's words, and the example
 * of docs/reference/api.md is what the server sends; and the editor that uses it is served.
 */
class SchemaApiTest {
  @TempDir static Path data;
  static WebServer server;
  static Http http;
  static Catalog catalog = CatalogLoader.builtin();
  static Map<String, Map<String, Object>> keys;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void start() {
    server = WebServer.start("127.0.0.1", 0, data, Limits.DEFAULT);
    http = new Http(server.url());
    HttpResponse<String> r = http.get("/api/schema");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    List<Object> list = (List<Object>) Http.object(r.body()).get("keys");
    keys =
        list.stream()
            .map(k -> (Map<String, Object>) k)
            .collect(
                Collectors.toMap(
                    k -> (String) k.get("path"),
                    Function.identity(),
                    (a, b) -> a,
                    java.util.LinkedHashMap::new));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyKeyHasItsDescriptionFromTheReference() {
    assertTrue(keys.size() > 100, keys.keySet().toString());
    for (Map<String, Object> key : keys.values()) {
      assertFalse(((String) key.get("description")).isEmpty(), key.get("path").toString());
      assertTrue(
          (Boolean) key.get("mapping") || key.containsKey("value"), key.get("path").toString());
    }
    Map<String, Object> count = keys.get("cluster.count");
    assertEquals("count", count.get("key"));
    assertEquals("cluster", count.get("parent"));
    assertEquals("accelerators", count.get("unit"));
    assertEquals("integer", ((Map<?, ?>) count.get("value")).get("type"));
    assertEquals(true, keys.get("cluster").get("mapping"));
    assertFalse(keys.get("cluster").containsKey("value"));
  }

  @Test
  void catalogIdsAreTheServersWithTheirKind() {
    Map<?, ?> accelerator = (Map<?, ?>) keys.get("cluster.accelerator").get("value");
    assertEquals("id", accelerator.get("type"));
    assertEquals("accelerators", accelerator.get("catalog"));
    assertEquals(List.copyOf(catalog.accelerators().keySet()), accelerator.get("values"));
    assertEquals(false, accelerator.get("othersAllowed"));
    Map<?, ?> model = (Map<?, ?>) keys.get("workload.training.model").get("value");
    assertEquals("models", model.get("catalog"));
    assertEquals(true, model.get("othersAllowed"));
    assertEquals(true, keys.get("workload.training.model").get("mapping"));
  }

  @Test
  void theEditorBundleIsServed() {
    HttpResponse<String> editor = http.get("/editor.js");
    assertEquals(200, editor.statusCode());
    assertTrue(editor.body().contains("IronworksEditor"));
    assertTrue(editor.body().length() > 100_000, "CodeMirror bundled: " + editor.body().length());
  }

  @Test
  void theExampleOfTheApiReferenceIsWhatIsSent() throws IOException {
    String doc = Files.readString(Path.of("../docs/reference/api.md"), StandardCharsets.UTF_8);
    int section = doc.indexOf("### `GET /api/schema`");
    assertTrue(section >= 0);
    int start = doc.indexOf("```json\n", section) + "```json\n".length();
    String example = doc.substring(start, doc.indexOf("```", start));
    Map<String, Object> documented = Http.object(example);
    assertEquals(documented, keys.get((String) documented.get("path")));
  }
}
