package dev.ironworks.io.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.explore.ParetoFront;
import dev.ironworks.io.catalog.CatalogLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A sweep's result over a space of several worker chunks equals what every row says when looked at
 * all at once: the tops per objective, the Pareto front and the exclusion counts.
 */
class SweepResultTest {
  @Test
  void chunksMergedGiveTheTopsFrontAndExclusionsOfAllRows() {
    Catalog catalog = CatalogLoader.builtin();
    String base =
        """
        cluster: {accelerator: nvidia-h100-sxm-80gb, count: 1024}
        workload:
          training: {model: a 70B run, tokens: 2e12, durationDays: 20}
        """;
    // 4 × 8 × 4 × 3 × 4 = 1,536 designs: three chunks of 512, merged in id order.
    SweepSpec spec =
        SweepReader.read(
            Path.of("space.yaml"),
            """
            base: base.yaml
            axes:
              cluster.accelerator: [nvidia-h100-sxm-80gb, nvidia-b200, nvidia-a100-80gb, amd-mi300x]
              cluster.count: {from: 512, to: 65536, factor: 2}
              site.region: [us-texas, norway, iceland, us-virginia]
              site.cooling: [air, liquid-cold-plate, immersion]
              finance.horizonYears: [3, 4, 5, 6]
            constraints: {capexUsd: {max: 1.0e9}, facilityPowerMw: {max: 40}}
            objectives: [cost.tcoUsd, power.facilityPeakPowerMw, energy.emissionsTco2ePerYear]
            """,
            base,
            catalog);
    List<SweepRow> rows = new ArrayList<>();
    int topK = 4;
    Sweep.Result result =
        Sweep.run(spec, catalog, 2, 0, Stream.empty(), topK, rows::add, done -> {});
    assertEquals(1536, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(i, rows.get(i).id(), "rows reach the sink in id order");
    }

    List<SweepRow> feasible = rows.stream().filter(SweepRow::feasible).toList();
    assertTrue(feasible.size() > 10 && feasible.size() < rows.size(), "" + feasible.size());
    assertEquals(rows.size(), result.evaluated());
    assertEquals(feasible.size(), result.feasible());
    Map<String, Long> excluded = new TreeMap<>();
    for (SweepRow r : rows) {
      r.violations().forEach(v -> excluded.merge(SweepCollector.exclusionKey(v), 1L, Long::sum));
    }
    assertEquals(excluded, result.exclusions());

    List<String> objectives = spec.objectives();
    for (String o : objectives) {
      List<Long> best =
          feasible.stream()
              .filter(r -> !Double.isNaN(r.figures().get(o)))
              .sorted(
                  Comparator.comparingDouble((SweepRow r) -> r.figures().get(o))
                      .thenComparingLong(SweepRow::id))
              .limit(topK)
              .map(SweepRow::id)
              .toList();
      assertEquals(best, result.top().get(o).stream().map(SweepRow::id).toList(), o);
    }

    List<Long> front = new ArrayList<>();
    for (SweepRow a : feasible) {
      double[] x = objectives.stream().mapToDouble(o -> a.figures().get(o)).toArray();
      boolean dominated = false;
      for (SweepRow b : feasible) {
        double[] y = objectives.stream().mapToDouble(o -> b.figures().get(o)).toArray();
        if (ParetoFront.dominates(y, x) || (java.util.Arrays.equals(x, y) && b.id() < a.id())) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        front.add(a.id());
      }
    }
    assertEquals(front, result.front().stream().map(SweepRow::id).toList());
  }

  @Test
  void renamedFiguresAreReadUnderTheirOldNames() {
    assertEquals("power.facilityPeakPowerMw", Sweep.resolve("power.facilityPowerMw"));
    assertEquals("power.facilityPeakPowerMw", Sweep.resolve("facilityPowerMw"));
    assertEquals("power.itPeakPowerMw", Sweep.resolve("itPowerMw"));
    assertEquals("cost.tcoUsd", Sweep.resolve("cost.tcoUsd"));
  }
}
