package dev.ironworks.core.explore;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** A bound on one plan figure (by its output path): a design outside it is excluded. */
public record Constraint(String metric, OptionalDouble min, OptionalDouble max) {
  public Constraint {
    if (min.isEmpty() && max.isEmpty()) {
      throw new IllegalArgumentException("constraint on " + metric + " needs min or max");
    }
    if (min.isPresent() && max.isPresent() && min.getAsDouble() > max.getAsDouble()) {
      throw new IllegalArgumentException("constraint on " + metric + ": min is above max");
    }
  }

  /** Why {@code value} breaks the bound, by how much; empty when it holds. */
  public Optional<String> violation(double value) {
    if (Double.isNaN(value)) {
      return Optional.of(metric + " is not available for this design");
    }
    if (max.isPresent() && value > max.getAsDouble()) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "%s %.4g > max %.4g (by %.1f%%)",
              metric,
              value,
              max.getAsDouble(),
              excess(value, max.getAsDouble())));
    }
    if (min.isPresent() && value < min.getAsDouble()) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "%s %.4g < min %.4g (by %.1f%%)",
              metric,
              value,
              min.getAsDouble(),
              shortfall(value, min.getAsDouble())));
    }
    return Optional.empty();
  }

  private static double shortfall(double value, double bound) {
    return bound == 0 ? Double.POSITIVE_INFINITY : 100 * (bound - value) / Math.abs(bound);
  }

  private static double excess(double larger, double bound) {
    return bound == 0 ? Double.POSITIVE_INFINITY : 100 * (larger - bound) / Math.abs(bound);
  }
}
