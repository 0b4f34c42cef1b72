package dev.ironworks.core.scenario;

/**
 * Number format of the linear layers' matrix multiplies (training) or of the weights (serving).
 *
 * <p>In training the attention core, normalisation, softmax and the output layer stay in 16 bits
 * whatever the format: {@code fp8} is per-tensor scaled FP8 (Hopper, Transformer Engine's delayed
 * or current scaling), {@code mxfp8} the OCP microscaling format with one 8-bit scale per 32 values
 * (Blackwell), {@code nvfp4} NVIDIA's 4-bit format with one FP8 scale per 16 values and a
 * per-tensor scale (Blackwell), {@code mxfp4} the OCP microscaling 4-bit format with one 8-bit
 * scale per 32 values (Blackwell, CDNA 4; on hardware without a 4-bit rate a serving engine
 * dequantises it and multiplies at the next wider rate, as GPT-OSS ships it).
 */
public enum Precision {
  FP32("fp32", 4),
  FP16("fp16", 2),
  BF16("bf16", 2),
  FP8("fp8", 1),
  MXFP8("mxfp8", 1 + 1.0 / 32),
  NVFP4("nvfp4", 0.5 + 1.0 / 16),
  MXFP4("mxfp4", 0.5 + 1.0 / 32);

  private final String id;
  private final double bytes;

  Precision(String id, double bytes) {
    this.id = id;
    this.bytes = bytes;
  }

  public String id() {
    return id;
  }

  /** Bytes of one value in this format, block scales included. */
  public double bytes() {
    return bytes;
  }

  /** Whether the linear layers multiply in an 8- or 4-bit format (scaled from 16-bit values). */
  public boolean isLowPrecision() {
    return this == FP8 || this == MXFP8 || this == NVFP4 || this == MXFP4;
  }

  /** Whether the format needs block-scaling hardware (Blackwell-generation tensor cores). */
  public boolean isBlockScaled() {
    return this == MXFP8 || this == NVFP4 || this == MXFP4;
  }

  /** Whether a value takes 4 bits (plus its block scale). */
  public boolean isFourBit() {
    return this == NVFP4 || this == MXFP4;
  }
}
