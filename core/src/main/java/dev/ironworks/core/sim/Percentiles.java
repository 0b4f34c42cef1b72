package dev.ironworks.core.sim;

import java.util.Arrays;

/** Nearest-rank percentiles and the mean of a sample. */
public record Percentiles(double p10, double p50, double p90, double mean, double standardError) {
  public static Percentiles of(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    double mean = sum / sorted.length;
    double squares = 0;
    for (double v : sorted) {
      squares += (v - mean) * (v - mean);
    }
    double sd = sorted.length > 1 ? Math.sqrt(squares / (sorted.length - 1)) : Double.NaN;
    return new Percentiles(
        rank(sorted, 0.10),
        rank(sorted, 0.50),
        rank(sorted, 0.90),
        mean,
        sd / Math.sqrt(sorted.length));
  }

  private static double rank(double[] sorted, double q) {
    int index = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
