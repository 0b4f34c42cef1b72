package dev.ironworks.core.scenario;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The parallelism a scenario fixes; every empty field is searched ({@code parallelism: auto} leaves
 * them all empty).
 */
public record ParallelismSpec(
    OptionalInt tensor,
    OptionalInt pipeline,
    OptionalInt data,
    OptionalInt context,
    OptionalInt expert,
    OptionalInt microBatch,
    OptionalInt interleave,
    OptionalInt zeroStage,
    Optional<Recompute> recompute,
    Optional<Boolean> sequenceParallel) {

  /** Everything searched. */
  public static ParallelismSpec auto() {
    return new ParallelismSpec(
        OptionalInt.empty(),
        OptionalInt.empty(),
        OptionalInt.empty(),
        OptionalInt.empty(),
        OptionalInt.empty(),
        OptionalInt.empty(),
        OptionalInt.empty(),
        OptionalInt.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** Whether nothing is fixed. */
  public boolean isAuto() {
    return this.equals(auto());
  }
}
