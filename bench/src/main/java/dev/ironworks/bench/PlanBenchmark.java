package dev.ironworks.bench;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.render.PlanView;
import dev.ironworks.io.scenario.ScenarioReader;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One full plan of an H100 training cluster on a rail-optimized InfiniBand NDR fabric, over cluster
 * size, and the stages around it (parse, render) to show where the time of a CLI run goes. Every
 * benchmark returns its result, so JMH sinks it into a Blackhole.
 *
 * <p>The scenario is the shape of examples/h100-1024-training-cluster.yaml (DGX H100, 10 PB
 * storage, Texas, liquid cold plate, a 20-day run) with the count varied. NDR switches have radix
 * 64: a non-blocking three-tier rail-optimized fabric holds 64 pods × 32 leaves × 32 endpoints =
 * 65,536 endpoints, i.e. 8,192 eight-port DGX servers. 100,000 GPUs are 12,500 servers, so that
 * size runs at oversubscription 4 (51 ports down, 13 up per leaf: 1,968 leaves in 62 pods), the
 * smallest whole ratio that fits; the smaller sizes are non-blocking.
 */
@State(Scope.Benchmark)
public class PlanBenchmark {
  /** GPUs in the cluster. */
  @Param({"1024", "16384", "100000"})
  public int acceleratorCount;

  private Catalog catalog;
  private String scenarioText;
  private Scenario scenario;
  private Plan plan;
  private Map<String, Object> view;

  @Setup(Level.Trial)
  public void setUp() {
    catalog = CatalogLoader.builtin();
    scenarioText = scenarioYaml(acceleratorCount);
    scenario = ScenarioReader.read("bench.yaml", scenarioText, catalog).scenario();
    plan = Planner.plan(scenario, catalog);
    view = PlanView.of(plan);
    if (plan.cluster().acceleratorCount() != acceleratorCount) {
      throw new IllegalStateException("planned " + plan.cluster().acceleratorCount() + " GPUs");
    }
  }

  /** The smallest whole oversubscription at which an NDR rail-optimized fabric holds the size. */
  static double oversubscription(int acceleratorCount) {
    return acceleratorCount <= 65_536 ? 1 : 4;
  }

  static String scenarioYaml(int acceleratorCount) {
    return String.format(
        Locale.ROOT,
        """
        name: bench-h100-%d
        cluster:
          accelerator: nvidia-h100-sxm-80gb
          count: %d
          server: dgx-h100
          fabric: {kind: infiniband-ndr, topology: rail-optimized, oversubscription: %s}
          storage: {capacityPetabytes: 10, writeGigabytesPerSecond: 500}
        site:
          region: us-texas
          cooling: liquid-cold-plate
        finance:
          horizonYears: 4
          utilization: 0.8
          cloudUsdPerAcceleratorHour: 2.50
        workload:
          training:
            # A run of known duration, named but without a catalog architecture: costed, with
            # no parallelism search (TrainingBenchmark measures that).
            model: a 70B run
            tokens: 2e12
            durationDays: 20
        """,
        acceleratorCount,
        acceleratorCount,
        Double.toString(oversubscription(acceleratorCount)));
  }

  /** One full plan: the pure function the CLI and any caller run. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Plan plan() {
    return Planner.plan(scenario, catalog);
  }

  /** The same plan, as plans per second. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Plan planThroughput() {
    return Planner.plan(scenario, catalog);
  }

  /** Stage: scenario YAML text to a checked Scenario (SnakeYAML plus field checks). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Scenario parse() {
    return ScenarioReader.read("bench.yaml", scenarioText, catalog).scenario();
  }

  /** Stage: a plan to its view tree and JSON text. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String renderJson() {
    return JsonRenderer.render(PlanView.of(plan));
  }

  /** Stage: the view tree to JSON text alone (Jackson with the pretty printer). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String jsonOnly() {
    return JsonRenderer.render(view);
  }

  /** What `ironworks plan FILE --format json` does once the JVM and catalog are up. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String parsePlanRender() {
    Scenario read = ScenarioReader.read("bench.yaml", scenarioText, catalog).scenario();
    return JsonRenderer.render(PlanView.of(Planner.plan(read, catalog)));
  }
}
