package dev.ironworks.cli;

import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.render.MarkdownRenderer;
import dev.ironworks.io.render.TableRenderer;
import dev.ironworks.io.service.PlanService;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

  @Mixin FormatOption output;

  @Mixin CatalogOption catalog;

  @Override
  public Integer call() {
    PlanService.Planned planned = catalog.service().plan(file);
    Map<String, Object> view = planned.view();
    String text =
        switch (output.format) {
          case json -> JsonRenderer.render(view);
          case table -> TableRenderer.render(view);
          case markdown -> MarkdownRenderer.render("Plan: " + planned.name(), view);
        };
    spec.commandLine().getOut().print(text);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
