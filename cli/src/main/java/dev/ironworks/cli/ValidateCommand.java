package dev.ironworks.cli;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.validation.CalibrationReport;
import dev.ironworks.io.validation.ValidationCase;
import dev.ironworks.io.validation.ValidationReport;
import dev.ironworks.io.validation.ValidationResult;
import dev.ironworks.io.validation.ValidationSuite;
import dev.ironworks.io.yaml.Suggest;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

  @Option(
      names = "--case",
      paramLabel = "ID",
      description = "Only this case (its id as the table prints it).")
  String caseId;

  @Option(
      names = "--scenario",
      paramLabel = "ID",
      description =
          "Print this case's scenario as YAML and nothing else: save it and run 'ironworks plan'"
              + " on it for the whole plan (step time by phase, memory, the configurations"
              + " searched), or change it to see what moves the figure.")
  String scenarioOf;

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
    List<ValidationCase> all = ValidationSuite.cases();
    if (scenarioOf != null) {
      ValidationCase c = find(all, scenarioOf, "--scenario");
      if (c.scenarioYaml().isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "case '"
                + c.id()
                + "' has no scenario: it "
                + c.formula()
                    .map(f -> "evaluates the equation " + f.name() + " on the published inputs")
                    .orElse(
                        "checks "
                            + c.catalogId()
                                .map(id -> "the catalog entry '" + id + "'")
                                .orElse("a catalog entry")
                            + " against the published figures")
                + " (docs/validation.md)");
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("# " + c.id() + ": " + c.title());
      out.println("# source: " + c.source());
      out.print(c.scenarioYaml().get());
      out.flush();
      return ExitCodes.OK;
    }
    Set<String> families = new TreeSet<>();
    all.forEach(c -> families.add(c.family()));
    if (family != null && !families.contains(family)) {
      throw new ParameterException(
          spec.commandLine(),
          "unknown family '"
              + family
              + "' for --family: one of "
              + String.join(", ", families)
              + Suggest.didYouMean(family, families));
    }
    if (caseId != null) {
      ValidationCase c = find(all, caseId, "--case");
      if (family != null && !c.family().equals(family)) {
        throw new ParameterException(
            spec.commandLine(),
            "case '" + c.id() + "' is in family '" + c.family() + "', not '" + family + "'");
      }
    }
    Catalog loaded = catalog.load();
    if (fit) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(CalibrationReport.text(loaded, ValidationSuite.cases()));
      out.flush();
      return ExitCodes.OK;
    }
    List<ValidationCase> cases =
        all.stream()
            .filter(c -> family == null || c.family().equals(family))
            .filter(c -> caseId == null || c.id().equals(caseId))
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

  private ValidationCase find(List<ValidationCase> all, String id, String option) {
    return all.stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(),
                    "no validation case '"
                        + id
                        + "' for "
                        + option
                        + Suggest.didYouMean(id, all.stream().map(ValidationCase::id).toList())
                        + "; 'ironworks validate' lists every case"));
  }
}
