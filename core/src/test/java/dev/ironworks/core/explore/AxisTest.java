package dev.ironworks.core.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Axis}: the values a sweep takes along one scenario field, as scenario-file text. */
class AxisTest {
  private static final String GPUS = "cluster.gpus";
  private static final String MFU = "compute.mfu";

  @Test
  void gpusDoubleFromTwoThousandFortyEightToThirtyTwoThousandSevenHundredSixtyEight() {
    // 2048 · 2^k for k = 0..4: 32768 = 2048 · 2^4 is reached exactly and kept (inclusive end).
    Axis gpus = Axis.geometric(GPUS, 2048, 32768, 2);

    assertEquals(GPUS, gpus.path());
    assertEquals(List.of("2048", "4096", "8192", "16384", "32768"), gpus.values());
    assertEquals(5, gpus.size());
  }

  @Test
  void geometricStopsAtTheLastValueNotAboveTheEnd() {
    // 1, 3, 9; the next, 27, is past 10.
    assertEquals(List.of("1", "3", "9"), Axis.geometric("x", 1, 10, 3).values());
    // from = to gives the single value.
    assertEquals(List.of("64"), Axis.geometric("x", 64, 64, 2).values());
  }

  @Test
  void mfuStepsByThreeHundredthsFromFiveToFourteenPercent() {
    // (0.14 − 0.05) / 0.03 = 3 steps, so 4 values, the end included despite rounding.
    Axis mfu = Axis.arithmetic(MFU, 0.05, 0.14, 0.03);

    assertEquals(List.of("0.05", "0.08", "0.11", "0.14"), mfu.values());
    assertEquals(4, mfu.size());
  }

  @Test
  void arithmeticCountIncludesBothEnds() {
    // 0, 0.1, …, 1.0: eleven values although 1.0 / 0.1 is not exactly 10 in binary.
    Axis axis = Axis.arithmetic("x", 0, 1, 0.1);
    assertEquals(11, axis.size());
    assertEquals("0", axis.values().get(0));
    assertEquals("1", axis.values().get(10));
    // An end that falls between steps is not reached: 0, 0.25, 0.5 up to 0.6.
    assertEquals(List.of("0", "0.25", "0.5"), Axis.arithmetic("x", 0, 0.6, 0.25).values());
  }

  @Test
  void wholeNumbersAreWrittenWithoutADecimalPoint() {
    assertEquals(
        List.of("0.5", "1", "1.5", "2", "2.5"), Axis.arithmetic("x", 0.5, 2.5, 0.5).values());
    assertEquals("1000000000000000", Axis.text(1e15));
    assertEquals("0", Axis.text(-0.0));
    assertEquals("-3", Axis.text(-3));
  }

  @Test
  void decimalsAreWrittenAsPlainTextWithoutExponent() {
    assertEquals("0.0000001", Axis.text(1e-7));
    assertEquals("0.000025", Axis.text(2.5e-5));
    assertEquals("100000000000000000000", Axis.text(1e20));
    assertEquals("1234.5", Axis.text(1234.5));
    // A learning-rate sweep: 1e-5, 2e-5, 4e-5 (doubling is exact in binary).
    assertEquals(
        List.of("0.00001", "0.00002", "0.00004"),
        Axis.geometric("training.learningRate", 1e-5, 4e-5, 2).values());
  }

  @Test
  void decimalStepsAreWrittenAsAScenarioFileWouldHoldThem() {
    List<String> expected = new ArrayList<>();
    for (int tenths = 1; tenths <= 9; tenths++) {
      expected.add("0." + tenths);
    }
    expected.add("1");
    assertEquals(expected, Axis.arithmetic("x", 0.1, 1.0, 0.1).values());
    assertEquals(List.of("0.1", "0.3", "0.9"), Axis.geometric("x", 0.1, 0.9, 3).values());
  }

  @Test
  void valuesAreCopiedSoTheAxisCannotChangeLater() {
    List<String> values = new ArrayList<>(List.of("a", "b"));
    Axis axis = new Axis("x", values);
    values.add("c");
    assertEquals(List.of("a", "b"), axis.values());
  }

  @Test
  void badGeometricBoundsThrowNamingThePath() {
    assertThrowsNaming(GPUS, () -> Axis.geometric(GPUS, 0, 32768, 2));
    assertThrowsNaming(GPUS, () -> Axis.geometric(GPUS, -2048, 32768, 2));
    assertThrowsNaming(GPUS, () -> Axis.geometric(GPUS, 2048, 32768, 1));
    assertThrowsNaming(GPUS, () -> Axis.geometric(GPUS, 2048, 32768, 0.5));
    assertThrowsNaming(GPUS, () -> Axis.geometric(GPUS, 2048, 1024, 2));
    assertThrowsNaming(GPUS, () -> Axis.geometric(GPUS, Double.NaN, 32768, 2));
  }

  @Test
  void badArithmeticBoundsThrowNamingThePath() {
    assertThrowsNaming(MFU, () -> Axis.arithmetic(MFU, 0.05, 0.14, 0));
    assertThrowsNaming(MFU, () -> Axis.arithmetic(MFU, 0.05, 0.14, -0.03));
    assertThrowsNaming(MFU, () -> Axis.arithmetic(MFU, 0.14, 0.05, 0.03));
    assertThrowsNaming(MFU, () -> Axis.arithmetic(MFU, 0.05, 0.14, Double.NaN));
    assertThrowsNaming(MFU, () -> Axis.arithmetic(MFU, 0, 1, 1e-9));
  }

  @Test
  void aStepTooSmallSaysTheAxisWouldTakeTooManyValuesAndTheLimit() {
    // (1 − 0.000001) / 1e-300 ≈ 1e300 values: past any long, once taken for "no values".
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Axis.arithmetic("site.electricityUsdPerKwh", 0.000001, 1.0, 1e-300));
    assertTrue(e.getMessage().contains("site.electricityUsdPerKwh"), e.getMessage());
    assertTrue(e.getMessage().contains("in steps of 1.0E-300"), e.getMessage());
    assertTrue(e.getMessage().contains("more than 1,000,000 values"), e.getMessage());
    assertTrue(e.getMessage().contains("a larger step"), e.getMessage());
    // A factor a hair above 1 likewise.
    IllegalArgumentException g =
        assertThrows(IllegalArgumentException.class, () -> Axis.geometric("x", 1, 2, 1 + 1e-9));
    assertTrue(g.getMessage().contains("more than 1,000,000 values"), g.getMessage());
    assertTrue(g.getMessage().contains("a larger factor"), g.getMessage());
  }

  @Test
  void theSizeOfARangeIsKnownWithoutMakingItsValues() {
    // The 176-byte space of the fuzz: a millionth to 1 in millionths is exactly the limit.
    assertEquals(Axis.MAX_VALUES, Axis.arithmeticSize("x", 0.000001, 1.0, 0.000001));
    // From 0, one more: 1,000,001 values.
    assertThrows(IllegalArgumentException.class, () -> Axis.arithmeticSize("x", 0, 1.0, 0.000001));
    for (double[] r : new double[][] {{0, 1, 0.1}, {0.05, 0.14, 0.03}, {0, 0.6, 0.25}, {3, 3, 1}}) {
      assertEquals(
          Axis.arithmetic("x", r[0], r[1], r[2]).size(),
          Axis.arithmeticSize("x", r[0], r[1], r[2]));
    }
    for (double[] r : new double[][] {{1, 10, 3}, {2048, 32768, 2}, {0.1, 0.9, 3}, {64, 64, 2}}) {
      assertEquals(
          Axis.geometric("x", r[0], r[1], r[2]).size(), Axis.geometricSize("x", r[0], r[1], r[2]));
    }
  }

  @Test
  void anAxisNeedsAPathAndAValue() {
    assertThrows(IllegalArgumentException.class, () -> new Axis(" ", List.of("1")));
    assertThrows(IllegalArgumentException.class, () -> new Axis(null, List.of("1")));
    assertThrowsNaming(GPUS, () -> new Axis(GPUS, List.of()));
  }

  private static void assertThrowsNaming(String path, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().contains(path), () -> "message should name " + path + ": " + e);
  }
}
