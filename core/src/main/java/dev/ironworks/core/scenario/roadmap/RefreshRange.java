package dev.ironworks.core.scenario.roadmap;

/**
 * The service lives, in whole years, a purchase may be kept before it is sold: from {@code
 * minYears} to {@code maxYears}.
 */
public record RefreshRange(int minYears, int maxYears) {
  public RefreshRange {
    if (minYears < 1 || maxYears < minYears || maxYears > RoadmapSpec.MAX_YEARS) {
      throw new IllegalArgumentException(
          "roadmap.refresh needs 1 <= minYears <= maxYears <= " + RoadmapSpec.MAX_YEARS);
    }
  }

  /** Defaults: kept 3 to 6 years, the span of hyperscalers' server lives. */
  public static RefreshRange defaults() {
    return new RefreshRange(3, 6);
  }
}
