package dev.ironworks.core.scenario;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The parallelism a scenario fixes; every empty field is searched ({@code parallelism: auto} leaves
 * them all empty).
 *
 * @param shardGroup with ZeRO-3, the ranks each parameter is sharded over (hybrid sharded data
 *     parallelism, HSDP): shards are replicated over data / shardGroup groups; empty shards over
 *     every data-parallel rank
 * @param expertTensor tensor-parallel degree of the experts; empty searches 1 and the tensor degree
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
    Optional<Boolean> sequenceParallel,
    OptionalInt shardGroup,
    OptionalInt expertTensor) {

  /** A specification that shards ZeRO-3 over every data-parallel rank. */
  public ParallelismSpec(
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
    this(
        tensor,
        pipeline,
        data,
        context,
        expert,
        microBatch,
        interleave,
        zeroStage,
        recompute,
        sequenceParallel,
        OptionalInt.empty(),
        OptionalInt.empty());
  }

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
        Optional.empty(),
        OptionalInt.empty(),
        OptionalInt.empty());
  }

  /** Whether nothing is fixed. */
  public boolean isAuto() {
    return this.equals(auto());
  }
}
