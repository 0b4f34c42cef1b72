package dev.ironworks.core.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link Uncertainty}: seeded Monte Carlo percentiles and tornado bars.
 *
 * <p>The story: a training run's cost in $M is 2 · (GPU-hour price in $) + 3 · (PUE excess over 1),
 * with the price normal around $10 (sd $1) and the PUE excess uniform on [0, 2]; a third input, the
 * staff count, is uncertain but the objective ignores it.
 */
class UncertaintyTest {
  private static final long SEED = 1_234_567L;
  private static final double PRICE_COEFFICIENT = 2;
  private static final double PUE_COEFFICIENT = 3;

  private static final Uncertainty.Input PRICE =
      new Uncertainty.Input("cost.gpuHourUsd", new Distribution.Normal(10, 1));
  private static final Uncertainty.Input PUE =
      new Uncertainty.Input("facility.pueExcess", new Distribution.Uniform(0, 2));
  private static final Uncertainty.Input STAFF =
      new Uncertainty.Input("ops.staff", new Distribution.Triangular(5, 8, 20));
  private static final List<Uncertainty.Input> INPUTS = List.of(PRICE, PUE, STAFF);

  private static final ToDoubleFunction<double[]> COST =
      x -> PRICE_COEFFICIENT * x[0] + PUE_COEFFICIENT * x[1];

  @Test
  void theSameSeedGivesTheSameDraws() {
    double[][] first = Uncertainty.draws(INPUTS, 200, SEED);
    double[][] second = Uncertainty.draws(INPUTS, 200, SEED);
    assertEquals(200, first.length);
    for (int i = 0; i < first.length; i++) {
      assertEquals(INPUTS.size(), first[i].length);
      assertArrayEquals(first[i], second[i], 0.0);
    }
  }

  @Test
  void differentSeedsGiveDifferentDraws() {
    double[][] a = Uncertainty.draws(INPUTS, 200, SEED);
    double[][] b = Uncertainty.draws(INPUTS, 200, SEED + 1);
    for (int i = 0; i < a.length; i++) {
      assertFalse(Arrays.equals(a[i], b[i]), "sample " + i);
    }
  }

  @Test
  void sampleIDependsOnlyOnTheSeedAndI() {
    // Fewer samples give a prefix of the same draws, and each row is its own seeded generator.
    double[][] many = Uncertainty.draws(INPUTS, 100, SEED);
    double[][] few = Uncertainty.draws(INPUTS, 10, SEED);
    for (int i = 0; i < few.length; i++) {
      assertArrayEquals(many[i], few[i], 0.0);
      SplittableRandom rng = new SplittableRandom(Uncertainty.sampleSeed(SEED, i));
      for (int j = 0; j < INPUTS.size(); j++) {
        assertEquals(INPUTS.get(j).distribution().sample(rng), many[i][j], 0.0);
      }
    }
  }

  @Test
  void sampleSeedsAreDistinctAcrossIndices() {
    Set<Long> seeds = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      seeds.add(Uncertainty.sampleSeed(SEED, i));
    }
    assertEquals(10_000, seeds.size());
  }

  @Test
  void drawsLieWithinTheirDistributions() {
    for (double[] row : Uncertainty.draws(INPUTS, 1_000, SEED)) {
      assertTrue(row[1] >= 0 && row[1] <= 2);
      assertTrue(row[2] >= 5 && row[2] <= 20);
    }
  }

  @Test
  void summaryPercentilesAreNearestRanksByHand() {
    // Ten values 1..10 in any order: P10 is rank ⌈1⌉ = 1, P50 rank ⌈5⌉ = 5, P90 rank ⌈9⌉ = 9.
    double[] ten = {7, 3, 10, 1, 9, 2, 8, 5, 4, 6};
    double[] copy = ten.clone();
    assertEquals(new Uncertainty.Summary(1, 5, 9), Uncertainty.Summary.of(ten));
    assertArrayEquals(copy, ten, 0.0, "the input is not sorted in place");

    // Twenty values 1..20: ranks ⌈2⌉ = 2, ⌈10⌉ = 10, ⌈18⌉ = 18.
    double[] twenty = new double[20];
    for (int i = 0; i < 20; i++) {
      twenty[i] = 20 - i;
    }
    assertEquals(new Uncertainty.Summary(2, 10, 18), Uncertainty.Summary.of(twenty));

    // Five values: ranks ⌈0.5⌉ = 1, ⌈2.5⌉ = 3, ⌈4.5⌉ = 5.
    assertEquals(
        new Uncertainty.Summary(10, 30, 50),
        Uncertainty.Summary.of(new double[] {50, 10, 40, 20, 30}));

    // One value is every percentile.
    assertEquals(new Uncertainty.Summary(4, 4, 4), Uncertainty.Summary.of(new double[] {4}));
  }

  @Test
  void theMedianCostIsTheCostAtTheMedianInputs() {
    // Both inputs are symmetric, so 2·price + 3·pue is symmetric about 2·10 + 3·1 = 23 with sd
    // √(2² · 1 + 3² · 2²/12) = √7 ≈ 2.65. The sample median of 20,000 draws has a standard error
    // of about 1.2533 · 2.65 / √20000 ≈ 0.023, so 0.1 is over 4 standard errors.
    int samples = 20_000;
    double atMedians =
        COST.applyAsDouble(
            new double[] {
              PRICE.distribution().median(),
              PUE.distribution().median(),
              STAFF.distribution().median()
            });
    assertEquals(23, atMedians, 1e-12);

    Uncertainty.Summary s = Uncertainty.monteCarlo(INPUTS, samples, SEED, COST);
    assertEquals(atMedians, s.p50(), 0.1);
    assertTrue(s.p10() < s.p50() && s.p50() < s.p90(), s::toString);
    // Symmetric: the P10 and P90 sit about equally far from the P50.
    assertEquals(s.p90() - s.p50(), s.p50() - s.p10(), 0.2);
  }

  @Test
  void aMonotoneObjectiveOfOneInputHasTheObjectiveOfItsSamplePercentiles() {
    List<Uncertainty.Input> one =
        List.of(new Uncertainty.Input("price", new Distribution.LogNormal(2, 0.4)));
    int samples = 999;
    double[] prices = new double[samples];
    double[][] draws = Uncertainty.draws(one, samples, SEED);
    for (int i = 0; i < samples; i++) {
      prices[i] = draws[i][0];
    }
    Uncertainty.Summary p = Uncertainty.Summary.of(prices);
    Uncertainty.Summary cost = Uncertainty.monteCarlo(one, samples, SEED, x -> 5 * x[0] + 1);
    assertEquals(5 * p.p10() + 1, cost.p10(), 0.0);
    assertEquals(5 * p.p50() + 1, cost.p50(), 0.0);
    assertEquals(5 * p.p90() + 1, cost.p90(), 0.0);
  }

  @Test
  void theTornadoPutsTheWidestSwingFirstAndAnIgnoredInputAtZero() {
    // Price P10/P90: 10 ∓ 1.2816; swing 2 · 2 · 1.2816 ≈ 5.13.
    // PUE P10/P90: 0.2 and 1.8; swing 3 · 1.6 = 4.8.
    // Staff: the objective ignores it, swing 0.
    List<Uncertainty.Bar> bars = Uncertainty.tornado(INPUTS, COST);

    assertEquals(List.of("cost.gpuHourUsd", "facility.pueExcess", "ops.staff"), names(bars));

    double z90 = Distribution.Normal.standardQuantile(0.9);
    double pueMedianCost = PUE_COEFFICIENT * 1;
    double priceMedianCost = PRICE_COEFFICIENT * 10;
    Uncertainty.Bar price = bars.get(0);
    assertEquals(PRICE_COEFFICIENT * (10 - z90) + pueMedianCost, price.atP10(), 1e-12);
    assertEquals(PRICE_COEFFICIENT * (10 + z90) + pueMedianCost, price.atP90(), 1e-12);
    assertEquals(2 * PRICE_COEFFICIENT * z90, price.swing(), 1e-12);
    assertEquals(5.126206, price.swing(), 1e-5);

    Uncertainty.Bar pue = bars.get(1);
    assertEquals(priceMedianCost + PUE_COEFFICIENT * 0.2, pue.atP10(), 1e-12);
    assertEquals(priceMedianCost + PUE_COEFFICIENT * 1.8, pue.atP90(), 1e-12);
    assertEquals(4.8, pue.swing(), 1e-12);

    Uncertainty.Bar staff = bars.get(2);
    assertEquals(0.0, staff.swing(), 0.0);
    assertEquals(23, staff.atP10(), 1e-12);
    assertEquals(23, staff.atP90(), 1e-12);

    for (int i = 1; i < bars.size(); i++) {
      assertTrue(bars.get(i - 1).swing() >= bars.get(i).swing());
    }
  }

  @Test
  void theTornadoDoesNotDependOnInputOrderAndBreaksTiesByName() {
    List<Uncertainty.Input> reordered = new ArrayList<>(INPUTS);
    Collections.reverse(reordered);
    // The objective reads inputs by position, so give each ordering its own.
    List<Uncertainty.Bar> forward = Uncertainty.tornado(INPUTS, COST);
    List<Uncertainty.Bar> backward =
        Uncertainty.tornado(reordered, x -> PRICE_COEFFICIENT * x[2] + PUE_COEFFICIENT * x[1]);
    assertEquals(names(forward), names(backward));

    Uncertainty.Input b = new Uncertainty.Input("b", new Distribution.Uniform(0, 1));
    Uncertainty.Input a = new Uncertainty.Input("a", new Distribution.Uniform(0, 1));
    assertEquals(List.of("a", "b"), names(Uncertainty.tornado(List.of(b, a), x -> 7)));
  }

  @Test
  void aFallingObjectiveHasAPositiveSwing() {
    Uncertainty.Input price = new Uncertainty.Input("price", new Distribution.Uniform(0, 10));
    Uncertainty.Bar bar = Uncertainty.tornado(List.of(price), x -> -x[0]).get(0);
    assertEquals(-1, bar.atP10(), 1e-12);
    assertEquals(-9, bar.atP90(), 1e-12);
    assertEquals(8, bar.swing(), 1e-12);
  }

  private static List<String> names(List<Uncertainty.Bar> bars) {
    return bars.stream().map(Uncertainty.Bar::input).toList();
  }
}
