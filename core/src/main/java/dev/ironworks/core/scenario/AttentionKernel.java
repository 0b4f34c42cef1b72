package dev.ironworks.core.scenario;

/** How a training run computes the attention core. */
public enum AttentionKernel {
  /**
   * The accelerator vendor's tuned fused kernel (cuDNN or FlashAttention-3 on Hopper and Blackwell,
   * FlashAttention-2 on Ampere): the calibration's {@code attention} efficiency.
   */
  TUNED("tuned"),
  /**
   * A portable fused kernel (FlashAttention-2, Triton): the calibration's {@code attentionPortable}
   * efficiency.
   */
  PORTABLE("portable"),
  /**
   * 2021-era unfused attention: two batched matrix multiplies and the softmax's memory traffic,
   * with the s × s scores kept for the backward pass unless recomputed.
   */
  UNFUSED("unfused");

  private final String id;

  AttentionKernel(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Whether the kernel is fused (flash): no s × s scores in memory, the causal half computed. */
  public boolean fused() {
    return this != UNFUSED;
  }
}
