package dev.ironworks.core.catalog;

import dev.ironworks.core.units.Require;
import java.util.OptionalDouble;

/**
 * One accelerator model (a GPU, TPU chip, wafer-scale engine, LPU or IPU).
 *
 * <p>Peak throughputs are dense (without 2:4 sparsity). Memory is the memory that holds the
 * weights: HBM or GDDR, or on-chip SRAM for SRAM-only machines. {@code denseFp4FlopPerSecond} is
 * the block-scaled 4-bit rate (NVFP4 or MXFP4); an accelerator that has it also multiplies the
 * block-scaled 8-bit format (MXFP8) at its FP8 rate. {@code attentionSpeedup} is how much faster
 * its fused attention runs than its calibration family's figure says (1 for most; Blackwell Ultra
 * doubles the exponential throughput the softmax is bound by).
 */
public record Accelerator(
    String id,
    String name,
    String vendor,
    AcceleratorKind kind,
    int releaseYear,
    OptionalDouble denseFp32FlopPerSecond,
    OptionalDouble denseFp16FlopPerSecond,
    OptionalDouble denseBf16FlopPerSecond,
    OptionalDouble denseFp8FlopPerSecond,
    OptionalDouble denseFp4FlopPerSecond,
    OptionalDouble denseInt8OpPerSecond,
    double memoryBytes,
    String memoryType,
    double memoryBandwidthBytesPerSecond,
    String scaleUpId,
    double scaleUpBandwidthBytesPerSecond,
    double tdpWatts,
    OptionalDouble listPriceUsd,
    OptionalDouble cloudUsdPerHour,
    double embodiedKgCo2e,
    String defaultServerId,
    String availability,
    double attentionSpeedup,
    Provenance provenance)
    implements CatalogEntry {
  public Accelerator {
    Require.text("id", id);
    Require.text("name", name);
    Require.present("kind", kind);
    if (denseFp16FlopPerSecond.isEmpty() && denseBf16FlopPerSecond.isEmpty()) {
      throw new IllegalArgumentException(
          "denseFp16Tflops or denseBf16Tflops is required for accelerator " + id);
    }
    Require.positive("memoryBytes", memoryBytes);
    Require.positive("memoryBandwidthBytesPerSecond", memoryBandwidthBytesPerSecond);
    Require.nonNegative("scaleUpBandwidthBytesPerSecond", scaleUpBandwidthBytesPerSecond);
    Require.positive("tdpWatts", tdpWatts);
    listPriceUsd.ifPresent(p -> Require.positive("listPriceUsd", p));
    cloudUsdPerHour.ifPresent(p -> Require.positive("cloudUsdPerHour", p));
    Require.nonNegative("embodiedKgCo2e", embodiedKgCo2e);
    Require.text("defaultServer", defaultServerId);
    Require.positive("attentionSpeedup", attentionSpeedup);
    Require.present("provenance", provenance);
  }

  /** Whether it can only be rented (no list price). */
  public boolean cloudOnly() {
    return listPriceUsd.isEmpty();
  }

  /** Dense 16-bit peak: BF16 where the hardware has it, else FP16. */
  public double dense16BitFlopPerSecond() {
    return denseBf16FlopPerSecond.isPresent()
        ? denseBf16FlopPerSecond.getAsDouble()
        : denseFp16FlopPerSecond.getAsDouble();
  }
}
