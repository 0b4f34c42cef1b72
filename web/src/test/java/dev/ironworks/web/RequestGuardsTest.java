package dev.ironworks.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.io.store.ScenarioStore;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server refuses before a handler reads a request, and how: a Host it does not answer to
 * (DNS rebinding), what Jetty answers itself (URIs that do not parse, request lines and headers
 * past its limits), and bodies at each documented size boundary. Every refusal is the API's JSON
 * error.
 */
class RequestGuardsTest {
  static final String SCENARIO =
      "name: guarded\ncluster:\n  accelerator: nvidia-h100-sxm-80gb\n  count: 64\n";

  /** The documented limits: 1 MiB a body, 1,000,000 characters a saved scenario. */
  static final int BODY_BYTES = Limits.DEFAULT.maxBodyBytes();

  static final int SAVED_CHARS = ScenarioStore.MAX_YAML_CHARS;

  @TempDir static Path data;
  static WebServer server;
  static Http http;
  static int port;

  @BeforeAll
  static void start() {
    server = WebServer.start("127.0.0.1", 0, data, Limits.DEFAULT);
    http = new Http(server.url());
    port = server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The scenario, a comment line in front making it exactly {@code chars} characters long. */
  static String scenarioOfLength(int chars) {
    int padding = chars - SCENARIO.length() - 3; // "# " and the newline
    return "# " + "x".repeat(padding) + "\n" + SCENARIO;
  }

  static String message(String errorBody) {
    List<Map<String, Object>> errors = Http.errors(errorBody);
    assertEquals(1, errors.size(), errorBody);
    return errors.get(0).get("message").toString();
  }

  static void assertJsonError(int status, RawHttp.Response r) {
    assertEquals(status, r.status(), r.body());
    assertTrue(r.contentType().startsWith("application/json"), r.headers().toString());
    assertFalse(r.body().contains("<"), r.body());
    assertFalse(r.body().contains("Exception"), r.body());
    message(r.body());
  }

  // DNS rebinding: a page of evil.example, whose name now resolves to 127.0.0.1, sends requests
  // with Host and Origin both naming evil.example. The Origin check alone lets them through.

  @Test
  void aRequestForAnotherHostIsRefusedEvenWhenItsOriginMatches() {
    HttpResponse<String> created = http.post("/api/scenarios", SCENARIO);
    assertEquals(201, created.statusCode(), created.body());
    String id = Http.object(created.body()).get("id").toString();
    String evil = "evil.example:" + port;
    RawHttp.Response r =
        RawHttp.send(
            port,
            "DELETE /api/scenarios/"
                + id
                + " HTTP/1.1\r\nHost: "
                + evil
                + "\r\nOrigin: http://"
                + evil);
    assertJsonError(403, r);
    assertTrue(message(r.body()).contains("--allowed-host evil.example"), r.body());
    assertEquals(200, http.get("/api/scenarios/" + id).statusCode(), "nothing was deleted");
    assertEquals(204, http.delete("/api/scenarios/" + id).statusCode());
  }

  @Test
  void everyRouteStaticFilesIncludedRefusesAnotherHost() {
    for (String path :
        List.of(
            "/",
            "/index.html",
            "/app.js",
            "/assets/echarts.min.js",
            "/api/openapi.json",
            "/api/scenarios",
            "/api/catalog/accelerators",
            "/api/examples",
            "/no-such-file")) {
      RawHttp.Response r =
          RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: evil.example:" + port);
      assertJsonError(403, r);
    }
    RawHttp.Response post =
        RawHttp.send(
            port,
            "POST /api/plan HTTP/1.1\r\nHost: evil.example",
            SCENARIO.getBytes(StandardCharsets.UTF_8));
    assertJsonError(403, post);
  }

  @Test
  void hostsThatMerelyStartOrEndLikeLoopbackAreRefused() {
    for (String host :
        List.of(
            "localhost.evil.example", "127.0.0.1.nip.io", "evil-localhost", "0.0.0.0", "[::2]")) {
      RawHttp.Response r = RawHttp.send(port, "GET /api/examples HTTP/1.1\r\nHost: " + host);
      assertEquals(403, r.status(), host + ": " + r.body());
    }
  }

  @Test
  void theLoopbackNamesAreServed() {
    for (String host :
        List.of(
            "127.0.0.1:" + port, "localhost:" + port, "LocalHost", "[::1]:" + port, "127.0.0.1")) {
      RawHttp.Response r = RawHttp.send(port, "GET /api/examples HTTP/1.1\r\nHost: " + host);
      assertEquals(200, r.status(), host + ": " + r.body());
    }
  }

  @Test
  void aNameTheUserAllowedIsServedAndOthersStillAreNot(@TempDir Path dir) {
    try (WebServer allowing =
        WebServer.start("127.0.0.1", 0, dir, Limits.DEFAULT, List.of("ironworks.example"))) {
      int p = allowing.port();
      String own = "ironworks.example:" + p;
      RawHttp.Response ok =
          RawHttp.send(
              p,
              "POST /api/plan HTTP/1.1\r\nHost: " + own + "\r\nOrigin: http://" + own,
              SCENARIO.getBytes(StandardCharsets.UTF_8));
      assertEquals(200, ok.status(), ok.body());
      assertEquals(
          200, RawHttp.send(p, "GET / HTTP/1.1\r\nHost: localhost:" + p).status(), "loopback too");
      assertEquals(403, RawHttp.send(p, "GET / HTTP/1.1\r\nHost: evil.example").status());
    }
  }

  // What Jetty answers before the API sees a request.

  @Test
  void aPathAboveTheRootIsAJsonError() {
    assertJsonError(400, RawHttp.send(port, "GET /../x HTTP/1.1\r\nHost: 127.0.0.1"));
    assertJsonError(
        400, RawHttp.send(port, "GET /api/../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1"));
  }

  @Test
  void aNulInThePathIsAJsonError() {
    RawHttp.Response r = RawHttp.send(port, "GET /%00 HTTP/1.1\r\nHost: 127.0.0.1");
    assertJsonError(400, r);
    RawHttp.Response api =
        RawHttp.send(port, "GET /api/scenarios/a%00b HTTP/1.1\r\nHost: 127.0.0.1");
    assertJsonError(400, api);
  }

  @Test
  void aRequestLineTooLongIs414InJson() {
    String path = "/api/scenarios/" + "a".repeat(WebServer.MAX_HEADER_BYTES);
    RawHttp.Response r = RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1");
    assertJsonError(414, r);
    assertTrue(message(r.body()).contains("request line is longer than the 8192 bytes"), r.body());
  }

  @Test
  void headersTooLargeAre431InJson() {
    String cookie = "Cookie: c=" + "a".repeat(20_000);
    assertJsonError(
        431, RawHttp.send(port, "GET /api/examples HTTP/1.1\r\nHost: 127.0.0.1\r\n" + cookie));
  }

  @Test
  void badEscapesAndBackslashesAreJsonErrors() {
    for (String path : List.of("/%ZZ", "/%C0%AE%C0%AE/x", "/a\\b", "/%2e%2e/x")) {
      assertJsonError(400, RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1"));
    }
  }

  @Test
  void aRequestThatIsNotHttpIsAJsonError() {
    assertJsonError(400, RawHttp.send(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header"));
  }

  // Bodies at the boundaries: a saved scenario holds 1,000,000 characters (400 past it), a body
  // is 1 MiB (413 past it, whatever the endpoint).

  @Tag("slow")
  @Test
  void aSavedScenarioHoldsExactlyItsLimit() {
    HttpResponse<String> atLimit = http.post("/api/scenarios", scenarioOfLength(SAVED_CHARS));
    assertEquals(201, atLimit.statusCode(), atLimit.body().substring(0, 200));
    String id = Http.object(atLimit.body()).get("id").toString();
    assertEquals(200, http.put("/api/scenarios/" + id, scenarioOfLength(SAVED_CHARS)).statusCode());
    HttpResponse<String> overByOne =
        http.put("/api/scenarios/" + id, scenarioOfLength(SAVED_CHARS + 1));
    assertEquals(400, overByOne.statusCode(), overByOne.body());
    assertTrue(message(overByOne.body()).contains("at most 1000000 characters"), overByOne.body());
    assertEquals(204, http.delete("/api/scenarios/" + id).statusCode());
  }

  @Test
  void aScenarioPastItsLimitButWithinTheBodyLimitIs400() {
    for (int chars : new int[] {SAVED_CHARS + 1, 1_024_000, BODY_BYTES}) {
      HttpResponse<String> r = http.post("/api/scenarios", scenarioOfLength(chars));
      assertEquals(400, r.statusCode(), chars + ": " + r.body());
      assertTrue(message(r.body()).contains("got " + chars), r.body());
    }
  }

  @Test
  void aBodyOneBytePastTheLimitIs413OnEveryEndpoint() {
    String atLimit = scenarioOfLength(BODY_BYTES);
    HttpResponse<String> plan = http.post("/api/plan", atLimit);
    assertEquals(200, plan.statusCode(), plan.body());
    String over = scenarioOfLength(BODY_BYTES + 1);
    for (String path : List.of("/api/plan", "/api/scenarios", "/api/simulate", "/api/sweep")) {
      HttpResponse<String> r = http.post(path, over);
      assertEquals(413, r.statusCode(), path + ": " + r.body());
      assertTrue(message(r.body()).contains("limit of " + BODY_BYTES + " bytes"), r.body());
    }
    HttpResponse<String> put = http.put("/api/scenarios/guarded", over);
    assertEquals(413, put.statusCode(), put.body());
  }

  @Test
  void theByteLimitCountsBytesNotCharacters() {
    // 600,000 two-byte characters: within the character limit, 1.2 MB on the wire.
    String wide = "# " + "é".repeat(600_000) + "\n" + SCENARIO;
    HttpResponse<String> r = http.post("/api/scenarios", wide);
    assertEquals(413, r.statusCode(), r.body());
  }
}
