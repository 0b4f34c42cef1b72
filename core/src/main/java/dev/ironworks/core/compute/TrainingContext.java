package dev.ironworks.core.compute;

import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.ScaleUpTopology;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.scenario.Precision;
import dev.ironworks.core.scenario.TrainingOptions;

/**
 * What a training step's time and memory depend on besides the parallel configuration: the model
 * and batch, the software's options, the accelerator's peaks and calibration, and the links between
 * accelerators.
 *
 * @param acceleratorCount accelerators the run uses
 * @param peak16FlopPerSecond dense 16-bit peak: attention, the output layer and the router
 * @param attentionSpeedup how much faster this accelerator's fused attention runs than its
 *     calibration family's efficiency says
 * @param linearPeakFlopPerSecond dense peak of the linear layers' precision (the MFU denominator)
 * @param scaleUpBidirectionalBytesPerSecond scale-up bandwidth of one accelerator, both directions
 * @param scaleUpTopology how the scale-up domain is wired (switched, mesh, torus)
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
    TrainingOptions options,
    long acceleratorCount,
    double peak16FlopPerSecond,
    double attentionSpeedup,
    double linearPeakFlopPerSecond,
    double memoryBytes,
    double memoryBandwidthBytesPerSecond,
    Calibration calibration,
    double scaleUpBidirectionalBytesPerSecond,
    ScaleUpTopology scaleUpTopology,
    int scaleUpDomainSize,
    int acceleratorsPerServer,
    double scaleOutBytesPerSecond,
    double oversubscription,
    int serversPerLeaf) {

  /** The MFU denominator per accelerator: the dense peak of the linear layers' precision. */
  public double peakFlopPerSecond() {
    return linearPeakFlopPerSecond;
  }

  /** Whether attention runs in a fused (flash) kernel. */
  public boolean fusedAttention() {
    return options.attention().fused();
  }

  /** Bytes per value of activations and of their communication: 16-bit unless fp32. */
  public double activationBytes() {
    return precision == Precision.FP32 ? 4 : 2;
  }

  /** Bytes per value of gradients, kept and reduced: fp32 in pure fp32, else the option's. */
  public double gradientBytes() {
    return precision == Precision.FP32 ? 4 : options.gradientReduce().bytes();
  }

  /** Fraction of the linear precision's peak that a large matrix multiply reaches. */
  public double linearMatmulEfficiency() {
    Calibration c = calibration;
    return switch (precision) {
      case FP32, FP16, BF16 -> c.matmul();
      case FP8 -> c.fp8Matmul();
      case MXFP8 -> c.mxfp8Matmul();
      case NVFP4, MXFP4 -> c.nvfp4Matmul();
    };
  }

  /** The same context with another calibration (for calibration fits). */
  public TrainingContext withCalibration(Calibration c) {
    return with(acceleratorCount, globalBatchSequences, c, scaleOutBytesPerSecond);
  }

  /** The same context on another number of accelerators (for scaling curves). */
  public TrainingContext withAcceleratorCount(long count) {
    return with(count, globalBatchSequences, calibration, scaleOutBytesPerSecond);
  }

  /** The same context with another global batch. */
  public TrainingContext withGlobalBatch(int sequences) {
    return with(acceleratorCount, sequences, calibration, scaleOutBytesPerSecond);
  }

  /** The same context with another per-accelerator fabric bandwidth. */
  public TrainingContext withScaleOut(double bytesPerSecond) {
    return with(acceleratorCount, globalBatchSequences, calibration, bytesPerSecond);
  }

  /** The same context with the fields the withers change given anew. */
  private TrainingContext with(
      long count, int batchSequences, Calibration c, double scaleOutPerAccelerator) {
    return new TrainingContext(
        model,
        sequenceLength,
        batchSequences,
        precision,
        options,
        count,
        peak16FlopPerSecond,
        attentionSpeedup,
        linearPeakFlopPerSecond,
        memoryBytes,
        memoryBandwidthBytesPerSecond,
        c,
        scaleUpBidirectionalBytesPerSecond,
        scaleUpTopology,
        scaleUpDomainSize,
        acceleratorsPerServer,
        scaleOutPerAccelerator,
        oversubscription,
        serversPerLeaf);
  }
}
