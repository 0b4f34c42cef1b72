package dev.ironworks.core.scenario;

/**
 * A concrete way to split training over accelerators: tensor × pipeline × data × context parallel
 * ranks (world size), with expert parallelism inside the data-parallel ranks.
 *
 * @param microBatch sequences per micro-batch
 * @param interleave virtual pipeline stages per device (1 = plain 1F1B)
 * @param zeroStage ZeRO stage 0-3 over the data-parallel ranks
 * @param shardGroup ranks ZeRO-3 shards over (HSDP when below the data-parallel degree; equal to it
 *     otherwise)
 * @param expertTensor tensor-parallel degree of the experts (Megatron-Core's expert tensor
 *     parallelism): 1 keeps each expert whole on a rank and folds the tensor-parallel ranks into
 *     the expert-parallel group; equal to {@code tensor} splits experts like the dense layers
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
    boolean sequenceParallel,
    int shardGroup,
    int expertTensor) {
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
    if (shardGroup < 1 || data % shardGroup != 0) {
      throw new IllegalArgumentException(
          "shardGroup must divide the data-parallel degree " + data + ", got " + shardGroup);
    }
    if (expertTensor < 1 || tensor % expertTensor != 0) {
      throw new IllegalArgumentException(
          "expertTensor must divide the tensor-parallel degree "
              + tensor
              + ", got "
              + expertTensor);
    }
  }

  /** A configuration whose experts are split like the dense layers. */
  public ParallelConfig(
      int tensor,
      int pipeline,
      int data,
      int context,
      int expert,
      int microBatch,
      int interleave,
      int zeroStage,
      Recompute recompute,
      boolean sequenceParallel,
      int shardGroup) {
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
        shardGroup,
        tensor);
  }

  /** A configuration whose ZeRO sharding spans every data-parallel rank. */
  public ParallelConfig(
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
        data);
  }

  /** Whether ZeRO-3 shards within groups smaller than the data-parallel degree (HSDP). */
  public boolean hybridSharded() {
    return zeroStage == 3 && shardGroup < data;
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
        + (sequenceParallel ? " SP" : "")
        + (hybridSharded() ? " HSDP" + shardGroup : "")
        + (expert > 1 && expertTensor != tensor ? " ETP" + expertTensor : "");
  }

  /** The same configuration with another recomputation mode. */
  public ParallelConfig withRecompute(Recompute mode) {
    return new ParallelConfig(
        tensor,
        pipeline,
        data,
        context,
        expert,
        microBatch,
        interleave,
        zeroStage,
        mode,
        sequenceParallel,
        shardGroup,
        expertTensor);
  }
}
