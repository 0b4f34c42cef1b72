package dev.ironworks.io.explore;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.explore.Axis;
import dev.ironworks.core.explore.Constraint;
import dev.ironworks.core.explore.DesignSpace;
import dev.ironworks.core.explore.Distribution;
import dev.ironworks.core.explore.Uncertainty;
import dev.ironworks.io.catalog.CatalogLoader;
import dev.ironworks.io.scenario.ScenarioReader;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problem;
import dev.ironworks.io.yaml.Problems;
import dev.ironworks.io.yaml.YamlMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a design-space file: every problem reported at once with its line, and every axis value
 * checked against the base scenario (an unknown accelerator id on an axis gets its "did you mean"
 * on the axis's line).
 */
public final class SweepReader {
  private SweepReader() {}

  public static SweepSpec read(Path file, Catalog catalog) {
    return read(file, CatalogLoader.read(file), null, catalog);
  }

  /**
   * Reads a design space from its text; {@code baseText}, when not null, stands for the base
   * scenario's file (a Spark executor gets both texts from the driver, not from its disk).
   */
  public static SweepSpec read(Path file, String text, String baseText, Catalog catalog) {
    Problems problems = new Problems(file.toString());
    Optional<YamlMap> root = YamlMap.parse(text, problems).flatMap(n -> YamlMap.root(n, problems));
    if (root.isEmpty()) {
      problems.throwIfAny();
    }
    YamlMap m = root.orElseThrow();
    String baseName = m.requiredText("base");
    Path base = null;
    if (!baseName.isEmpty()) {
      Path dir = file.toAbsolutePath().getParent();
      base = dir == null ? Path.of(baseName) : dir.resolve(baseName).normalize();
      try {
        if (baseText == null) {
          baseText = CatalogLoader.read(base);
        }
        ScenarioReader.read(base.toString(), baseText, catalog);
      } catch (InputException e) {
        for (Problem p : e.problems()) {
          problems.add(
              m.value("base").orElse(m.node()), "base", "the base scenario: " + p.format());
        }
      }
    }
    List<Axis> axes = new ArrayList<>();
    Optional<YamlMap> axesMap = m.map("axes");
    if (axesMap.isEmpty() && !m.has("axes")) {
      problems.add(m.node(), "axes", "required: at least one scenario field and its values");
    }
    Path baseFile = base;
    String baseYaml = baseText;
    axesMap.ifPresent(
        a -> {
          for (String path : a.keys()) {
            Node node = a.value(path).orElseThrow();
            Optional<Axis> axis = axis(path, node, a, problems);
            axis.ifPresent(axes::add);
            if (axis.isPresent() && baseYaml != null) {
              checkValues(axis.get(), node, baseFile, baseYaml, catalog, problems);
            }
          }
          a.finish();
        });
    List<Constraint> constraints = new ArrayList<>();
    m.map("constraints")
        .ifPresent(
            c -> {
              for (String metric : c.keys()) {
                c.map(metric)
                    .ifPresent(
                        bounds -> {
                          OptionalDouble min = bounds.number("min");
                          OptionalDouble max = bounds.number("max");
                          if (min.isEmpty() && max.isEmpty()) {
                            problems.add(bounds.node(), bounds.path(), "give min, max or both");
                          } else {
                            constraints.add(new Constraint(metric, min, max));
                          }
                          bounds.finish();
                        });
              }
              c.finish();
            });
    List<String> objectives = new ArrayList<>();
    m.value("objectives")
        .ifPresent(
            node -> {
              if (node instanceof SequenceNode seq) {
                for (Node item : seq.getValue()) {
                  if (item instanceof ScalarNode s) {
                    objectives.add(s.getValue());
                  } else {
                    problems.add(item, "objectives", "each objective is a plan-output path");
                  }
                }
              } else {
                problems.add(node, "objectives", "must be a list of plan-output paths");
              }
            });
    if (objectives.isEmpty() && m.has("objectives")) {
      problems.add(m.value("objectives").orElse(m.node()), "objectives", "at least one objective");
    }
    List<Uncertainty.Input> inputs = new ArrayList<>();
    int samples = 0;
    Optional<YamlMap> uncertainty = m.map("uncertainty");
    if (uncertainty.isPresent()) {
      YamlMap u = uncertainty.get();
      samples = u.integer("samples", 1, 1_000_000).orElse(200);
      for (String path : u.keys()) {
        if (path.equals("samples")) {
          continue;
        }
        u.map(path)
            .flatMap(d -> distribution(d, problems))
            .ifPresent(d -> inputs.add(new Uncertainty.Input(path, d)));
      }
      u.finish();
    }
    long seed = (long) m.number("seed").orElse(42);
    m.finish();
    problems.throwIfAny();
    if (objectives.isEmpty()) {
      objectives.add("cost.tcoUsd");
    }
    return new SweepSpec(
        file,
        base,
        baseText,
        new DesignSpace(axes),
        constraints,
        objectives,
        inputs,
        samples,
        seed);
  }

  private static Optional<Axis> axis(String path, Node node, YamlMap parent, Problems problems) {
    try {
      if (node instanceof SequenceNode seq) {
        List<String> values = new ArrayList<>();
        for (Node item : seq.getValue()) {
          if (item instanceof ScalarNode s) {
            values.add(s.getValue());
          } else {
            problems.add(item, "axes." + path, "each value is a single value");
          }
        }
        return Optional.of(new Axis(path, values));
      }
      if (node instanceof ScalarNode s) {
        return Optional.of(new Axis(path, List.of(s.getValue())));
      }
      if (node instanceof MappingNode) {
        YamlMap range = parent.map(path).orElseThrow();
        // A geometric range starts above zero; an arithmetic one anywhere (a fraction from 0).
        OptionalDouble from = range.number("from");
        OptionalDouble to = range.number("to");
        for (String key : List.of("from", "to")) {
          if (!range.has(key)) {
            problems.add(node, range.field(key), "required");
          }
        }
        OptionalDouble factor = range.number("factor");
        OptionalDouble step = range.number("step");
        range.finish();
        if (factor.isPresent() == step.isPresent()) {
          problems.add(node, "axes." + path, "give factor (geometric) or step (arithmetic)");
          return Optional.empty();
        }
        if (from.isEmpty() || to.isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(
            factor.isPresent()
                ? Axis.geometric(path, from.getAsDouble(), to.getAsDouble(), factor.getAsDouble())
                : Axis.arithmetic(path, from.getAsDouble(), to.getAsDouble(), step.getAsDouble()));
      }
    } catch (IllegalArgumentException e) {
      problems.add(node, "axes." + path, e.getMessage());
    }
    return Optional.empty();
  }

  /** Each value alone on the base scenario must read: problems land on the axis's line. */
  private static void checkValues(
      Axis axis, Node node, Path base, String baseText, Catalog catalog, Problems problems) {
    Map<String, Object> tree = ScenarioTree.parse(baseText);
    for (int i = 0; i < axis.size(); i++) {
      String value = axis.values().get(i);
      String yaml =
          ScenarioTree.dump(ScenarioTree.with(tree, List.of(axis.path()), List.of(value)));
      try {
        ScenarioReader.read(base.toString(), yaml, catalog);
      } catch (InputException e) {
        Node at =
            node instanceof SequenceNode seq && i < seq.getValue().size()
                ? seq.getValue().get(i)
                : node;
        for (Problem p : e.problems()) {
          // Only the value's own problems: one that involves another field (a server holding
          // another accelerator) may be cured by another axis, and the design is then just not
          // buildable.
          if (!p.field().equals(axis.path()) || p.message().contains("holds")) {
            continue;
          }
          problems.add(
              at,
              "axes." + axis.path(),
              "value '"
                  + value
                  + "': "
                  + (p.field().isEmpty() ? "" : p.field() + ": ")
                  + p.message());
        }
      }
    }
  }

  private static Optional<Distribution> distribution(YamlMap d, Problems problems) {
    try {
      if (d.has("triangular")) {
        double[] v = numbers(d, "triangular", 3, problems);
        d.finish();
        return v == null
            ? Optional.empty()
            : Optional.of(new Distribution.Triangular(v[0], v[1], v[2]));
      }
      if (d.has("uniform")) {
        double[] v = numbers(d, "uniform", 2, problems);
        d.finish();
        return v == null ? Optional.empty() : Optional.of(new Distribution.Uniform(v[0], v[1]));
      }
      if (d.has("lognormal")) {
        YamlMap l = d.map("lognormal").orElseThrow();
        Distribution dist =
            new Distribution.LogNormal(
                l.requiredPositive("median"), l.requiredNonNegative("sigma"));
        l.finish();
        d.finish();
        return Optional.of(dist);
      }
      if (d.has("normal")) {
        YamlMap n = d.map("normal").orElseThrow();
        Distribution dist =
            new Distribution.Normal(
                n.number("mean").orElse(Double.NaN), n.requiredNonNegative("sd"));
        n.finish();
        d.finish();
        return Optional.of(dist);
      }
      d.finish();
      problems.add(
          d.node(),
          d.path(),
          "a distribution: {triangular: [low, mode, high]}, {uniform: [low, high]},"
              + " {lognormal: {median, sigma}} or {normal: {mean, sd}}");
    } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
      problems.add(d.node(), d.path(), String.valueOf(e.getMessage()));
    }
    return Optional.empty();
  }

  private static double[] numbers(YamlMap d, String key, int n, Problems problems) {
    Node node = d.value(key).orElseThrow();
    if (!(node instanceof SequenceNode seq) || seq.getValue().size() != n) {
      problems.add(node, d.field(key), "must be a list of " + n + " numbers");
      return null;
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      Node item = seq.getValue().get(i);
      try {
        out[i] = Double.parseDouble(((ScalarNode) item).getValue().trim());
      } catch (RuntimeException e) {
        problems.add(item, d.field(key), "must be a number");
        return null;
      }
    }
    return out;
  }
}
