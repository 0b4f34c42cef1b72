package dev.ironworks.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved scenario survives the server being killed (SIGKILL, no shutdown hook, no checkpoint): the
 * server runs in a JVM of its own, answers that it saved, and is killed at once; a new server on
 * the same data directory finds every scenario it said it saved.
 */
@Tag("slow")
class KillTest {
  record Server(Process process, Http http) {}

  static Server start(Path data) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ServeMain.class.getName(),
                data.toString())
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("PORT ")) {
        int port = Integer.parseInt(line.substring(5).strip());
        // Keep draining the output so that the server never blocks on a full pipe.
        Thread drain =
            new Thread(
                () -> {
                  try {
                    while (out.readLine() != null) {
                      // discard
                    }
                  } catch (IOException e) {
                    // the process ended
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return new Server(p, new Http(URI.create("http://127.0.0.1:" + port + "/")));
      }
    }
    throw new AssertionError(
        "the server exited before listening: " + p.waitFor(5, TimeUnit.SECONDS));
  }

  static void kill(Server s) throws InterruptedException {
    s.process().destroyForcibly(); // SIGKILL
    assertTrue(s.process().waitFor(30, TimeUnit.SECONDS));
  }

  @Test
  void everyScenarioTheServerSaidItSavedIsThereAfterAKill(@TempDir Path data) throws Exception {
    Server first = start(data);
    List<String> ids = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String yaml =
          "name: durable "
              + i
              + "\ncluster:\n  accelerator: nvidia-h100-sxm-80gb\n  count: "
              + (64 * (i + 1))
              + "\n";
      HttpResponse<String> r = first.http().post("/api/scenarios", yaml);
      assertEquals(201, r.statusCode(), r.body());
      ids.add(Http.object(r.body()).get("id").toString());
      texts.add(yaml);
    }
    String updated = texts.get(0).replace("count: 64", "count: 96");
    assertEquals(200, first.http().put("/api/scenarios/" + ids.get(0), updated).statusCode());
    texts.set(0, updated);
    kill(first);

    Server second = start(data);
    try {
      for (int i = 0; i < ids.size(); i++) {
        HttpResponse<String> r = second.http().get("/api/scenarios/" + ids.get(i));
        assertEquals(200, r.statusCode(), ids.get(i) + ": " + r.body());
        Map<String, Object> s = Http.object(r.body());
        assertEquals(texts.get(i), s.get("yaml"));
      }
      assertEquals(
          2, Http.object(second.http().get("/api/scenarios/" + ids.get(0)).body()).get("version"));
      // The examples were seeded once, not again on the restart.
      long examples =
          Http.array(second.http().get("/api/scenarios").body()).stream()
              .filter(o -> ((Map<?, ?>) o).get("id").equals("h100-1024-training-cluster"))
              .count();
      assertEquals(1, examples);
    } finally {
      kill(second);
    }
  }

  @Test
  void aKillWhileSavesAreUnderWayLosesNoneThatWereAnswered(@TempDir Path data) throws Exception {
    Server first = start(data);
    List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int writer = w;
      Thread t =
          new Thread(
              () -> {
                for (int i = 0; !stop.get(); i++) {
                  String yaml =
                      "name: w"
                          + writer
                          + " n"
                          + i
                          + "\ncluster:\n  accelerator: nvidia-h100-sxm-80gb\n  count: 8\n";
                  try {
                    HttpResponse<String> r = first.http().post("/api/scenarios", yaml);
                    if (r.statusCode() == 201) {
                      acknowledged.add(Http.object(r.body()).get("id").toString());
                    }
                  } catch (RuntimeException e) {
                    return; // the server is gone
                  }
                }
              });
      writers.add(t);
      t.start();
    }
    long until = System.nanoTime() + 30_000_000_000L;
    while (acknowledged.size() < 40 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    kill(first); // while the writers are still saving
    stop.set(true);
    for (Thread t : writers) {
      t.join(30_000);
    }
    assertTrue(acknowledged.size() >= 40, "saves answered before the kill: " + acknowledged.size());

    Server second = start(data);
    try {
      java.util.Set<String> saved = new java.util.HashSet<>();
      for (Object o : Http.array(second.http().get("/api/scenarios").body())) {
        saved.add(((Map<?, ?>) o).get("id").toString());
      }
      for (String id : acknowledged) {
        assertTrue(saved.contains(id), id + " was answered as saved but is missing");
      }
    } finally {
      kill(second);
    }
  }
}
