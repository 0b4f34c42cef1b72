package dev.ironworks.web;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.explore.Sweep;
import dev.ironworks.io.explore.SweepFiles;
import dev.ironworks.io.explore.SweepSpec;
import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.store.ScenarioStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Sweep jobs: run one at a time on a background thread (a sweep uses every core), recorded in the
 * store's runs table from start to end; progress, cancellation and a time limit between batches of
 * designs.
 */
final class Jobs implements AutoCloseable {
  /** Designs kept per objective besides the front. */
  static final int TOP_K = 10;

  private final ScenarioStore store;
  private final Catalog catalog;
  private final Limits limits;
  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "ironworks-sweep");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, Job> live = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /** A job not yet finished. */
  private static final class Job {
    final String id;
    final long designs;
    final AtomicLong evaluated = new AtomicLong();
    volatile String status = "queued";
    volatile boolean cancelled;

    Job(String id, long designs) {
      this.id = id;
      this.designs = designs;
    }
  }

  /** Thrown from the progress callback to stop a sweep between batches. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  Jobs(ScenarioStore store, Catalog catalog, Limits limits) {
    this.store = store;
    this.catalog = catalog;
    this.limits = limits;
    store.abandonRunning();
  }

  /** 429 when as many sweeps as the limit are queued or running: checked before a space is read. */
  synchronized void checkRoom() {
    if (live.size() >= limits.maxQueuedJobs()) {
      throw ApiException.of(
          429,
          "",
          "already "
              + live.size()
              + " sweeps queued or running (the limit); wait for one to finish or cancel one");
    }
  }

  /** Queues a sweep; 429 when too many are waiting. Returns the job's status tree. */
  synchronized Map<String, Object> submit(SweepSpec spec, String request) {
    checkRoom();
    String id = "sweep-" + HexFormat.of().formatHex(random.generateSeed(6));
    Job job = new Job(id, spec.space().size());
    store.startRun(id, "sweep", request);
    live.put(id, job);
    runner.submit(() -> run(job, spec));
    return status(job);
  }

  private void run(Job job, SweepSpec spec) {
    if (job.cancelled) {
      finish(job, "cancelled", null, "cancelled before it started");
      return;
    }
    job.status = "running";
    long deadline = System.nanoTime() + limits.jobSeconds() * 1_000_000_000L;
    try {
      Sweep.Result result =
          Sweep.run(
              spec,
              catalog,
              Runtime.getRuntime().availableProcessors(),
              0,
              Stream.empty(),
              TOP_K,
              row -> {},
              done -> {
                job.evaluated.set(done);
                if (job.cancelled || System.nanoTime() > deadline) {
                  throw new Stop();
                }
              });
      job.evaluated.set(result.evaluated());
      finish(job, "done", JsonRenderer.render(SweepFiles.frontJson(spec, result)), null);
    } catch (Stop e) {
      if (job.cancelled) {
        finish(job, "cancelled", null, "cancelled after " + job.evaluated.get() + " designs");
      } else {
        finish(
            job,
            "failed",
            null,
            "stopped at the time limit of "
                + limits.jobSeconds()
                + " s after "
                + job.evaluated.get()
                + " designs; sweep a smaller space");
      }
    } catch (RuntimeException e) {
      finish(job, "failed", null, "the sweep failed: " + e.getMessage());
    }
  }

  private void finish(Job job, String status, String resultJson, String error) {
    try {
      store.finishRun(job.id, status, resultJson, error);
    } finally {
      live.remove(job.id);
    }
  }

  /**
   * The job's state; a finished job's result (the tree of front.json) under "result" as JSON text.
   */
  Optional<String> get(String id) {
    Job job = live.get(id);
    if (job != null) {
      return Optional.of(JsonRenderer.render(status(job)));
    }
    return store
        .run(id)
        .filter(r -> r.kind().equals("sweep"))
        .map(
            r -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("id", r.id());
              m.put("kind", r.kind());
              m.put("status", r.status());
              m.put("createdAt", r.createdAt().toString());
              if (r.finishedAt() != null) {
                m.put("finishedAt", r.finishedAt().toString());
              }
              if (r.error() != null) {
                m.put("error", r.error());
              }
              if (r.resultJson() != null) {
                m.put("progress", 1.0);
                return Json.withRaw(m, "result", r.resultJson());
              }
              return JsonRenderer.render(m);
            });
  }

  /** Asks a job to stop; empty when there is no such job. */
  Optional<String> cancel(String id) {
    Job job = live.get(id);
    if (job != null) {
      job.cancelled = true;
      Map<String, Object> m = status(job);
      m.put("status", "cancelling");
      return Optional.of(JsonRenderer.render(m));
    }
    return get(id);
  }

  private static Map<String, Object> status(Job job) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", job.id);
    m.put("kind", "sweep");
    m.put("status", job.status);
    m.put("designs", job.designs);
    long done = job.evaluated.get();
    m.put("evaluated", done);
    m.put("progress", job.designs == 0 ? 1.0 : (double) done / job.designs);
    return m;
  }

  @Override
  public void close() {
    live.values().forEach(j -> j.cancelled = true);
    runner.shutdown();
    try {
      runner.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
