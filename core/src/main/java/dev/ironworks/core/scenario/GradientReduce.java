package dev.ironworks.core.scenario;

/**
 * The format gradients are accumulated and reduced in: Megatron-LM and PyTorch FSDP's default keep
 * fp32 main gradients; DeepSpeed's ZeRO and Composer's "pure" mixed precision keep and reduce them
 * in 16 bits.
 */
public enum GradientReduce {
  FP32("fp32", 4),
  BF16("bf16", 2);

  private final String id;
  private final double bytes;

  GradientReduce(String id, double bytes) {
    this.id = id;
    this.bytes = bytes;
  }

  public String id() {
    return id;
  }

  /** Bytes per gradient value. */
  public double bytes() {
    return bytes;
  }
}
