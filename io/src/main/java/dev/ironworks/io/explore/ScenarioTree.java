package dev.ironworks.io.explore;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A scenario as a tree of YAML values, to set fields by dotted path and write it back: how a design
 * point becomes a scenario whatever field an axis names.
 */
public final class ScenarioTree {
  /** SnakeYAML instances are costly to make and not thread-safe: one of each per thread. */
  private static final ThreadLocal<Yaml> LOADER =
      ThreadLocal.withInitial(() -> new Yaml(new LoaderOptions()));

  private static final ThreadLocal<Yaml> DUMPER =
      ThreadLocal.withInitial(
          () -> {
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            return new Yaml(options);
          });

  private ScenarioTree() {}

  /** Parses YAML text into nested maps (the base is already validated, so it parses). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(String text) {
    Object root = new Yaml(new LoaderOptions()).load(text);
    return root instanceof Map<?, ?> map
        ? (Map<String, Object>) deepCopy(map)
        : new LinkedHashMap<>();
  }

  /** A copy of the tree with {@code value} (YAML text, parsed as a scalar or flow node) set. */
  static Map<String, Object> with(
      Map<String, Object> tree, List<String> paths, List<String> values) {
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) deepCopy(tree);
    for (int i = 0; i < paths.size(); i++) {
      set(copy, paths.get(i), parseValue(values.get(i)));
    }
    return copy;
  }

  /**
   * An axis value's YAML text parsed; values repeat across designs, so they are remembered (at most
   * {@code VALUES} of them) and copied out, the parsed tree never shared.
   */
  static Object parseValue(String text) {
    Object known = PARSED.get(text);
    if (known == null) {
      Object v = LOADER.get().load(text);
      known = v == null ? text : v;
      if (PARSED.size() < VALUES) {
        PARSED.put(text, known);
      }
    }
    return deepCopy(known);
  }

  private static final int VALUES = 10_000;
  private static final Map<String, Object> PARSED = new ConcurrentHashMap<>();

  /**
   * Sets the field at {@code path}: dotted keys, each maybe with an index into a list the base
   * holds ({@code roadmap.sites[1].grid}), as the reader names fields. Missing mappings are made;
   * an index past the end of a list, or into something that is not a list, is refused.
   *
   * @throws IllegalArgumentException naming the part of the path that does not resolve
   */
  @SuppressWarnings("unchecked")
  static void set(Map<String, Object> tree, String path, Object value) {
    String[] parts = path.split("\\.");
    Map<String, Object> node = tree;
    for (int i = 0; i < parts.length; i++) {
      Matcher m = INDEXED.matcher(parts[i]);
      String key = m.matches() ? m.group(1) : parts[i];
      boolean last = i == parts.length - 1;
      if (!m.matches()) {
        if (last) {
          node.put(key, value);
          return;
        }
        Object child = node.get(key);
        if (!(child instanceof Map<?, ?>)) {
          child = new LinkedHashMap<String, Object>();
          node.put(key, child);
        }
        node = (Map<String, Object>) child;
        continue;
      }
      int index = Integer.parseInt(m.group(2));
      if (!(node.get(key) instanceof List<?> list) || index >= list.size()) {
        int size = node.get(key) instanceof List<?> l ? l.size() : 0;
        throw new IllegalArgumentException(
            path
                + ": "
                + key
                + " holds "
                + size
                + " item"
                + (size == 1 ? "" : "s")
                + " in the base scenario; the index must be below that");
      }
      List<Object> items = new ArrayList<>(list);
      node.put(key, items);
      if (last) {
        items.set(index, value);
        return;
      }
      if (!(items.get(index) instanceof Map<?, ?>)) {
        throw new IllegalArgumentException(path + ": " + parts[i] + " is not a mapping");
      }
      Map<String, Object> child = new LinkedHashMap<>((Map<String, Object>) items.get(index));
      items.set(index, child);
      node = child;
    }
  }

  /** A path part with a list index: {@code name[3]}. */
  private static final Pattern INDEXED = Pattern.compile("([^\\[\\]]+)\\[(\\d+)\\]");

  /**
   * The tree as YAML nodes holding the values SnakeYAML would write for it (numbers as {@code
   * toString}, NaN and infinities as .nan and .inf), without writing or scanning text.
   */
  static Node node(Object value) {
    if (value instanceof Map<?, ?> map) {
      List<NodeTuple> tuples = new ArrayList<>(map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        tuples.add(new NodeTuple(scalar(Tag.STR, String.valueOf(e.getKey())), node(e.getValue())));
      }
      return new MappingNode(Tag.MAP, tuples, DumperOptions.FlowStyle.BLOCK);
    }
    if (value instanceof List<?> list) {
      List<Node> items = new ArrayList<>(list.size());
      list.forEach(v -> items.add(node(v)));
      return new SequenceNode(Tag.SEQ, items, DumperOptions.FlowStyle.BLOCK);
    }
    if (value == null) {
      return scalar(Tag.NULL, "null");
    }
    if (value instanceof Boolean b) {
      return scalar(Tag.BOOL, b.toString());
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      String text =
          Double.isNaN(d)
              ? ".NaN"
              : Double.isInfinite(d) ? (d > 0 ? ".inf" : "-.inf") : value.toString();
      return scalar(Tag.FLOAT, text);
    }
    if (value instanceof Number n) {
      return scalar(Tag.INT, n.toString());
    }
    return scalar(Tag.STR, value.toString());
  }

  private static ScalarNode scalar(Tag tag, String text) {
    return new ScalarNode(tag, text, null, null, DumperOptions.ScalarStyle.PLAIN);
  }

  static String dump(Map<String, Object> tree) {
    StringWriter out = new StringWriter();
    DUMPER.get().dump(tree, out);
    return out.toString();
  }

  private static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        copy.put(String.valueOf(e.getKey()), deepCopy(e.getValue()));
      }
      return copy;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ScenarioTree::deepCopy).toList();
    }
    return value;
  }
}
