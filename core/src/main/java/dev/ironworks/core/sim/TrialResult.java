package dev.ironworks.core.sim;

/**
 * One simulated run.
 *
 * @param interruptions failures that hit the job, and planned maintenance
 * @param waitSeconds time spent waiting for a repaired server (no spare left)
 */
public record TrialResult(
    double completionSeconds,
    int interruptions,
    int failures,
    int planned,
    double goodput,
    double energyMwh,
    double waitSeconds,
    long events,
    boolean completed) {}
