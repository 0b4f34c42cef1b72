package dev.ironworks.core.scenario;

import dev.ironworks.core.units.Require;

/**
 * How a training run's software computes and communicates, beyond its parallel configuration.
 *
 * @param attention the attention kernel
 * @param tensorParallelOverlap tensor-parallel collectives overlapped with the neighbouring matrix
 *     multiplies (Megatron-LM/Transformer Engine user buffers); off by default
 * @param expertOverlap mixture-of-experts dispatch and combine overlapped with another
 *     micro-batch's computation (DeepSeek-V3's DualPipe, Megatron-Core's 1F1B all-to-all overlap);
 *     off by default
 * @param expertLoadImbalance tokens the busiest expert-parallel rank receives over the mean (1:
 *     perfectly balanced, as benchmarks that force balance run)
 * @param gradientReduce the format gradients are kept and reduced in
 * @param shardedGathers how ZeRO-3 gathers weights and whether it hides its collectives (layer by
 *     layer, prefetched, by default)
 * @param pipelineSchedule the pipeline schedule (1F1B, interleaved when asked, by default)
 */
public record TrainingOptions(
    AttentionKernel attention,
    boolean tensorParallelOverlap,
    boolean expertOverlap,
    double expertLoadImbalance,
    GradientReduce gradientReduce,
    ShardedGathers shardedGathers,
    PipelineSchedule pipelineSchedule) {
  /**
   * Tokens the busiest expert-parallel rank receives over the mean, by default: auxiliary-loss
   * balancing keeps the busiest expert within about 10–30% of the mean late in training, and a rank
   * holding several experts averages them (estimate).
   */
  public static final double DEFAULT_EXPERT_LOAD_IMBALANCE = 1.1;

  public TrainingOptions {
    Require.present("attention", attention);
    if (!(expertLoadImbalance >= 1)) {
      throw new IllegalArgumentException(
          "expertLoadImbalance must be >= 1, got " + expertLoadImbalance);
    }
    Require.present("gradientReduce", gradientReduce);
    Require.present("shardedGathers", shardedGathers);
    Require.present("pipelineSchedule", pipelineSchedule);
  }

  /**
   * The defaults: tuned fused attention, no overlap options, fp32 gradients, layer-wise ZeRO-3
   * gathers, 1F1B.
   */
  public static TrainingOptions defaults() {
    return withAttention(AttentionKernel.TUNED);
  }

  /** The defaults with another attention kernel. */
  public static TrainingOptions withAttention(AttentionKernel kernel) {
    return new TrainingOptions(
        kernel,
        false,
        false,
        DEFAULT_EXPERT_LOAD_IMBALANCE,
        GradientReduce.FP32,
        ShardedGathers.LAYER,
        PipelineSchedule.ONE_F_ONE_B);
  }
}
