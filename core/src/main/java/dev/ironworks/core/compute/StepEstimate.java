package dev.ironworks.core.compute;

import dev.ironworks.core.memory.MemoryBreakdown;
import dev.ironworks.core.scenario.ParallelConfig;

/**
 * One training iteration under one parallel configuration.
 *
 * @param computeSeconds kernels on the slowest pipeline stage, all micro-batches, and the optimizer
 *     step
 * @param exposedCommunicationSeconds communication not hidden behind compute: tensor-parallel
 *     collectives, pipeline sends, MoE all-to-all, context-parallel exchanges, and the
 *     data-parallel gradient and ZeRO traffic left after overlap (and what overlapping costs)
 * @param hostSeconds time the accelerators wait on the host: layers shorter than their issue time,
 *     and mixture-of-experts layers waiting for token counts
 * @param bubbleSeconds pipeline fill and drain: (p−1)/v micro-batch times
 * @param modelFlopsPerIteration forward and backward, no recomputation, the causal half of the
 *     attention scores (the MFU numerator, {@link Flops#modelPerToken})
 * @param hardwareFlopsPerIteration Megatron-LM's count: recomputation included and the whole score
 *     matrix (what Megatron-LM's TFLOP/s count, {@link Flops#megatronPerToken})
 * @param executedFlopsPerIteration what the kernels execute: model FLOPs plus recomputation, the
 *     whole score matrix for an unfused kernel (the HFU numerator, {@link Flops#executedPerToken})
 * @param memory the fuller of the first and last pipeline stages
 * @param fits whether {@code memory} fits the accelerator
 */
public record StepEstimate(
    ParallelConfig config,
    int microBatches,
    double iterationSeconds,
    double computeSeconds,
    double exposedCommunicationSeconds,
    double bubbleSeconds,
    double tensorParallelSeconds,
    double pipelineSendSeconds,
    double dataParallelExposedSeconds,
    double expertAllToAllSeconds,
    double contextParallelSeconds,
    double hostSeconds,
    double modelFlopsPerIteration,
    double hardwareFlopsPerIteration,
    double executedFlopsPerIteration,
    MemoryBreakdown memory,
    boolean fits) {

  /** Tokens per second of the whole run. */
  public double tokensPerSecond(double tokensPerIteration) {
    return tokensPerIteration / iterationSeconds;
  }
}
