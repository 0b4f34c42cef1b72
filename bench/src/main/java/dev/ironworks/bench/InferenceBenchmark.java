package dev.ironworks.bench;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.inference.InferenceModel;
import dev.ironworks.core.inference.InferenceReport;
import dev.ironworks.core.inference.ServingConfig;
import dev.ironworks.core.inference.ServingContext;
import dev.ironworks.core.inference.ServingSearch;
import dev.ironworks.core.plan.InferencePlanner;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.core.scenario.InferenceWorkload;
import dev.ironworks.core.scenario.Precision;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.scenario.ServingSpec;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.scenario.ScenarioReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The serving model: one estimate of one serving configuration, the auto search over tensor ×
 * pipeline × batch × precision for a fleet sized from a demand, and the full plan of the
 * serving-fleet example, the search included. Every benchmark returns its result, so JMH sinks it
 * into a Blackhole.
 *
 * <p>Targets (figures, not CI gates): the auto search for Llama 3 70B under 100 ms.
 *
 * <p>The workload is examples/llama3-70b-serving-fleet.yaml's: Llama 3 70B on H100 SXM 80GB (DGX
 * H100, the accelerator's default server), 1,500 prompt and 300 output tokens a request, continuous
 * batching, a paged KV cache, 5e10 output tokens a day at a peak-to-average of 2 (about 1.16
 * million tokens a second at the peak), 500 ms to the first token and 40 ms per token. The search
 * leaves tensor, pipeline and precision open (the example fixes FP8; the planner benchmark plans
 * the example as written). Each state prints once to stderr, at setup, what it computes (the
 * estimate's figures; the search's configurations evaluated, its choice and how long the first,
 * cold search took; the plan's fleet), so the timings can be read per configuration.
 */
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class InferenceBenchmark {
  /** The example the plan benchmark reads, relative to the repository root. */
  static final String EXAMPLE = "examples/llama3-70b-serving-fleet.yaml";

  static final String MODEL = "llama3-70b";
  static final String ACCELERATOR = "nvidia-h100-sxm-80gb";

  /** The example's workload, its serving context built as the planner builds it. */
  abstract static class ServingState {
    Catalog catalog;
    InferenceWorkload workload;
    ServingContext ctx;

    void load() {
      catalog = CatalogLoader.builtin();
      workload =
          new InferenceWorkload(
              MODEL,
              catalog.model(MODEL),
              OptionalDouble.of(5e10),
              OptionalDouble.empty(),
              1500,
              300,
              2.0,
              Optional.empty(),
              OptionalDouble.of(500),
              OptionalDouble.of(40),
              true,
              true,
              OptionalInt.empty(),
              OptionalInt.empty(),
              OptionalInt.empty(),
              ServingSpec.DEFAULT);
      Accelerator accelerator = catalog.accelerator(ACCELERATOR);
      ServerSpec server = catalog.server(accelerator.defaultServerId());
      ctx = InferencePlanner.context(workload, accelerator, server, catalog);
    }
  }

  /** TP2, one stage, batch 64, FP8. */
  @State(Scope.Benchmark)
  public static class OneConfiguration extends ServingState {
    ServingConfig config;

    @Setup(Level.Trial)
    public void setUp() {
      load();
      config = new ServingConfig(2, 1, 1, 64, Precision.FP8);
      InferenceModel.Estimate e = InferenceModel.estimate(ctx, config);
      if (!e.fits()) {
        throw new IllegalStateException(
            "TP2 batch 64 FP8 does not fit (max batch " + e.maxBatch() + ")");
      }
      System.err.printf(
          Locale.ROOT,
          "%n[InferenceBenchmark] llama3-70b on 2 × H100, batch 64, FP8: max batch %d,"
              + " TPOT %.1f ms, TTFT %.0f ms, %,.0f tokens/s per replica%n",
          e.maxBatch(),
          e.tpotSeconds() * 1e3,
          e.ttftSeconds() * 1e3,
          e.tokensPerSecond());
    }
  }

  /** The auto search with the latency targets and the peak demand. */
  @State(Scope.Benchmark)
  public static class AutoSearch extends ServingState {
    double peakTokensPerSecond;
    OptionalDouble ttft;
    OptionalDouble tpot;

    @Setup(Level.Trial)
    public void setUp() {
      load();
      peakTokensPerSecond = workload.averageOutputTokensPerSecond() * workload.peakToAverage();
      ttft = OptionalDouble.of(workload.ttftMillis().getAsDouble() / 1e3);
      tpot = OptionalDouble.of(workload.tpotMillis().getAsDouble() / 1e3);
      long start = System.nanoTime();
      ServingSearch.Result r = search(this);
      double ms = (System.nanoTime() - start) / 1e6;
      InferenceModel.Estimate best =
          r.best().orElseThrow(() -> new IllegalStateException("no configuration meets targets"));
      ServingConfig c = best.config();
      System.err.printf(
          Locale.ROOT,
          "%n[InferenceBenchmark] llama3-70b auto search at %,.0f tokens/s peak: evaluated %,d"
              + " configurations; best TP%d PP%d batch %d %s (TPOT %.1f ms, TTFT %.0f ms,"
              + " %,.0f tokens/s), %,d replicas = %,d GPUs; first (cold) search %.2f ms%n",
          peakTokensPerSecond,
          r.evaluated(),
          c.tensor(),
          c.pipeline(),
          c.batch(),
          c.precision(),
          best.tpotSeconds() * 1e3,
          best.ttftSeconds() * 1e3,
          best.tokensPerSecond(),
          r.replicas(),
          r.replicas() * c.acceleratorsPerReplica(),
          ms);
    }
  }

  /** examples/llama3-70b-serving-fleet.yaml, read as the CLI reads it. */
  @State(Scope.Benchmark)
  public static class ServingFleet {
    Catalog catalog;
    Scenario scenario;

    @Setup(Level.Trial)
    public void setUp() {
      catalog = CatalogLoader.builtin();
      Path file = example();
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      scenario = ScenarioReader.read(file.getFileName().toString(), text, catalog).scenario();
      long start = System.nanoTime();
      Plan plan = Planner.plan(scenario, catalog);
      double ms = (System.nanoTime() - start) / 1e6;
      InferenceReport r =
          plan.inference()
              .orElseThrow(() -> new IllegalStateException("the plan has no inference report"));
      ServingConfig c = r.chosen().config();
      System.err.printf(
          Locale.ROOT,
          "%n[InferenceBenchmark] %s: TP%d PP%d batch %d %s, %,d replicas, %,d GPUs,"
              + " $%.3f per million tokens, meets targets %b; first (cold) plan %.1f ms%n",
          file,
          c.tensor(),
          c.pipeline(),
          c.batch(),
          c.precision(),
          r.replicas(),
          r.acceleratorCount(),
          r.usdPerMillionTokens(),
          r.meetsTargets(),
          ms);
    }

    /**
     * The example under the working directory or the nearest folder above it: bench/run.sh runs
     * from the repository root, the build's smoke run from bench/.
     */
    static Path example() {
      for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve(EXAMPLE);
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
      throw new IllegalStateException(
          EXAMPLE + " not found under " + Path.of("").toAbsolutePath() + " or above");
    }
  }

  static ServingSearch.Result search(AutoSearch s) {
    return ServingSearch.search(
        s.ctx,
        OptionalInt.empty(),
        OptionalInt.empty(),
        Optional.empty(),
        s.ttft,
        s.tpot,
        s.peakTokensPerSecond,
        Long.MAX_VALUE);
  }

  /** One estimate of one configuration, as estimates per second. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public InferenceModel.Estimate oneServingConfiguration(OneConfiguration s) {
    return InferenceModel.estimate(s.ctx, s.config);
  }

  /** The same estimate, as average time. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public InferenceModel.Estimate oneServingConfigurationTime(OneConfiguration s) {
    return InferenceModel.estimate(s.ctx, s.config);
  }

  /** Auto search (tensor, pipeline, batch and precision open) for llama3-70b on H100. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public ServingSearch.Result autoSearch70b(AutoSearch s) {
    return search(s);
  }

  /** The full plan of examples/llama3-70b-serving-fleet.yaml, the search included. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Plan planServingFleet(ServingFleet s) {
    return Planner.plan(s.scenario, s.catalog);
  }
}
