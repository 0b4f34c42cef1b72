package dev.ironworks.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level command: lists the subcommands. */
@Command(
    name = "ironworks",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    resourceBundle = "dev.ironworks.cli.HelpTexts",
    description = "Plans and costs AI compute clusters: racks, fabric, power, dollars and carbon.",
    subcommands = {
      PlanCommand.class,
      RoadmapCommand.class,
      ReportCommand.class,
      CatalogCommand.class,
      ValidateCommand.class,
      ScalingCommand.class,
      CalibrateCommand.class,
      SimulateCommand.class,
      SweepCommand.class,
      QueryCommand.class,
      ServeCommand.class,
      picocli.CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:internal error, or validation outside tolerance",
      "2:bad input"
    })
final class IronworksCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required");
  }
}
