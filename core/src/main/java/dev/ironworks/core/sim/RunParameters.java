package dev.ironworks.core.sim;

import dev.ironworks.core.units.Require;

/**
 * Everything one simulated training run needs, in seconds and watts.
 *
 * @param workSeconds failure-free compute time of the run
 * @param intervalSeconds compute time between checkpoints
 * @param stallSeconds time the job stops per checkpoint
 * @param writeSeconds time until an asynchronous checkpoint is durable (0 when synchronous)
 * @param counts components per {@link ComponentClass}
 * @param mtbfSeconds per component of each class (infinite: never fails)
 * @param maintenancePeriodSeconds between planned interruptions (infinite: none)
 * @param limitSeconds a trial still running at this time stops, counted as incomplete
 */
public record RunParameters(
    double workSeconds,
    double intervalSeconds,
    double stallSeconds,
    double writeSeconds,
    boolean async,
    double restartSeconds,
    int spareServers,
    double repairSeconds,
    double maintenancePeriodSeconds,
    long[] counts,
    double[] mtbfSeconds,
    double weibullShape,
    double busyWatts,
    double idleWatts,
    double pue,
    double limitSeconds) {
  public RunParameters {
    Require.positive("workSeconds", workSeconds);
    Require.positive("intervalSeconds", intervalSeconds);
    Require.nonNegative("stallSeconds", stallSeconds);
    Require.nonNegative("writeSeconds", writeSeconds);
    Require.nonNegative("restartSeconds", restartSeconds);
    Require.nonNegative("spareServers", spareServers);
    Require.positive("repairSeconds", repairSeconds);
    if (!(maintenancePeriodSeconds > 0)) {
      throw new IllegalArgumentException(
          "maintenancePeriodSeconds must be > 0 (infinite for none), got "
              + maintenancePeriodSeconds);
    }
    counts = counts.clone();
    mtbfSeconds = mtbfSeconds.clone();
    if (counts.length != ComponentClass.values().length
        || mtbfSeconds.length != ComponentClass.values().length) {
      throw new IllegalArgumentException("counts and mtbfSeconds need one entry per class");
    }
    Require.positive("weibullShape", weibullShape);
    if (!(limitSeconds > 0)) {
      throw new IllegalArgumentException("limitSeconds must be > 0, got " + limitSeconds);
    }
  }

  /** A fresh failure process for one trial. */
  public FailureProcess failureProcess() {
    return new FailureProcess(counts, mtbfSeconds, weibullShape);
  }
}
