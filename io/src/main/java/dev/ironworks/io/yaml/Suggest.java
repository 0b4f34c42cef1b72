package dev.ironworks.io.yaml;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" suggestions by edit distance. */
public final class Suggest {
  private Suggest() {}

  /**
   * Text longer than this gets no suggestion: ids and keys are short, and the edit distance costs
   * the product of the two lengths.
   */
  public static final int MAX_CHARS = 200;

  /** The closest candidate within a distance of max(2, length / 3), if any. */
  public static Optional<String> closest(String given, Collection<String> candidates) {
    if (given.length() > MAX_CHARS) {
      return Optional.empty();
    }
    String needle = given.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, needle.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      String hay = candidate.toLowerCase(Locale.ROOT);
      int lengths = Math.abs(hay.length() - needle.length());
      if (lengths / 2 > limit) {
        continue; // no closer than half the difference in length, as a contained text counts
      }
      int distance =
          hay.contains(needle) || needle.contains(hay) ? lengths / 2 : distance(needle, hay);
      if (distance < bestDistance || (distance == bestDistance && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /**
   * " (did you mean 'x'?)" or the empty string. Candidates that extend what was typed (a prefix,
   * such as 'nvidia-h100' for 'nvidia-h100-sxm-80gb') come first, up to three; otherwise the
   * closest by edit distance.
   */
  public static String didYouMean(String given, Collection<String> candidates) {
    if (given.length() > MAX_CHARS) {
      return "";
    }
    String needle = given.toLowerCase(Locale.ROOT);
    List<String> extensions =
        candidates.stream()
            .filter(c -> c.toLowerCase(Locale.ROOT).startsWith(needle) && !c.equals(given))
            .sorted(
                Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
            .limit(3)
            .toList();
    if (!needle.isEmpty() && !extensions.isEmpty()) {
      return " (did you mean '" + String.join("' or '", extensions) + "'?)";
    }
    return closest(given, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
  }

  /** Levenshtein distance. */
  public static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
