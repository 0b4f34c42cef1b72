package dev.ironworks.core.scenario;

/** Number format of training (mixed precision: weights and activations in this format). */
public enum Precision {
  FP32("fp32", 4),
  FP16("fp16", 2),
  BF16("bf16", 2),
  FP8("fp8", 1);

  private final String id;
  private final int bytes;

  Precision(String id, int bytes) {
    this.id = id;
    this.bytes = bytes;
  }

  public String id() {
    return id;
  }

  /** Bytes of one value in this format. */
  public int bytes() {
    return bytes;
  }
}
