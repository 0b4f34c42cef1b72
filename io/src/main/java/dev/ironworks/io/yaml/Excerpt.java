package dev.ironworks.io.yaml;

import java.util.Locale;

/**
 * Input text as a message or a log line quotes it: whole when short, else its start and its length,
 * so that a 100,000-character id costs a message no more than a short one.
 */
public final class Excerpt {
  /** The longest text quoted whole. */
  public static final int MAX_CHARS = 80;

  private Excerpt() {}

  /** {@code text} when at most {@link #MAX_CHARS} long, else "start…[N characters]". */
  public static String of(String text) {
    return of(text, MAX_CHARS);
  }

  /** {@code text} when at most {@code maxChars} long, else "start…[N characters]". */
  public static String of(String text, int maxChars) {
    if (text == null || text.length() <= maxChars) {
      return text;
    }
    int cut = Math.max(1, maxChars - 24);
    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--; // never half a character
    }
    return text.substring(0, cut) + String.format(Locale.ROOT, "…[%,d characters]", text.length());
  }
}
