package dev.ironworks.core.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Energy, emissions and water (Patterson et al. 2021, arXiv 2104.10350, eq. 1–2 and Table 4).
 *
 * <p>Published-number cases: Table 4 gives each run's processors, days, average power per processor
 * and PUE, and the MWh and tCO2e they imply. Its inputs are rounded (20 days, 310 W), so the
 * product of the printed inputs misses the printed MWh by up to 0.5%; the build fails if the model
 * drifts further than that.
 */
class CarbonModelTest {
  /** Table 4's inputs are printed to 2–3 significant figures; their product lands within 0.5%. */
  private static final double PUBLISHED_RELATIVE = 0.005;

  /** Products and sums of a handful of doubles: 1e-9 relative is far inside rounding room. */
  private static final double EXACT_RELATIVE = 1e-9;

  private static void assertWithin(double expected, double actual, double relative) {
    assertEquals(expected, actual, Math.abs(expected) * relative);
  }

  // T5 (Patterson et al. 2021, Table 4): 512 TPU v3 for 20 days at 310 W, PUE 1.12, 0.545 kg/kWh.
  private static final int T5_CHIPS = 512;
  private static final double T5_DAYS = 20;
  private static final double T5_WATTS_PER_CHIP = 310;
  private static final double T5_PUE = 1.12;
  private static final double T5_KG_PER_KWH = 0.545;
  private static final double T5_PUBLISHED_MWH = 85.7;
  private static final double T5_PUBLISHED_TCO2E = 46.7;

  // GPT-3 (same table): 10,000 V100 for 14.8 days at 330 W, PUE 1.10, 0.429 kg/kWh.
  private static final int GPT3_GPUS = 10_000;
  private static final double GPT3_DAYS = 14.8;
  private static final double GPT3_WATTS_PER_GPU = 330;
  private static final double GPT3_PUE = 1.10;
  private static final double GPT3_KG_PER_KWH = 0.429;
  private static final double GPT3_PUBLISHED_MWH = 1_287;
  private static final double GPT3_PUBLISHED_TCO2E = 552.1;

  @Test
  void t5TrainingEnergyMatchesPattersonTable4() {
    double hours = T5_DAYS * 24;
    RunFootprint run =
        CarbonModel.run(T5_CHIPS * T5_WATTS_PER_CHIP, T5_PUE, hours, T5_KG_PER_KWH, 0);
    // 512 × 20 d × 24 h × 310 W × 1.12 = 85,327,872 Wh = 85.33 MWh.
    assertWithin(
        T5_CHIPS * hours * T5_WATTS_PER_CHIP * T5_PUE / 1e6, run.energyMwh(), EXACT_RELATIVE);
    assertWithin(85.327872, run.energyMwh(), EXACT_RELATIVE);
    assertWithin(T5_PUBLISHED_MWH, run.energyMwh(), PUBLISHED_RELATIVE);
  }

  @Test
  void t5EmissionsMatchPattersonTable4() {
    RunFootprint run =
        CarbonModel.run(T5_CHIPS * T5_WATTS_PER_CHIP, T5_PUE, T5_DAYS * 24, T5_KG_PER_KWH, 0);
    // 85.33 MWh × 0.545 t/MWh = 46.5 t.
    assertWithin(run.energyMwh() * T5_KG_PER_KWH, run.emissionsTco2e(), EXACT_RELATIVE);
    assertWithin(46.5, run.emissionsTco2e(), 0.001);
    assertWithin(T5_PUBLISHED_TCO2E, run.emissionsTco2e(), PUBLISHED_RELATIVE);
  }

  @Test
  void gpt3TrainingEnergyAndEmissionsMatchPattersonTable4() {
    double hours = GPT3_DAYS * 24;
    RunFootprint run =
        CarbonModel.run(GPT3_GPUS * GPT3_WATTS_PER_GPU, GPT3_PUE, hours, GPT3_KG_PER_KWH, 0);
    // 10,000 × 14.8 d × 24 h × 330 W × 1.1 = 1,289.376 MWh.
    assertWithin(1_289.376, run.energyMwh(), EXACT_RELATIVE);
    assertWithin(GPT3_PUBLISHED_MWH, run.energyMwh(), PUBLISHED_RELATIVE);
    assertWithin(GPT3_PUBLISHED_TCO2E, run.emissionsTco2e(), PUBLISHED_RELATIVE);
    assertEquals(hours, run.hours(), 0.0);
    assertEquals(GPT3_PUE, run.pue(), 0.0);
    assertEquals(GPT3_GPUS * GPT3_WATTS_PER_GPU, run.itPowerWatts(), 0.0);
  }

  @Test
  void contractedCarbonFreeEnergyRemovesItsShareOfEmissions() {
    // 100 MWh at 0.4 kg/kWh is 40 t; a quarter covered by carbon-free supply leaves 30 t.
    assertWithin(40.0, CarbonModel.emissionsTco2e(100, 0.4, 0), EXACT_RELATIVE);
    assertWithin(30.0, CarbonModel.emissionsTco2e(100, 0.4, 0.25), EXACT_RELATIVE);
    assertEquals(0.0, CarbonModel.emissionsTco2e(100, 0.4, 1.0), 0.0);
  }

  @Test
  void waterIsWueTimesItEnergy() {
    // 1.8 L/kWh × 1,000 MWh = 1.8e6 L = 1,800 m³.
    assertWithin(1_800.0, CarbonModel.waterM3(1_000, 1.8), EXACT_RELATIVE);
  }

  @Test
  void aYearAtOneMegawattItIsEightThousandSevenHundredSixtyMegawattHoursBeforePue() {
    double itWatts = 1e6;
    double pue = 1.25;
    double gridKgPerKwh = 0.4;
    double carbonFree = 0.5;
    double wue = 1.8;
    EnergyReport year =
        CarbonModel.annual(itWatts, pue, gridKgPerKwh, carbonFree, wue, 2_000_000, 400_000);
    double itMwh = 8_760;
    assertWithin(itMwh, year.itEnergyMwhPerYear(), EXACT_RELATIVE);
    assertWithin(itMwh * pue, year.energyMwhPerYear(), EXACT_RELATIVE);
    assertWithin(
        itMwh * pue * gridKgPerKwh * (1 - carbonFree),
        year.emissionsTco2ePerYear(),
        EXACT_RELATIVE);
    // Water counts IT energy, not facility energy: WUE is litres per IT kWh.
    assertWithin(itMwh * wue, year.waterM3PerYear(), EXACT_RELATIVE);
    assertWithin(2_000, year.embodiedTco2e(), EXACT_RELATIVE);
    assertWithin(400, year.embodiedTco2ePerYear(), EXACT_RELATIVE);
    assertEquals(gridKgPerKwh, year.gridKgCo2ePerKwh(), 0.0);
    assertEquals(carbonFree, year.carbonFreeEnergyFraction(), 0.0);
    assertEquals(wue, year.wueLitersPerKwh(), 0.0);
  }

  @Test
  void energyIsTheSumOfPowerTimesTimeOverSplitRunsAndSplitLoads() {
    Random random = new Random(2021L);
    for (int i = 0; i < 200; i++) {
      double watts1 = 1 + random.nextDouble() * 1e7;
      double watts2 = 1 + random.nextDouble() * 1e7;
      double hours1 = random.nextDouble() * 1e4;
      double hours2 = random.nextDouble() * 1e4;
      double pue = 1 + random.nextDouble();
      double whole = CarbonModel.energyMwh(watts1 + watts2, pue, hours1 + hours2);
      double parts =
          CarbonModel.energyMwh(watts1, pue, hours1)
              + CarbonModel.energyMwh(watts1, pue, hours2)
              + CarbonModel.energyMwh(watts2, pue, hours1)
              + CarbonModel.energyMwh(watts2, pue, hours2);
      assertWithin(whole, parts, EXACT_RELATIVE);
      assertWithin((watts1 + watts2) * pue * (hours1 + hours2) / 1e6, whole, EXACT_RELATIVE);
    }
  }
}
