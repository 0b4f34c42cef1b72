package dev.ironworks.core.sim;

/**
 * A Monte Carlo of a training run: distributions over trials.
 *
 * @param incomplete trials that had not finished by the time limit
 */
public record SimulationReport(
    int trials,
    long seed,
    Percentiles completionDays,
    Percentiles interruptions,
    Percentiles goodput,
    Percentiles energyMwh,
    Percentiles waitHours,
    long events,
    int incomplete) {}
