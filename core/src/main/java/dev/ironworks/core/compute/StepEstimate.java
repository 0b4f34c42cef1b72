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
 *     data-parallel gradient and ZeRO traffic left after overlap
 * @param bubbleSeconds pipeline fill and drain: (p−1)/v micro-batch times
 * @param modelFlopsPerIteration forward and backward, attention over the whole context
 *     (Megatron-LM's and PaLM's convention, the MFU numerator)
 * @param hardwareFlopsPerIteration model FLOPs plus recomputation, in the same convention (what
 *     Megatron-LM's TFLOP/s count)
 * @param executedFlopsPerIteration what the kernels execute: as hardware FLOPs, but a fused causal
 *     attention kernel computes only half the score matrix (the HFU numerator)
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
