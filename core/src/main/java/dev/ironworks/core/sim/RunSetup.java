package dev.ironworks.core.sim;

import dev.ironworks.core.catalog.FailureRates;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.reliability.ComponentCounts;
import dev.ironworks.core.reliability.ReliabilityModel;
import dev.ironworks.core.reliability.ReliabilityReport;
import java.util.Optional;
import java.util.OptionalDouble;

/** Builds a simulated run from a plan's reliability analysis: the same inputs, simulated. */
public final class RunSetup {
  /** A trial still running after this many times its failure-free work stops, incomplete. */
  public static final double LIMIT_FACTOR = 50;

  private RunSetup() {}

  /** The run the plan analysed; empty when the plan has no reliability analysis. */
  public static Optional<RunParameters> from(Plan plan) {
    return plan.reliability().map(RunSetup::from);
  }

  public static RunParameters from(ReliabilityReport r) {
    double workSeconds = r.computeDays() * 86400;
    FailureRates rates = r.rates();
    ComponentCounts c = r.counts();
    long[] counts = new long[ComponentClass.values().length];
    double[] mtbf = new double[ComponentClass.values().length];
    counts[ComponentClass.ACCELERATOR.ordinal()] = c.accelerators();
    counts[ComponentClass.HOST.ordinal()] = c.hosts();
    counts[ComponentClass.NIC.ordinal()] = c.nics();
    counts[ComponentClass.SWITCH.ordinal()] = c.switches();
    counts[ComponentClass.SOFTWARE.ordinal()] = c.accelerators();
    counts[ComponentClass.LINK.ordinal()] = 1;
    mtbf[ComponentClass.ACCELERATOR.ordinal()] = seconds(rates.acceleratorMtbfYears());
    mtbf[ComponentClass.HOST.ordinal()] = seconds(rates.hostMtbfYears());
    mtbf[ComponentClass.NIC.ordinal()] = seconds(rates.nicMtbfYears());
    mtbf[ComponentClass.SWITCH.ordinal()] = seconds(rates.switchMtbfYears());
    mtbf[ComponentClass.SOFTWARE.ordinal()] = seconds(rates.softwareMtbfYears());
    mtbf[ComponentClass.LINK.ordinal()] =
        rates.linkFlapsPerDay() > 0 ? 86400 / rates.linkFlapsPerDay() : Double.POSITIVE_INFINITY;
    double maintenance =
        r.plannedInterruptionsPerDay() > 0
            ? 86400 / r.plannedInterruptionsPerDay()
            : Double.POSITIVE_INFINITY;
    return new RunParameters(
        workSeconds,
        r.checkpointIntervalSeconds(),
        r.checkpointStallSeconds(),
        r.asyncCheckpoint() ? r.checkpointWriteSeconds() : 0,
        r.asyncCheckpoint(),
        r.restartSeconds(),
        r.spareServers(),
        r.repairHours() * 3600,
        maintenance,
        counts,
        mtbf,
        rates.weibullShape(),
        r.busyItWatts(),
        r.idleItWatts(),
        r.pue(),
        workSeconds * LIMIT_FACTOR);
  }

  private static double seconds(OptionalDouble years) {
    return years.isPresent()
        ? years.getAsDouble() * ReliabilityModel.DAYS_PER_YEAR * 86400
        : Double.POSITIVE_INFINITY;
  }
}
