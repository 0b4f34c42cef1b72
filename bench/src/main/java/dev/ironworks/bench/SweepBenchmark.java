package dev.ironworks.bench;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.explore.ScenarioTree;
import dev.ironworks.io.explore.Sweep;
import dev.ironworks.io.explore.SweepEvaluator;
import dev.ironworks.io.explore.SweepReader;
import dev.ironworks.io.explore.SweepRow;
import dev.ironworks.io.explore.SweepSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Design-space evaluation as the local executor runs it: one design (scenario tree with the axis
 * values, YAML, checked scenario, plan, view, figures, constraints) per call, and a whole sweep on
 * two threads.
 *
 * <p>{@code facility-cost}: a cluster with a run of known duration (no parallelism search) over
 * accelerator × count × region × cooling × horizon. {@code training-auto}: GPT-3 175B on 300B
 * tokens with the parallelism found by search, over accelerator × count × region × cooling × global
 * batch.
 */
@State(Scope.Benchmark)
public class SweepBenchmark {
  @Param({"facility-cost", "training-auto"})
  public String space;

  private Path dir;
  private Catalog catalog;
  private SweepSpec spec;
  private Map<String, Object> base;
  private long size;
  private long next;
  private SweepEvaluator evaluator;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    catalog = CatalogLoader.builtin();
    dir = Files.createTempDirectory("ironworks-sweep-bench");
    String workload =
        space.equals("training-auto")
            ? """
              workload:
                training:
                  model: gpt3-175b
                  tokens: 300e9
                  globalBatchSequences: 1536
              """
            : """
              workload:
                training:
                  model: a 70B run
                  tokens: 2e12
                  durationDays: 20
              """;
    Files.writeString(
        dir.resolve("base.yaml"),
        """
        name: sweep-bench
        cluster:
          accelerator: nvidia-h100-sxm-80gb
          count: 2048
          fabric: {kind: infiniband-ndr, topology: rail-optimized}
          storage: {capacityPetabytes: 5, writeGigabytesPerSecond: 250}
        site:
          region: us-texas
          cooling: liquid-cold-plate
        finance:
          horizonYears: 4
          utilization: 0.85
        """
            + workload);
    // facility-cost: 4 accelerators × 24 counts × 4 regions × 3 coolings × 8 horizons × 10
    // utilisations × 10 electricity prices = 921,600 designs. training-auto: 4 accelerators × 6
    // counts × 4 batches × 4 regions × 3 coolings × 4 horizons × 5 utilisations = 23,040 designs,
    // 96 training shapes to search.
    boolean training = space.equals("training-auto");
    String counts =
        training
            ? "{from: 1024, to: 32768, factor: 2}\n"
                + "  workload.training.globalBatchSequences: [768, 1536, 3072, 6144]"
            : IntStream.rangeClosed(1, 24)
                .mapToObj(k -> Integer.toString(1024 * k))
                .collect(Collectors.joining(", ", "[", "]"));
    String site =
        training
            ? "finance.horizonYears: [3, 4, 5, 6]\n  finance.utilization: [0.5, 0.6, 0.7, 0.8, 0.9]"
            : "finance.horizonYears: [2, 3, 4, 5, 6, 7, 8, 9]\n"
                + "  finance.utilization: [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]\n"
                + "  site.electricityUsdPerKwh: [0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.11,"
                + " 0.12, 0.13]";
    Files.writeString(
        dir.resolve("space.yaml"),
        """
        base: base.yaml
        axes:
          cluster.accelerator: [nvidia-h100-sxm-80gb, nvidia-b200, nvidia-a100-80gb, amd-mi300x]
          cluster.count: %s
          site.region: [us-texas, norway, iceland, us-virginia]
          site.cooling: [air, liquid-cold-plate, immersion]
          %s
        constraints: {capexUsd: {max: 1.5e9}, facilityPowerMw: {max: 100}}
        objectives: [cost.tcoUsd, training.timeToTrainDays, training.emissionsTco2e]
        """
            .formatted(counts, site));
    spec = SweepReader.read(dir.resolve("space.yaml"), catalog);
    base = ScenarioTree.parse(spec.baseText());
    size = spec.space().size();
    evaluator = new SweepEvaluator(spec, catalog);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    for (String f : List.of("base.yaml", "space.yaml")) {
      Files.deleteIfExists(dir.resolve(f));
    }
    Files.deleteIfExists(dir);
  }

  /**
   * One design as a sweep evaluates it (sections read once, figures read straight from the plan,
   * each training shape searched once per trial), cycling through the space: designs per second on
   * one thread once the sections and searches are known.
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public SweepRow evaluateRemembered() {
    long id = next;
    next = (next + 1) % size;
    return evaluator.evaluate(id);
  }

  /**
   * One design read whole (its YAML tree built, checked and read, the plan's view built), every
   * search run afresh, cycling through the space (one thread): the reference the evaluator matches.
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public SweepRow evaluate() {
    long id = next;
    next = (next + 1) % size;
    return Sweep.evaluate(spec, catalog, id, base);
  }

  /**
   * The whole space (23,040 designs) on two threads, front and tops kept, rows to a sink that drops
   * them: designs per second = 23,040 / the time. Every search of the space is run cold in each
   * call.
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Sweep.Result sweepWholeSpaceTwoThreads() {
    return Sweep.run(spec, catalog, 2, 0, Stream.empty(), 10, row -> {}, done -> {});
  }
}
