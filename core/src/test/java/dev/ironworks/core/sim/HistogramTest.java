package dev.ironworks.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Equal-width bins that hold every value of the sample exactly once. */
class HistogramTest {
  @Test
  void binsSplitTheRangeEvenlyAndTheMaximumFallsInTheLastBin() {
    // 0 .. 10 in 5 bins of width 2: [0,2) [2,4) [4,6) [6,8) [8,10].
    Histogram h = Histogram.of(new double[] {0, 1, 2, 3.99, 4, 9.5, 10}, 5);
    assertEquals(5, h.bins().size());
    assertEquals(List.of(2, 2, 1, 0, 2), h.bins().stream().map(Histogram.Bin::count).toList());
    assertEquals(0, h.bins().get(0).from());
    assertEquals(2, h.bins().get(0).to(), 1e-12);
    assertEquals(10, h.bins().get(4).to());
    assertEquals(7, h.total());
  }

  @Test
  void equalValuesMakeOneBinOfWidthZero() {
    Histogram h = Histogram.of(new double[] {3, 3, 3}, 12);
    assertEquals(List.of(new Histogram.Bin(3, 3, 3)), h.bins());
  }

  @Test
  void countsSumToTheSampleSizeAndBinsTileTheRange() {
    SplittableRandom random = new SplittableRandom(7);
    for (int n : new int[] {1, 2, 17, 200, 1_000, 5_000}) {
      double[] values = new double[n];
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        values[i] = 20 + random.nextGaussian() * 0.3;
        min = Math.min(min, values[i]);
        max = Math.max(max, values[i]);
      }
      Histogram h = Histogram.of(values, Histogram.riceBins(n));
      assertEquals(n, h.total(), "n = " + n);
      assertEquals(min, h.bins().get(0).from());
      assertEquals(max, h.bins().get(h.bins().size() - 1).to());
      for (int i = 1; i < h.bins().size(); i++) {
        assertEquals(h.bins().get(i - 1).to(), h.bins().get(i).from(), 1e-12);
      }
    }
  }

  @Test
  void riceRuleGivesTwiceTheCubeRoot() {
    assertEquals(2, Histogram.riceBins(1));
    assertEquals(12, Histogram.riceBins(200)); // 2 × 5.85 = 11.7
    assertEquals(20, Histogram.riceBins(1_000));
    assertEquals(50, Histogram.riceBins(10_000_000)); // capped
  }

  @Test
  void refusesAnEmptySampleAndValuesThatAreNotFinite() {
    assertThrows(IllegalArgumentException.class, () -> Histogram.of(new double[0], 3));
    assertThrows(
        IllegalArgumentException.class, () -> Histogram.of(new double[] {1, Double.NaN}, 3));
    assertThrows(IllegalArgumentException.class, () -> Histogram.of(new double[] {1}, 0));
  }
}
