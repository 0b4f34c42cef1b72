package dev.ironworks.core.carbon;

import dev.ironworks.core.units.Units;

/**
 * Energy and carbon (Patterson et al. 2021, arXiv 2104.10350): MWh = hours × IT power × PUE; tCO2e
 * = MWh × grid kgCO2e/kWh × (1 − contracted carbon-free share); water = WUE × IT energy.
 */
public final class CarbonModel {
  private CarbonModel() {}

  /** Energy in MWh of a constant IT draw for some hours, through the facility's PUE. */
  public static double energyMwh(double itPowerWatts, double pue, double hours) {
    return Units.wattHoursToMegawattHours(itPowerWatts * pue * hours);
  }

  /** Operational emissions in tCO2e of some energy: MWh × kg/kWh is tonnes. */
  public static double emissionsTco2e(
      double energyMwh, double gridKgCo2ePerKwh, double carbonFreeEnergyFraction) {
    return energyMwh * gridKgCo2ePerKwh * (1 - carbonFreeEnergyFraction);
  }

  /** Water in m³: L/kWh × MWh is m³. */
  public static double waterM3(double itEnergyMwh, double wueLitersPerKwh) {
    return itEnergyMwh * wueLitersPerKwh;
  }

  /** A year of operation at the average draw. */
  public static EnergyReport annual(
      double itAverageWatts,
      double pue,
      double gridKgCo2ePerKwh,
      double carbonFreeEnergyFraction,
      double wueLitersPerKwh,
      double embodiedKgCo2e,
      double embodiedKgCo2ePerYear) {
    double itMwh = energyMwh(itAverageWatts, 1.0, Units.HOURS_PER_YEAR);
    double facilityMwh = energyMwh(itAverageWatts, pue, Units.HOURS_PER_YEAR);
    return new EnergyReport(
        itMwh,
        facilityMwh,
        gridKgCo2ePerKwh,
        carbonFreeEnergyFraction,
        emissionsTco2e(facilityMwh, gridKgCo2ePerKwh, carbonFreeEnergyFraction),
        Units.kilogramsToTonnes(embodiedKgCo2e),
        Units.kilogramsToTonnes(embodiedKgCo2ePerYear),
        wueLitersPerKwh,
        waterM3(itMwh, wueLitersPerKwh));
  }

  /** A run of known duration at a busy IT draw. */
  public static RunFootprint run(
      double itPowerWatts,
      double pue,
      double hours,
      double gridKgCo2ePerKwh,
      double carbonFreeEnergyFraction) {
    double mwh = energyMwh(itPowerWatts, pue, hours);
    return new RunFootprint(
        hours,
        itPowerWatts,
        pue,
        mwh,
        emissionsTco2e(mwh, gridKgCo2ePerKwh, carbonFreeEnergyFraction));
  }
}
