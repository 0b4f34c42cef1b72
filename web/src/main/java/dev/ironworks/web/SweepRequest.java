package dev.ironworks.web;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.explore.SweepReader;
import dev.ironworks.io.explore.SweepSpec;
import dev.ironworks.io.store.ScenarioStore;
import dev.ironworks.io.yaml.Excerpt;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problems;
import dev.ironworks.io.yaml.Suggest;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A design space sent to the server. Its {@code base} is the id of a saved scenario (a trailing
 * .yaml is ignored, so the shipped spaces read as written) or an inline scenario mapping; it never
 * names a file the server would read.
 */
final class SweepRequest {
  /** The label of the space in problems. */
  static final Path SPACE = Path.of("/space.yaml");

  private SweepRequest() {}

  static SweepSpec read(String text, ScenarioStore store, Catalog catalog, Limits limits) {
    if (text.isBlank()) {
      throw ApiException.of(400, "", "the body is empty: send a design space in YAML or JSON");
    }
    Problems problems = new Problems("space");
    Optional<Node> root = dev.ironworks.io.yaml.YamlMap.parse(text, problems);
    if (!problems.isEmpty() || root.isEmpty() || !(root.get() instanceof MappingNode map)) {
      if (problems.isEmpty()) {
        problems.add(root.orElse(null), "", "must be a mapping with base, axes and objectives");
      }
      throw new ApiException(400, problems.list());
    }
    Node base = null;
    for (NodeTuple t : map.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("base")) {
        base = t.getValueNode();
      }
    }
    String spaceText = text;
    String baseText = null;
    if (base instanceof ScalarNode s) {
      String id = s.getValue();
      Optional<ScenarioStore.Scenario> saved =
          store.find(id).or(() -> store.find(id.replaceAll("\\.ya?ml$", "")));
      if (saved.isEmpty()) {
        List<String> ids = store.list().stream().map(ScenarioStore.Scenario::id).toList();
        problems.add(
            s,
            "base",
            "no saved scenario '"
                + Excerpt.of(id)
                + "'"
                + Suggest.didYouMean(id, ids)
                + "; give a saved scenario's id or the scenario itself as a mapping");
        throw new ApiException(400, problems.list());
      }
      baseText = saved.get().yaml();
    } else if (base instanceof MappingNode inline) {
      DumperOptions options = new DumperOptions();
      options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
      StringWriter out = new StringWriter();
      new Yaml(options).serialize(inline, out);
      baseText = out.toString();
      spaceText = replaceNode(text, inline, "inline");
    } else if (base != null) {
      problems.add(base, "base", "a saved scenario's id, or the scenario as a mapping");
      throw new ApiException(400, problems.list());
    }
    SweepSpec spec;
    try {
      // Counted before any axis is checked: a space over the limit costs no design's read.
      spec =
          SweepReader.read(
              SPACE,
              spaceText,
              baseText,
              catalog,
              new SweepReader.Limit(
                  limits.maxSweepDesigns(),
                  "the server sweeps at most "
                      + limits.maxSweepDesigns()
                      + " (run larger spaces with `ironworks sweep`)"));
    } catch (InputException e) {
      throw new ApiException(400, e.problems());
    }
    if (spec.samples() > limits.maxUncertaintySamples()) {
      throw ApiException.of(
          400,
          "uncertainty.samples",
          "at most " + limits.maxUncertaintySamples() + " samples per design on the server");
    }
    return spec;
  }

  /**
   * The text with a node replaced by a scalar, keeping every later line where it was so that
   * problems point at the lines the client sent.
   */
  static String replaceNode(String text, Node node, String scalar) {
    // Marks count code points, not chars.
    int start = text.offsetByCodePoints(0, node.getStartMark().getIndex());
    int end = text.offsetByCodePoints(0, node.getEndMark().getIndex());
    String removed = text.substring(start, end);
    String newlines = "\n".repeat((int) removed.chars().filter(c -> c == '\n').count());
    return text.substring(0, start) + scalar + newlines + text.substring(end);
  }
}
