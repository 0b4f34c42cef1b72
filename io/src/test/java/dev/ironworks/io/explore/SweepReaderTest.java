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
}
