package dev.ironworks.io.explore;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.explore.Axis;
import dev.ironworks.core.explore.Constraint;
import dev.ironworks.core.explore.DesignSpace;
import dev.ironworks.core.explore.Distribution;
import dev.ironworks.core.explore.Uncertainty;
import dev.ironworks.core.scenario.roadmap.RoadmapSpec;
import dev.ironworks.io.render.RoadmapFigures;
import dev.ironworks.io.scenario.ScenarioReader;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problem;
import dev.ironworks.io.yaml.Problems;
import dev.ironworks.io.yaml.TextFiles;
import dev.ironworks.io.yaml.YamlMap;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a design-space file: every problem reported at once with its line, and the axis values
 * checked against the base scenario (an unknown accelerator id on an axis gets its "did you mean"
 * on the axis's line). The designs are counted before any axis is expanded or checked, so a space
 * over its {@link Limit} is refused at once, whatever its axes hold.
 */
public final class SweepReader {
  private SweepReader() {}

  /** Values of one axis checked on the base scenario: all of a shorter axis, else a spread. */
  public static final int CHECKED_VALUES = 1_000;

  /**
   * The most designs a space may hold where it is read.
   *
   * @param maxDesigns the largest space accepted
   * @param beyond what the problem says after "the space holds N designs; ": the limit and what to
   *     do about it
   */
  public record Limit(long maxDesigns, String beyond) {
    /** No limit but numbering: ids are longs. */
    public static final Limit NONE = new Limit(1L << 62, "too many to number; narrow the axes");

    public Limit {
      if (maxDesigns < 1) {
        throw new IllegalArgumentException("maxDesigns must be positive, got " + maxDesigns);
      }
    }
  }

  public static SweepSpec read(Path file, Catalog catalog) {
    return read(file, catalog, Limit.NONE);
  }

  public static SweepSpec read(Path file, Catalog catalog, Limit limit) {
    return read(file, TextFiles.read(file), null, catalog, limit);
  }

  /**
   * Reads a design space from its text; {@code baseText}, when not null, stands for the base
   * scenario's file (a Spark executor gets both texts from the driver, not from its disk).
   */
  public static SweepSpec read(Path file, String text, String baseText, Catalog catalog) {
    return read(file, text, baseText, catalog, Limit.NONE);
  }

  /** {@link #read(Path, String, String, Catalog)} refusing spaces over {@code limit}. */
  public static SweepSpec read(
      Path file, String text, String baseText, Catalog catalog, Limit limit) {
    Problems problems = new Problems(file.toString());
    Optional<YamlMap> root = YamlMap.document(text, problems);
    if (root.isEmpty()) {
      problems.throwIfAny();
    }
    YamlMap m = root.orElseThrow();
    String baseName = m.requiredText("base");
    Path base = null;
    Optional<RoadmapSpec> roadmap = Optional.empty();
    if (!baseName.isEmpty()) {
      Path dir = file.toAbsolutePath().getParent();
      base = dir == null ? Path.of(baseName) : dir.resolve(baseName).normalize();
      try {
        if (baseText == null) {
          baseText = TextFiles.read(base);
        }
        roadmap = ScenarioReader.read(base.toString(), baseText, catalog).scenario().roadmap();
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
          // Count first: a space over the limit is refused before any axis is expanded or checked.
          List<Pending> pending = new ArrayList<>();
          for (String path : a.keys()) {
            pending(path, a.value(path).orElseThrow(), a, problems).ifPresent(pending::add);
          }
          a.finish();
          BigInteger designs = BigInteger.ONE;
          for (Pending p : pending) {
            designs = designs.multiply(BigInteger.valueOf(p.size()));
          }
          if (designs.compareTo(BigInteger.valueOf(limit.maxDesigns())) > 0) {
            // An axis that did not count has its own problem; the space's size is then unknown.
            if (pending.size() == a.keys().size()) {
              problems.add(
                  m.value("axes").orElse(m.node()),
                  "axes",
                  "the space holds " + designs + " designs; " + limit.beyond());
            }
            return;
          }
          for (Pending p : pending) {
            Optional<Axis> axis = p.expand(problems);
            axis.ifPresent(axes::add);
            if (axis.isPresent() && baseYaml != null) {
              checkValues(axis.get(), p.node(), baseFile, baseYaml, catalog, problems);
            }
          }
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
    checkRoadmapFigures(m, roadmap, objectives, constraints, problems);
    checkUncertainPaths(m, baseText, inputs, problems);
    m.finish();
    problems.throwIfAny();
    if (objectives.isEmpty()) {
      objectives.add(roadmap.isPresent() ? "roadmap.npvCostUsd" : "cost.tcoUsd");
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
        seed,
        roadmap);
  }

  /**
   * Objectives and constraints of a roadmap's space name roadmap figures, and only a roadmap's
   * space names them.
   */
  private static void checkRoadmapFigures(
      YamlMap m,
      Optional<RoadmapSpec> roadmap,
      List<String> objectives,
      List<Constraint> constraints,
      Problems problems) {
    List<String[]> named = new ArrayList<>();
    objectives.forEach(o -> named.add(new String[] {"objectives", o}));
    constraints.forEach(c -> named.add(new String[] {"constraints." + c.metric(), c.metric()}));
    for (String[] n : named) {
      String field = n[0];
      String path = n[1];
      Node at =
          m.value(field.startsWith("objectives") ? "objectives" : "constraints").orElse(m.node());
      if (roadmap.isPresent()) {
        if (!RoadmapFigures.isRoadmap(path)) {
          problems.add(
              at,
              field,
              "'"
                  + path
                  + "': the base scenario is a roadmap, whose designs have roadmap figures"
                  + " (roadmap.npvCostUsd, roadmap.strategies.NAME.npvCostUsd, ...;"
                  + " docs/reference/design-space.md)");
        } else {
          RoadmapFigures.problem(roadmap.get(), path).ifPresent(p -> problems.add(at, field, p));
        }
      } else if (RoadmapFigures.isRoadmap(path)) {
        problems.add(
            at, field, "'" + path + "' is a roadmap figure, and the base scenario has no roadmap");
      }
    }
  }

  /** Every uncertain input's path resolves in the base scenario (a list index within its list). */
  private static void checkUncertainPaths(
      YamlMap m, String baseText, List<Uncertainty.Input> inputs, Problems problems) {
    if (baseText == null) {
      return;
    }
    Map<String, Object> tree = ScenarioTree.parse(baseText);
    for (Uncertainty.Input input : inputs) {
      try {
        ScenarioTree.with(tree, List.of(input.path()), List.of("1"));
      } catch (IllegalArgumentException e) {
        problems.add(
            m.value("uncertainty").orElse(m.node()), "uncertainty." + input.path(), e.getMessage());
      }
    }
  }

  /** An axis read and counted, not yet expanded into its values. */
  private record Pending(String path, Node node, long size, Supplier<Axis> axis) {
    Optional<Axis> expand(Problems problems) {
      try {
        return Optional.of(axis.get());
      } catch (IllegalArgumentException e) {
        problems.add(node, "axes." + path, e.getMessage());
        return Optional.empty();
      }
    }
  }

  private static Optional<Pending> pending(
      String path, Node node, YamlMap parent, Problems problems) {
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
        return Optional.of(new Pending(path, node, values.size(), () -> new Axis(path, values)));
      }
      if (node instanceof ScalarNode s) {
        return Optional.of(new Pending(path, node, 1, () -> new Axis(path, List.of(s.getValue()))));
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
        double f = from.getAsDouble();
        double t = to.getAsDouble();
        if (factor.isPresent()) {
          double k = factor.getAsDouble();
          return Optional.of(
              new Pending(
                  path,
                  node,
                  Axis.geometricSize(path, f, t, k),
                  () -> Axis.geometric(path, f, t, k)));
        }
        double d = step.getAsDouble();
        return Optional.of(
            new Pending(
                path,
                node,
                Axis.arithmeticSize(path, f, t, d),
                () -> Axis.arithmetic(path, f, t, d)));
      }
    } catch (IllegalArgumentException e) {
      problems.add(node, "axes." + path, e.getMessage());
    }
    return Optional.empty();
  }

  /**
   * Each value alone on the base scenario must read: problems land on the axis's line, or the
   * value's own line in a list. Distinct values only, and of a longer axis {@link #CHECKED_VALUES}
   * of them spread evenly from its first to its last, with its second (a range's step shows there):
   * a value not checked that does not read makes its designs "not buildable" when they are
   * evaluated.
   */
  private static void checkValues(
      Axis axis, Node node, Path base, String baseText, Catalog catalog, Problems problems) {
    Map<String, Object> tree = ScenarioTree.parse(baseText);
    Set<String> seen = new HashSet<>();
    for (int i : checkedIndices(axis.size())) {
      String value = axis.values().get(i);
      if (!seen.add(value)) {
        continue;
      }
      String yaml;
      try {
        yaml = ScenarioTree.dump(ScenarioTree.with(tree, List.of(axis.path()), List.of(value)));
      } catch (IllegalArgumentException e) {
        problems.add(node, "axes." + axis.path(), e.getMessage());
        return;
      }
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

  /** The indices of an axis of {@code size} values that are checked, in order. */
  static int[] checkedIndices(int size) {
    if (size <= CHECKED_VALUES) {
      return IntStream.range(0, size).toArray();
    }
    TreeSet<Integer> picked = new TreeSet<>();
    picked.add(1);
    for (int k = 0; k < CHECKED_VALUES - 1; k++) {
      picked.add((int) ((long) k * (size - 1) / (CHECKED_VALUES - 2)));
    }
    return picked.stream().mapToInt(Integer::intValue).toArray();
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
    } catch (IllegalArgumentException | NoSuchElementException e) {
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
