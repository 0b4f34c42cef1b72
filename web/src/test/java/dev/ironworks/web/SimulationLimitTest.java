package dev.ironworks.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.service.PlanService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The simulation time limit against a clock the test steps by hand, one second a reading: no
 * timing, so the test cannot be flaky, and the count of readings shows where the run stopped.
 */
class SimulationLimitTest {
  private static final Catalog CATALOG = CatalogLoader.builtin();
  private static final int LIMIT_SECONDS = 30;
  private static final Limits LIMITS =
      new Limits(1 << 20, 20_000, LIMIT_SECONDS, 200_000, 500, 600, 8);
  private static final long SECOND = 1_000_000_000L;

  private static String scenario() throws IOException {
    return Files.readString(Path.of("..", "examples", "h100-1024-training-cluster.yaml"));
  }

  @Test
  void aSimulationPastItsLimitStopsAtOnceWith422() throws IOException {
    AtomicLong readings = new AtomicLong();
    Planning planning = new Planning(CATALOG, LIMITS, () -> readings.getAndIncrement() * SECOND);
    PlanService.Planned planned = planning.plan(scenario());

    ApiException e = assertThrows(ApiException.class, () -> planning.simulate(planned, 20_000, 1));

    assertEquals(422, e.status());
    assertEquals("trials", e.problems().get(0).field());
    assertTrue(e.getMessage().contains("limit of 30 s"), e.getMessage());
    // Read once for the deadline, then before each trial and every 1,024 events of one: the
    // 32nd reading is past the deadline, and each thread stops at its next one. 20,000 trials
    // run to the end would read the clock at least 20,000 times.
    assertTrue(readings.get() < LIMIT_SECONDS + 100, "clock read " + readings + " times");
  }

  @Test
  void aSimulationWithinItsLimitRunsEveryTrial() throws IOException {
    Planning planning = new Planning(CATALOG, LIMITS, () -> 0L);
    PlanService.Planned planned = planning.plan(scenario());
    assertEquals(
        40L,
        ((java.util.Map<?, ?>) planning.simulate(planned, 40, 1).get("simulation")).get("trials"));
  }
}
