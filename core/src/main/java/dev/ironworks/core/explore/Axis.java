package dev.ironworks.core.explore;

import java.math.BigDecimal;
import java.math.MathContext;
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

  /** The most values one axis takes. */
  public static final int MAX_VALUES = 1_000_000;

  /** from, from·factor, from·factor² … up to {@code to} (inclusive, with a relative slack). */
  public static Axis geometric(String path, double from, double to, double factor) {
    int n = geometricSize(path, from, to, factor);
    List<String> values = new ArrayList<>(n);
    double v = from;
    for (int i = 0; i < n; i++, v *= factor) {
      values.add(text(v));
    }
    return new Axis(path, values);
  }

  /**
   * How many values {@link #geometric} takes, found without making them.
   *
   * @throws IllegalArgumentException naming the path when the range is not one or takes more than
   *     {@link #MAX_VALUES}
   */
  public static int geometricSize(String path, double from, double to, double factor) {
    if (!(from > 0) || !(factor > 1) || !(to >= from)) {
      throw new IllegalArgumentException(
          "axis "
              + path
              + ": need 0 < from <= to and factor > 1, got from "
              + show(from)
              + ", to "
              + show(to)
              + ", factor "
              + show(factor));
    }
    int n = 0;
    for (double v = from; v <= to * (1 + 1e-12); v *= factor) {
      if (++n > MAX_VALUES) {
        throw tooMany(
            path,
            "from " + show(from) + " to " + show(to) + " by a factor of " + show(factor),
            "a larger factor");
      }
    }
    return n;
  }

  /** from, from + step … up to {@code to} (inclusive, with a relative slack). */
  public static Axis arithmetic(String path, double from, double to, double step) {
    int n = arithmeticSize(path, from, to, step);
    List<String> values = new ArrayList<>(n);
    for (long i = 0; i < n; i++) {
      values.add(text(from + i * step));
    }
    return new Axis(path, values);
  }

  /**
   * How many values {@link #arithmetic} takes, found without making them.
   *
   * @throws IllegalArgumentException naming the path when the range is not one or takes more than
   *     {@link #MAX_VALUES}
   */
  public static int arithmeticSize(String path, double from, double to, double step) {
    if (!(step > 0) || !(to >= from) || !Double.isFinite(from) || !Double.isFinite(to)) {
      throw new IllegalArgumentException(
          "axis "
              + path
              + ": need finite from <= to and step > 0, got from "
              + show(from)
              + ", to "
              + show(to)
              + ", step "
              + show(step));
    }
    // In doubles: a tiny step makes a count far past any long (1e-300 gives 1e300).
    double n = Math.floor((to - from) / step + 1e-9) + 1;
    if (!(n <= MAX_VALUES)) {
      throw tooMany(
          path,
          "from " + show(from) + " to " + show(to) + " in steps of " + show(step),
          "a larger step");
    }
    return (int) n;
  }

  private static IllegalArgumentException tooMany(String path, String range, String remedy) {
    return new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "axis %s: %s takes more than %,d values, the most an axis takes; give %s or a"
                + " narrower range",
            path,
            range,
            MAX_VALUES,
            remedy));
  }

  /** A bound or step in a message: plain text where short, else Java's exponent form. */
  private static String show(double v) {
    return v != 0 && (Math.abs(v) < 1e-6 || Math.abs(v) >= 1e15) || !Double.isFinite(v)
        ? Double.toString(v)
        : text(v);
  }

  /** A number as a scenario file writes it: no trailing zeros, no exponent for integers. */
  static String text(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    // Twelve significant digits drop the binary noise of repeated steps (0.1 + 0.2).
    return new BigDecimal(v)
        .round(new MathContext(12))
        .stripTrailingZeros()
        .toPlainString()
        .toLowerCase(Locale.ROOT);
  }

  public int size() {
    return values.size();
  }
}
