package dev.ironworks.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Cases that once broke: no maintenance, free checkpoints, maintenance stalls at busy power. */
class RegressionTest {
  private static final Provenance TEST = new Provenance("estimate: test", "2025-01", "");

  private static ReliabilityReport analyse(double maintenancePerDay, OptionalDouble writeSeconds) {
    FailureRates rates =
        new FailureRates(
            "test",
            OptionalDouble.of(3),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            0,
            1,
            TEST);
    ReliabilitySpec spec =
        new ReliabilitySpec(
            rates,
            10,
            new CheckpointSpec(OptionalDouble.empty(), false, writeSeconds),
            OptionalInt.of(100),
            24,
            maintenancePerDay);
    return ReliabilityModel.analyze(
        spec,
        new ComponentCounts(512, 64, 0, 0),
        new ReliabilityModel.RunFigures(
            10 * 86400, 1e12, 1e10, 512, 1e6, 2e5, 1.2, 0.4, 0, 2, 512));
  }

  @Test
  void aRunWithoutPlannedMaintenanceSimulates() {
    ReliabilityReport report = analyse(0, OptionalDouble.empty());
    RunParameters p = RunSetup.from(report);
    SimulationReport sim = MonteCarlo.run(p, 50, 3, 1, done -> {});
    assertEquals(0, sim.incomplete());
    assertTrue(sim.goodput().mean() > 0 && sim.goodput().mean() < 1);
  }

  @Test
  void aFreeCheckpointGivesFiniteFigures() {
    ReliabilityReport report = analyse(0, OptionalDouble.of(0));
    assertTrue(Double.isFinite(report.goodput()), "goodput " + report.goodput());
    assertTrue(Double.isFinite(report.wallClockDays()));
    assertTrue(report.goodput() > 0.9);
  }

  @Test
  void aMaintenanceCheckpointDrawsBusyPower() {
    // With no failures and one stop a day, every stall is at busy power and every restart idle:
    // energy = (work + stops × stall) × busy + stops × restart × idle, × PUE.
    double work = 86400 * 2;
    double stall = 600;
    double restart = 1200;
    long[] counts = new long[ComponentClass.values().length];
    double[] mtbf = new double[ComponentClass.values().length];
    java.util.Arrays.fill(mtbf, Double.POSITIVE_INFINITY);
    RunParameters p =
        new RunParameters(
            work, work * 2, stall, 0, false, restart, 0, 3600, 86400, counts, mtbf, 1, 1e6, 1e5,
            1.0, work * 10);
    TrialResult r = MonteCarlo.trial(p, 11, 0, TimelineSink.NONE);
    int stops = r.planned();
    assertTrue(stops >= 1);
    double expectedJoules = (work + stops * stall) * 1e6 + stops * restart * 1e5;
    assertEquals(expectedJoules / 3.6e9, r.energyMwh(), 1e-9);
  }
}
