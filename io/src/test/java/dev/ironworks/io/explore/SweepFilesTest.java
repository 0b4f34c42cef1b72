package dev.ironworks.io.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A figure's remembered text is always its own, whatever shared its slot before. */
class SweepFilesTest {
  @Test
  void rememberedTextsAreThoseOfDoubleToString() {
    SplittableRandom random = new SplittableRandom(7);
    double[] recurring = new double[50];
    for (int i = 0; i < recurring.length; i++) {
      recurring[i] = random.nextDouble() * Math.pow(10, random.nextInt(-5, 12));
    }
    // Far more distinct values than slots, mixed with a few that come back again and again.
    for (int i = 0; i < 200_000; i++) {
      double v =
          i % 3 == 0
              ? recurring[random.nextInt(recurring.length)]
              : Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(v)) {
        continue;
      }
      assertEquals(Double.toString(v), SweepFiles.text(v));
    }
    for (double v : new double[] {0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, Double.MAX_VALUE}) {
      assertEquals(Double.toString(v), SweepFiles.text(v));
    }
  }
}
