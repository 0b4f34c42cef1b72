package dev.ironworks.core.inference;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.scenario.Precision;
import dev.ironworks.core.scenario.ServingSpec;

/**
 * What serving depends on besides the configuration: the model, the request shape, the accelerator
 * and its links, and how the fleet serves.
 *
 * @param scaleUpBytesPerSecond per accelerator and direction
 * @param stageHopSeconds latency of passing activations to the next pipeline stage
 * @param serving the percentile, mode, scheduler and serving techniques
 * @param kvTransferBytesPerSecond per accelerator, for moving a prompt's KV cache from a prefill
 *     replica to a decode replica (the scale-out fabric)
 */
public record ServingContext(
    TransformerModel model,
    Accelerator accelerator,
    Calibration calibration,
    double promptTokens,
    double outputTokens,
    boolean continuousBatching,
    boolean pagedKvCache,
    double scaleUpBytesPerSecond,
    int scaleUpDomainSize,
    double stageHopSeconds,
    ServingSpec serving,
    double kvTransferBytesPerSecond) {

  /** A context with the default serving options; KV moves over the scale-up links. */
  public ServingContext(
      TransformerModel model,
      Accelerator accelerator,
      Calibration calibration,
      double promptTokens,
      double outputTokens,
      boolean continuousBatching,
      boolean pagedKvCache,
      double scaleUpBytesPerSecond,
      int scaleUpDomainSize,
      double stageHopSeconds) {
    this(
        model,
        accelerator,
        calibration,
        promptTokens,
        outputTokens,
        continuousBatching,
        pagedKvCache,
        scaleUpBytesPerSecond,
        scaleUpDomainSize,
        stageHopSeconds,
        ServingSpec.DEFAULT,
        scaleUpBytesPerSecond);
  }

  /** The same context with other serving options. */
  public ServingContext withServing(ServingSpec spec) {
    return new ServingContext(
        model,
        accelerator,
        calibration,
        promptTokens,
        outputTokens,
        continuousBatching,
        pagedKvCache,
        scaleUpBytesPerSecond,
        scaleUpDomainSize,
        stageHopSeconds,
        spec,
        kvTransferBytesPerSecond);
  }

  public double memoryBytes() {
    return accelerator.memoryBytes();
  }

  public double memoryBandwidthBytesPerSecond() {
    return accelerator.memoryBandwidthBytesPerSecond();
  }

  /** Prompt tokens a request prefills: those the prefix cache does not hold. */
  public double prefillTokens() {
    return promptTokens * (1 - serving.prefixCacheHitRate());
  }

  /**
   * Dense peak at a serving precision: the format's rate where the hardware has it, else the next
   * wider format's (4-bit weights on hardware without a 4-bit rate are dequantised and multiplied
   * at the FP8 or 16-bit rate).
   */
  public double peakFlopPerSecond(Precision precision) {
    return switch (precision) {
      case FP8, MXFP8 ->
          accelerator.denseFp8FlopPerSecond().orElse(accelerator.dense16BitFlopPerSecond());
      case NVFP4, MXFP4 ->
          accelerator
              .denseFp4FlopPerSecond()
              .orElse(
                  accelerator
                      .denseFp8FlopPerSecond()
                      .orElse(accelerator.dense16BitFlopPerSecond()));
      case FP32 ->
          accelerator.denseFp32FlopPerSecond().orElse(accelerator.dense16BitFlopPerSecond() / 4);
      case BF16, FP16 -> accelerator.dense16BitFlopPerSecond();
    };
  }

  /** Whether a 4-bit format multiplies at the accelerator's own 4-bit rate. */
  public boolean runsAtFp4Peak(Precision precision) {
    return precision.isFourBit() && accelerator.denseFp4FlopPerSecond().isPresent();
  }
}
