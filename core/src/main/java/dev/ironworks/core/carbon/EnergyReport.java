package dev.ironworks.core.carbon;

/**
 * Energy, emissions and water of a year of operation, and the hardware's embodied emissions.
 *
 * @param energyMwhPerYear facility energy: average IT draw × PUE × 8,760 h
 * @param emissionsTco2ePerYear energy × grid intensity × (1 − carbon-free fraction)
 * @param embodiedTco2e manufacturing emissions of the hardware, all of it
 * @param embodiedTco2ePerYear each class's embodied emissions over its lifetime
 * @param waterM3PerYear WUE (L/kWh) × IT energy (MWh) = m³
 */
public record EnergyReport(
    double itEnergyMwhPerYear,
    double energyMwhPerYear,
    double gridKgCo2ePerKwh,
    double carbonFreeEnergyFraction,
    double emissionsTco2ePerYear,
    double embodiedTco2e,
    double embodiedTco2ePerYear,
    double wueLitersPerKwh,
    double waterM3PerYear) {

  /** A year's energy for cooling and power distribution: facility − IT. */
  public double overheadEnergyMwhPerYear() {
    return energyMwhPerYear - itEnergyMwhPerYear;
  }
}
