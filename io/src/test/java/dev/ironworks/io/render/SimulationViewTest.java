package dev.ironworks.io.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.core.reliability.ReliabilityReport;
import dev.ironworks.core.sim.MonteCarlo;
import dev.ironworks.core.sim.RunSetup;
import dev.ironworks.core.sim.SimulationReport;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.scenario.ScenarioReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The simulation tree of the 1,024-H100 example: its completion-time histogram holds every trial
 * once, in bins that tile the simulated range from the fastest to the slowest trial.
 */
@Tag("slow")
class SimulationViewTest {
  private static final int TRIALS = 200;

  @Test
  void histogramBinsCoverEveryTrialAndTheirCountsSumToTheTrials() {
    Catalog catalog = CatalogLoader.builtin();
    Plan plan =
        Planner.plan(
            ScenarioReader.read(Path.of("../examples/h100-1024-training-cluster.yaml"), catalog)
                .scenario(),
            catalog);
    ReliabilityReport analytic = plan.reliability().orElseThrow();
    SimulationReport report = MonteCarlo.run(RunSetup.from(analytic), TRIALS, 3, 2, done -> {});
    Map<String, Object> view = SimulationView.of(report, analytic);

    Map<?, ?> simulation = (Map<?, ?>) view.get("simulation");
    assertEquals((long) TRIALS, simulation.get("trials"));
    List<?> bins = (List<?>) simulation.get("completionDaysHistogram");
    // The Rice rule: ⌈2 × 200^(1/3)⌉ = 12 bins.
    assertEquals(12, bins.size());
    long sum = 0;
    double previousTo = Double.NaN;
    for (Object item : bins) {
      Map<?, ?> bin = (Map<?, ?>) item;
      double from = (Double) bin.get("fromDays");
      double to = (Double) bin.get("toDays");
      assertTrue(to > from, bin.toString());
      if (!Double.isNaN(previousTo)) {
        assertEquals(previousTo, from, 1e-9);
      }
      previousTo = to;
      sum += (Long) bin.get("trials");
    }
    assertEquals(TRIALS, sum);
    // The percentiles lie inside the binned range: P10 ≥ the first bin's start, P90 ≤ the last end.
    Map<?, ?> days = (Map<?, ?>) simulation.get("completionDays");
    double first = (Double) ((Map<?, ?>) bins.get(0)).get("fromDays");
    assertTrue(first <= (Double) days.get("p10"));
    assertTrue(previousTo >= (Double) days.get("p90"));
    // The analytical figures sit beside the simulated ones.
    Map<?, ?> analytical = (Map<?, ?>) view.get("analytical");
    assertEquals(analytic.wallClockDays(), (Double) analytical.get("wallClockDays"));
  }
}
