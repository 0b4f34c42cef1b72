package dev.ironworks.core.reliability;

import dev.ironworks.core.catalog.FailureRates;

/**
 * What failures do to a training run, analytically.
 *
 * @param failuresPerDay job interruptions by failure per day, all components
 * @param checkpointBytes weights and optimizer state written by one checkpoint
 * @param checkpointWriteSeconds time to write a checkpoint to storage
 * @param checkpointStallSeconds time the job stops per checkpoint (the write, or the copy to host
 *     memory when asynchronous)
 * @param checkpointIntervalSeconds compute time between checkpoints (Daly's unless given)
 * @param goodput useful compute time over wall-clock time
 * @param computeDays failure-free time of the run
 * @param wallClockDays the run with checkpoints, failures, restarts and maintenance
 * @param spareServers the hot-spare pool used (given or sized)
 * @param serverFailuresPerRepair expected server failures while one is repaired
 * @param clusterFailuresPerDay failures per day of every component of the cluster, in the job's
 *     blast radius or not: what operators repair (the seed's "10,000 GPUs at a 3-year MTBF fail
 *     9-10 times a day" is this figure)
 * @param cluster the cluster's components
 */
public record ReliabilityReport(
    String failureRates,
    double failuresPerDay,
    double acceleratorFailuresPerDay,
    double hostFailuresPerDay,
    double nicFailuresPerDay,
    double switchFailuresPerDay,
    double softwareFailuresPerDay,
    double linkFailuresPerDay,
    double jobMtbfHours,
    double checkpointBytes,
    double checkpointWriteSeconds,
    double checkpointStallSeconds,
    boolean asyncCheckpoint,
    double youngIntervalSeconds,
    double dalyIntervalSeconds,
    double checkpointIntervalSeconds,
    double restartSeconds,
    double plannedInterruptionsPerDay,
    double goodput,
    double computeDays,
    double wallClockDays,
    double expectedInterruptions,
    double checkpointDays,
    double restartDays,
    double reworkDays,
    int spareServers,
    double serverFailuresPerRepair,
    double extraCostUsd,
    double extraEnergyMwh,
    double extraEmissionsTco2e,
    FailureRates rates,
    ComponentCounts counts,
    double clusterFailuresPerDay,
    ComponentCounts cluster,
    double repairHours,
    double busyItWatts,
    double idleItWatts,
    double pue) {}
