package dev.ironworks.bench;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.compute.ParallelismSearch;
import dev.ironworks.core.compute.StepEstimate;
import dev.ironworks.core.compute.StepModel;
import dev.ironworks.core.compute.TrainingContext;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.core.plan.TrainingPerformance;
import dev.ironworks.core.plan.TrainingPlanner;
import dev.ironworks.core.scenario.ParallelConfig;
import dev.ironworks.core.scenario.ParallelismSpec;
import dev.ironworks.core.scenario.Recompute;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.scenario.ScenarioReader;
import java.util.Locale;
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
 * The training-time model: one step estimate, the auto-parallelism search over every configuration
 * of a large run, and a full plan that includes the search. Every benchmark returns its result, so
 * JMH sinks it into a Blackhole.
 *
 * <p>Targets (figures, not CI gates): at least a million estimates a second per core, so that a
 * search of tens of thousands of configurations stays well under a second; an auto search of a 1T
 * model on 3,072 A100 under 1 s.
 *
 * <p>Each state prints once to stderr, at setup, what its search evaluates (configurations
 * estimated and fitting, and the best), so the timings can be read per configuration, and how long
 * that first, cold search took (about what a CLI run pays: the search's loop is still interpreted
 * or C1-compiled then). The searches need a few seconds of warm-up before C2 has compiled the loop
 * with StepModel.estimate inlined, hence five warm-up iterations.
 */
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class TrainingBenchmark {

  /** A scenario parsed and its training context built, as the CLI does. */
  abstract static class TrainingState {
    Catalog catalog;
    Scenario scenario;
    TrainingContext ctx;

    abstract String yaml();

    void load() {
      catalog = CatalogLoader.builtin();
      scenario = ScenarioReader.read("bench-training.yaml", yaml(), catalog).scenario();
      ctx = TrainingPlanner.context(scenario, catalog);
    }

    /** Runs the auto search once and reports its size on stderr. */
    void reportSearch(String what) {
      long start = System.nanoTime();
      ParallelismSearch.Result r = ParallelismSearch.search(ctx, ParallelismSpec.auto());
      double ms = (System.nanoTime() - start) / 1e6;
      if (r.top().isEmpty()) {
        throw new IllegalStateException(what + ": no configuration fits");
      }
      StepEstimate best = r.top().get(0);
      System.err.printf(
          Locale.ROOT,
          "%n[TrainingBenchmark] %s: auto search evaluated %,d configurations (%,d fit);"
              + " best %s, %.2f s/iteration; first (cold) search %.1f ms%n",
          what,
          r.evaluated(),
          r.fitting(),
          best.config().label(),
          best.iterationSeconds(),
          ms);
    }
  }

  /** GPT-3 175B on 1,024 A100 80GB (DGX A100, HDR), one fixed Megatron-style configuration. */
  @State(Scope.Benchmark)
  public static class Gpt3On1024 extends TrainingState {
    ParallelConfig config;

    @Override
    String yaml() {
      return """
          name: bench-gpt3-175b-1024-a100
          cluster:
            accelerator: nvidia-a100-80gb
            count: 1024
            server: dgx-a100
            fabric: {kind: infiniband-hdr}
          site: {cooling: liquid-cold-plate}
          workload:
            training:
              model: gpt3-175b
              tokens: 300e9
              globalBatchSequences: 1536
              parallelism: {tensor: 8, pipeline: 8, data: 16, context: 1, expert: 1,
                            microBatch: 1, interleave: 2, zeroStage: 1, recompute: selective,
                            sequenceParallel: true}
          """;
    }

    @Setup(Level.Trial)
    public void setUp() {
      load();
      config = new ParallelConfig(8, 8, 16, 1, 1, 1, 2, 1, Recompute.SELECTIVE, true);
      if (config.worldSize() != ctx.acceleratorCount()
          || StepModel.microBatches(ctx, config) == 0) {
        throw new IllegalStateException(config.label() + " does not match the scenario");
      }
      StepEstimate e = StepModel.estimate(ctx, config);
      System.err.printf(
          Locale.ROOT,
          "%n[TrainingBenchmark] gpt3-175b on 1,024 A100: %s, %d micro-batches, %.2f s/iteration,"
              + " %.1f GiB, fits %b%n",
          config.label(),
          e.microBatches(),
          e.iterationSeconds(),
          e.memory().totalBytes() / (1L << 30),
          e.fits());
    }
  }

  /** Megatron 1T on 3,072 A100 80GB (DGX A100, HDR), global batch 3,072, 450B tokens. */
  @State(Scope.Benchmark)
  public static class Megatron1tOn3072 extends TrainingState {
    @Override
    String yaml() {
      return """
          name: bench-megatron-1t-3072-a100
          cluster:
            accelerator: nvidia-a100-80gb
            count: 3072
            server: dgx-a100
            fabric: {kind: infiniband-hdr}
          site: {cooling: liquid-cold-plate}
          workload:
            training:
              model: megatron-1t
              tokens: 450e9
              globalBatchSequences: 3072
          """;
    }

    @Setup(Level.Trial)
    public void setUp() {
      load();
      reportSearch("megatron-1t on 3,072 A100");
      Plan plan = Planner.plan(scenario, catalog);
      TrainingPerformance perf =
          plan.training()
              .flatMap(t -> t.performance())
              .orElseThrow(() -> new IllegalStateException("the plan has no training performance"));
      System.err.printf(
          Locale.ROOT,
          "[TrainingBenchmark] megatron-1t plan: %s, %.1f days, MFU %.3f, %,d evaluated%n",
          perf.best().config().label(),
          perf.predictedDays(),
          perf.mfu(),
          perf.evaluated());
    }
  }

  /** Llama 3 405B on 16,384 H100 SXM (DGX H100, RoCE 400G), batch 2,048 at sequence 8,192. */
  @State(Scope.Benchmark)
  public static class Llama3On16384 extends TrainingState {
    @Override
    String yaml() {
      return """
          name: bench-llama3-405b-16384-h100
          cluster:
            accelerator: nvidia-h100-sxm-80gb
            count: 16384
            server: dgx-h100
            fabric: {kind: ethernet-roce-400g}
          site: {cooling: liquid-cold-plate}
          workload:
            training:
              model: llama3-405b
              tokens: 15.6e12
              globalBatchSequences: 2048
              sequenceLength: 8192
          """;
    }

    @Setup(Level.Trial)
    public void setUp() {
      load();
      reportSearch("llama3-405b on 16,384 H100");
    }
  }

  /** One step estimate of one configuration, as estimates per second. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public StepEstimate estimateOneConfiguration(Gpt3On1024 s) {
    return StepModel.estimate(s.ctx, s.config);
  }

  /** The same estimate, as average time. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public StepEstimate estimateOneConfigurationTime(Gpt3On1024 s) {
    return StepModel.estimate(s.ctx, s.config);
  }

  /** Auto search (every field open) for megatron-1t on 3,072 A100. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public ParallelismSearch.Result autoSearch1TOn3072(Megatron1tOn3072 s) {
    return ParallelismSearch.search(s.ctx, ParallelismSpec.auto());
  }

  /** Auto search for llama3-405b on 16,384 H100 at sequence 8,192. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public ParallelismSearch.Result autoSearchLlama3_405bOn16384(Llama3On16384 s) {
    return ParallelismSearch.search(s.ctx, ParallelismSpec.auto());
  }

  /** The full plan of the megatron-1t scenario, the search included. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Plan planWithTraining(Megatron1tOn3072 s) {
    return Planner.plan(s.scenario, s.catalog);
  }
}
