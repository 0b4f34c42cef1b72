package dev.ironworks.io.validation;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.CatalogEntry;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.core.roadmap.RoadmapPlan;
import dev.ironworks.core.roadmap.RoadmapPlanner;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.io.render.CatalogView;
import dev.ironworks.io.render.PlanView;
import dev.ironworks.io.render.RoadmapView;
import dev.ironworks.io.scenario.ScenarioReader;
import dev.ironworks.io.yaml.Problems;
import dev.ironworks.io.yaml.TextFiles;
import dev.ironworks.io.yaml.YamlMap;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Ironworks' own validation suite: published figures as cases that plan a scenario or read the
 * catalog, each with its tolerance. Shipped as {@code /dev/ironworks/validation/cases.yaml}.
 */
public final class ValidationSuite {
  private static final String RESOURCE = "/dev/ironworks/validation/cases.yaml";

  private ValidationSuite() {}

  /** Every case of the shipped suite. */
  public static List<ValidationCase> cases() {
    String text =
        TextFiles.resource(RESOURCE)
            .orElseThrow(() -> new IllegalStateException("missing " + RESOURCE));
    return parse("validation/cases.yaml", text);
  }

  static List<ValidationCase> parse(String fileName, String text) {
    Problems problems = new Problems(fileName);
    Optional<YamlMap> root = YamlMap.document(text, problems);
    List<ValidationCase> cases = new ArrayList<>();
    if (root.isPresent()) {
      for (YamlMap c : root.get().maps("cases")) {
        Optional<String> scenario = c.value("scenario").map(ValidationSuite::dump);
        Optional<String> catalogId = c.text("catalogEntry");
        Optional<ValidationCase.Formula> formula = c.map("formula").map(ValidationSuite::formula);
        int sources =
            (scenario.isPresent() ? 1 : 0)
                + (catalogId.isPresent() ? 1 : 0)
                + (formula.isPresent() ? 1 : 0);
        if (sources != 1) {
          problems.add(c.node(), c.path(), "give exactly one of scenario, catalogEntry or formula");
        }
        List<ValidationCase.Check> checks = new ArrayList<>();
        for (YamlMap k : c.maps("checks")) {
          OptionalDouble published = k.number("published");
          OptionalDouble min = k.number("min");
          OptionalDouble max = k.number("max");
          if (published.isEmpty() && min.isEmpty() && max.isEmpty()) {
            problems.add(k.node(), k.path(), "give published (with tolerancePercent) or min/max");
          }
          checks.add(
              new ValidationCase.Check(
                  k.requiredText("path"),
                  boxed(published),
                  k.nonNegative("tolerancePercent").orElse(0),
                  boxed(min),
                  boxed(max),
                  k.text("why").orElse("")));
          k.finish();
        }
        cases.add(
            new ValidationCase(
                c.requiredText("id"),
                c.requiredText("family"),
                c.requiredText("title"),
                c.requiredText("source"),
                c.requiredText("kind"),
                scenario,
                catalogId,
                formula,
                c.bool("formulaOfInputs").orElse(false),
                c.text("knownMiss"),
                checks));
        c.finish();
      }
      root.get().finish();
    }
    problems.throwIfAny();
    return cases;
  }

  private static ValidationCase.Formula formula(YamlMap f) {
    String name = f.requiredText("name");
    Map<String, String> inputs = new TreeMap<>();
    for (String key : f.keys()) {
      if (!key.equals("name")) {
        f.text(key).ifPresent(v -> inputs.put(key, v));
      }
    }
    return new ValidationCase.Formula(name, inputs);
  }

  private static Optional<Double> boxed(OptionalDouble value) {
    return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
  }

  private static String dump(Node node) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    StringWriter out = new StringWriter();
    new Yaml(options).serialize(node, out);
    return out.toString();
  }

  /** Runs every case's checks against the catalog. */
  public static List<ValidationResult> run(List<ValidationCase> cases, Catalog catalog) {
    List<ValidationResult> results = new ArrayList<>();
    for (ValidationCase c : cases) {
      Map<String, Object> tree;
      if (c.scenarioYaml().isPresent()) {
        ScenarioReader.Result read =
            ScenarioReader.read("validation/" + c.id(), c.scenarioYaml().get(), catalog);
        Plan plan = null;
        RoadmapPlan roadmap = null;
        try {
          if (read.scenario().roadmap().isPresent()) {
            roadmap = RoadmapPlanner.plan(read.scenario(), catalog);
          } else {
            plan = Planner.plan(read.scenario(), catalog);
          }
        } catch (InfeasibleScenarioException e) {
          // The published run ran: a model that cannot plan it fails each of the case's checks.
          for (ValidationCase.Check check : c.checks()) {
            results.add(
                new ValidationResult(
                    c,
                    check,
                    OptionalDouble.empty(),
                    OptionalDouble.empty(),
                    false,
                    e.field() + ": " + e.getMessage()));
          }
          continue;
        }
        // A roadmap case's paths are of the roadmap output (docs/reference/roadmap-output.md).
        tree = roadmap != null ? RoadmapView.of(roadmap) : PlanView.of(plan);
      } else if (c.formula().isPresent()) {
        tree = Formulas.evaluate(c.formula().get(), catalog);
      } else {
        CatalogEntry entry =
            catalog
                .find(c.catalogId().get())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "validation case "
                                + c.id()
                                + ": no catalog entry "
                                + c.catalogId().get()));
        tree = CatalogView.entry(entry);
      }
      for (ValidationCase.Check check : c.checks()) {
        results.add(evaluate(c, check, tree));
      }
    }
    return results;
  }

  private static ValidationResult evaluate(
      ValidationCase c, ValidationCase.Check check, Map<String, Object> tree) {
    double sum = 0;
    for (String path : check.path().split("\\s*\\+\\s*")) {
      Object value = PlanView.at(tree, path.trim());
      if (!(value instanceof Number number)) {
        return new ValidationResult(
            c,
            check,
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            false,
            "no number at " + path);
      }
      sum += number.doubleValue();
    }
    if (check.published().isPresent()) {
      double published = check.published().get();
      double error = published == 0 ? sum * 100 : (sum - published) / published * 100;
      boolean pass = Math.abs(error) <= check.tolerancePercent() + 1e-9;
      return new ValidationResult(
          c, check, OptionalDouble.of(sum), OptionalDouble.of(error), pass, "");
    }
    boolean pass =
        sum >= check.min().orElse(Double.NEGATIVE_INFINITY)
            && sum <= check.max().orElse(Double.POSITIVE_INFINITY);
    return new ValidationResult(c, check, OptionalDouble.of(sum), OptionalDouble.empty(), pass, "");
  }
}
