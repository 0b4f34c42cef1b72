package dev.ironworks.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Nearest-rank percentiles: the ⌈q·n⌉-th smallest value; the mean and its standard error. */
class PercentilesTest {
  @Test
  void fiveValuesByHand() {
    // Sorted {1, 1, 3, 4, 5}: p10 = ⌈0.5⌉ = 1st = 1, p50 = ⌈2.5⌉ = 3rd = 3, p90 = ⌈4.5⌉ = 5th = 5.
    // Mean 14/5 = 2.8; squared deviations 3.24 + 3.24 + 0.04 + 1.44 + 4.84 = 12.8, sample variance
    // 12.8/4 = 3.2, standard error √(3.2/5) = 0.8.
    Percentiles p = Percentiles.of(new double[] {3, 1, 4, 1, 5});
    assertEquals(1, p.p10(), 0.0);
    assertEquals(3, p.p50(), 0.0);
    assertEquals(5, p.p90(), 0.0);
    assertEquals(2.8, p.mean(), 1e-15);
    assertEquals(0.8, p.standardError(), 1e-15);
  }

  @Test
  void tenValuesLandOnExactRanks() {
    // 1…10 reversed: p10 = 1st = 1, p50 = 5th = 5 (nearest rank, not the 5.5 midpoint), p90 = 9th.
    Percentiles p = Percentiles.of(new double[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1});
    assertEquals(1, p.p10(), 0.0);
    assertEquals(5, p.p50(), 0.0);
    assertEquals(9, p.p90(), 0.0);
    assertEquals(5.5, p.mean(), 0.0);
  }

  @Test
  void oneValueIsEveryPercentileWithAnUndefinedError() {
    // One sample has no spread to estimate: the standard error is undefined (NaN, null in JSON).
    Percentiles p = Percentiles.of(new double[] {7.25});
    assertEquals(new Percentiles(7.25, 7.25, 7.25, 7.25, Double.NaN), p);
  }

  @Test
  void inputIsNotReordered() {
    double[] values = {3, 1, 2};
    Percentiles.of(values);
    assertEquals(3, values[0], 0.0);
    assertEquals(1, values[1], 0.0);
  }
}
