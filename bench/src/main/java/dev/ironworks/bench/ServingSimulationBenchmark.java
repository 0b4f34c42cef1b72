package dev.ironworks.bench;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.plan.InferencePlanner;
import dev.ironworks.core.scenario.InferenceWorkload;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.sim.ServingRunSetup;
import dev.ironworks.core.sim.ServingSetup;
import dev.ironworks.core.sim.ServingSimulation;
import dev.ironworks.core.sim.ServingSimulationReport;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.scenario.ScenarioReader;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The request-level serving simulation on one core: a fleet planned as {@code ironworks simulate}
 * plans it, run for {@link #REQUESTS} Poisson requests per invocation, reported as simulated
 * requests a second (× 60 for a minute). Returns the report, so JMH sinks it into a Blackhole.
 *
 * <p>Target (a figure, not a CI gate — STYLE.md rule 18): at least 1 million simulated requests a
 * minute on one core, 16,667 a second.
 *
 * <p>The fleet serves Llama 2 70B in FP8 as MLPerf's server scenario asks (300 prompt and 292
 * output tokens a request, exponential lengths, p99 targets of 2 s to the first token and 200 ms a
 * token) on {@code accelerators} H100 SXM; requests arrive at the most the fleet carries within the
 * targets, so every replica runs hundreds of sequences a step. The {@code mode} parameter plans it
 * aggregated or disaggregated. Setup prints the fleet and one run's figures once.
 */
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class ServingSimulationBenchmark {
  /** Requests simulated per benchmark invocation. */
  static final int REQUESTS = 100_000;

  /** The fleet and its Poisson arrivals, planned once. */
  @State(Scope.Thread)
  public static class Fleet {
    /** Accelerators of the fleet. */
    @Param({"8", "64"})
    public int accelerators;

    /** How the fleet serves. */
    @Param({"aggregated", "disaggregated"})
    public String mode;

    ServingSetup setup;
    long seed;

    @Setup(Level.Trial)
    public void setUp() {
      Catalog catalog = CatalogLoader.builtin();
      Scenario scenario =
          ScenarioReader.read("bench-serving.yaml", yaml(accelerators, mode), catalog).scenario();
      InferenceWorkload w = scenario.inference().orElseThrow();
      InferencePlanner.Sizing sizing = ServingRunSetup.sizing(scenario, catalog);
      double rate = ServingRunSetup.defaultRate(w, sizing, 0.9);
      setup = ServingRunSetup.from(w, sizing, rate, REQUESTS, Optional.empty());
      long start = System.nanoTime();
      ServingSimulationReport r = ServingSimulation.run(setup, 0);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.err.printf(
          Locale.ROOT,
          "%n[ServingSimulationBenchmark] %d H100, %s: %d replicas, %.1f requests/s; cold run of"
              + " %,d requests in %.2f s (%,d events): TTFT p99 %.0f ms, TPOT p99 %.1f ms,"
              + " goodput %.3f%n",
          accelerators,
          sizing.mode().id(),
          sizing.replicas(),
          rate,
          REQUESTS,
          seconds,
          r.events(),
          r.ttft().p99Seconds() * 1e3,
          r.tpot().p99Seconds() * 1e3,
          r.goodput());
    }
  }

  static String yaml(int accelerators, String mode) {
    return String.format(
        Locale.ROOT,
        """
        name: bench-serving-llama2-70b
        cluster: {accelerator: nvidia-h100-sxm-80gb, count: %d}
        site: {cooling: air}
        workload:
          inference:
            model: llama2-70b
            promptTokens: 300
            outputTokens: 292
            precision: fp8
            mode: %s
            latency: {ttftMillis: 2000, tpotMillis: 200, percentile: p99}
        """,
        accelerators,
        mode);
  }

  /** Simulated requests a second on one core. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(REQUESTS)
  public ServingSimulationReport requestsPerSecond(Fleet f) {
    return ServingSimulation.run(f.setup, f.seed++);
  }
}
