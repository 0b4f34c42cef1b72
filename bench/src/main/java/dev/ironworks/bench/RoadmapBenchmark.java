package dev.ironworks.bench;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.roadmap.RoadmapInputs;
import dev.ironworks.core.roadmap.RoadmapPlanner;
import dev.ironworks.core.roadmap.RoadmapResult;
import dev.ironworks.core.roadmap.Terms;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.scenario.roadmap.Strategy;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.scenario.ScenarioReader;
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
 * The roadmap of a frontier lab over 10 years on 3 sites with 5 generations (the speed target: an
 * optimisation under 10 s on one core, an evaluation without one under 10 ms). The inputs (the
 * planner run for each generation at each site and on each demand) are worked out once in the
 * set-up and timed apart ({@link #inputs}); the solver runs on one thread.
 *
 * <p>The scenario is examples/roadmaps/frontier-lab-two-sites.yaml with a third site: Norway,
 * hydro-powered, 200 MW of grid from 2028.
 */
@State(Scope.Benchmark)
public class RoadmapBenchmark {
  static final String SCENARIO =
      """
      name: bench-roadmap-3-sites
      roadmap:
        fromYear: 2026
        toYear: 2035
        blockAccelerators: 4608
        generations:
          - accelerator: nvidia-h200
          - accelerator: nvidia-gb200
          - accelerator: nvidia-gb300
          - accelerator: nvidia-vr200
          - accelerator: nvidia-rubin-ultra
        demand:
          training:
            - {name: pretraining, model: llama3-405b, tokens: 15.6e12, growthPerYear: 2.5,
               deadlineDays: 90}
          serving:
            - {name: assistant, model: llama3-70b, tokensPerDay: 1.0e11, growthPerYear: 2.5,
               promptTokens: 1500, outputTokens: 300, peakToAverage: 2, precision: fp8,
               latency: {ttftMillis: 500, tpotMillis: 40}}
        sites:
          - id: texas
            region: us-texas
            cooling: liquid-rack-scale
            grid: [{fromYear: 2026, megawatts: 300}, {fromYear: 2030, megawatts: 600}]
            existingMegawatts: 200
            maxMegawatts: 2000
            power:
              gas: {maxMegawatts: 400}
              solar: {maxMegawatts: 500}
              battery: {maxMegawattHours: 2000}
          - id: wisconsin
            region: us-average
            cooling: liquid-rack-scale
            grid: [{fromYear: 2026, megawatts: 150}]
            maxMegawatts: 1000
            openingUsd: 5.0e7
            power:
              ppa: [{name: wind, usdPerMwh: 50, fromYear: 2027, megawatts: 300, capacityFactor: 0.4}]
              nuclear: {usdPerMwh: 95, megawatts: 300, fromYear: 2030}
          - id: norway
            region: norway
            cooling: liquid-rack-scale
            grid: [{fromYear: 2028, megawatts: 200}]
            maxMegawatts: 500
            openingUsd: 5.0e7
        finance:
          costOfCapital: 0.09
          cloudBurst:
            - {accelerator: nvidia-h200, usdPerAcceleratorHour: 3.0}
            - {accelerator: nvidia-gb200, usdPerAcceleratorHour: 6.0}
            - {accelerator: nvidia-gb300, usdPerAcceleratorHour: 7.5}
            - {accelerator: nvidia-vr200, usdPerAcceleratorHour: 11}
            - {accelerator: nvidia-rubin-ultra, usdPerAcceleratorHour: 18}
        limits:
          carbonPriceUsdPerTonne: 50
        strategies:
          - {name: refresh-every-3-years, refreshYears: 3}
          - {name: run-to-5-years, refreshYears: 5}
          - {name: grid-and-ppa, gas: false, nuclear: false, solar: false, battery: false}
      """;

  /**
   * The strategy optimised and evaluated: every option open, or a named one (fixed lives, 3 or 5
   * years, leave the solver the least room and so the most nodes).
   */
  @Param({"optimal", "refresh-every-3-years", "run-to-5-years", "grid-and-ppa"})
  public String strategy;

  private Catalog catalog;
  private Scenario scenario;
  private RoadmapInputs inputs;
  private Terms open;

  @Setup(Level.Trial)
  public void setUp() {
    catalog = CatalogLoader.builtin();
    scenario = ScenarioReader.read("bench-roadmap.yaml", SCENARIO, catalog).scenario();
    inputs = RoadmapInputs.of(scenario, catalog);
    open =
        Terms.of(
            inputs.spec(),
            inputs.spec().strategies().stream()
                .filter(s -> s.name().equals(strategy))
                .findFirst()
                .orElse(Strategy.open(strategy)));
    if (inputs.years() != 10 || inputs.siteCount() != 3 || inputs.generations() != 5) {
      throw new IllegalStateException("not a 10-year, 3-site, 5-generation roadmap");
    }
  }

  /** The solver: purchases, refreshes, sites and power sources for 10 years, 3 sites. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public RoadmapResult optimise() {
    return RoadmapPlanner.optimised(inputs, open);
  }

  /** The same roadmap by rule and added up: what a sweep evaluates per design. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public RoadmapResult evaluate() {
    return RoadmapPlanner.ruled(inputs, open);
  }

  /** The inputs: the planner on every generation, site and demand (once per roadmap). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public RoadmapInputs inputs() {
    return RoadmapInputs.of(scenario, catalog);
  }
}
