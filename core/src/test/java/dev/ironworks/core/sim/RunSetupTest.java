package dev.ironworks.core.sim;

import static dev.ironworks.core.sim.Runs.DAY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ironworks.core.catalog.FailureRates;
import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.reliability.ComponentCounts;
import dev.ironworks.core.reliability.ReliabilityModel;
import dev.ironworks.core.reliability.ReliabilityReport;
import dev.ironworks.core.scenario.CheckpointSpec;
import dev.ironworks.core.scenario.ReliabilitySpec;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The simulated run is the analysed one: a plan's reliability report becomes the simulator's
 * parameters, and the simulation lands near the analysis.
 *
 * <p>The story: 1,024 GPUs (3-year MTBF, 1.4 failures a day) and 128 hosts (6-year) train for 30
 * days, writing a 1.2 TB checkpoint to 10 GB/s storage (120 s) at Daly's interval, restarting in 10
 * min, with one planned stop a day and ample spares.
 */
class RunSetupTest {
  private static final Provenance TEST = new Provenance("estimate: test", "2025-01", "");
  private static final double YEAR = ReliabilityModel.DAYS_PER_YEAR * DAY;

  private static ReliabilityReport analysed() {
    FailureRates rates =
        new FailureRates(
            "test",
            OptionalDouble.of(3),
            OptionalDouble.of(6),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            0.5,
            1,
            TEST);
    ReliabilitySpec spec =
        new ReliabilitySpec(rates, 10, CheckpointSpec.auto(), OptionalInt.of(1_000), 24, 1);
    return ReliabilityModel.analyze(
        spec,
        new ComponentCounts(1024, 128, 0, 16),
        new ReliabilityModel.RunFigures(
            30 * DAY, 1.2e12, 1e10, 1024, 1.0e6, 0.3e6, 1.2, 0.4, 0, 2, 1024));
  }

  @Test
  void parametersCarryTheAnalysedRun() {
    ReliabilityReport r = analysed();
    RunParameters p = RunSetup.from(r);
    assertEquals(30 * DAY, p.workSeconds(), 1e-6);
    assertEquals(r.checkpointIntervalSeconds(), p.intervalSeconds(), 0.0);
    assertEquals(120, p.stallSeconds(), 1e-9);
    assertEquals(0, p.writeSeconds(), 0.0);
    assertFalse(p.async());
    assertEquals(600, p.restartSeconds(), 0.0);
    assertEquals(1_000, p.spareServers());
    assertEquals(24 * 3_600, p.repairSeconds(), 0.0);
    assertEquals(DAY, p.maintenancePeriodSeconds(), 0.0);
    // GPUs, hosts, NICs, switches, software (per GPU), link flaps (one fabric-wide "component").
    assertArrayEquals(new long[] {1024, 128, 0, 16, 1024, 1}, p.counts());
    double inf = Double.POSITIVE_INFINITY;
    assertArrayEquals(
        new double[] {3 * YEAR, 6 * YEAR, inf, inf, inf, DAY / 0.5}, p.mtbfSeconds(), 1e-3);
    assertEquals(RunSetup.LIMIT_FACTOR * 30 * DAY, p.limitSeconds(), 1e-3);
    // The simulator's total failure rate is the analysis's.
    assertEquals(r.failuresPerDay(), p.failureProcess().totalRatePerSecond() * DAY, 1e-12);
  }

  @Test
  void simulationLandsNearTheAnalysis() {
    // 200 trials of a ≈ 32.6-day run; the mean's standard error is ≈ 0.016 d (0.05%). The
    // analysis treats maintenance to first order (each stop costs δ + R on top of the periodic
    // checkpoints); in the simulator a stop's checkpoint also restarts the interval count, saving
    // most of a periodic 120 s checkpoint per stop: ≈ 32 × 0.9 × 120 s ≈ 1 h, 0.12% of the run.
    // Allow that bias plus 3 standard errors: 0.3%.
    ReliabilityReport r = analysed();
    SimulationReport s = MonteCarlo.run(RunSetup.from(r), 200, 1, 2, done -> {});
    assertEquals(0, s.incomplete());
    assertEquals(r.wallClockDays(), s.completionDays().mean(), 0.003 * r.wallClockDays());
    assertEquals(r.goodput(), s.goodput().mean(), 0.003);
    assertEquals(
        r.expectedInterruptions(), s.interruptions().mean(), 0.03 * r.expectedInterruptions());
  }
}
