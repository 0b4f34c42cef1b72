package dev.ironworks.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Checkpoint intervals (Young 1974; Daly 2006, FGCS 22(3)) and Daly's expected wall time.
 *
 * <p>Published-number cases: Daly 2006 works δ = 5 min against M = 24 h, 6 h and 15 min and prints
 * his optimum to 0.1 min (116.7, 56.7, 9.14 min) beside Young's (120, 60, 12.25 min); the build
 * fails if the formulas drift beyond that printed precision.
 */
class CheckpointingTest {
  private static final double MINUTE = 60;
  private static final double HOUR = 3600;

  /** Daly prints 116.7 and 56.7 to 0.1 min and 9.14 to 0.01 min: half a unit in the last place. */
  private static final double PRINTED_TENTH_MINUTE = 0.05 * MINUTE;

  private static final double PRINTED_HUNDREDTH_MINUTE = 0.005 * MINUTE;

  /** Closed forms over a handful of doubles. */
  private static final double EXACT_RELATIVE = 1e-12;

  private static final double DELTA = 5 * MINUTE;

  private static void assertWithin(double expected, double actual, double relative) {
    assertEquals(expected, actual, Math.abs(expected) * relative);
  }

  /** Daly's eq. 37 written out again, term by term, for the by-hand checks. */
  private static double dalyByHand(double delta, double mtbf) {
    double x = delta / (2 * mtbf);
    return Math.sqrt(2 * delta * mtbf) * (1 + Math.sqrt(x) / 3 + x / 9) - delta;
  }

  @Test
  void youngMatchesDalysWorkedExamples() {
    // √(2 · 5 min · 1440 min) = √14400 = 120 min; √(2 · 5 · 360) = 60; √(2 · 5 · 15) = √150.
    assertWithin(120 * MINUTE, Checkpointing.youngSeconds(DELTA, 24 * HOUR), EXACT_RELATIVE);
    assertWithin(60 * MINUTE, Checkpointing.youngSeconds(DELTA, 6 * HOUR), EXACT_RELATIVE);
    assertWithin(
        Math.sqrt(150) * MINUTE, Checkpointing.youngSeconds(DELTA, 15 * MINUTE), EXACT_RELATIVE);
    assertEquals(
        12.25 * MINUTE, Checkpointing.youngSeconds(DELTA, 15 * MINUTE), PRINTED_HUNDREDTH_MINUTE);
  }

  @Test
  void dalyMatchesHisWorkedExampleForADayMtbf() {
    // M = 1440 min: δ/2M = 5/2880; 120 · (1 + ⅓·0.041667 + 0.0017361/9) − 5 = 116.690 min.
    double tau = Checkpointing.dalySeconds(DELTA, 24 * HOUR);
    assertWithin(dalyByHand(DELTA, 24 * HOUR), tau, EXACT_RELATIVE);
    assertEquals(116.6898 * MINUTE, tau, 0.0001 * MINUTE);
    assertEquals(116.7 * MINUTE, tau, PRINTED_TENTH_MINUTE);
  }

  @Test
  void dalyMatchesHisWorkedExampleForASixHourMtbf() {
    // M = 360 min: δ/2M = 1/144; 60 · (1 + ⅓·(1/12) + (1/144)/9) − 5 = 56.713 min.
    double tau = Checkpointing.dalySeconds(DELTA, 6 * HOUR);
    assertEquals((60 * (1 + 1.0 / 36 + 1.0 / 1296) - 5) * MINUTE, tau, 1e-9);
    assertEquals(56.7 * MINUTE, tau, PRINTED_TENTH_MINUTE);
  }

  @Test
  void dalyMatchesHisWorkedExampleForAFifteenMinuteMtbf() {
    // M = 15 min: δ/2M = 1/6; √150 · (1 + ⅓·√(1/6) + (1/6)/9) − 5 = 9.1409 min.
    double tau = Checkpointing.dalySeconds(DELTA, 15 * MINUTE);
    assertEquals(
        (Math.sqrt(150) * (1 + Math.sqrt(1.0 / 6) / 3 + 1.0 / 54) - 5) * MINUTE, tau, 1e-9);
    assertEquals(9.14 * MINUTE, tau, PRINTED_HUNDREDTH_MINUTE);
  }

  @Test
  void dalyIsShorterThanYoungByAboutTheCheckpointCost() {
    // For δ ≪ M the bracket is ≈ 1, so Daly ≈ Young − δ (+ δ/3 from the √ term).
    double young = Checkpointing.youngSeconds(DELTA, 24 * HOUR);
    double daly = Checkpointing.dalySeconds(DELTA, 24 * HOUR);
    assertTrue(daly < young);
    assertEquals(young - DELTA + DELTA / 3, daly, 0.01 * DELTA);
  }

  @Test
  void checkpointCostingTwiceTheMtbfOrMoreCheckpointsEveryMtbf() {
    double mtbf = 10 * MINUTE;
    assertEquals(mtbf, Checkpointing.dalySeconds(2 * mtbf, mtbf), 0.0);
    assertEquals(mtbf, Checkpointing.dalySeconds(3 * mtbf, mtbf), 0.0);
    assertEquals(mtbf, Checkpointing.dalySeconds(100 * mtbf, mtbf), 0.0);
    // Just below the boundary the formula still applies.
    double below = Math.nextDown(2 * mtbf);
    assertWithin(dalyByHand(below, mtbf), Checkpointing.dalySeconds(below, mtbf), EXACT_RELATIVE);
  }

  @Test
  void expectedWallTimeMatchesDalysEquationByHand() {
    // T = 100 h of work, τ = 1 h, δ = 5 min, R = 10 min, M = 10 h:
    // e^{R/M} = e^{1/60} = 1.0168063; e^{(τ+δ)/M} − 1 = e^{0.108333} − 1 = 0.1144192;
    // 36000 s · 1.0168063 · 0.1144192 · 100 = 418,831.6 s ≈ 116.3 h.
    double work = 100 * HOUR;
    double tau = HOUR;
    double restart = 10 * MINUTE;
    double mtbf = 10 * HOUR;
    double byHand =
        mtbf * Math.exp(restart / mtbf) * (Math.exp((tau + DELTA) / mtbf) - 1) * work / tau;
    double wall = Checkpointing.expectedWallSeconds(work, tau, DELTA, restart, mtbf);
    assertWithin(byHand, wall, 1e-12);
    assertEquals(418_831.6, wall, 0.1);
  }

  @Test
  void expectedWallTimeWithoutFailuresIsWorkPlusCheckpoints() {
    // No failures: T/τ checkpoints of δ each, T(τ + δ)/τ in all; 100 h at 1 h + 5 min = 108⅓ h.
    double work = 100 * HOUR;
    double tau = HOUR;
    double failureFree = work * (tau + DELTA) / tau;
    assertEquals(108 * HOUR + 20 * MINUTE, failureFree, 1e-9);
    assertEquals(
        failureFree,
        Checkpointing.expectedWallSeconds(work, tau, DELTA, 10 * MINUTE, Double.POSITIVE_INFINITY),
        1e-9);
    // And the finite formula tends to it as M grows: the excess is ≈ T(τ+δ)²/(2τM) + TR(τ+δ)/(τM).
    double previousExcess = Double.POSITIVE_INFINITY;
    for (double mtbf = 1e3 * HOUR; mtbf <= 1e9 * HOUR; mtbf *= 10) {
      double excess =
          Checkpointing.expectedWallSeconds(work, tau, DELTA, 10 * MINUTE, mtbf) - failureFree;
      assertTrue(excess > 0, "failures only add time");
      assertTrue(excess < previousExcess, "fewer failures, less excess");
      double firstOrder =
          work * (tau + DELTA) * (tau + DELTA) / (2 * tau * mtbf)
              + work * 10 * MINUTE * (tau + DELTA) / (tau * mtbf);
      assertEquals(firstOrder, excess, 0.01 * firstOrder + 1e-12 * failureFree);
      previousExcess = excess;
    }
  }

  @Test
  void dalysIntervalMinimisesTheExpectedWallTime() {
    // Over a grid of τ from 0.2× to 5× Daly's in 0.1% steps, the τ with the least expected wall
    // time lies within 1% of Daly's, and Daly's costs at most 0.01% more than the grid's best.
    double work = 1000 * HOUR;
    double restart = 10 * MINUTE;
    for (double mtbf : new double[] {24 * HOUR, 6 * HOUR, 15 * MINUTE, 10 * HOUR}) {
      double daly = Checkpointing.dalySeconds(DELTA, mtbf);
      double best = Double.NaN;
      double bestWall = Double.POSITIVE_INFINITY;
      for (double f = 0.2; f <= 5; f += 0.001) {
        double wall = Checkpointing.expectedWallSeconds(work, f * daly, DELTA, restart, mtbf);
        if (wall < bestWall) {
          bestWall = wall;
          best = f * daly;
        }
      }
      assertEquals(daly, best, 0.01 * daly, "M = " + mtbf + " s");
      double atDaly = Checkpointing.expectedWallSeconds(work, daly, DELTA, restart, mtbf);
      assertTrue(atDaly <= bestWall * 1.0001, "M = " + mtbf + " s");
    }
  }

  @Test
  void firstOrderWasteByHand() {
    // δ/τ + (τ + δ)/(2M) + R/M = 5/60 + 65/1200 + 10/600
    //   = 0.083333 + 0.054167 + 0.016667 = 0.154167.
    double waste = Checkpointing.firstOrderWaste(HOUR, DELTA, 10 * MINUTE, 10 * HOUR);
    assertEquals(5.0 / 60 + 65.0 / 1200 + 10.0 / 600, waste, 1e-12);
    // Daly's exact wall time lies between the first-order bounds T(1 + waste) and T/(1 − waste):
    // 115.4 h ≤ 116.3 h ≤ 118.2 h for T = 100 h.
    double work = 100 * HOUR;
    double daly = Checkpointing.expectedWallSeconds(work, HOUR, DELTA, 10 * MINUTE, 10 * HOUR);
    assertTrue(work * (1 + waste) <= daly, "lower bound");
    assertTrue(daly <= work / (1 - waste), "upper bound");
  }
}
