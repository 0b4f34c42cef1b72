package dev.ironworks.io.explore;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

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

  static Object parseValue(String text) {
    Object v = LOADER.get().load(text);
    return v == null ? text : v;
  }

  @SuppressWarnings("unchecked")
  static void set(Map<String, Object> tree, String path, Object value) {
    String[] parts = path.split("\\.");
    Map<String, Object> node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      Object child = node.get(parts[i]);
      if (!(child instanceof Map<?, ?>)) {
        child = new LinkedHashMap<String, Object>();
        node.put(parts[i], child);
      }
      node = (Map<String, Object>) child;
    }
    node.put(parts[parts.length - 1], value);
  }

  /** The tree as YAML nodes, as SnakeYAML would compose its dumped text, without the text. */
  static org.yaml.snakeyaml.nodes.Node node(Map<String, Object> tree) {
    return DUMPER.get().represent(tree);
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
