package dev.ironworks.core.explore;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One axis of a design space: a scenario field, by its dotted path, and the values it takes, in
 * order. Values are kept as the text a scenario file would hold, so any field can be an axis.
 */
public record Axis(String path, List<String> values) {
  public Axis {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("an axis needs a path");
    }
    values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("axis " + path + " has no values");
    }
  }

  /** from, from·factor, from·factor² … up to {@code to} (inclusive, with a relative slack). */
  public static Axis geometric(String path, double from, double to, double factor) {
    if (!(from > 0) || !(factor > 1) || to < from) {
      throw new IllegalArgumentException(
          "axis "
              + path
              + ": need 0 < from <= to and factor > 1, got from "
              + from
              + ", to "
              + to
              + ", factor "
              + factor);
    }
    List<String> values = new ArrayList<>();
    for (double v = from; v <= to * (1 + 1e-12); v *= factor) {
      values.add(text(v));
      if (values.size() > 1_000_000) {
        throw new IllegalArgumentException("axis " + path + " has more than 1,000,000 values");
      }
    }
    return new Axis(path, values);
  }

  /** from, from + step … up to {@code to} (inclusive, with a relative slack). */
  public static Axis arithmetic(String path, double from, double to, double step) {
    if (!(step > 0) || to < from) {
      throw new IllegalArgumentException(
          "axis "
              + path
              + ": need from <= to and step > 0, got from "
              + from
              + ", to "
              + to
              + ", step "
              + step);
    }
    long n = (long) Math.floor((to - from) / step + 1e-9) + 1;
    if (n > 1_000_000) {
      throw new IllegalArgumentException("axis " + path + " has more than 1,000,000 values");
    }
    List<String> values = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      values.add(text(from + i * step));
    }
    return new Axis(path, values);
  }

  /** A number as a scenario file writes it: no trailing zeros, no exponent for integers. */
  static String text(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    // Twelve significant digits drop the binary noise of repeated steps (0.1 + 0.2).
    return new BigDecimal(v)
        .round(new java.math.MathContext(12))
        .stripTrailingZeros()
        .toPlainString()
        .toLowerCase(Locale.ROOT);
  }

  public int size() {
    return values.size();
  }
}
