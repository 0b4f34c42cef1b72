package dev.ironworks.core.plan;

/**
 * The site figures the plan used, after scenario overrides of catalog values.
 *
 * @param pueFromScenario whether the PUE was given by the scenario rather than the cooling type
 */
public record SiteFigures(
    String regionId,
    String coolingId,
    double pue,
    boolean pueFromScenario,
    double electricityUsdPerKwh,
    double gridKgCo2ePerKwh,
    double wueLitersPerKwh,
    double carbonFreeEnergyFraction) {}
