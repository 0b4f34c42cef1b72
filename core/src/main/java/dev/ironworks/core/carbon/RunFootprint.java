package dev.ironworks.core.carbon;

/** Energy and emissions of one run of known duration (Patterson et al. 2021, eq. 1–2). */
public record RunFootprint(
    double hours, double itPowerWatts, double pue, double energyMwh, double emissionsTco2e) {}
