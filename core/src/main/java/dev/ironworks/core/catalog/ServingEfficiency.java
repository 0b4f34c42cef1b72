package dev.ironworks.core.catalog;

import java.util.OptionalDouble;

/**
 * How close a family's serving engine comes to the datasheet in a serving step (the {@code
 * calibration} entry's serving fields). Each is optional: an entry without one serves at the
 * training figure it falls back to.
 *
 * @param decodeBandwidth fraction of HBM bandwidth a decode step's weight and KV-cache reads reach
 *     (falls back to the entry's {@code memory})
 * @param prefillCompute fraction of the dense 8- or 16-bit peak a serving step's multiplies reach
 *     at large token counts: prefill, and decode at large batch (falls back to the format's
 *     training multiply efficiency)
 * @param prefillComputeFp4 the same at the dense FP4 peak, for 4-bit weights and activations (falls
 *     back to {@code prefillCompute}, then to {@code nvfp4Matmul})
 * @param everyExpert the machine runs a static schedule that streams every expert's weights each
 *     step, whatever the routing (a dataflow machine compiled ahead of time): no saving from the
 *     experts a batch leaves idle
 */
public record ServingEfficiency(
    OptionalDouble decodeBandwidth,
    OptionalDouble prefillCompute,
    OptionalDouble prefillComputeFp4,
    boolean everyExpert) {
  /** No serving figures of its own: everything falls back to the training ones. */
  public static final ServingEfficiency NONE =
      new ServingEfficiency(
          OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), false);

  public ServingEfficiency {
    share("decodeBandwidth", decodeBandwidth);
    share("prefillCompute", prefillCompute);
    share("prefillComputeFp4", prefillComputeFp4);
  }

  private static void share(String field, OptionalDouble value) {
    if (value.isPresent() && !(value.getAsDouble() > 0 && value.getAsDouble() <= 1)) {
      throw new IllegalArgumentException(field + " must be in (0, 1], got " + value.getAsDouble());
    }
  }
}
