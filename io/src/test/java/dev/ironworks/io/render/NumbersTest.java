package dev.ironworks.io.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** JSON's six significant digits: the quick rounding gives what rounding the exact value gives. */
class NumbersTest {
  private static BigDecimal exact(double value) {
    if (value == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal rounded =
        new BigDecimal(value)
            .round(new MathContext(6, RoundingMode.HALF_EVEN))
            .stripTrailingZeros();
    return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
  }

  @Test
  void sixDigitsRoundsTheExactValueHalfEven() {
    for (double v :
        new double[] {
          1,
          0.1,
          1.5,
          2.5,
          123456.5,
          1234565,
          1234575,
          999999.5,
          9999995,
          0.9999995,
          1e-7,
          1.00000049999,
          69813500,
          56.571,
          1.40642,
          0.718509,
          1e21,
          1e22,
          1e23,
          4.9e-324,
          Double.MAX_VALUE,
          -2.5,
          -123456.75,
          100000,
          1e5 - 1e-9,
          1e6 - 1e-9
        }) {
      assertEquals(exact(v), Numbers.sixDigits(v), Double.toString(v));
      assertEquals(exact(-v), Numbers.sixDigits(-v), Double.toString(-v));
    }
  }

  @Test
  void sixDigitsAgreesWithTheExactRoundingOnAMillionRandomValues() {
    SplittableRandom random = new SplittableRandom(20_240_613);
    for (int i = 0; i < 1_000_000; i++) {
      // Any magnitude from 10^-30 to 10^30, and values on a grid of 7 digits (near the ties).
      double v =
          i % 2 == 0
              ? Math.pow(10, random.nextDouble(-30, 30)) * (random.nextBoolean() ? 1 : -1)
              : random.nextLong(1_000_000, 10_000_000) / 10.0 * Math.pow(10, random.nextInt(-8, 9));
      assertEquals(exact(v), Numbers.sixDigits(v), Double.toString(v));
    }
  }
}
