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

  /**
   * A figure.
   *
   * @param value its value in the tree: a Double, Long, String, Boolean, List or null
   * @param number its value as a number (NaN where it has none); null for a figure that is no
   *     number
   * @param formerly keys it was known by before, still read for one release
   */
  record Leaf(
      String key,
      String unit,
      String meaning,
      Function<Object, Object> value,
      ToDoubleFunction<Object> number,
      List<String> formerly)
      implements Entry {}

  /**
   * A group: the figures of the part {@code part} reads (null when absent: the group is left out).
   *
   * @param key the key it nests under; null to put its figures beside the group's own
   * @param title its heading in docs/reference/plan-output.md; null for none
   * @param intro the sentences below the heading; empty for none
   */
  record Sub(
      String key, String title, String intro, Function<Object, Object> part, FigureGroup<?> group)
      implements Entry {}

  private final List<Entry> entries = new ArrayList<>();

  List<Entry> entries() {
    return entries;
  }

  /** A number in its display unit. */
  FigureGroup<S> number(String key, String unit, String meaning, ToDoubleFunction<S> read) {
    ToDoubleFunction<Object> number = s -> read.applyAsDouble(cast(s));
    return leaf(key, unit, meaning, number::applyAsDouble, number);
  }

  /** A number that may be absent: null in the tree, NaN as a number. */
  FigureGroup<S> optional(
      String key, String unit, String meaning, Function<S, OptionalDouble> read) {
    return leaf(
        key,
        unit,
        meaning,
        s -> {
          OptionalDouble v = read.apply(cast(s));
          return v.isPresent() ? (Object) v.getAsDouble() : null;
        },
        s -> read.apply(cast(s)).orElse(Double.NaN));
  }

  /** A whole number. */
  FigureGroup<S> count(String key, String unit, String meaning, ToLongFunction<S> read) {
    return leaf(key, unit, meaning, s -> read.applyAsLong(cast(s)), s -> read.applyAsLong(cast(s)));
  }

  /** A text: an id, a name or a choice (null when absent). */
  FigureGroup<S> text(String key, String unit, String meaning, Function<S, String> read) {
    return leaf(key, unit, meaning, s -> read.apply(cast(s)), null);
  }

  /** A yes or no. */
  FigureGroup<S> flag(String key, String unit, String meaning, Predicate<S> read) {
    return leaf(key, unit, meaning, s -> read.test(cast(s)), null);
  }

  /** A list of texts, or of points (maps of numbers). */
  FigureGroup<S> list(String key, String unit, String meaning, Function<S, List<?>> read) {
    return leaf(key, unit, meaning, s -> read.apply(cast(s)), null);
  }

  /** The last figure was known as {@code key} before: the old key is read for one release. */
  FigureGroup<S> formerly(String key) {
    Leaf last = (Leaf) entries.remove(entries.size() - 1);
    List<String> keys = new ArrayList<>(last.formerly());
    keys.add(key);
    entries.add(
        new Leaf(
            last.key(),
            last.unit(),
            last.meaning(),
            last.value(),
            last.number(),
            List.copyOf(keys)));
    return this;
  }

  /** The figures of a part every plan has, nested under {@code key}. */
  <T> FigureGroup<S> group(String key, Function<S, T> part, Consumer<FigureGroup<T>> figures) {
    return sub(key, null, "", s -> part.apply(cast(s)), figures);
  }

  /**
   * The figures of a part some plans have, beside this group's own when it is present; {@code
   * intro} heads their own table in the reference.
   */
  <T> FigureGroup<S> whenPresent(
      String intro, Function<S, Optional<T>> part, Consumer<FigureGroup<T>> figures) {
    return sub(null, null, intro, s -> part.apply(cast(s)).orElse(null), figures);
  }

  /** A section of the reference: the figures of a part every plan has, under {@code key}. */
  <T> FigureGroup<S> section(
      String key,
      String title,
      String intro,
      Function<S, T> part,
      Consumer<FigureGroup<T>> figures) {
    return sub(key, title, intro, s -> part.apply(cast(s)), figures);
  }

  /** A section of the reference: the figures of a part some plans have, when it is present. */
  <T> FigureGroup<S> sectionIfPresent(
      String key,
      String title,
      String intro,
      Function<S, Optional<T>> part,
      Consumer<FigureGroup<T>> figures) {
    return sub(key, title, intro, s -> part.apply(cast(s)).orElse(null), figures);
  }

  /** A section of the reference over figures of this group's own part, at its level. */
  FigureGroup<S> heading(String title, String intro, Consumer<FigureGroup<S>> figures) {
    return sub(null, title, intro, s -> s, figures);
  }

  private <T> FigureGroup<S> sub(
      String key,
      String title,
      String intro,
      Function<Object, Object> part,
      Consumer<FigureGroup<T>> figures) {
    FigureGroup<T> group = new FigureGroup<>();
    figures.accept(group);
    entries.add(new Sub(key, title, intro, part, group));
    return this;
  }

  private FigureGroup<S> leaf(
      String key,
      String unit,
      String meaning,
      Function<Object, Object> value,
      ToDoubleFunction<Object> number) {
    entries.add(new Leaf(key, unit, meaning, value, number, List.of()));
    return this;
  }

  /**
   * Puts the figures of {@code part} into {@code tree}, those of root keys {@code wanted} accepts.
   */
  void fill(Map<String, Object> tree, Object part, Predicate<String> wanted) {
    for (Entry entry : entries) {
      if (entry instanceof Leaf leaf) {
        if (wanted.test(leaf.key())) {
          tree.put(leaf.key(), leaf.value().apply(part));
        }
      } else if (entry instanceof Sub sub && (sub.key() == null || wanted.test(sub.key()))) {
        Object inner = sub.part().apply(part);
        if (inner == null) {
          continue;
        }
        if (sub.key() == null) {
          sub.group().fill(tree, inner, wanted);
        } else {
          Map<String, Object> nested = new LinkedHashMap<>();
          sub.group().fill(nested, inner, key -> true);
          tree.put(sub.key(), nested);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <S> S cast(Object part) {
    return (S) part;
  }
}
