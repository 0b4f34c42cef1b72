package dev.ironworks.core.catalog;

import dev.ironworks.core.units.Require;
import java.util.Comparator;
import java.util.List;
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
 *
 * <p>Over time: {@code shipYear} is the first year it ships in volume (a roadmap buys it from then
 * on), {@code pricePath} what it sells for year by year (linear between the years given, held
 * before the first and after the last; empty: the list price every year), and {@code
 * loadPowerFractionOfPeak} what its servers draw busy training or serving, as a fraction of their
 * peak (empty: the assumptions' figure).
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
    Provenance provenance,
    int shipYear,
    List<PricePoint> pricePath,
    OptionalDouble loadPowerFractionOfPeak)
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
    if (shipYear < releaseYear) {
      throw new IllegalArgumentException("shipYear must not be before releaseYear for " + id);
    }
    pricePath =
        List.copyOf(pricePath).stream().sorted(Comparator.comparingInt(PricePoint::year)).toList();
    loadPowerFractionOfPeak.ifPresent(f -> Require.fraction("loadPowerFractionOfPeak", f));
  }

  /**
   * The purchase price of one accelerator in a calendar year: the price path, linear between its
   * years and held outside them, else the list price.
   */
  public OptionalDouble priceUsdIn(int year) {
    if (pricePath.isEmpty()) {
      return listPriceUsd;
    }
    PricePoint first = pricePath.get(0);
    if (year <= first.year()) {
      return OptionalDouble.of(first.usd());
    }
    for (int i = 1; i < pricePath.size(); i++) {
      PricePoint a = pricePath.get(i - 1);
      PricePoint b = pricePath.get(i);
      if (year <= b.year()) {
        return OptionalDouble.of(
            a.usd() + (b.usd() - a.usd()) * (year - a.year()) / (double) (b.year() - a.year()));
      }
    }
    return OptionalDouble.of(pricePath.get(pricePath.size() - 1).usd());
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
