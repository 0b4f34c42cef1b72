package dev.ironworks.core.inference;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.scenario.Precision;

/**
 * What serving depends on besides the configuration: the model, the request shape, the accelerator
 * and its links.
 *
 * @param scaleUpBytesPerSecond per accelerator and direction
 * @param stageHopSeconds latency of passing activations to the next pipeline stage
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
    double stageHopSeconds) {

  public double memoryBytes() {
    return accelerator.memoryBytes();
  }

  public double memoryBandwidthBytesPerSecond() {
    return accelerator.memoryBandwidthBytesPerSecond();
  }

  /**
   * Dense peak at a serving precision: the format's rate where the hardware has it, else the next
   * wider format's.
   */
  public double peakFlopPerSecond(Precision precision) {
    return switch (precision) {
      case FP8, MXFP8 ->
          accelerator.denseFp8FlopPerSecond().orElse(accelerator.dense16BitFlopPerSecond());
      case NVFP4 ->
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
}
