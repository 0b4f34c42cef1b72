package dev.ironworks.core.scenario;

import dev.ironworks.core.units.Require;
import java.util.OptionalDouble;

/**
 * How the run checkpoints.
 *
 * @param intervalMinutes compute time between checkpoints; empty chooses Daly's optimum
 * @param async whether the job stalls only to copy state to host memory while storage writes in the
 *     background
 * @param writeSeconds time to write one checkpoint; empty derives it from the checkpoint size and
 *     the storage's write bandwidth
 */
public record CheckpointSpec(
    OptionalDouble intervalMinutes, boolean async, OptionalDouble writeSeconds) {
  public CheckpointSpec {
    intervalMinutes.ifPresent(v -> Require.positive("reliability.checkpoint.intervalMinutes", v));
    writeSeconds.ifPresent(v -> Require.nonNegative("reliability.checkpoint.writeSeconds", v));
  }

  /** {@code checkpoint: auto}: synchronous, Daly's interval, write time from storage. */
  public static CheckpointSpec auto() {
    return new CheckpointSpec(OptionalDouble.empty(), false, OptionalDouble.empty());
  }
}
