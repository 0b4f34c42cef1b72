package dev.ironworks.core.sim;

/**
 * A Monte Carlo of a training run: distributions over trials.
 *
 * @param completionDaysHistogram the trials' completion days in {@link Histogram#riceBins} bins
 * @param incomplete trials that had not finished by the time limit
 */
public record SimulationReport(
    int trials,
    long seed,
    Percentiles completionDays,
    Histogram completionDaysHistogram,
    Percentiles interruptions,
    Percentiles goodput,
    Percentiles energyMwh,
    Percentiles waitHours,
    long events,
    int incomplete) {}
