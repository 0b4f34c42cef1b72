package dev.ironworks.core.scenario;

/**
 * The pipeline schedule: how the stages order their micro-batches' forward and backward passes,
 * which sets the bubble of idle stage time each iteration pays.
 *
 * <ul>
 *   <li>{@link #ONE_F_ONE_B}: one forward, one backward (PipeDream-Flush, Megatron-LM), with v
 *       interleaved chunks per device when asked: the bubble is (p − 1)/v stage times.
 *   <li>{@link #ZERO_BUBBLE}: ZB-H1 of Qi et al. 2024 (Zero Bubble Pipeline Parallelism, ICLR): the
 *       backward pass is split into its input-gradient and weight-gradient halves, and the weight
 *       gradients fill the bubble. With the activation memory of 1F1B, the bubble is (p − 1)(T_F +
 *       T_B − T_W), a third of 1F1B's (p − 1)(T_F + T_B + T_W) when the three are equal. Not
 *       interleaved. DeepSeek-V2 trained with it (16-way).
 * </ul>
 */
public enum PipelineSchedule {
  ONE_F_ONE_B("1f1b"),
  ZERO_BUBBLE("zero-bubble");

  private final String id;

  PipelineSchedule(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
