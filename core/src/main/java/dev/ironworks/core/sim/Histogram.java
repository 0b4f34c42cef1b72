package dev.ironworks.core.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Equal-width bins over the range of a sample: every value falls in exactly one bin, so the counts
 * sum to the sample size. Bins are half-open [from, to) except the last, which holds the maximum.
 */
public record Histogram(List<Bin> bins) {
  /** One bin: {@code count} values in [from, to). */
  public record Bin(double from, double to, int count) {
    public Bin {
      if (!(to >= from)) {
        throw new IllegalArgumentException("bin to " + to + " is below from " + from);
      }
      if (count < 0) {
        throw new IllegalArgumentException("bin count must be >= 0, got " + count);
      }
    }
  }

  public Histogram {
    bins = List.copyOf(bins);
  }

  /** The values counted: the sum of the bins' counts. */
  public long total() {
    long sum = 0;
    for (Bin b : bins) {
      sum += b.count();
    }
    return sum;
  }

  /**
   * The Rice rule's number of bins for n values, ⌈2·n^(1/3)⌉, at most 50: 12 bins for 200 values,
   * 20 for 1,000.
   */
  public static int riceBins(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    return Math.min(50, (int) Math.ceil(2 * Math.cbrt(n)));
  }

  /**
   * Bins {@code values} into {@code binCount} equal-width bins from their minimum to their maximum;
   * a sample whose values are all equal makes one bin of width zero.
   */
  public static Histogram of(double[] values, int binCount) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values to bin");
    }
    if (binCount < 1) {
      throw new IllegalArgumentException("binCount must be >= 1, got " + binCount);
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("cannot bin a value that is not finite: " + v);
      }
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (max == min) {
      return new Histogram(List.of(new Bin(min, max, values.length)));
    }
    double width = (max - min) / binCount;
    int[] counts = new int[binCount];
    for (double v : values) {
      int index = (int) ((v - min) / width);
      counts[Math.min(binCount - 1, Math.max(0, index))]++;
    }
    List<Bin> bins = new ArrayList<>(binCount);
    for (int i = 0; i < binCount; i++) {
      double to = i == binCount - 1 ? max : min + (i + 1) * width;
      bins.add(new Bin(min + i * width, to, counts[i]));
    }
    return new Histogram(bins);
  }
}
