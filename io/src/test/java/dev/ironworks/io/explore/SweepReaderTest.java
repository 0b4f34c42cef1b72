package dev.ironworks.io.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.yaml.InputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ranges on axes: arithmetic from zero, geometric above it, and what is missing said plainly. */
class SweepReaderTest {
  private static final Catalog CATALOG = CatalogLoader.builtin();
  private static final String BASE =
      """
      cluster: {accelerator: nvidia-h100-sxm-80gb, count: 1024}
      """;

  private static SweepSpec read(String axis) {
    return SweepReader.read(
        Path.of("space.yaml"),
        "base: base.yaml\naxes:\n  " + axis + "\nobjectives: [cost.tcoUsd]\n",
        BASE,
        CATALOG);
  }

  @Test
  void arithmeticRangeMayStartAtZero() {
    SweepSpec spec = read("site.carbonFreeEnergyFraction: {from: 0, to: 0.9, step: 0.1}");
    assertEquals(
        List.of("0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"),
        spec.space().axes().get(0).values());
  }

  @Test
  void geometricRangeFromZeroIsRefusedOnItsLine() {
    InputException e =
        assertThrows(
            InputException.class,
            () -> read("site.carbonFreeEnergyFraction: {from: 0, to: 0.9, factor: 2}"));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertEquals(3, e.problems().get(0).line());
    assertTrue(e.getMessage().contains("need 0 < from <= to and factor > 1"), e.getMessage());
  }

  @Test
  void missingEndIsRequired() {
    InputException e =
        assertThrows(InputException.class, () -> read("cluster.count: {from: 1024, step: 1024}"));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("axes.cluster.count.to: required"), e.getMessage());
  }

  private static SweepSpec read(String axes, long maxDesigns) {
    return SweepReader.read(
        Path.of("space.yaml"),
        "base: base.yaml\naxes:\n" + axes + "objectives: [cost.tcoUsd]\n",
        BASE,
        CATALOG,
        new SweepReader.Limit(maxDesigns, "at most " + maxDesigns + " here"));
  }

  @Test
  void aSpaceOverTheLimitIsRefusedBeforeAnyValueIsChecked() {
    // The fuzz's 176-byte space: a million prices, each once read on the base before the limit.
    // Refused with the count alone: had any value been read, the negative prices below would
    // add problems of their own.
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                read(
                    "  site.electricityUsdPerKwh: {from: 0.000001, to: 1.0, step: 0.000001}\n",
                    200_000));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertEquals("axes", e.problems().get(0).field());
    assertEquals(3, e.problems().get(0).line());
    assertTrue(
        e.getMessage().contains("the space holds 1000000 designs; at most 200000 here"),
        e.getMessage());

    InputException three =
        assertThrows(
            InputException.class,
            () ->
                read(
                    "  site.electricityUsdPerKwh: {from: -1, to: -0.5, step: 0.000001}\n"
                        + "  site.pue: {from: -1, to: 0, step: 0.00001}\n"
                        + "  cluster.count: [-1, -2, -3]\n",
                    200_000));
    assertEquals(1, three.problems().size(), three.getMessage());
    assertTrue(three.getMessage().contains("holds 150001800003 designs"), three.getMessage());
  }

  @Test
  void aSpaceWithinTheLimitHasItsValuesChecked() {
    InputException e =
        assertThrows(InputException.class, () -> read("  cluster.count: [64, -1, 128]\n", 3));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertEquals(3, e.problems().get(0).line());
    assertTrue(e.getMessage().contains("value '-1'"), e.getMessage());
  }

  @Test
  void aLongAxisHasItsEndsItsSecondValueAndAnEvenSpreadChecked() {
    assertEquals(1000, SweepReader.checkedIndices(1000).length);
    int[] million = SweepReader.checkedIndices(1_000_000);
    assertEquals(SweepReader.CHECKED_VALUES, million.length);
    assertEquals(0, million[0]);
    assertEquals(1, million[1]);
    assertEquals(999_999, million[million.length - 1]);
    for (int i = 1; i < million.length; i++) {
      assertTrue(million[i] > million[i - 1]);
    }
    // A fractional step shows on the second value: 64, 64.5 … on a whole-number field.
    InputException e =
        assertThrows(
            InputException.class,
            () -> read("  cluster.count: {from: 64, to: 100000, step: 0.5}\n", 1_000_000));
    assertTrue(e.getMessage().contains("value '64.5'"), e.getMessage());
  }
}
