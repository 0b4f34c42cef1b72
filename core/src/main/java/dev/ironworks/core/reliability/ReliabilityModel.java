package dev.ironworks.core.reliability;

import dev.ironworks.core.catalog.FailureRates;
import dev.ironworks.core.scenario.ReliabilitySpec;
import dev.ironworks.core.units.Units;
import java.util.OptionalDouble;

/**
 * The analytical failure model of a training run. A job spanning n components fails at λ = Σ
 * nᵢ/MTBFᵢ (every component is in its blast radius); a checkpoint writes the weights and optimizer
 * state; the interval is Daly's optimum; the expected wall time is Daly's (2006, eq. 13) for
 * synchronous checkpoints, and the first-order waste δ/τ + (τ + δ_write)/(2M) + R/M for
 * asynchronous ones, whose exposed cost is the copy to host memory but whose work is lost back to
 * the previous checkpoint until the write completes. Planned maintenance costs a checkpoint and a
 * restart each time.
 */
public final class ReliabilityModel {
  /** Days per year for MTBFs quoted in years (Julian). */
  public static final double DAYS_PER_YEAR = 365.25;

  /** Node-local NVMe write bandwidth per server when the cluster has no shared storage. */
  public static final double LOCAL_NVME_BYTES_PER_SECOND_PER_SERVER = 5e9;

  /** Device-to-host copy bandwidth per accelerator (PCIe Gen4 x16 in practice). */
  public static final double HOST_COPY_BYTES_PER_SECOND = 25e9;

  private ReliabilityModel() {}

  /** Failures per day of {@code count} components with this MTBF in years. */
  static double perDay(long count, OptionalDouble mtbfYears) {
    return mtbfYears.isPresent() ? count / (mtbfYears.getAsDouble() * DAYS_PER_YEAR) : 0;
  }

  /** Job-interrupting failures per day, all components together. */
  public static double failuresPerDay(FailureRates r, ComponentCounts c) {
    return perDay(c.accelerators(), r.acceleratorMtbfYears())
        + perDay(c.hosts(), r.hostMtbfYears())
        + perDay(c.nics(), r.nicMtbfYears())
        + perDay(c.switches(), r.switchMtbfYears())
        + perDay(c.accelerators(), r.softwareMtbfYears())
        + r.linkFlapsPerDay();
  }

  /** Failures per day that take a server out (its accelerators, host or NICs). */
  public static double serverFailuresPerDay(FailureRates r, ComponentCounts c) {
    return perDay(c.accelerators(), r.acceleratorMtbfYears())
        + perDay(c.hosts(), r.hostMtbfYears())
        + perDay(c.nics(), r.nicMtbfYears());
  }

  /** The smallest k with P(Poisson(mean) ≤ k) ≥ 0.999: spares that cover a repair window. */
  public static int sparesFor(double mean) {
    double term = Math.exp(-mean);
    double cumulative = term;
    int k = 0;
    while (cumulative < 0.999 && k < 1_000_000) {
      k++;
      term *= mean / k;
      cumulative += term;
    }
    return k;
  }

  /** Inputs the analysis needs besides the scenario's reliability section. */
  public record RunFigures(
      double computeSeconds,
      double checkpointBytes,
      double storageWriteBytesPerSecond,
      long acceleratorsUsed,
      double busyItWatts,
      double idleItWatts,
      double pue,
      double gridKgCo2ePerKwh,
      double carbonFreeEnergyFraction,
      double usdPerAcceleratorHour,
      long acceleratorsPaid) {}

  /** The analysis of a job that spans the whole cluster. */
  public static ReliabilityReport analyze(
      ReliabilitySpec spec, ComponentCounts counts, RunFigures run) {
    return analyze(spec, counts, counts, run);
  }

  /**
   * The analysis of a job over {@code counts}, in a cluster of {@code cluster}: the job fails at
   * the rate of its own components; the cluster's rate (every component of it, whether in the job's
   * blast radius or not) is what operators repair.
   */
  public static ReliabilityReport analyze(
      ReliabilitySpec spec, ComponentCounts counts, ComponentCounts cluster, RunFigures run) {
    FailureRates rates = spec.failureRates();
    double perDay = failuresPerDay(rates, counts);
    double mtbfSeconds =
        perDay > 0
            ? Units.daysToHours(1 / perDay) * Units.SECONDS_PER_HOUR
            : Double.POSITIVE_INFINITY;
    double writeSeconds =
        spec.checkpoint().writeSeconds().isPresent()
            ? spec.checkpoint().writeSeconds().getAsDouble()
            : run.checkpointBytes() / run.storageWriteBytesPerSecond();
    boolean async = spec.checkpoint().async();
    double stallSeconds =
        async
            ? run.checkpointBytes() / run.acceleratorsUsed() / HOST_COPY_BYTES_PER_SECOND
            : writeSeconds;
    double youngSeconds = Checkpointing.youngSeconds(stallSeconds, mtbfSeconds);
    double dalySeconds = Checkpointing.dalySeconds(stallSeconds, mtbfSeconds);
    double intervalSeconds =
        spec.checkpoint().intervalMinutes().isPresent()
            ? spec.checkpoint().intervalMinutes().getAsDouble() * 60
            : Double.isInfinite(mtbfSeconds)
                ? run.computeSeconds()
                // A free checkpoint would be taken continuously: one a second stands for that.
                : Math.max(Math.max(async ? writeSeconds : 0, 1.0), dalySeconds);
    intervalSeconds = Math.min(intervalSeconds, Math.max(1, run.computeSeconds()));
    double restartSeconds = spec.restartMinutes() * 60;
    double workSeconds = run.computeSeconds();
    double wallWithFailuresSeconds;
    if (async) {
      double waste =
          stallSeconds / intervalSeconds
              + (Double.isInfinite(mtbfSeconds)
                  ? 0
                  : (intervalSeconds + writeSeconds) / (2 * mtbfSeconds)
                      + restartSeconds / mtbfSeconds);
      wallWithFailuresSeconds = waste < 1 ? workSeconds / (1 - waste) : Double.POSITIVE_INFINITY;
    } else {
      wallWithFailuresSeconds =
          Checkpointing.expectedWallSeconds(
              workSeconds, intervalSeconds, stallSeconds, restartSeconds, mtbfSeconds);
    }
    double plannedPerDay = spec.plannedMaintenancePerDay();
    double plannedShare =
        plannedPerDay * (stallSeconds + restartSeconds) / Units.hoursToSeconds(24);
    double wallSeconds =
        plannedShare < 1 ? wallWithFailuresSeconds / (1 - plannedShare) : Double.POSITIVE_INFINITY;
    double wallDays = wallSeconds / Units.hoursToSeconds(24);
    double failures = Double.isInfinite(mtbfSeconds) ? 0 : wallWithFailuresSeconds / mtbfSeconds;
    double planned = plannedPerDay * wallDays;
    double checkpointingSeconds =
        workSeconds / intervalSeconds * stallSeconds + planned * stallSeconds;
    double restartingSeconds = (failures + planned) * restartSeconds;
    double reworkSeconds =
        Math.max(0, wallSeconds - workSeconds - checkpointingSeconds - restartingSeconds);
    double extraHours = Units.secondsToHours(wallSeconds - workSeconds);
    double busyExtraHours = Units.secondsToHours(checkpointingSeconds + reworkSeconds);
    double idleExtraHours = Units.secondsToHours(restartingSeconds);
    double extraEnergy =
        Units.wattHoursToMegawattHours(
            (run.busyItWatts() * busyExtraHours + run.idleItWatts() * idleExtraHours) * run.pue());
    double serverFailuresPerRepair = serverFailuresPerDay(rates, counts) * spec.repairHours() / 24;
    // A sized pool never exceeds the servers the job uses.
    int spares =
        spec.spareServers()
            .orElse((int) Math.min(counts.servers(), sparesFor(serverFailuresPerRepair)));
    return new ReliabilityReport(
        rates.id(),
        perDay,
        perDay(counts.accelerators(), rates.acceleratorMtbfYears()),
        perDay(counts.hosts(), rates.hostMtbfYears()),
        perDay(counts.nics(), rates.nicMtbfYears()),
        perDay(counts.switches(), rates.switchMtbfYears()),
        perDay(counts.accelerators(), rates.softwareMtbfYears()),
        rates.linkFlapsPerDay(),
        Units.secondsToHours(mtbfSeconds),
        run.checkpointBytes(),
        writeSeconds,
        stallSeconds,
        async,
        youngSeconds,
        dalySeconds,
        intervalSeconds,
        restartSeconds,
        plannedPerDay,
        workSeconds / wallSeconds,
        Units.hoursToDays(Units.secondsToHours(workSeconds)),
        wallDays,
        failures + planned,
        Units.hoursToDays(Units.secondsToHours(checkpointingSeconds)),
        Units.hoursToDays(Units.secondsToHours(restartingSeconds)),
        Units.hoursToDays(Units.secondsToHours(reworkSeconds)),
        spares,
        serverFailuresPerRepair,
        extraHours * run.acceleratorsPaid() * run.usdPerAcceleratorHour(),
        extraEnergy,
        extraEnergy * run.gridKgCo2ePerKwh() * (1 - run.carbonFreeEnergyFraction()),
        rates,
        counts,
        failuresPerDay(rates, cluster),
        cluster,
        spec.repairHours(),
        run.busyItWatts(),
        run.idleItWatts(),
        run.pue());
  }
}
