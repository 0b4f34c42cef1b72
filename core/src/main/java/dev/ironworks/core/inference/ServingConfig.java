package dev.ironworks.core.inference;

import dev.ironworks.core.scenario.Precision;

/**
 * One way to serve a model: a replica of tensor × pipeline accelerators, its expert-parallel degree
 * (MoE experts spread over the replica), the batch of sequences in flight and the number format of
 * weights and KV cache.
 */
public record ServingConfig(int tensor, int pipeline, int expert, int batch, Precision precision) {
  public ServingConfig {
    if (tensor < 1 || pipeline < 1 || expert < 1 || batch < 1) {
      throw new IllegalArgumentException("serving degrees and batch must be >= 1");
    }
  }

  /** Accelerators per replica. */
  public int acceleratorsPerReplica() {
    return tensor * pipeline;
  }
}
