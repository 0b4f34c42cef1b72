package dev.ironworks.core.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Distribution}: quantile functions against closed forms and published values of Φ⁻¹, and
 * sampling by inversion.
 *
 * <p>The story: model FLOP utilisation is uncertain, most likely 8 %, no lower than 5 % and no
 * higher than 14 % — a triangular distribution on [0.05, 0.14] with its mode at 0.08.
 */
class DistributionTest {
  private static final double LOW = 0.05;
  private static final double MODE = 0.08;
  private static final double HIGH = 0.14;
  private static final Distribution.Triangular MFU = new Distribution.Triangular(LOW, MODE, HIGH);

  /** Φ(1), the standard normal's cumulative share below one standard deviation. */
  private static final double PHI_OF_ONE = 0.8413447460685429;

  /** Acklam's approximation is good to 1.15e-9 relative; 1e-8 absolute covers |x| ≤ 5. */
  private static final double ACKLAM = 1e-8;

  @Test
  void theTriangularMedianSitsAboveTheModeOfARightSkewedMfu() {
    // The mode holds (c − a)/(b − a) = 0.03/0.09 = 1/3 of the mass below it, so the median is on
    // the upper side: 1 − p = (b − x)² / ((b − a)(b − c)) gives x = b − √(0.5 · 0.09 · 0.06).
    double expected = HIGH - Math.sqrt(0.5 * (HIGH - LOW) * (HIGH - MODE));
    assertEquals(0.14 - Math.sqrt(0.0027), expected, 1e-15);
    assertEquals(0.0880384757729337, MFU.quantile(0.5), 1e-15);
    assertEquals(expected, MFU.median(), 1e-15);
  }

  @Test
  void theModeIsTheQuantileAtItsCumulativeShare() {
    double modeShare = (MODE - LOW) / (HIGH - LOW);
    assertEquals(1.0 / 3, modeShare, 1e-15);
    assertEquals(MODE, MFU.quantile(modeShare), 1e-15);
  }

  @Test
  void theLowerTailFollowsTheRisingEdge() {
    // p = (x − a)² / ((b − a)(c − a)) below the mode: the P10 is a + √(0.1 · 0.09 · 0.03).
    double p10 = LOW + Math.sqrt(0.1 * (HIGH - LOW) * (MODE - LOW));
    assertEquals(0.05 + Math.sqrt(0.00027), p10, 1e-15);
    assertEquals(p10, MFU.quantile(0.1), 1e-15);
    // The P90 from the falling edge: b − √(0.1 · 0.09 · 0.06).
    assertEquals(HIGH - Math.sqrt(0.1 * (HIGH - LOW) * (HIGH - MODE)), MFU.quantile(0.9), 1e-15);
    assertEquals(LOW, MFU.quantile(1e-15), 1e-8);
    assertEquals(HIGH, MFU.quantile(1 - 1e-15), 1e-8);
  }

  @Test
  void aTriangularWithItsModeAtAnEndIsAllowed() {
    Distribution.Triangular rising = new Distribution.Triangular(0, 1, 1);
    // F(x) = x², so the median is √0.5.
    assertEquals(Math.sqrt(0.5), rising.median(), 1e-15);
    Distribution.Triangular falling = new Distribution.Triangular(0, 0, 1);
    // F(x) = 1 − (1 − x)², so the median is 1 − √0.5.
    assertEquals(1 - Math.sqrt(0.5), falling.median(), 1e-15);
  }

  @Test
  void theMeanOfManyTriangularDrawsIsTheMeanOfItsCorners() {
    // Mean (a + b + c)/3 = 0.09, sd √((a² + b² + c² − ab − ac − bc)/18) ≈ 0.0187; over 100,000
    // draws the standard error is 5.9e-5 (0.07 %), so 0.5 % is about 7.6 standard errors.
    int draws = 100_000;
    SplittableRandom rng = new SplittableRandom(42);
    double sum = 0;
    for (int i = 0; i < draws; i++) {
      double x = MFU.sample(rng);
      assertTrue(x >= LOW && x <= HIGH, () -> "draw " + x);
      sum += x;
    }
    double mean = (LOW + MODE + HIGH) / 3;
    assertEquals(mean, sum / draws, 0.005 * mean);
  }

  @Test
  void sampleIsTheQuantileOfTheGeneratorsNextDouble() {
    double u = new SplittableRandom(99).nextDouble();
    assertEquals(MFU.quantile(u), MFU.sample(new SplittableRandom(99)), 0.0);
    assertEquals(MFU.sample(new SplittableRandom(5)), MFU.sample(new SplittableRandom(5)), 0.0);
  }

  @Test
  void theLogNormalMedianIsItsMedianParameter() {
    Distribution.LogNormal price = new Distribution.LogNormal(1.7, 0.3);
    assertEquals(1.7, price.median(), 1.7 * 1e-15);
    assertEquals(1.7, price.quantile(0.5), 1.7 * 1e-15);
  }

  @Test
  void theLogNormalOneSigmaQuantileIsTheMedianTimesESigma() {
    double median = 1.7;
    for (double sigma : new double[] {0.1, 0.3, 0.5}) {
      Distribution.LogNormal d = new Distribution.LogNormal(median, sigma);
      // 0.8413 is Φ(1) to four places: ln x moves σ · (Φ⁻¹(0.8413) − 1) ≈ −1.85e-4 σ, within 1e-4.
      assertEquals(median * Math.exp(sigma), d.quantile(0.8413), median * Math.exp(sigma) * 1e-4);
      assertEquals(median * Math.exp(sigma), d.quantile(PHI_OF_ONE), median * 1e-8);
      assertEquals(median / Math.exp(sigma), d.quantile(1 - PHI_OF_ONE), median * 1e-8);
    }
    assertEquals(median, new Distribution.LogNormal(median, 0).quantile(0.99), 1e-15);
  }

  @Test
  void standardNormalQuantilesMatchPublishedValues() {
    // The familiar 1.96 of a two-sided 95 % interval, to the precision of Acklam's approximation.
    assertEquals(1.959963984540054, Distribution.Normal.standardQuantile(0.975), ACKLAM);
    assertEquals(0.0, Distribution.Normal.standardQuantile(0.5), 0.0);
    assertEquals(1.2815515655446004, Distribution.Normal.standardQuantile(0.9), ACKLAM);
    assertEquals(2.3263478740408408, Distribution.Normal.standardQuantile(0.99), ACKLAM);
    assertEquals(3.090232306167813, Distribution.Normal.standardQuantile(0.999), ACKLAM);
    assertEquals(-4.753424308822899, Distribution.Normal.standardQuantile(1e-6), ACKLAM);
    assertEquals(1.0, Distribution.Normal.standardQuantile(PHI_OF_ONE), ACKLAM);
  }

  @Test
  void theStandardNormalQuantileIsSymmetric() {
    for (int i = 1; i < 10_000; i++) {
      double p = i / 10_000.0;
      double x = Distribution.Normal.standardQuantile(p);
      assertEquals(-x, Distribution.Normal.standardQuantile(1 - p), ACKLAM, () -> "p = " + p);
    }
    assertEquals(
        -Distribution.Normal.standardQuantile(1e-9),
        Distribution.Normal.standardQuantile(1 - 1e-9),
        1e-6);
  }

  @Test
  void theStandardNormalQuantileRisesThroughoutIncludingAcrossItsBranches() {
    double previous = Double.NEGATIVE_INFINITY;
    for (int i = 1; i < 100_000; i++) {
      double p = i / 100_000.0;
      double x = Distribution.Normal.standardQuantile(p);
      assertTrue(x > previous, () -> "not rising at p = " + p);
      previous = x;
    }
    // Acklam switches formulas at 0.02425 and 0.97575: step finely across each switch.
    for (double edge : new double[] {0.02425, 1 - 0.02425}) {
      double before = Double.NEGATIVE_INFINITY;
      for (int k = -50; k <= 50; k++) {
        double p = edge + k * 1e-7;
        double x = Distribution.Normal.standardQuantile(p);
        assertTrue(x > before, () -> "not rising at p = " + p);
        before = x;
      }
    }
  }

  @Test
  void theStandardNormalQuantileRefusesPOutsideTheOpenUnitInterval() {
    for (double p : new double[] {0, 1, -0.1, 1.1, Double.NaN}) {
      assertThrows(
          IllegalArgumentException.class, () -> Distribution.Normal.standardQuantile(p), "p " + p);
    }
  }

  @Test
  void aNormalIsTheStandardOneScaledAndShifted() {
    Distribution.Normal d = new Distribution.Normal(100, 15);
    assertEquals(100, d.median(), 0.0);
    assertEquals(100 + 15 * 1.959963984540054, d.quantile(0.975), 15 * ACKLAM);
    assertEquals(100 - 15 * 1.959963984540054, d.quantile(0.025), 15 * ACKLAM);
    assertEquals(7, new Distribution.Normal(7, 0).quantile(0.9), 0.0);
  }

  @Test
  void aUniformQuantileIsLinear() {
    Distribution.Uniform pue = new Distribution.Uniform(1.1, 1.5);
    assertEquals(1.3, pue.median(), 1e-15);
    assertEquals(1.1 + 0.25 * 0.4, pue.quantile(0.25), 1e-15);
    assertEquals(1.1 + 0.9 * 0.4, pue.quantile(0.9), 1e-15);
    double x = pue.sample(new SplittableRandom(3));
    assertTrue(x >= 1.1 && x <= 1.5);
  }

  @Test
  void invalidParametersThrow() {
    assertThrows(IllegalArgumentException.class, () -> new Distribution.Triangular(0.1, 0.05, 0.2));
    assertThrows(IllegalArgumentException.class, () -> new Distribution.Triangular(0.1, 0.3, 0.2));
    assertThrows(IllegalArgumentException.class, () -> new Distribution.Triangular(0.1, 0.1, 0.1));
    assertThrows(IllegalArgumentException.class, () -> new Distribution.Triangular(0.2, 0.1, 0.1));
    assertThrows(
        IllegalArgumentException.class, () -> new Distribution.Triangular(0, Double.NaN, 1));

    assertThrows(IllegalArgumentException.class, () -> new Distribution.LogNormal(0, 0.3));
    assertThrows(IllegalArgumentException.class, () -> new Distribution.LogNormal(-1, 0.3));
    assertThrows(IllegalArgumentException.class, () -> new Distribution.LogNormal(1, -0.1));
    assertThrows(IllegalArgumentException.class, () -> new Distribution.LogNormal(Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> new Distribution.LogNormal(1, Double.NaN));

    assertThrows(IllegalArgumentException.class, () -> new Distribution.Uniform(1, 1));
    assertThrows(IllegalArgumentException.class, () -> new Distribution.Uniform(2, 1));
    assertThrows(IllegalArgumentException.class, () -> new Distribution.Uniform(Double.NaN, 1));

    assertThrows(IllegalArgumentException.class, () -> new Distribution.Normal(0, -1));
    assertThrows(IllegalArgumentException.class, () -> new Distribution.Normal(0, Double.NaN));
  }
}
