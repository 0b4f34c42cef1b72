package dev.ironworks.core.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * {@link Constraint}: a bound on one plan figure, and the text that says by how much a design
 * breaks it.
 *
 * <p>The story: a site with a 100 MW grid connection (a maximum on facility power) and a training
 * run that must keep goodput at or above 0.9 (a minimum).
 */
class ConstraintTest {
  private static final String POWER = "facility.powerMw";
  private static final String GOODPUT = "reliability.goodput";
  private static final double GRID_MW = 100;
  private static final double MIN_GOODPUT = 0.9;

  private static final Constraint GRID = new Constraint(POWER, OptionalDouble.empty(), of(GRID_MW));
  private static final Constraint GOODPUT_FLOOR =
      new Constraint(GOODPUT, of(MIN_GOODPUT), OptionalDouble.empty());

  @Test
  void aDesignOverTheGridLimitIsExcludedByTheShareItExceedsIt() {
    // 112.5 MW against 100 MW: over by 12.5 MW, 12.5 % of the limit.
    double drawMw = 112.5;
    double overPercent = 100 * (drawMw - GRID_MW) / GRID_MW;
    assertEquals(12.5, overPercent, 1e-12);
    assertEquals(
        Optional.of("facility.powerMw 112.5 > max 100.0 (by 12.5%)"), GRID.violation(drawMw));
  }

  @Test
  void aBarelyOverDesignReportsATenthOfAPercent() {
    assertEquals(
        Optional.of("facility.powerMw 100.1 > max 100.0 (by 0.1%)"), GRID.violation(100.1));
  }

  @Test
  void theExcessIsMeasuredAgainstTheMagnitudeOfANegativeBound() {
    // A margin that must stay at or below −10: −5 is 5 over, half of |−10|.
    Constraint margin = new Constraint("margin", OptionalDouble.empty(), of(-10));
    assertEquals(Optional.of("margin -5.000 > max -10.00 (by 50.0%)"), margin.violation(-5));
  }

  @Test
  void aDesignUnderTheMinimumIsExcludedNamingTheBound() {
    Optional<String> v = GOODPUT_FLOOR.violation(0.72);
    assertTrue(v.isPresent());
    assertTrue(v.get().startsWith("reliability.goodput 0.7200 < min 0.9000 (by "), () -> v.get());
    assertTrue(v.get().endsWith("%)"), () -> v.get());
  }

  @Test
  void aShortfallIsTheShareOfTheMinimumMissed() {
    // 0.72 against 0.9: short by 0.18, 20 % of the minimum — as a maximum's excess is a share of
    // the maximum.
    double goodput = 0.72;
    double shortPercent = 100 * (MIN_GOODPUT - goodput) / MIN_GOODPUT;
    assertEquals(20.0, shortPercent, 1e-9);
    assertEquals(
        Optional.of("reliability.goodput 0.7200 < min 0.9000 (by 20.0%)"),
        GOODPUT_FLOOR.violation(goodput));
    assertEquals(
        Optional.of("reliability.goodput 0.000 < min 0.9000 (by 100.0%)"),
        GOODPUT_FLOOR.violation(0));
  }

  @Test
  void aMissingFigureIsAViolation() {
    assertEquals(
        Optional.of("facility.powerMw is not available for this design"),
        GRID.violation(Double.NaN));
    assertTrue(GOODPUT_FLOOR.violation(Double.NaN).isPresent());
    assertTrue(
        new Constraint("x", of(0), of(1)).violation(Double.NaN).isPresent(),
        "NaN is not inside [0, 1]");
  }

  @Test
  void infiniteValuesBreakTheBoundTheyPass() {
    assertTrue(GRID.violation(Double.POSITIVE_INFINITY).isPresent());
    assertTrue(GOODPUT_FLOOR.violation(Double.NEGATIVE_INFINITY).isPresent());
    assertEquals(Optional.empty(), GRID.violation(Double.NEGATIVE_INFINITY));
  }

  @Test
  void aDesignWithinTheBoundsHasNoViolation() {
    assertEquals(Optional.empty(), GRID.violation(80));
    assertEquals(Optional.empty(), GRID.violation(GRID_MW), "the bound itself is allowed");
    assertEquals(Optional.empty(), GOODPUT_FLOOR.violation(0.95));
    assertEquals(Optional.empty(), GOODPUT_FLOOR.violation(MIN_GOODPUT));

    Constraint band = new Constraint("facility.pue", of(1.05), of(1.5));
    assertEquals(Optional.empty(), band.violation(1.05));
    assertEquals(Optional.empty(), band.violation(1.2));
    assertEquals(Optional.empty(), band.violation(1.5));
    assertTrue(band.violation(1.04).isPresent());
    assertTrue(band.violation(1.51).isPresent());
  }

  @Test
  void aConstraintNeedsABound() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Constraint(POWER, OptionalDouble.empty(), OptionalDouble.empty()));
    assertTrue(e.getMessage().contains(POWER), e.getMessage());
  }

  private static OptionalDouble of(double value) {
    return OptionalDouble.of(value);
  }
}
