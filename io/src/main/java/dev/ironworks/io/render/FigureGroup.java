package dev.ironworks.io.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Figures read from one part {@code S} of a plan, in the order the tree shows them: the building
 * block of the registry {@link PlanFigures}. A figure is a leaf (a number, a count, a text, a flag
 * or a list); a group nests the figures of a part of {@code S} under a key, or at the same level
 * ({@link #whenPresent}). Each figure is declared once with its key, unit and meaning, and one
 * function that reads it from {@code S} in its display unit.
 *
 * @param <S> the part of the plan the figures are read from
 */
final class FigureGroup<S> {
  /** A figure or a group of them. */
  sealed interface Entry permits Leaf, Sub {}

  /** What a figure is, and so how its reader is called and what the tree holds. */
  enum Kind {
    /** A {@code ToDoubleFunction}: a Double. */
    NUMBER,
    /** A {@code Function} to an {@code OptionalDouble}: a Double, or null. */
    OPTIONAL,
    /** A {@code ToLongFunction}: a Long. */
    COUNT,
    /** A {@code Function} to a String (or null). */
    TEXT,
    /** A {@code Predicate}: a Boolean. */
    FLAG,
    /** A {@code Function} to a List. */
    LIST
  }

  /**
   * A figure.
   *
   * @param read its reader, of the shape its kind says, from the part of the plan
   * @param formerly keys it was known by before, still read for one release
   */
  record Leaf(
      String key, String unit, String meaning, Kind kind, Object read, List<String> formerly)
      implements Entry {

    /** Its value in the tree: a Double, Long, String, Boolean, List or null. */
    @SuppressWarnings("unchecked")
    Object value(Object part) {
      return switch (kind) {
        case NUMBER -> ((ToDoubleFunction<Object>) read).applyAsDouble(part);
        case OPTIONAL -> {
          OptionalDouble v = ((Function<Object, OptionalDouble>) read).apply(part);
          yield v.isPresent() ? v.getAsDouble() : null;
        }
        case COUNT -> ((ToLongFunction<Object>) read).applyAsLong(part);
        case TEXT, LIST -> ((Function<Object, Object>) read).apply(part);
        case FLAG -> ((Predicate<Object>) read).test(part);
      };
    }

    /** Whether it is a number. */
    boolean numeric() {
      return kind == Kind.NUMBER || kind == Kind.OPTIONAL || kind == Kind.COUNT;
    }

    /** Its value as a number, NaN where it has none; only for a {@link #numeric} figure. */
    @SuppressWarnings("unchecked")
    double number(Object part) {
      return switch (kind) {
        case NUMBER -> ((ToDoubleFunction<Object>) read).applyAsDouble(part);
        case OPTIONAL -> ((Function<Object, OptionalDouble>) read).apply(part).orElse(Double.NaN);
        case COUNT -> ((ToLongFunction<Object>) read).applyAsLong(part);
        case TEXT, LIST, FLAG -> throw new IllegalStateException(key + " is no number");
      };
    }
  }

  /**
   * A group: the figures of the part {@code part} reads.
   *
   * @param key the key it nests under; null to put its figures beside the group's own
   * @param title its heading in docs/reference/plan-output.md; null for none
   * @param intro the sentences below the heading; empty for none
   * @param part reads the part from the group's own: the part, or an {@code Optional} of it
   * @param optional whether {@code part} gives an {@code Optional} (empty: the group is left out)
   */
  record Sub(
      String key,
      String title,
      String intro,
      Function<Object, Object> part,
      boolean optional,
      FigureGroup<?> group)
      implements Entry {

    /** The part its figures are read from, or null where it is absent. */
    Object of(Object whole) {
      Object value = part.apply(whole);
      return optional ? ((Optional<?>) value).orElse(null) : value;
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  List<Entry> entries() {
    return entries;
  }

  /** A number in its display unit. */
  FigureGroup<S> number(String key, String unit, String meaning, ToDoubleFunction<S> read) {
    return leaf(key, unit, meaning, Kind.NUMBER, read);
  }

  /** A number that may be absent: null in the tree, NaN as a number. */
  FigureGroup<S> optional(
      String key, String unit, String meaning, Function<S, OptionalDouble> read) {
    return leaf(key, unit, meaning, Kind.OPTIONAL, read);
  }

  /** A whole number. */
  FigureGroup<S> count(String key, String unit, String meaning, ToLongFunction<S> read) {
    return leaf(key, unit, meaning, Kind.COUNT, read);
  }

  /** A text: an id, a name or a choice (null when absent). */
  FigureGroup<S> text(String key, String unit, String meaning, Function<S, String> read) {
    return leaf(key, unit, meaning, Kind.TEXT, read);
  }

  /** A yes or no. */
  FigureGroup<S> flag(String key, String unit, String meaning, Predicate<S> read) {
    return leaf(key, unit, meaning, Kind.FLAG, read);
  }

  /** A list of texts, or of points (maps of numbers). */
  FigureGroup<S> list(String key, String unit, String meaning, Function<S, List<?>> read) {
    return leaf(key, unit, meaning, Kind.LIST, read);
  }

  /** The last figure was known as {@code key} before: the old key is read for one release. */
  FigureGroup<S> formerly(String key) {
    Leaf last = (Leaf) entries.remove(entries.size() - 1);
    List<String> keys = new ArrayList<>(last.formerly());
    keys.add(key);
    entries.add(
        new Leaf(
            last.key(), last.unit(), last.meaning(), last.kind(), last.read(), List.copyOf(keys)));
    return this;
  }

  /** The figures of a part every plan has, nested under {@code key}. */
  <T> FigureGroup<S> group(String key, Function<S, T> part, Consumer<FigureGroup<T>> figures) {
    return sub(key, null, "", part, false, figures);
  }

  /**
   * The figures of a part some plans have, beside this group's own when it is present; {@code
   * intro} heads their own table in the reference.
   */
  <T> FigureGroup<S> whenPresent(
      String intro, Function<S, Optional<T>> part, Consumer<FigureGroup<T>> figures) {
    return sub(null, null, intro, part, true, figures);
  }

  /** A section of the reference: the figures of a part every plan has, under {@code key}. */
  <T> FigureGroup<S> section(
      String key,
      String title,
      String intro,
      Function<S, T> part,
      Consumer<FigureGroup<T>> figures) {
    return sub(key, title, intro, part, false, figures);
  }

  /** A section of the reference: the figures of a part some plans have, when it is present. */
  <T> FigureGroup<S> sectionIfPresent(
      String key,
      String title,
      String intro,
      Function<S, Optional<T>> part,
      Consumer<FigureGroup<T>> figures) {
    return sub(key, title, intro, part, true, figures);
  }

  /** A section of the reference over figures of this group's own part, at its level. */
  FigureGroup<S> heading(String title, String intro, Consumer<FigureGroup<S>> figures) {
    return sub(null, title, intro, Function.<S>identity(), false, figures);
  }

  @SuppressWarnings("unchecked")
  private <T> FigureGroup<S> sub(
      String key,
      String title,
      String intro,
      Function<S, ?> part,
      boolean optional,
      Consumer<FigureGroup<T>> figures) {
    FigureGroup<T> group = new FigureGroup<>();
    figures.accept(group);
    entries.add(new Sub(key, title, intro, (Function<Object, Object>) part, optional, group));
    return this;
  }

  private FigureGroup<S> leaf(String key, String unit, String meaning, Kind kind, Object read) {
    entries.add(new Leaf(key, unit, meaning, kind, read, List.of()));
    return this;
  }

  /**
   * Puts the figures of {@code part} into {@code tree}, those of root keys {@code wanted} accepts.
   */
  void fill(Map<String, Object> tree, Object part, Predicate<String> wanted) {
    for (Entry entry : entries) {
      if (entry instanceof Leaf leaf) {
        if (wanted.test(leaf.key())) {
          tree.put(leaf.key(), leaf.value(part));
        }
      } else if (entry instanceof Sub sub && (sub.key() == null || wanted.test(sub.key()))) {
        Object inner = sub.of(part);
        if (inner == null) {
          continue;
        }
        if (sub.key() == null) {
          sub.group().fill(tree, inner, wanted);
        } else {
          Map<String, Object> nested = new LinkedHashMap<>();
          sub.group().fill(nested, inner, ALL);
          tree.put(sub.key(), nested);
        }
      }
    }
  }

  private static final Predicate<String> ALL = key -> true;
}
