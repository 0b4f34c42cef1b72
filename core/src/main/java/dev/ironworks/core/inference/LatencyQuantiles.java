package dev.ironworks.core.inference;

import dev.ironworks.core.scenario.LatencyPercentile;

/** The median, 90th and 99th percentile of a latency, and its mean, in seconds. */
public record LatencyQuantiles(
    double p50Seconds, double p90Seconds, double p99Seconds, double meanSeconds) {
  public LatencyQuantiles {
    if (!(p50Seconds >= 0 && p90Seconds >= p50Seconds && p99Seconds >= p90Seconds)) {
      throw new IllegalArgumentException(
          "percentiles must be ordered 0 <= p50 <= p90 <= p99, got "
              + p50Seconds
              + ", "
              + p90Seconds
              + ", "
              + p99Seconds);
    }
  }

  /** The percentile a target names. */
  public double at(LatencyPercentile percentile) {
    return switch (percentile) {
      case P50 -> p50Seconds;
      case P90 -> p90Seconds;
      case P99 -> p99Seconds;
    };
  }
}
