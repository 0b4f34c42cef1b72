package dev.ironworks.io.yaml;

import java.util.List;
import java.util.Objects;

/**
 * The value a reader asked a key for, as one of {@link YamlMap}'s accessors states it: its type,
 * bounds, unit and the words or ids it takes. A {@link KeyLog} collects them.
 */
public sealed interface ValueSpec {
  /**
   * The kind of value in one word: any, mapping, list, text, number, integer, boolean, choice, id.
   */
  String type();

  /** Asked for without a type ({@code has}, {@code allow}, {@code value}). */
  record Any() implements ValueSpec {
    @Override
    public String type() {
      return "any";
    }
  }

  /** A nested mapping of keys to values. */
  record Mapping() implements ValueSpec {
    @Override
    public String type() {
      return "mapping";
    }
  }

  /** A list of mappings. */
  record Mappings() implements ValueSpec {
    @Override
    public String type() {
      return "list";
    }
  }

  /** Plain text. */
  record Text() implements ValueSpec {
    @Override
    public String type() {
      return "text";
    }
  }

  /**
   * A number in [min, max], or (min, max] when {@code minExclusive}; {@code max} is {@link
   * Double#MAX_VALUE} when there is no upper bound. {@code meaning} is the reader's words for the
   * value and its unit, empty when it gives none.
   */
  record Number(double min, boolean minExclusive, double max, String meaning) implements ValueSpec {
    public Number {
      Objects.requireNonNull(meaning, "meaning");
    }

    @Override
    public String type() {
      return "number";
    }

    /** Whether the reader gives the number an upper bound. */
    public boolean bounded() {
      return max < Double.MAX_VALUE;
    }
  }

  /** A whole number in [min, max]. */
  record WholeNumber(long min, long max) implements ValueSpec {
    @Override
    public String type() {
      return "integer";
    }
  }

  /** true or false. */
  record Bool() implements ValueSpec {
    @Override
    public String type() {
      return "boolean";
    }
  }

  /** One of a closed set of words. */
  record Choice(List<String> words) implements ValueSpec {
    public Choice {
      words = List.copyOf(words);
    }

    @Override
    public String type() {
      return "choice";
    }
  }

  /**
   * The id of a catalog entry: one of {@code ids}, entries of the kind {@code what} names; with
   * {@code othersAllowed} any other text is taken too (as a name).
   */
  record CatalogId(String what, List<String> ids, boolean othersAllowed) implements ValueSpec {
    public CatalogId {
      Objects.requireNonNull(what, "what");
      ids = List.copyOf(ids);
    }

    @Override
    public String type() {
      return "id";
    }
  }
}
