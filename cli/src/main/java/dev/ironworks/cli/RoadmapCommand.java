package dev.ironworks.cli;

import dev.ironworks.core.roadmap.RoadmapPlan;
import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.render.RoadmapTables;
import dev.ironworks.io.render.RoadmapView;
import dev.ironworks.io.service.PlanService;
import java.nio.file.Path;
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

  @Mixin FormatOption output;

  @Option(
      names = "--rule",
      description =
          "Plan by rule instead of the solver (fast; what a sweep evaluates): buy the generation"
              + " with the most work a dollar when the demand needs it.")
  boolean rule;

  @Mixin CatalogOption catalog;

  @Override
  public Integer call() {
    PlanService service = catalog.service();
    RoadmapPlan plan = service.roadmap(service.read(file), !rule);
    Map<String, Object> view = RoadmapView.of(plan);
    String text =
        switch (output.format) {
          case json -> JsonRenderer.render(view);
          case table -> RoadmapTables.table(view);
          case markdown -> RoadmapTables.markdown("Roadmap: " + plan.scenarioName(), view);
        };
    spec.commandLine().getOut().print(text);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
