package dev.ironworks.web;

/**
 * What one request may ask of the server.
 *
 * @param maxBodyBytes the largest request body
 * @param maxTrials the most Monte Carlo trials one simulation may run
 * @param simulateSeconds the longest a simulation may run before it is stopped
 * @param maxSweepDesigns the largest design space a sweep may cover
 * @param maxUncertaintySamples the most Monte Carlo samples per front design of a sweep
 * @param jobSeconds the longest a sweep job may run before it is stopped
 * @param maxQueuedJobs the most sweep jobs waiting or running at once
 */
public record Limits(
    int maxBodyBytes,
    int maxTrials,
    int simulateSeconds,
    long maxSweepDesigns,
    int maxUncertaintySamples,
    int jobSeconds,
    int maxQueuedJobs) {
  /** The limits `ironworks serve` runs with. */
  public static final Limits DEFAULT = new Limits(1 << 20, 20_000, 60, 200_000, 500, 600, 8);

  public Limits {
    if (maxBodyBytes < 1
        || maxTrials < 1
        || simulateSeconds < 1
        || maxSweepDesigns < 1
        || maxUncertaintySamples < 1
        || jobSeconds < 1
        || maxQueuedJobs < 1) {
      throw new IllegalArgumentException("every limit must be positive");
    }
  }
}
