package dev.ironworks.core.scenario;

/**
 * The share of requests a latency target holds for: the median, the 90th or the 99th percentile.
 */
public enum LatencyPercentile {
  P50("p50", 0.50),
  P90("p90", 0.90),
  P99("p99", 0.99);

  private final String id;
  private final double quantile;

  LatencyPercentile(String id, double quantile) {
    this.id = id;
    this.quantile = quantile;
  }

  public String id() {
    return id;
  }

  /** The quantile: 0.5, 0.9 or 0.99. */
  public double quantile() {
    return quantile;
  }
}
