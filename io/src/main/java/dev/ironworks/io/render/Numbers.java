package dev.ironworks.io.render;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Number formatting shared by the renderers; Locale.ROOT throughout, so output is stable. */
public final class Numbers {
  private static final MathContext SIX = new MathContext(6, RoundingMode.HALF_EVEN);

  private Numbers() {}

  /**
   * A double rounded to 6 significant digits (half-even, of its exact binary value), for
   * machine-readable output.
   */
  public static BigDecimal sixDigits(double value) {
    if (value == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal rounded = roundedQuickly(value);
    if (rounded == null) {
      rounded = new BigDecimal(value).round(SIX);
    }
    rounded = rounded.stripTrailingZeros();
    return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
  }

  /** Powers of ten exact as doubles: 10^0 … 10^22. */
  private static final double[] TENS = new double[23];

  static {
    TENS[0] = 1;
    for (int i = 1; i < TENS.length; i++) {
      TENS[i] = TENS[i - 1] * 10;
    }
  }

  /**
   * {@code value} rounded to 6 significant digits without its exact decimal expansion, or null
   * where that could differ from rounding the exact value. Scaled by an exact power of ten to
   * [10^5, 10^6), the value is off by at most a few units in the last place (about 10^-10); unless
   * its fraction lies within 10^-6 of one half, rounding the scaled double rounds the exact value
   * the same way.
   */
  static BigDecimal roundedQuickly(double value) {
    double magnitude = Math.abs(value);
    if (!Double.isFinite(magnitude)) {
      return null;
    }
    int scale = 5 - (int) Math.floor(Math.log10(magnitude));
    if (scale < -22 || scale > 22) {
      return null;
    }
    double scaled = scale >= 0 ? magnitude * TENS[scale] : magnitude / TENS[-scale];
    if (scaled < 1e5 || scaled >= 1e6) {
      return null;
    }
    double whole = Math.floor(scaled);
    double fraction = scaled - whole;
    if (Math.abs(fraction - 0.5) < 1e-6) {
      return null;
    }
    long digits = (long) whole + (fraction > 0.5 ? 1 : 0);
    return BigDecimal.valueOf(value < 0 ? -digits : digits, scale);
  }

  /** A number for people: grouped whole numbers from 10,000 up, else up to 4 significant digits. */
  public static String human(Object value) {
    if (value == null) {
      return "—";
    }
    if (value instanceof Long || value instanceof Integer) {
      long v = ((Number) value).longValue();
      return Math.abs(v) >= 10_000 ? String.format(Locale.ROOT, "%,d", v) : Long.toString(v);
    }
    if (value instanceof Double d) {
      double v = d;
      if (Double.isNaN(v)) {
        return "—";
      }
      if (Double.isInfinite(v)) {
        return v > 0 ? "∞" : "−∞";
      }
      if (v == 0) {
        return "0";
      }
      if (Math.abs(v) >= 10_000) {
        return String.format(Locale.ROOT, "%,.0f", v);
      }
      BigDecimal four = new BigDecimal(v).round(new MathContext(4, RoundingMode.HALF_EVEN));
      return four.stripTrailingZeros().toPlainString();
    }
    return String.valueOf(value);
  }
}
