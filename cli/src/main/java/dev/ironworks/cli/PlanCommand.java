package dev.ironworks.cli;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.render.MarkdownRenderer;
import dev.ironworks.io.render.PlanView;
import dev.ironworks.io.render.TableRenderer;
import dev.ironworks.io.scenario.ScenarioReader;
import dev.ironworks.io.yaml.InputException;
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

/** ironworks plan FILE: the plan of one scenario. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Plans a scenario: servers, racks, fabric, power, capex/opex/TCO, energy and carbon.",
      "The scenario format is in docs/reference/scenario.md; the output in"
          + " docs/reference/plan-output.md."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:planned",
      "1:internal error",
      "2:bad input or a scenario that cannot be built"
    })
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "Scenario file (YAML).")
  Path file;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Mixin CatalogOption catalog;

  @Override
  public Integer call() {
    Catalog loaded = catalog.load();
    ScenarioReader.Result read = ScenarioReader.read(file, loaded);
    Plan plan;
    try {
      plan = Planner.plan(read.scenario(), loaded);
    } catch (InfeasibleScenarioException e) {
      throw new InputException(List.of(read.problemAt(e.field(), e.getMessage())));
    }
    Map<String, Object> view = PlanView.of(plan);
    String text =
        switch (format) {
          case json -> JsonRenderer.render(view);
          case table -> TableRenderer.render(view);
          case markdown -> MarkdownRenderer.render("Plan: " + plan.scenarioName(), view);
        };
    spec.commandLine().getOut().print(text);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
