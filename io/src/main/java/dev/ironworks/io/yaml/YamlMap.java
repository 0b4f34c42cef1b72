package dev.ironworks.io.yaml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML mapping being read into a record: typed accessors that report problems with the file,
 * line, column and dotted field path, and {@link #finish()} that reports unknown keys with a "did
 * you mean".
 */
public final class YamlMap {
  private final Problems problems;
  private final String path;
  private final MappingNode node;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  private final Set<String> known = new LinkedHashSet<>();

  /** SnakeYAML instances are costly to make and not thread-safe: one per thread. */
  private static final ThreadLocal<Yaml> COMPOSER =
      ThreadLocal.withInitial(
          () -> {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true);
            options.setMaxAliasesForCollections(50);
            options.setCodePointLimit(4 * 1024 * 1024);
            return new Yaml(options);
          });

  private YamlMap(Problems problems, String path, MappingNode node) {
    this.problems = problems;
    this.path = path;
    this.node = node;
    for (NodeTuple tuple : node.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        problems.add(tuple.getKeyNode(), path, "keys must be plain text");
        continue;
      }
      if (entries.containsKey(key.getValue())) {
        problems.add(key, field(key.getValue()), "duplicate key");
        continue;
      }
      entries.put(key.getValue(), tuple);
      problems.position(field(key.getValue()), key.getStartMark());
    }
  }

  /** Parses YAML text; a syntax error becomes a problem and the result is empty. */
  public static Optional<Node> parse(String text, Problems problems) {
    try {
      Node root = COMPOSER.get().compose(new StringReader(text));
      if (root == null) {
        problems.add((Mark) null, "", "the file is empty");
        return Optional.empty();
      }
      return Optional.of(root);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
      problems.add(mark, "", "not valid YAML: " + what);
      return Optional.empty();
    } catch (YAMLException e) {
      problems.add((Mark) null, "", "not valid YAML: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The root mapping of YAML text, or empty with the reason among {@code problems}. */
  public static Optional<YamlMap> document(String text, Problems problems) {
    return parse(text, problems).flatMap(root -> root(root, problems));
  }

  /** The document's root mapping, or a problem when the root is not a mapping. */
  public static Optional<YamlMap> root(Node root, Problems problems) {
    if (root instanceof MappingNode mapping) {
      return Optional.of(new YamlMap(problems, "", mapping));
    }
    problems.add(
        root,
        "",
        "the document must be a mapping of keys to values (a YAML mapping or a JSON object)");
    return Optional.empty();
  }

  /** Wraps a node found inside a list: a mapping, or a problem. */
  public static Optional<YamlMap> of(Node node, String path, Problems problems) {
    if (node instanceof MappingNode mapping) {
      return Optional.of(new YamlMap(problems, path, mapping));
    }
    problems.add(node, path, "must be a mapping of keys to values");
    return Optional.empty();
  }

  public Problems problems() {
    return problems;
  }

  public String path() {
    return path;
  }

  public Node node() {
    return node;
  }

  public Mark mark() {
    return node.getStartMark();
  }

  /** Dotted path of a key of this mapping. */
  public String field(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The keys present, in file order. */
  public Set<String> keys() {
    return entries.keySet();
  }

  public boolean has(String key) {
    ask(key, ValueSpec.Any::new);
    return entries.containsKey(key);
  }

  /** The raw value node of a key. */
  public Optional<Node> value(String key) {
    ask(key, ValueSpec.Any::new);
    NodeTuple tuple = entries.get(key);
    return tuple == null ? Optional.empty() : Optional.of(tuple.getValueNode());
  }

  /** Marks a key as allowed without reading it. */
  public void allow(String key) {
    ask(key, ValueSpec.Any::new);
  }

  /** Marks a key as allowed and logs what it was asked for. */
  private void ask(String key, Supplier<ValueSpec> spec) {
    known.add(key);
    problems.asked(field(key), spec);
  }

  /** A plain text value. */
  public Optional<String> text(String key) {
    ask(key, ValueSpec.Text::new);
    Optional<Node> value = value(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.get() instanceof ScalarNode scalar) {
      String text = scalar.getValue().trim();
      if (text.isEmpty() || text.equals("~") || text.equals("null")) {
        problems.add(scalar, field(key), "must not be empty");
        return Optional.empty();
      }
      return Optional.of(text);
    }
    problems.add(value.get(), field(key), "must be a single value, not a list or mapping");
    return Optional.empty();
  }

  /** A text value that must be present; reports a problem and returns "" when missing. */
  public String requiredText(String key) {
    ask(key, ValueSpec.Text::new);
    Optional<String> text = text(key);
    if (text.isEmpty() && !entries.containsKey(key)) {
      problems.add(node, field(key), "required");
    }
    return text.orElse("");
  }

  /** A number such as 1024, 0.8, 300e9 or 1_000; NaN and infinities are refused. */
  public OptionalDouble number(String key) {
    ask(key, () -> new ValueSpec.Number(-Double.MAX_VALUE, false, Double.MAX_VALUE, ""));
    Optional<Node> value = value(key);
    if (value.isEmpty()) {
      return OptionalDouble.empty();
    }
    if (value.get() instanceof ScalarNode scalar) {
      String text = scalar.getValue().trim().replace("_", "");
      try {
        double parsed = Double.parseDouble(text);
        if (Double.isFinite(parsed)
            && !text.isEmpty()
            && !text.endsWith("d")
            && !text.endsWith("f")
            && !text.endsWith("D")
            && !text.endsWith("F")) {
          return OptionalDouble.of(parsed);
        }
      } catch (NumberFormatException e) {
        // Reported below.
      }
      problems.add(
          scalar, field(key), "must be a number, got '" + Excerpt.of(scalar.getValue()) + "'");
      return OptionalDouble.empty();
    }
    problems.add(value.get(), field(key), "must be a number, not a list or mapping");
    return OptionalDouble.empty();
  }

  /** A number within [min, max] (or (min, max] when {@code minExclusive}). */
  public OptionalDouble number(
      String key, double min, boolean minExclusive, double max, String meaning) {
    ask(key, () -> new ValueSpec.Number(min, minExclusive, max, meaning));
    OptionalDouble value = number(key);
    if (value.isPresent()) {
      double v = value.getAsDouble();
      boolean low = minExclusive ? v <= min : v < min;
      if (low || v > max) {
        String range =
            (minExclusive ? "> " : ">= ")
                + plain(min)
                + (max < Double.MAX_VALUE ? " and <= " + plain(max) : "");
        problems.add(
            entries.get(key).getValueNode(),
            field(key),
            "must be "
                + range
                + (meaning.isEmpty() ? "" : " (" + meaning + ")")
                + ", got "
                + plain(v));
        return OptionalDouble.empty();
      }
    }
    return value;
  }

  /** A positive number. */
  public OptionalDouble positive(String key) {
    return number(key, 0, true, Double.MAX_VALUE, "");
  }

  /** A number that must be present and positive; reports and returns NaN when not. */
  public double requiredPositive(String key) {
    return required(key, () -> positive(key));
  }

  /** A non-negative number. */
  public OptionalDouble nonNegative(String key) {
    return number(key, 0, false, Double.MAX_VALUE, "");
  }

  /** A number that must be present and >= 0. */
  public double requiredNonNegative(String key) {
    return required(key, () -> nonNegative(key));
  }

  /** The number {@code read} finds at a key that must be present; NaN, reported, when absent. */
  private double required(String key, Supplier<OptionalDouble> read) {
    if (!has(key)) {
      problems.add(node, field(key), "required");
      return Double.NaN;
    }
    return read.get().orElse(Double.NaN);
  }

  /** A whole number within [min, max]. */
  public OptionalInt integer(String key, long min, long max) {
    ask(key, () -> new ValueSpec.WholeNumber(min, max));
    OptionalDouble value = number(key);
    if (value.isEmpty()) {
      return OptionalInt.empty();
    }
    double v = value.getAsDouble();
    if (v != Math.rint(v)) {
      problems.add(
          entries.get(key).getValueNode(), field(key), "must be a whole number, got " + plain(v));
      return OptionalInt.empty();
    }
    if (v < min || v > max) {
      problems.add(
          entries.get(key).getValueNode(),
          field(key),
          "must be between " + min + " and " + max + ", got " + plain(v));
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) v);
  }

  /** A whole number that must be present. */
  public int requiredInteger(String key, long min, long max) {
    if (!has(key)) {
      problems.add(node, field(key), "required");
      return 0;
    }
    return integer(key, min, max).orElse(0);
  }

  /** true or false. */
  public Optional<Boolean> bool(String key) {
    ask(key, ValueSpec.Bool::new);
    Optional<Node> value = value(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.get() instanceof ScalarNode scalar) {
      String text = scalar.getValue().trim().toLowerCase(Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return Optional.of(Boolean.parseBoolean(text));
      }
    }
    problems.add(value.get(), field(key), "must be true or false");
    return Optional.empty();
  }

  /** One of a closed set of words. */
  public <E> Optional<E> choice(String key, Map<String, E> allowed) {
    ask(key, () -> new ValueSpec.Choice(List.copyOf(allowed.keySet())));
    Optional<String> text = text(key);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    E value = allowed.get(text.get());
    if (value == null) {
      problems.add(
          entries.get(key).getValueNode(),
          field(key),
          "'"
              + Excerpt.of(text.get())
              + "' is not allowed; allowed: "
              + String.join(", ", allowed.keySet())
              + Suggest.didYouMean(text.get(), allowed.keySet()));
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** A catalog id that must be one of {@code ids}; {@code what} names the catalog kind. */
  public Optional<String> id(String key, Collection<String> ids, String what) {
    ask(key, () -> new ValueSpec.CatalogId(what, List.copyOf(ids), false));
    Optional<String> text = text(key);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (!ids.contains(text.get())) {
      problems.add(
          entries.get(key).getValueNode(),
          field(key),
          "unknown "
              + what
              + " '"
              + Excerpt.of(text.get())
              + "'"
              + Suggest.didYouMean(text.get(), ids)
              + "; see 'ironworks catalog list'");
      return Optional.empty();
    }
    return text;
  }

  /**
   * Plain text that may name a catalog entry, one of {@code ids} of the kind {@code what} names, or
   * anything else: the caller decides what an id means.
   */
  public Optional<String> text(String key, Collection<String> ids, String what) {
    ask(key, () -> new ValueSpec.CatalogId(what, List.copyOf(ids), true));
    return text(key);
  }

  /** A nested mapping. */
  public Optional<YamlMap> map(String key) {
    ask(key, ValueSpec.Mapping::new);
    Optional<Node> value = value(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return of(value.get(), field(key), problems);
  }

  /** A list of mappings. */
  public List<YamlMap> maps(String key) {
    ask(key, ValueSpec.Mappings::new);
    Optional<Node> value = value(key);
    List<YamlMap> list = new ArrayList<>();
    if (value.isEmpty()) {
      return list;
    }
    if (!(value.get() instanceof SequenceNode sequence)) {
      problems.add(value.get(), field(key), "must be a list");
      return list;
    }
    int index = 0;
    for (Node item : sequence.getValue()) {
      of(item, field(key) + "[" + index + "]", problems).ifPresent(list::add);
      index++;
    }
    return list;
  }

  /** A list of plain text values (a YAML sequence of scalars); empty when the key is absent. */
  public List<String> texts(String key) {
    Optional<Node> value = value(key);
    List<String> list = new ArrayList<>();
    if (value.isEmpty()) {
      return list;
    }
    if (!(value.get() instanceof SequenceNode sequence)) {
      problems.add(value.get(), field(key), "must be a list of values");
      return list;
    }
    int index = 0;
    for (Node item : sequence.getValue()) {
      if (item instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
        list.add(scalar.getValue().trim());
      } else {
        problems.add(item, field(key) + "[" + index + "]", "must be a single value");
      }
      index++;
    }
    return list;
  }

  /** Reports every key that no accessor asked for, with a suggestion among those that were. */
  public void finish() {
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      if (!known.contains(entry.getKey())) {
        problems.add(
            entry.getValue().getKeyNode(),
            field(entry.getKey()),
            "unknown key"
                + Suggest.didYouMean(entry.getKey(), known)
                + "; allowed here: "
                + String.join(", ", known));
      }
    }
  }

  /** A number as a person writes it: no trailing ".0". */
  public static String plain(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
