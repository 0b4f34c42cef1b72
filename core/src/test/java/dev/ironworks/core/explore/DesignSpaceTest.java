package dev.ironworks.core.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link DesignSpace}: the cartesian product of axes, decoded point by point from stable ids.
 *
 * <p>The story: a cluster sweep of 2048 → 32768 GPUs (×2, 5 values), tensor parallelism 4 or 8, and
 * a PUE of 1.1, 1.2 or 1.3 — 5 · 2 · 3 = 30 designs, numbered in mixed radix with the PUE (the last
 * axis) varying fastest.
 */
class DesignSpaceTest {
  private static final long SEED = 20_240_611L;
  private static final int TRIALS = 200;

  private static final Axis GPUS = Axis.geometric("cluster.gpus", 2048, 32768, 2);
  private static final Axis TENSOR = new Axis("parallelism.tensor", List.of("4", "8"));
  private static final Axis PUE = new Axis("facility.pue", List.of("1.1", "1.2", "1.3"));
  private static final DesignSpace SWEEP = new DesignSpace(List.of(GPUS, TENSOR, PUE));

  @Test
  void theSweepHasOnePointPerCombination() {
    assertEquals(5L * 2 * 3, SWEEP.size());
    assertEquals(BigInteger.valueOf(30), SWEEP.exactSize());
  }

  @Test
  void theLastAxisVariesFastest() {
    assertEquals(List.of("2048", "4", "1.1"), SWEEP.point(0));
    assertEquals(List.of("2048", "4", "1.2"), SWEEP.point(1));
    assertEquals(List.of("2048", "4", "1.3"), SWEEP.point(2));
    assertEquals(List.of("2048", "8", "1.1"), SWEEP.point(3));
    assertEquals(List.of("2048", "8", "1.3"), SWEEP.point(5));
    assertEquals(List.of("4096", "4", "1.1"), SWEEP.point(6));
    assertEquals(List.of("32768", "8", "1.3"), SWEEP.point(29));
  }

  @Test
  void idsFollowTheDocumentedMixedRadixOrder() {
    // 16384 GPUs (index 3), tensor 8 (index 1), PUE 1.2 (index 1):
    // id = 3 · (2 · 3) + 1 · 3 + 1 = 22.
    int[] indices = {3, 1, 1};
    long id = 3 * (2 * 3) + 1 * 3 + 1;
    assertEquals(id, SWEEP.id(indices));
    assertArrayEquals(indices, SWEEP.indices(id));
    assertEquals(List.of("16384", "8", "1.2"), SWEEP.point(id));
  }

  @Test
  void sizeIsTheProductOfTheAxisSizes() {
    Random random = new Random(SEED);
    for (int trial = 0; trial < TRIALS; trial++) {
      List<Axis> axes = randomAxes(random, 1 + random.nextInt(6), 9);
      long product = 1;
      for (Axis a : axes) {
        product *= a.size();
      }
      DesignSpace space = new DesignSpace(axes);
      assertEquals(product, space.size(), () -> "sizes " + sizes(axes));
      assertEquals(BigInteger.valueOf(product), space.exactSize());
    }
  }

  @Test
  void aSpaceBeyondALongIsCountedExactlyButHasNoLongSize() {
    // Seven axes of 1000 values: 10^21 points, past Long.MAX_VALUE ≈ 9.2 · 10^18.
    Axis thousand = Axis.arithmetic("x", 1, 1000, 1);
    DesignSpace huge = new DesignSpace(Collections.nCopies(7, thousand));
    assertEquals(BigInteger.TEN.pow(21), huge.exactSize());
    assertThrows(ArithmeticException.class, huge::size);
  }

  @Test
  void twoToTheSixtyThirdIsTheFirstSizeThatDoesNotFit() {
    Axis pair = new Axis("bit", List.of("0", "1"));
    DesignSpace justFits = new DesignSpace(Collections.nCopies(62, pair));
    assertEquals(1L << 62, justFits.size());

    DesignSpace tooBig = new DesignSpace(Collections.nCopies(63, pair));
    assertEquals(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), tooBig.exactSize());
    assertThrows(ArithmeticException.class, tooBig::size);
  }

  @Test
  void indicesAndIdAreInversesForEveryPointOfSmallSpaces() {
    Random random = new Random(SEED + 1);
    for (int trial = 0; trial < TRIALS; trial++) {
      List<Axis> axes = randomAxes(random, 1 + random.nextInt(4), 6);
      DesignSpace space = new DesignSpace(axes);
      Set<List<Integer>> seen = new HashSet<>();
      for (long id = 0; id < space.size(); id++) {
        int[] indices = space.indices(id);
        assertEquals(axes.size(), indices.length);
        for (int i = 0; i < indices.length; i++) {
          assertTrue(indices[i] >= 0 && indices[i] < axes.get(i).size());
        }
        assertEquals(id, space.id(indices), () -> "sizes " + sizes(axes));
        seen.add(boxed(indices));
      }
      // Every id decodes to a different combination: the ids cover the product exactly once.
      assertEquals(space.size(), seen.size());
    }
  }

  @Test
  void everyIdIsTheMixedRadixNumberOfItsIndices() {
    Random random = new Random(SEED + 2);
    for (int trial = 0; trial < TRIALS; trial++) {
      List<Axis> axes = randomAxes(random, 1 + random.nextInt(4), 6);
      DesignSpace space = new DesignSpace(axes);
      for (long id = 0; id < space.size(); id++) {
        int[] indices = space.indices(id);
        // id = Σ_i index_i · Π_{j > i} size_j
        long expected = 0;
        for (int i = 0; i < indices.length; i++) {
          long weight = 1;
          for (int j = i + 1; j < axes.size(); j++) {
            weight *= axes.get(j).size();
          }
          expected += indices[i] * weight;
        }
        assertEquals(expected, id);
      }
    }
  }

  @Test
  void idsAreStableAcrossInstancesAndLaterEditsOfTheAxisList() {
    List<Axis> axes = new ArrayList<>(List.of(GPUS, TENSOR, PUE));
    DesignSpace space = new DesignSpace(axes);
    axes.add(new Axis("extra", List.of("a", "b")));
    axes.set(0, TENSOR);

    DesignSpace again =
        new DesignSpace(
            List.of(
                Axis.geometric("cluster.gpus", 2048, 32768, 2),
                new Axis("parallelism.tensor", List.of("4", "8")),
                new Axis("facility.pue", List.of("1.1", "1.2", "1.3"))));
    assertEquals(30, space.size());
    for (long id = 0; id < space.size(); id++) {
      assertEquals(SWEEP.point(id), space.point(id));
      assertEquals(SWEEP.point(id), again.point(id));
    }
  }

  @Test
  void outOfRangeIdsThrow() {
    assertThrows(IndexOutOfBoundsException.class, () -> SWEEP.indices(-1));
    assertThrows(IndexOutOfBoundsException.class, () -> SWEEP.indices(30));
    assertThrows(IndexOutOfBoundsException.class, () -> SWEEP.point(30));
    assertThrows(IndexOutOfBoundsException.class, () -> SWEEP.point(Long.MAX_VALUE));
    assertThrows(IndexOutOfBoundsException.class, () -> SWEEP.point(Long.MIN_VALUE));
  }

  @Test
  void aSpaceNeedsAnAxis() {
    assertThrows(IllegalArgumentException.class, () -> new DesignSpace(List.of()));
  }

  private static List<Axis> randomAxes(Random random, int count, int maxSize) {
    List<Axis> axes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int size = 1 + random.nextInt(maxSize);
      axes.add(Axis.arithmetic("axis" + i, 0, size - 1, 1));
    }
    return axes;
  }

  private static String sizes(List<Axis> axes) {
    return Arrays.toString(axes.stream().mapToInt(Axis::size).toArray());
  }

  private static List<Integer> boxed(int[] values) {
    return Arrays.stream(values).boxed().toList();
  }
}
