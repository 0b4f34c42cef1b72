package dev.ironworks.core.scenario;

/**
 * A concrete way to split training over accelerators: tensor × pipeline × data × context parallel
 * ranks (world size), with expert parallelism inside the data-parallel ranks.
 *
 * @param microBatch sequences per micro-batch
 * @param interleave virtual pipeline stages per device (1 = plain 1F1B)
 * @param zeroStage ZeRO stage 0-3 over the data-parallel ranks
 */
public record ParallelConfig(
    int tensor,
    int pipeline,
    int data,
    int context,
    int expert,
    int microBatch,
    int interleave,
    int zeroStage,
    Recompute recompute,
    boolean sequenceParallel) {
  public ParallelConfig {
    if (tensor < 1
        || pipeline < 1
        || data < 1
        || context < 1
        || expert < 1
        || microBatch < 1
        || interleave < 1) {
      throw new IllegalArgumentException("parallel degrees must be >= 1");
    }
    if (zeroStage < 0 || zeroStage > 3) {
      throw new IllegalArgumentException("zeroStage must be 0-3, got " + zeroStage);
    }
    if (recompute == null) {
      throw new IllegalArgumentException("recompute is required");
    }
  }

  /** Accelerators used: tensor × pipeline × data × context. */
  public long worldSize() {
    return (long) tensor * pipeline * data * context;
  }

  /** "TP8 PP16 DP64 CP1 EP1 mb1 v1 ZeRO1 full SP" for tables. */
  public String label() {
    return "TP"
        + tensor
        + " PP"
        + pipeline
        + " DP"
        + data
        + " CP"
        + context
        + " EP"
        + expert
        + " mb"
        + microBatch
        + " v"
        + interleave
        + " ZeRO"
        + zeroStage
        + " "
        + recompute.id()
        + (sequenceParallel ? " SP" : "");
  }
}
