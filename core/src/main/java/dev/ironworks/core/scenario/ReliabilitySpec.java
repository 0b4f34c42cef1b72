package dev.ironworks.core.scenario;

import dev.ironworks.core.catalog.FailureRates;
import dev.ironworks.core.units.Require;
import java.util.OptionalInt;

/**
 * The failure and recovery side of a training run.
 *
 * @param failureRates the rates used: a catalog set or the scenario's own
 * @param restartMinutes detect, reschedule and reload after an interruption
 * @param spareServers hot spares that replace a failed server at once; empty sizes the pool to
 *     cover server failures during one repair time with 99.9% probability
 * @param repairHours until a failed server is back in the spare pool
 * @param plannedMaintenancePerDay planned interruptions (a checkpoint, then a restart)
 */
public record ReliabilitySpec(
    FailureRates failureRates,
    double restartMinutes,
    CheckpointSpec checkpoint,
    OptionalInt spareServers,
    double repairHours,
    double plannedMaintenancePerDay) {
  public ReliabilitySpec {
    Require.present("reliability.failureRates", failureRates);
    Require.nonNegative("reliability.restartMinutes", restartMinutes);
    Require.present("reliability.checkpoint", checkpoint);
    spareServers.ifPresent(v -> Require.nonNegative("reliability.spares.servers", v));
    Require.positive("reliability.repairHours", repairHours);
    Require.nonNegative("reliability.plannedMaintenancePerDay", plannedMaintenancePerDay);
  }

  /**
   * Defaults: 10 minutes to restart, checkpoint auto, spares sized, 24 h repairs, no maintenance.
   */
  public static ReliabilitySpec defaults(FailureRates rates) {
    return new ReliabilitySpec(rates, 10, CheckpointSpec.auto(), OptionalInt.empty(), 24, 0);
  }
}
