package dev.ironworks.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the fuzz found through the API: an emoji at a reader's buffer boundary, bytes that are not
 * UTF-8, huge ids, and design spaces that are refused before any design is read.
 */
class RequestBoundsTest {
  /** One sweep queued or running at a time: the queue is full while one runs. */
  static final Limits LIMITS = new Limits(1 << 20, 2_000, 30, 200_000, 50, 60, 1);

  @TempDir static Path data;
  static WebServer server;
  static Http http;

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
    return Files.readString(Path.of("..", "examples", name));
  }

  /** A comment line putting an emoji's first UTF-16 half at {@code offset}. */
  static String emojiAt(int offset) {
    return "#" + "a".repeat(offset - 1) + "\uD83D\uDE00\n";
  }

  static HttpResponse<String> postBytes(String path, byte[] body) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Tag("slow")
  @Test
  void anEmojiAtEveryBufferBoundaryReadsOnEveryEndpoint() throws Exception {
    String scenario = example("h100-1024-training-cluster.yaml");
    for (int offset : List.of(1023, 2047, 3071, 4095, 8191)) {
      for (int d = -1; d <= 1; d++) {
        String text = emojiAt(offset + d) + scenario;
        String at = "offset " + (offset + d);
        assertEquals(200, http.post("/api/plan", text).statusCode(), at);
        assertEquals(200, http.post("/api/simulate?trials=2", text).statusCode(), at);
        assertEquals(200, http.post("/api/report?format=markdown", text).statusCode(), at);
        HttpResponse<String> saved = http.post("/api/scenarios", text);
        assertEquals(201, saved.statusCode(), at);
        String id = Http.object(saved.body()).get("id").toString();
        assertEquals(200, http.put("/api/scenarios/" + id, text).statusCode(), at);
        assertEquals(204, http.delete("/api/scenarios/" + id).statusCode(), at);
      }
    }
    // A design space, with the emoji in it and in its inline base.
    String space =
        emojiAt(1023)
            + "base:\n  name: inline\n  cluster: {accelerator: nvidia-h100-sxm-80gb, count: 8}\n"
            + "  description: '"
            + "b".repeat(2040)
            + "\uD83D\uDE00'\naxes:\n  cluster.count: [8, 16]\n";
    HttpResponse<String> sweep = http.post("/api/sweep", space);
    assertEquals(202, sweep.statusCode(), sweep.body());
    Map<String, Object> job = waitFor(Http.object(sweep.body()).get("id").toString());
    assertEquals("done", job.get("status"), job.toString());
  }

  /** Every test leaves the queue empty: a sweep it starts has ended when it returns. */
  static Map<String, Object> waitFor(String id) throws InterruptedException {
    long until = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < until) {
      Map<String, Object> job = Http.object(http.get("/api/jobs/" + id).body());
      if (List.of("done", "failed", "cancelled").contains(job.get("status").toString())) {
        return job;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("job " + id + " did not end");
  }

  @Test
  void aBodyThatIsNotUtf8IsRefusedWhereItBreaks() throws IOException {
    byte[] head = "name: caf".getBytes(StandardCharsets.UTF_8);
    byte[] latin1 = java.util.Arrays.copyOf(head, head.length + 2);
    latin1[head.length] = (byte) 0xe9; // é in Latin-1
    latin1[head.length + 1] = '\n';
    for (String path : List.of("/api/plan", "/api/simulate", "/api/scenarios", "/api/sweep")) {
      HttpResponse<String> r = postBytes(path, latin1);
      assertEquals(400, r.statusCode(), path + ": " + r.body());
      Map<String, Object> e = Http.errors(r.body()).get(0);
      assertEquals(1, e.get("line"), r.body());
      assertEquals(10, e.get("column"), r.body());
      assertTrue(e.get("message").toString().startsWith("not UTF-8 text"), r.body());
    }
  }

  @Test
  void aHugeBaseIdIsRefusedWithoutBeingEchoedOrLookedUp() {
    for (int n : List.of(122_000, 123_000, 1_000_000 - 64)) {
      String space = "base: " + "a".repeat(n) + "\naxes:\n  cluster.count: [1, 2]\n";
      HttpResponse<String> r = http.post("/api/sweep", space);
      assertEquals(400, r.statusCode(), r.body().substring(0, Math.min(300, r.body().length())));
      assertTrue(r.body().length() < 2_000, "answer of " + r.body().length() + " chars");
      assertTrue(r.body().contains("characters]"), r.body());
    }
  }

  @Test
  void aSpaceOverTheLimitIsRefusedWithItsSizeAlone() {
    // The fuzz's 176-byte space: a million prices, each once read on the base before the 400.
    String space =
        "base: gpt3-training-base\naxes:\n"
            + "  site.electricityUsdPerKwh: {from: 0.000001, to: 1.0, step: 0.000001}\n";
    HttpResponse<String> r = http.post("/api/sweep", space);
    assertEquals(400, r.statusCode(), r.body());
    List<Map<String, Object>> errors = Http.errors(r.body());
    assertEquals(1, errors.size(), r.body());
    assertTrue(
        errors.get(0).get("message").toString().startsWith("the space holds 1000000 designs"),
        r.body());

    HttpResponse<String> tiny =
        http.post(
            "/api/sweep",
            "base: gpt3-training-base\naxes:\n  site.pue: {from: 1.1, to: 1.2, step: 1e-300}\n");
    assertEquals(400, tiny.statusCode(), tiny.body());
    assertTrue(tiny.body().contains("more than 1,000,000 values"), tiny.body());
    assertFalse(tiny.body().contains("has no values"), tiny.body());
  }

  @Tag("slow")
  @Test
  void aFullQueueIsRefusedBeforeTheSpaceIsRead() throws Exception {
    // 2,048 × 4 training designs keep the one place in the queue busy for a few seconds.
    String busy =
        "base: gpt3-training-base\naxes:\n  cluster.count: {from: 1024, to: 3071, step: 1}\n"
            + "  site.region: [us-texas, norway, iceland, us-virginia]\n";
    HttpResponse<String> first = http.post("/api/sweep", busy);
    assertEquals(202, first.statusCode(), first.body());
    String id = Http.object(first.body()).get("id").toString();
    try {
      // Broken YAML: read, it would be a 400.
      HttpResponse<String> second = http.post("/api/sweep", "axes: [unclosed\n");
      assertEquals(429, second.statusCode(), second.body());
    } finally {
      http.delete("/api/jobs/" + id);
      waitFor(id);
    }
  }
}
