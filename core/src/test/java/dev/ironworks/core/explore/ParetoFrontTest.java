package dev.ironworks.core.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ParetoFront}: the non-dominated designs, kept incrementally, against a brute-force O(n²)
 * front over seeded random points.
 *
 * <p>The story for the hand cases: designs scored on (cost in $M, time to train in days), both
 * minimised.
 */
class ParetoFrontTest {
  private static final long SEED = 7_2024L;
  private static final int TRIALS_PER_DIMENSION = 12;
  private static final int MAX_POINTS = 300;

  /** A design's id and objectives, as offered. */
  private record Point(long id, double[] objectives) {}

  @Test
  void dominanceByHand() {
    double[] cheapAndFast = {10, 20};
    double[] dearAndSlow = {12, 25};
    double[] cheapButSlow = {10, 25};
    double[] dearButFast = {12, 20};

    assertTrue(ParetoFront.dominates(cheapAndFast, dearAndSlow), "better on both");
    assertTrue(ParetoFront.dominates(cheapAndFast, cheapButSlow), "equal cost, faster");
    assertTrue(ParetoFront.dominates(cheapAndFast, dearButFast), "equal time, cheaper");
    assertFalse(ParetoFront.dominates(dearAndSlow, cheapAndFast));
    assertFalse(ParetoFront.dominates(cheapButSlow, dearButFast), "a trade-off, not dominance");
    assertFalse(ParetoFront.dominates(dearButFast, cheapButSlow), "a trade-off, not dominance");
    assertFalse(ParetoFront.dominates(cheapAndFast, cheapAndFast.clone()), "equal is no better");
    assertTrue(ParetoFront.dominates(new double[] {1, 1, 1}, new double[] {1, 1, 2}));
    assertFalse(ParetoFront.dominates(new double[] {1, 1, 3}, new double[] {2, 2, 2}));
  }

  @Test
  void theFrontKeepsTradeOffsAndDropsWhatTheyDominate() {
    ParetoFront front = new ParetoFront();
    assertTrue(front.offer(0, new double[] {12, 25}));
    assertTrue(front.offer(1, new double[] {10, 30}), "cheaper, slower: a trade-off");
    assertTrue(front.offer(2, new double[] {11, 20}), "dominates design 0");
    assertFalse(front.offer(3, new double[] {13, 26}), "dominated by 0 and 2");
    assertFalse(front.offer(4, new double[] {11, 20}), "a tie with the lower id 2");

    assertEquals(List.of(1L, 2L), ids(front.entries()));
    assertEquals(2, front.size());
    assertArrayEquals(new double[] {11, 20}, front.entries().get(1).objectives());
  }

  @Test
  void aTieKeepsTheLowerIdWhicheverArrivesFirst() {
    ParetoFront front = new ParetoFront();
    assertTrue(front.offer(9, new double[] {1, 2}));
    assertTrue(front.offer(4, new double[] {1, 2}), "the lower id replaces the tie");
    assertEquals(List.of(4L), ids(front.entries()));
  }

  @Test
  void nanObjectivesAreRefusedAndEvictNothing() {
    ParetoFront front = new ParetoFront();
    front.offer(0, new double[] {5, 5});
    assertFalse(front.offer(1, new double[] {Double.NaN, 0}));
    assertFalse(front.offer(2, new double[] {0, Double.NaN}));
    assertFalse(front.offer(3, new double[] {Double.NaN, Double.NaN}));
    assertEquals(List.of(0L), ids(front.entries()));

    ParetoFront empty = new ParetoFront();
    assertFalse(empty.offer(0, new double[] {Double.NaN, 1}));
    assertEquals(0, empty.size());
  }

  @Test
  void theFrontHoldsCopiesOfTheObjectives() {
    ParetoFront front = new ParetoFront();
    double[] objectives = {3, 4};
    front.offer(0, objectives);
    objectives[0] = 100;
    front.entries().get(0).objectives()[1] = 100;
    assertArrayEquals(new double[] {3, 4}, front.entries().get(0).objectives());
  }

  @Test
  void theFrontIsNonDominatedAndCompleteAgainstBruteForce() {
    Random random = new Random(SEED);
    for (int dims = 2; dims <= 4; dims++) {
      for (int trial = 0; trial < TRIALS_PER_DIMENSION; trial++) {
        List<Point> points = randomPoints(random, dims, trial);
        ParetoFront front = frontOf(points);

        assertEquals(bruteForce(points), ids(front.entries()), () -> points.size() + " points");
        List<ParetoFront.Entry> entries = front.entries();
        for (ParetoFront.Entry a : entries) {
          assertArrayEquals(points.get((int) a.id()).objectives(), a.objectives());
          for (ParetoFront.Entry b : entries) {
            assertFalse(ParetoFront.dominates(a.objectives(), b.objectives()));
          }
        }
        // Complete: every design left out is dominated by, or ties a lower id on, the front.
        for (Point p : points) {
          boolean kept = entries.stream().anyMatch(e -> e.id() == p.id());
          boolean covered =
              entries.stream()
                  .anyMatch(
                      e ->
                          ParetoFront.dominates(e.objectives(), p.objectives())
                              || (Arrays.equals(e.objectives(), p.objectives())
                                  && e.id() < p.id()));
          assertTrue(kept != covered, () -> "design " + p.id());
        }
      }
    }
  }

  @Test
  void theFrontDoesNotDependOnArrivalOrder() {
    Random random = new Random(SEED + 1);
    for (int dims = 2; dims <= 4; dims++) {
      for (int trial = 0; trial < TRIALS_PER_DIMENSION; trial++) {
        List<Point> points = randomPoints(random, dims, trial);
        List<Long> expected = ids(frontOf(points).entries());

        List<Point> shuffled = new ArrayList<>(points);
        Collections.shuffle(shuffled, random);
        assertEquals(expected, ids(frontOf(shuffled).entries()));

        Collections.reverse(shuffled);
        assertEquals(expected, ids(frontOf(shuffled).entries()));
      }
    }
  }

  @Test
  void mergingTheFrontsOfTwoHalvesGivesTheFrontOfAll() {
    Random random = new Random(SEED + 2);
    for (int dims = 2; dims <= 4; dims++) {
      for (int trial = 0; trial < TRIALS_PER_DIMENSION; trial++) {
        List<Point> points = randomPoints(random, dims, trial);
        List<Long> expected = ids(frontOf(points).entries());

        // Halves by position, as two workers would take contiguous id ranges.
        int cut = random.nextInt(points.size() + 1);
        ParetoFront first = frontOf(points.subList(0, cut));
        ParetoFront second = frontOf(points.subList(cut, points.size()));
        first.merge(second);
        assertEquals(expected, ids(first.entries()));

        // Halves at random, merged the other way round.
        List<Point> left = new ArrayList<>();
        List<Point> right = new ArrayList<>();
        for (Point p : points) {
          (random.nextBoolean() ? left : right).add(p);
        }
        ParetoFront r = frontOf(right);
        r.merge(frontOf(left));
        assertEquals(expected, ids(r.entries()));
      }
    }
  }

  @Test
  void offeringTheSameDesignTwiceKeepsOneEntry() {
    ParetoFront front = new ParetoFront();
    front.offer(7, new double[] {1, 2});
    front.offer(7, new double[] {1, 2});
    assertEquals(List.of(7L), ids(front.entries()));

    ParetoFront again = new ParetoFront();
    again.offer(7, new double[] {1, 2});
    front.merge(again);
    assertEquals(List.of(7L), ids(front.entries()));
  }

  /**
   * Random designs; every other trial draws from a coarse integer grid so that duplicates and ties
   * on single objectives are common.
   */
  private static List<Point> randomPoints(Random random, int dims, int trial) {
    int n = 1 + random.nextInt(MAX_POINTS);
    boolean coarse = trial % 2 == 0;
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] objectives = new double[dims];
      for (int d = 0; d < dims; d++) {
        objectives[d] = coarse ? random.nextInt(6) : random.nextDouble();
      }
      points.add(new Point(i, objectives));
    }
    return points;
  }

  private static ParetoFront frontOf(List<Point> points) {
    ParetoFront front = new ParetoFront();
    for (Point p : points) {
      front.offer(p.id(), p.objectives());
    }
    return front;
  }

  /** Ids of the designs that no design dominates or ties with a lower id, in id order. */
  private static List<Long> bruteForce(List<Point> points) {
    List<Long> out = new ArrayList<>();
    for (Point p : points) {
      boolean beaten = false;
      for (Point q : points) {
        if (dominatesByDefinition(q.objectives(), p.objectives())
            || (Arrays.equals(q.objectives(), p.objectives()) && q.id() < p.id())) {
          beaten = true;
          break;
        }
      }
      if (!beaten) {
        out.add(p.id());
      }
    }
    Collections.sort(out);
    return out;
  }

  /** Pareto dominance written out independently: no worse everywhere, better somewhere. */
  private static boolean dominatesByDefinition(double[] a, double[] b) {
    boolean noWorse = true;
    boolean better = false;
    for (int i = 0; i < a.length; i++) {
      noWorse &= a[i] <= b[i];
      better |= a[i] < b[i];
    }
    return noWorse && better;
  }

  private static List<Long> ids(List<ParetoFront.Entry> entries) {
    return entries.stream().map(ParetoFront.Entry::id).toList();
  }
}
