package dev.ironworks.core.sim;

import static dev.ironworks.core.sim.Runs.DAY;
import static dev.ironworks.core.sim.Runs.HOUR;
import static dev.ironworks.core.sim.Runs.MINUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.reliability.Checkpointing;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The Monte Carlo against Daly's analysis where its assumptions hold, and its determinism.
 *
 * <p>The story: a 100 h run on a job that fails on average every 10 h (exponential), 5 min
 * synchronous checkpoints, 10 min restarts, nothing to wait for, no maintenance. Daly's τ is
 * 74.2 min; he expects ≈ 116 h of wall time. The simulator must agree.
 */
class MonteCarloTest {
  private static final double WORK = 100 * HOUR;
  private static final double MTBF = 10 * HOUR;
  private static final double DELTA = 5 * MINUTE;
  private static final double RESTART = 10 * MINUTE;
  private static final double DALY = Checkpointing.dalySeconds(DELTA, MTBF);

  /** A mean within 3 standard errors: a 0.3% chance of a false alarm for a normal mean. */
  private static final double STANDARD_ERRORS = 3;

  private static RunParameters dalyRun(double interval) {
    return Runs.of(WORK).interval(interval).stall(DELTA).restart(RESTART).jobMtbf(MTBF).build();
  }

  /**
   * Daly's eq. 13 for the run the simulator actually does. Daly charges T/τ whole segments of
   * τ + δ; the simulator checkpoints after each full interval but not after the last piece of
   * work (the job is done): n = ⌈T/τ⌉ − 1 segments of τ + δ, then w = T − nτ of bare compute.
   * Each segment, failures and restarts included, takes M·e^{R/M}·(e^{L/M} − 1) in expectation.
   */
  private static double expectedSimulatedSeconds(double interval) {
    double n = Math.ceil(WORK / interval) - 1;
    double last = WORK - n * interval;
    return Checkpointing.expectedWallSeconds(n * interval, interval, DELTA, RESTART, MTBF)
        + Checkpointing.expectedWallSeconds(last, last, 0, RESTART, MTBF);
  }

  @Test
  void meanCompletionTimeAgreesWithDalyWhereHisAssumptionsHold() {
    // τ = 4,449.7 s; T/τ = 80.9: 80 checkpointed segments and 4,024 s to finish.
    assertEquals(4_449.7, DALY, 0.1);
    double daly = Checkpointing.expectedWallSeconds(WORK, DALY, DELTA, RESTART, MTBF);
    double exact = expectedSimulatedSeconds(DALY);
    SimulationReport r = MonteCarlo.run(dalyRun(DALY), 2_000, 42, 2, done -> {});
    assertEquals(0, r.incomplete());
    double mean = r.completionDays().mean() * DAY;
    double standardError = r.completionDays().standardError() * DAY;
    System.out.printf("daly %.1f exact %.1f sim %.1f se %.1f sd %.1f%n", daly, exact, mean,
        standardError, standardError * Math.sqrt(2000));
    System.out.printf("goodput %.6f se %.6f; work/exact %.6f; work/daly %.6f%n",
        r.goodput().mean(), r.goodput().standardError(), WORK / exact, WORK / daly);
    assertEquals(exact, mean, STANDARD_ERRORS * standardError);
  }
}
