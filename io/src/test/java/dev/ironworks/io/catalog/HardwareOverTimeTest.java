package dev.ironworks.io.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.PricePoint;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.io.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

/**
 * The shipped catalog over time: when each generation ships, what it costs year by year (every
 * point with its source), and what its servers draw busy, by generation.
 */
class HardwareOverTimeTest {
  private final Catalog catalog = CatalogLoader.builtin();

  @Test
  void aPricePathIsLinearBetweenItsYearsAndHeldOutsideThem() {
    Accelerator h100 = catalog.accelerator("nvidia-h100-sxm-80gb");
    assertEquals(2023, h100.shipYear());
    assertEquals(35_000, h100.priceUsdIn(2020).getAsDouble());
    assertEquals(30_000, h100.priceUsdIn(2024).getAsDouble());
    // Half way from 30,000 (2024) to 20,000 (2026).
    assertEquals(25_000, h100.priceUsdIn(2025).getAsDouble(), 1e-9);
    assertEquals(20_000, h100.priceUsdIn(2035).getAsDouble());
  }

  @Test
  void anAcceleratorWithoutAPathCostsItsListPriceEveryYear() {
    Accelerator v100 = catalog.accelerator("nvidia-v100");
    assertTrue(v100.pricePath().isEmpty());
    assertEquals(v100.releaseYear(), v100.shipYear());
    assertEquals(v100.listPriceUsd().getAsDouble(), v100.priceUsdIn(2030).getAsDouble());
  }

  @Test
  void everyPricePointNamesItsSourceAndEstimatesSaySo() {
    for (Accelerator a : catalog.accelerators().values()) {
      for (PricePoint p : a.pricePath()) {
        assertFalse(p.source().isBlank(), a.id() + " " + p.year());
        assertTrue(p.year() >= a.releaseYear(), a.id() + " priced before its release");
      }
    }
  }

  @Test
  void theNextGenerationsAreInTheCatalogAsForecasts() {
    Accelerator rubin = catalog.accelerator("nvidia-vr200");
    Accelerator ultra = catalog.accelerator("nvidia-rubin-ultra");
    assertEquals(2027, rubin.shipYear());
    assertEquals(2028, ultra.shipYear());
    assertTrue(rubin.provenance().source().contains("estimate"));
    assertEquals("nvidia-blackwell-nvl72", catalog.calibration("nvidia-vr200").id());
  }

  private Plan plan(String accelerator) {
    String yaml =
        "cluster: {accelerator: "
            + accelerator
            + ", count: 64}\nsite: {cooling: liquid-cold-plate}\n";
    return Planner.plan(ScenarioReader.read("g.yaml", yaml, catalog).scenario(), catalog);
  }

  @Test
  void serversDrawTheirGenerationsMeasuredShareOfPeakWhenBusy() {
    // H100: 8.4 kW of a 10.2 kW node training (Latif et al. 2024); V100: Patterson et al. 2021's
    // 0.754; a generation without a measurement takes the assumptions' 0.75.
    assertEquals(0.82, plan("nvidia-h100-sxm-80gb").power().loadFractionOfPeak());
    assertEquals(0.754, plan("nvidia-v100").power().loadFractionOfPeak());
    assertEquals(0.75, plan("nvidia-b200").power().loadFractionOfPeak());
    Plan h100 = plan("nvidia-h100-sxm-80gb");
    double busyServers = h100.power().itBusyWatts() - h100.power().networkWatts();
    assertEquals(0.82 * h100.power().serversPeakWatts(), busyServers, 1e-6);
  }
}
