package dev.ironworks.io.render;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Number formatting shared by the renderers; Locale.ROOT throughout, so output is stable. */
public final class Numbers {
  private static final MathContext SIX = new MathContext(6, RoundingMode.HALF_EVEN);

  private Numbers() {}

  /** A double rounded to 6 significant digits, for machine-readable output. */
  public static BigDecimal sixDigits(double value) {
    if (value == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal rounded = new BigDecimal(value).round(SIX).stripTrailingZeros();
    return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
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
