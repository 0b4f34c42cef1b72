// A closed-loop load generator for POST /api/plan: CLIENTS threads, each sending one request
// after another until REQUESTS have been sent in all or MAX_SECONDS have passed; prints
// throughput and latency percentiles. Loopback only. Run by bench/load-plan.sh:
//   java bench/load/LoadPlan.java URL SCENARIO [--clients N] [--requests N] [--warmup N]
//       [--max-seconds S] [--vary]
// --vary makes every request's text unique (a numbered comment at the end), so that the server
// plans each one rather than answering from the plans it remembers by text.
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

public final class LoadPlan {
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println(
          "usage: LoadPlan URL SCENARIO [--clients N] [--requests N] [--warmup N] [--max-seconds S]");
      System.exit(2);
    }
    URI base = URI.create(args[0]);
    String body = Files.readString(Path.of(args[1]));
    int clients = 50;
    int requests = 5000;
    int warmup = 500;
    int maxSeconds = 120;
    boolean vary = false;
    for (int i = 2; i < args.length; i += 2) {
      if (args[i].equals("--vary")) {
        vary = true;
        i--;
        continue;
      }
      int v = Integer.parseInt(args[i + 1]);
      switch (args[i]) {
        case "--clients" -> clients = v;
        case "--requests" -> requests = v;
        case "--warmup" -> warmup = v;
        case "--max-seconds" -> maxSeconds = v;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (clients < 1 || clients > 500 || requests < 1 || requests > 1_000_000 || maxSeconds < 1
        || maxSeconds > 600 || warmup < 0 || warmup > 100_000) {
      throw new IllegalArgumentException(
          "bounds: 1-500 clients, 1-1,000,000 requests, 0-100,000 warmup, 1-600 seconds");
    }
    for (InetAddress a : InetAddress.getAllByName(base.getHost())) {
      if (!a.isLoopbackAddress()) {
        throw new IllegalArgumentException(base.getHost() + " is not a loopback address");
      }
    }
    URI url = base.resolve("/api/plan");
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    boolean varied = vary;
    java.util.function.IntFunction<HttpRequest> request =
        n ->
            HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/yaml")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        varied ? body + "\n# request " + n + "\n" : body))
                .build();

    System.out.printf(Locale.ROOT, "warm-up: %d requests%n", warmup);
    run(client, request, clients, warmup, maxSeconds);
    System.out.printf(
        Locale.ROOT,
        "measuring: %d clients, %d requests (at most %d s), %s texts, %d cores%n",
        clients,
        requests,
        maxSeconds,
        vary ? "distinct" : "identical",
        Runtime.getRuntime().availableProcessors());
    Result r = run(client, request, clients, requests, maxSeconds);
    long[] lat = r.latenciesNanos();
    Arrays.sort(lat);
    double seconds = r.elapsedNanos() / 1e9;
    System.out.printf(
        Locale.ROOT,
        "requests %d, errors %d, %.2f s, throughput %.0f requests/s%n",
        lat.length,
        r.errors(),
        seconds,
        lat.length / seconds);
    System.out.printf(
        Locale.ROOT,
        "latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n",
        pct(lat, 0.50),
        pct(lat, 0.90),
        pct(lat, 0.99),
        lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6);
    if (r.errors() > 0) {
      System.out.println("first error: " + r.firstError());
      System.exit(1);
    }
  }

  record Result(long[] latenciesNanos, long elapsedNanos, long errors, String firstError) {}

  static double pct(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  static final AtomicInteger SENT = new AtomicInteger();

  static Result run(
      HttpClient client,
      java.util.function.IntFunction<HttpRequest> request,
      int clients,
      int total,
      int maxSeconds)
      throws InterruptedException {
    AtomicInteger issued = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    String[] firstError = {null};
    long[] latencies = new long[total];
    AtomicInteger recorded = new AtomicInteger();
    long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
    CountDownLatch done = new CountDownLatch(clients);
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  while (issued.getAndIncrement() < total && System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    try {
                      HttpResponse<String> response =
                          client.send(
                              request.apply(SENT.getAndIncrement()),
                              HttpResponse.BodyHandlers.ofString());
                      long t1 = System.nanoTime();
                      if (response.statusCode() != 200) {
                        errors.incrementAndGet();
                        synchronized (firstError) {
                          if (firstError[0] == null) {
                            firstError[0] = "HTTP " + response.statusCode();
                          }
                        }
                      } else {
                        latencies[recorded.getAndIncrement()] = t1 - t0;
                      }
                    } catch (Exception e) {
                      errors.incrementAndGet();
                      synchronized (firstError) {
                        if (firstError[0] == null) {
                          firstError[0] = e.toString();
                        }
                      }
                    }
                  }
                } finally {
                  done.countDown();
                }
              });
      threads.add(t);
      t.start();
    }
    done.await();
    long elapsed = System.nanoTime() - start;
    return new Result(
        Arrays.copyOf(latencies, recorded.get()), elapsed, errors.get(), firstError[0]);
  }
}
