package dev.ironworks.bench;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.core.reliability.ReliabilityReport;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.sim.EventKind;
import dev.ironworks.core.sim.EventQueue;
import dev.ironworks.core.sim.MonteCarlo;
import dev.ironworks.core.sim.RunParameters;
import dev.ironworks.core.sim.RunSetup;
import dev.ironworks.core.sim.SimEvent;
import dev.ironworks.core.sim.SimulationReport;
import dev.ironworks.core.sim.TimelineSink;
import dev.ironworks.core.sim.TrialResult;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.scenario.ScenarioReader;
import java.util.Locale;
import java.util.SplittableRandom;
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
 * The discrete-event training-run simulation: the event engine alone, one trial of the Llama 3 405B
 * run, and the Monte Carlo of 1,000 such trials that {@code ironworks simulate} runs by default.
 * Every benchmark returns its result, so JMH sinks it into a Blackhole.
 *
 * <p>Targets (figures, not CI gates): at least 5 million events a second per core for the engine;
 * 1,000 trials of the Llama 3 run in under 10 s on 2 cores.
 *
 * <p>The scenario is the Llama 3 405B run of the validation case R-LLAMA3-INTERRUPTIONS (Dubey et
 * al. 2024, Section 3.3): 16,384 H100 SXM on a rail-optimized NDR InfiniBand fabric, 240 PB of
 * storage asked to write at 2,000 GB/s, 54 days, default failure rates, 10-minute restarts and 0.87
 * planned interruptions a day. Fast storage makes Daly's checkpoint interval short (the planner
 * sizes 240 PB of the default tier at 12,000 GB/s, so a 5.7 TB checkpoint stalls about 0.5 s and
 * Daly's interval is under 2 minutes), so most of a trial's events are checkpoints (about 93,000
 * events a trial; about 7,000 at 30 minutes). The {@code checkpoint = 30} variant fixes the
 * interval at 30 minutes, so the figures do not rest only on that interval. The run is built as the
 * CLI builds it: the YAML read, planned, and {@link RunSetup#from(ReliabilityReport)} applied to
 * the plan's reliability analysis. Each state prints once to stderr, at setup, the run it simulates
 * and how many events a trial handles, so the timings can be read per event.
 */
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SimulationBenchmark {
  /** The master seed, as {@code ironworks simulate}'s default. */
  static final long SEED = 1;

  /** Worker threads of the Monte Carlo benchmarks. */
  static final int THREADS = 2;

  /** Trials of the Monte Carlo benchmarks, as {@code ironworks simulate}'s default. */
  static final int TRIALS = 1000;

  /** Events polled (each scheduling one) per call of {@link #engineEventsPerSecond}. */
  static final int EVENTS_PER_CALL = 4096;

  /**
   * A steady-state event queue: {@code pending} events wait; each poll schedules one new event at a
   * random later time (exponential, mean an hour) of a random kind, as the simulation's loop does.
   * The delays and kinds are drawn at setup, so only the queue is measured.
   */
  @State(Scope.Thread)
  public static class Engine {
    /** Delays and kinds drawn at setup, used round-robin (a power of two). */
    static final int RING = 1 << 14;

    /** Events waiting in the queue. */
    @Param({"64"})
    public int pending;

    EventQueue queue;
    double[] delays;
    EventKind[] kinds;
    int cursor;

    @Setup(Level.Trial)
    public void setUp() {
      SplittableRandom rng = new SplittableRandom(SEED);
      EventKind[] all = EventKind.values();
      delays = new double[RING];
      kinds = new EventKind[RING];
      for (int i = 0; i < RING; i++) {
        delays[i] = -3600 * Math.log(1 - rng.nextDouble());
        kinds[i] = all[rng.nextInt(all.length)];
      }
      queue = new EventQueue();
      for (int i = 0; i < pending; i++) {
        queue.schedule(delays[i], kinds[i], 0, i);
      }
      cursor = pending;
    }
  }

  /** The Llama 3 405B run, planned and set up as the CLI does. */
  @State(Scope.Thread)
  public static class Llama3Run {
    /** The checkpoint interval: Daly's, from the plan, or fixed in minutes. */
    @Param({"daly", "30"})
    public String checkpoint;

    RunParameters parameters;
    int nextTrial;

    @Setup(Level.Trial)
    public void setUp() {
      Catalog catalog = CatalogLoader.builtin();
      Scenario scenario =
          ScenarioReader.read("bench-simulation.yaml", scenarioYaml(checkpoint), catalog)
              .scenario();
      Plan plan = Planner.plan(scenario, catalog);
      ReliabilityReport report =
          plan.reliability()
              .orElseThrow(() -> new IllegalStateException("the plan has no reliability analysis"));
      parameters = RunSetup.from(report);
      if (plan.cluster().acceleratorCount() != 16_384) {
        throw new IllegalStateException("planned " + plan.cluster().acceleratorCount() + " GPUs");
      }

      long start = System.nanoTime();
      TrialResult first = MonteCarlo.trial(parameters, SEED, 0, TimelineSink.NONE);
      double firstMs = (System.nanoTime() - start) / 1e6;
      int sample = 100;
      SimulationReport r = MonteCarlo.run(parameters, sample, SEED, THREADS, done -> {});
      System.err.printf(
          Locale.ROOT,
          "%n[SimulationBenchmark] llama3-405b on 16,384 H100, checkpoint %s: %.2f TB"
              + " checkpoints, interval %.1f min, stall %.1f s, write %.1f s%s, %.2f compute"
              + " days, %.1f expected interruptions, analytical goodput %.3f%n"
              + "[SimulationBenchmark]   %,d events per trial (mean of %d trials; trial 0: %,d"
              + " events, cold %.1f ms); P50 %.2f days, %.0f interruptions, goodput %.3f,"
              + " %d incomplete%n",
          checkpoint,
          report.checkpointBytes() / 1e12,
          report.checkpointIntervalSeconds() / 60,
          report.checkpointStallSeconds(),
          report.checkpointWriteSeconds(),
          report.asyncCheckpoint() ? " (async)" : "",
          report.computeDays(),
          report.expectedInterruptions(),
          report.goodput(),
          r.events() / sample,
          sample,
          first.events(),
          firstMs,
          r.completionDays().p50(),
          r.interruptions().p50(),
          r.goodput().p50(),
          r.incomplete());
    }
  }

  static String scenarioYaml(String checkpoint) {
    String checkpointLine =
        checkpoint.equals("daly")
            ? ""
            : "  checkpoint: {intervalMinutes: " + Integer.parseInt(checkpoint) + "}\n";
    return """
        name: bench-llama3-405b-16384-h100-simulation
        cluster:
          accelerator: nvidia-h100-sxm-80gb
          count: 16384
          fabric: {kind: infiniband-ndr, topology: rail-optimized}
          storage: {capacityPetabytes: 240, writeGigabytesPerSecond: 2000}
        site: {cooling: liquid-cold-plate}
        workload:
          training:
            model: llama3-405b
            tokens: 15.6e12
            durationDays: 54
        reliability:
          failureRates: default
          restartMinutes: 10
          plannedMaintenancePerDay: 0.87
        """
        + checkpointLine;
  }

  /** The event engine alone: one poll and one schedule per operation, as events per second. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(EVENTS_PER_CALL)
  public double engineEventsPerSecond(Engine s) {
    EventQueue queue = s.queue;
    double[] delays = s.delays;
    EventKind[] kinds = s.kinds;
    int cursor = s.cursor;
    double sum = 0;
    for (int i = 0; i < EVENTS_PER_CALL; i++) {
      SimEvent e = queue.poll();
      sum += e.value();
      int j = cursor++ & (Engine.RING - 1);
      queue.schedule(e.time() + delays[j], kinds[j], e.epoch() + 1, j);
    }
    s.cursor = cursor;
    return sum;
  }

  /** One trial of the Llama 3 run (a different trial each call), as time per trial. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public TrialResult oneTrial16kGpu54Days(Llama3Run s) {
    return MonteCarlo.trial(s.parameters, SEED, s.nextTrial++, TimelineSink.NONE);
  }

  /** What {@code ironworks simulate --threads 2} does once the run is set up: 1,000 trials. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 1, time = 1)
  @Measurement(iterations = 3, time = 1)
  public SimulationReport thousandTrials16kGpu54Days(Llama3Run s) {
    return MonteCarlo.run(s.parameters, TRIALS, SEED, THREADS, done -> {});
  }
}
