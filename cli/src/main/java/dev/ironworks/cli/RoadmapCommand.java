package dev.ironworks.cli;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.roadmap.RoadmapInputs;
import dev.ironworks.core.roadmap.RoadmapPlan;
import dev.ironworks.core.roadmap.RoadmapPlanner;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.render.RoadmapTables;
import dev.ironworks.io.render.RoadmapView;
import dev.ironworks.io.scenario.ScenarioReader;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** ironworks roadmap FILE: the fleet and its power year by year, optimised per strategy. */
@Command(
    name = "roadmap",
    mixinStandardHelpOptions = true,
    description = {
      "Plans a fleet and its power year by year at the lowest NPV, strategies side by side.",
      "Purchases, retirements, sites and power sources of a scenario's roadmap section are chosen",
      "by a mixed-integer solver, for every option open and for each named strategy. The section",
      "is in docs/reference/scenario.md, the output in docs/reference/roadmap-output.md."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:planned",
      "1:internal error",
      "2:bad input or a roadmap that cannot be built"
    })
final class RoadmapCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "Scenario file (YAML) with a roadmap section.")
  Path file;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--rule",
      description =
          "Plan by rule instead of the solver (fast; what a sweep evaluates): buy the generation"
              + " with the most work a dollar when the demand needs it.")
  boolean rule;

  @Mixin CatalogOption catalog;

  @Override
  public Integer call() {
    Catalog loaded = catalog.load();
    ScenarioReader.Result read = ScenarioReader.read(file, loaded);
    if (read.scenario().roadmap().isEmpty()) {
      throw new InputException(
          List.of(
              new Problem(
                  file.toString(),
                  0,
                  0,
                  "roadmap",
                  "required: this command plans a scenario's roadmap section"
                      + " (docs/reference/scenario.md); 'ironworks plan' plans a cluster")));
    }
    RoadmapPlan plan;
    try {
      RoadmapInputs in = RoadmapInputs.of(read.scenario(), loaded);
      plan = RoadmapPlanner.plan(in, read.scenario().name(), !rule);
    } catch (InfeasibleScenarioException e) {
      throw new InputException(List.of(read.problemAt(e.field(), e.getMessage())));
    }
    Map<String, Object> view = RoadmapView.of(plan);
    String text =
        switch (format) {
          case json -> JsonRenderer.render(view);
          case table -> RoadmapTables.table(view);
          case markdown -> RoadmapTables.markdown("Roadmap: " + plan.scenarioName(), view);
        };
    spec.commandLine().getOut().print(text);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
