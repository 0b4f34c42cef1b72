package dev.ironworks.cli;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.validation.CalibrationReport;
import dev.ironworks.io.validation.ValidationCase;
import dev.ironworks.io.validation.ValidationReport;
import dev.ironworks.io.validation.ValidationResult;
import dev.ironworks.io.validation.ValidationSuite;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** ironworks validate: published figures against the model. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the validation suite: each published figure beside Ironworks' value and the error.",
      "Fails (exit 1) when a case lies outside its tolerance."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every case within tolerance", "1:a case outside tolerance", "2:bad input"})
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--family",
      paramLabel = "FAMILY",
      description =
          "Only this family: energy, cost, facility, hardware, throughput, memory, reliability,"
              + " inference.")
  String family;

  @Mixin FormatOption output;

  @Option(
      names = "--fit",
      description =
          "Refit the calibration entries' fitted fields to the throughput cases and print them,"
              + " with each case's in-sample and leave-one-source-out error.")
  boolean fit;

  @Mixin CatalogOption catalog;

  @Override
  public Integer call() {
    Catalog loaded = catalog.load();
    if (fit) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(CalibrationReport.text(loaded, ValidationSuite.cases()));
      out.flush();
      return ExitCodes.OK;
    }
    List<ValidationCase> cases =
        ValidationSuite.cases().stream()
            .filter(c -> family == null || c.family().equals(family))
            .toList();
    List<ValidationResult> results = ValidationSuite.run(cases, loaded);
    PrintWriter out = spec.commandLine().getOut();
    switch (output.format) {
      case json -> out.print(ValidationReport.json(results));
      case markdown ->
          out.print(
              family == null || family.equals("throughput")
                  ? ValidationReport.markdown(results, loaded, cases)
                  : ValidationReport.markdown(results));
      case table -> out.print(ValidationReport.table(results));
    }
    long failed = results.stream().filter(ValidationResult::fails).count();
    out.flush();
    if (failed > 0) {
      spec.commandLine()
          .getErr()
          .println(
              failed
                  + " of "
                  + results.size()
                  + " checks fail (outside tolerance without a known-miss mark, or marked and"
                  + " met)");
      return ExitCodes.FAILURE;
    }
    return ExitCodes.OK;
  }
}
