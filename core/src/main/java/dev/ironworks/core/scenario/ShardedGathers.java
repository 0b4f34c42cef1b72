package dev.ironworks.core.scenario;

/**
 * How a ZeRO-3 (fully sharded) implementation gathers weights and whether it hides its collectives.
 *
 * <ul>
 *   <li>{@link #LAYER}: one all-gather of a layer's flattened weights, the next layer's issued
 *       while the current one computes, the gradient reduce-scatter behind the backward (PyTorch
 *       FSDP and FSDP2, Megatron-Core FSDP, Composer; DeepSpeed with {@code overlap_comm} and
 *       prefetching).
 *   <li>{@link #TENSOR}: every parameter tensor gathered by itself when its module runs, and every
 *       collective on the critical path (DeepSpeed ZeRO-3 as Narayanan et al. 2021 ran it, Table 2:
 *       {@code overlap_comm} off, its default then). Each gather pays the ring's n − 1 steps of
 *       latency, so the cost grows with the data-parallel group.
 * </ul>
 */
public enum ShardedGathers {
  LAYER("layer"),
  TENSOR("tensor");

  private final String id;

  ShardedGathers(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
