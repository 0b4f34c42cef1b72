package dev.ironworks.core.compute;

import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.scenario.Precision;

/**
 * What a training step's time and memory depend on besides the parallel configuration: the model
 * and batch, the accelerator's peaks and calibration, and the links between accelerators.
 *
 * @param acceleratorCount accelerators the run uses
 * @param peakFlopPerSecond dense peak at the training precision
 * @param scaleUpBytesPerSecond per accelerator and direction on the scale-up domain
 * @param scaleUpDomainSize accelerators per NVLink/ICI domain
 * @param acceleratorsPerServer accelerators per server (ranks per node)
 * @param scaleOutBytesPerSecond per accelerator and direction on the fabric
 * @param oversubscription the fabric's leaf oversubscription
 * @param serversPerLeaf servers under one leaf before traffic crosses the oversubscribed tier
 */
public record TrainingContext(
    TransformerModel model,
    int sequenceLength,
    int globalBatchSequences,
    Precision precision,
    boolean fusedAttention,
    long acceleratorCount,
    double peakFlopPerSecond,
    double memoryBytes,
    double memoryBandwidthBytesPerSecond,
    Calibration calibration,
    double scaleUpBytesPerSecond,
    int scaleUpDomainSize,
    int acceleratorsPerServer,
    double scaleOutBytesPerSecond,
    double oversubscription,
    int serversPerLeaf) {

  /** Bytes per value of activations and of their communication: 16-bit unless fp32. */
  public double activationBytes() {
    return precision == Precision.FP32 ? 4 : 2;
  }

  /** Bytes per value of a gradient reduction: fp32 main gradients, except in pure fp16. */
  public double gradientReduceBytes() {
    return precision == Precision.FP16 ? 2 : 4;
  }

  /** The same context with another calibration (for calibration fits). */
  public TrainingContext withCalibration(Calibration c) {
    return new TrainingContext(
        model,
        sequenceLength,
        globalBatchSequences,
        precision,
        fusedAttention,
        acceleratorCount,
        peakFlopPerSecond,
        memoryBytes,
        memoryBandwidthBytesPerSecond,
        c,
        scaleUpBytesPerSecond,
        scaleUpDomainSize,
        acceleratorsPerServer,
        scaleOutBytesPerSecond,
        oversubscription,
        serversPerLeaf);
  }

  /** The same context on another number of accelerators (for scaling curves). */
  public TrainingContext withAcceleratorCount(long count) {
    return new TrainingContext(
        model,
        sequenceLength,
        globalBatchSequences,
        precision,
        fusedAttention,
        count,
        peakFlopPerSecond,
        memoryBytes,
        memoryBandwidthBytesPerSecond,
        calibration,
        scaleUpBytesPerSecond,
        scaleUpDomainSize,
        acceleratorsPerServer,
        scaleOutBytesPerSecond,
        oversubscription,
        serversPerLeaf);
  }
}
