package dev.ironworks.core.sim;

import static dev.ironworks.core.sim.Runs.DAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Failure times: one superposed Poisson process, or a Weibull renewal process per component. */
class FailureProcessTest {
  private static final double YEAR = 365.25 * DAY;
  private static final int CLASSES = ComponentClass.values().length;

  private static FailureProcess gpus(long count, double mtbfSeconds, double shape) {
    long[] counts = new long[CLASSES];
    double[] mtbf = new double[CLASSES];
    Arrays.fill(mtbf, Double.POSITIVE_INFINITY);
    counts[ComponentClass.ACCELERATOR.ordinal()] = count;
    mtbf[ComponentClass.ACCELERATOR.ordinal()] = mtbfSeconds;
    return new FailureProcess(counts, mtbf, shape);
  }

  /** Failures in [0, horizon) of a process started with new components. */
  private static int failuresWithin(FailureProcess process, double horizon, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    process.reset(rng);
    int n = 0;
    for (double t = process.next(0, rng); t < horizon; t = process.next(t, rng)) {
      n++;
    }
    return n;
  }

  @Test
  void infantMortalityFailsMoreNewComponentsEarly() {
    // 1,000 new GPUs with a 1-year mean lifetime over their first 30 days. Exponential: 1,000 ×
    // 30/365.25 = 82 failures. Weibull shape 0.7 with the same mean (scale = 1 y / Γ(1 + 1/0.7) =
    // 0.79 y): P(fail by 30 d) = 1 − exp(−(30/288.5)^0.7) = 0.185, so ≈ 185 and a few
    // renewals. Ten seeds each.
    int exponential = 0;
    int weibull = 0;
    for (long seed = 0; seed < 10; seed++) {
      exponential += failuresWithin(gpus(1_000, YEAR, 1), 30 * DAY, seed);
      weibull += failuresWithin(gpus(1_000, YEAR, 0.7), 30 * DAY, seed);
    }
    assertEquals(821, exponential, 4 * Math.sqrt(821));
    assertTrue(weibull > 1.8 * exponential, weibull + " vs " + exponential);
  }

  @Test
  void weibullKeepsTheMeanLifetimeOverALongHorizon() {
    // Over 200 mean lifetimes the renewal rate tends to 1/mean whatever the shape: 100 components
    // fail ≈ 20,000 times (plus a constant excess of 100 × (CV² − 1)/2 ≈ 57 for shape 0.7). The
    // count's spread is √(20,000 × CV²) ≈ 210 (CV² = 2.14), so 3% is about 2.9 of them.
    double mean = 10 * DAY;
    int count = failuresWithin(gpus(100, mean, 0.7), 200 * mean, 3);
    assertEquals(20_000, count, 0.03 * 20_000);
  }

  @Test
  void exponentialClassesFailInProportionToTheirRates() {
    // 300 GPUs and 100 switches with the same MTBF: three GPU failures to each switch failure.
    long[] counts = new long[CLASSES];
    double[] mtbf = new double[CLASSES];
    Arrays.fill(mtbf, Double.POSITIVE_INFINITY);
    counts[ComponentClass.ACCELERATOR.ordinal()] = 300;
    counts[ComponentClass.SWITCH.ordinal()] = 100;
    mtbf[ComponentClass.ACCELERATOR.ordinal()] = YEAR;
    mtbf[ComponentClass.SWITCH.ordinal()] = YEAR;
    FailureProcess process = new FailureProcess(counts, mtbf, 1);
    assertEquals(400 / YEAR, process.totalRatePerSecond(), 1e-20);
    SplittableRandom rng = new SplittableRandom(5);
    process.reset(rng);
    int gpus = 0;
    int n = 20_000;
    double t = 0;
    for (int i = 0; i < n; i++) {
      t = process.next(t, rng);
      if (process.lastClass() == ComponentClass.ACCELERATOR) {
        gpus++;
      } else {
        assertEquals(ComponentClass.SWITCH, process.lastClass());
      }
    }
    assertEquals(0.75, gpus / (double) n, 0.015);
    // And the mean gap is 1/λ = YEAR/400.
    assertEquals(YEAR / 400, t / n, 0.03 * YEAR / 400);
  }

  @Test
  void nothingFailsWithoutAnMtbf() {
    FailureProcess process = gpus(1_000, Double.POSITIVE_INFINITY, 1);
    SplittableRandom rng = new SplittableRandom(1);
    process.reset(rng);
    assertEquals(Double.POSITIVE_INFINITY, process.next(0, rng), 0.0);
    assertNull(process.lastClass());
    FailureProcess weibull = gpus(1_000, Double.POSITIVE_INFINITY, 0.7);
    weibull.reset(rng);
    assertEquals(Double.POSITIVE_INFINITY, weibull.next(0, rng), 0.0);
  }

  @Test
  void gammaFunctionByHand() {
    // Γ(5) = 4! = 24; Γ(1/2) = √π; Γ(3/2) = √π/2; Γ(1 + 1/0.7) = Γ(2.428571) = 1.265823.
    assertEquals(24, FailureProcess.gamma(5), 1e-12);
    assertEquals(Math.sqrt(Math.PI), FailureProcess.gamma(0.5), 1e-13);
    assertEquals(Math.sqrt(Math.PI) / 2, FailureProcess.gamma(1.5), 1e-13);
    assertEquals(1.0, FailureProcess.gamma(1), 1e-14);
    assertEquals(1.265823, FailureProcess.gamma(1 + 1 / 0.7), 1e-6);
  }
}
