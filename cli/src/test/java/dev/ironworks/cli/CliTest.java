package dev.ironworks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command line as a user meets it: output, errors and exit codes. */
class CliTest {
  private static final String EXAMPLE = "../examples/h100-1024-training-cluster.yaml";
  private static final Path HELP_GOLDEN = Path.of("src/test/resources/golden/help");

  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plan",
        "roadmap",
        "report",
        "catalog",
        "catalog list",
        "catalog show",
        "validate",
        "scaling",
        "calibrate",
        "simulate",
        "sweep",
        "query",
        "serve"
      })
  void helpTextMatchesItsGoldenFile(String command) throws IOException {
    String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
    Run run = run(args);
    assertEquals(ExitCodes.OK, run.exitCode());
    Path golden =
        HELP_GOLDEN.resolve((command.isEmpty() ? "ironworks" : command.replace(' ', '-')) + ".txt");
    if (Boolean.getBoolean("golden.update") || !Files.exists(golden)) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, run.out(), StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), run.out());
  }

  @Test
  void everyHelpDescriptionIsAValidFormatString() {
    // picocli formats each description line as written in its annotation (%n a new line, %% a
    // percent sign) and, when a stray % breaks the format, prints the raw text with a warning.
    List<String> broken = new ArrayList<>();
    Deque<CommandLine> commands = new ArrayDeque<>(List.of(Main.command()));
    while (!commands.isEmpty()) {
      CommandLine c = commands.pop();
      commands.addAll(c.getSubcommands().values());
      List<String> lines = new ArrayList<>();
      Command command = c.getCommand().getClass().getAnnotation(Command.class);
      if (command != null) {
        lines.addAll(List.of(command.description()));
      }
      for (ArgSpec arg : c.getCommandSpec().args()) {
        if (arg.userObject() instanceof Field field) {
          Option option = field.getAnnotation(Option.class);
          Parameters parameters = field.getAnnotation(Parameters.class);
          lines.addAll(List.of(option != null ? option.description() : new String[0]));
          lines.addAll(List.of(parameters != null ? parameters.description() : new String[0]));
        }
      }
      for (String line : lines) {
        try {
          String.format(line);
        } catch (java.util.IllegalFormatException e) {
          broken.add(c.getCommandName() + ": " + line);
        }
      }
    }
    assertTrue(broken.isEmpty(), broken.toString());
  }

  @Test
  void roadmapPlansTheSectionAndRefusesAScenarioWithout() {
    Run rule = run("roadmap", "../examples/roadmaps/serving-3x-a-year.yaml", "--rule");
    assertEquals(ExitCodes.OK, rule.exitCode(), rule.err());
    assertTrue(rule.out().startsWith("roadmap: serving-3x-a-year, 2026–2030, by rule"), rule.out());
    assertTrue(rule.out().contains("rule: year by year"), rule.out());
    Run plain = run("roadmap", "../examples/h100-1024-training-cluster.yaml");
    assertEquals(ExitCodes.BAD_INPUT, plain.exitCode());
    assertTrue(
        plain.err().contains("roadmap: required: a roadmap section to plan year by year"),
        plain.err());
  }

  @Test
  void plansAnExampleInEveryFormat() {
    Run table = run("plan", EXAMPLE);
    assertEquals(ExitCodes.OK, table.exitCode(), table.err());
    assertTrue(table.out().contains("capexUsd"));
    Run json = run("plan", EXAMPLE, "--format", "json");
    assertEquals(ExitCodes.OK, json.exitCode());
    assertTrue(json.out().startsWith("{"));
    assertTrue(json.out().contains("\"facilityPeakPowerMw\""));
    Run markdown = run("plan", EXAMPLE, "--format", "markdown");
    assertEquals(ExitCodes.OK, markdown.exitCode());
    assertTrue(markdown.out().startsWith("# Plan: h100-1024-training-cluster"));
    assertEquals("", json.err());
  }

  @Test
  void aBadScenarioExitsWithTwoAndNamesEveryProblem(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        "cluster:\n  accelerator: nvidia-h100\n  count: -1\nsite: {pue: 0.5, regoin: iceland}\n");
    Run run = run("plan", file.toString());
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
    assertEquals("", run.out());
    assertTrue(run.err().contains("bad.yaml:2:16: cluster.accelerator"), run.err());
    assertTrue(run.err().contains("did you mean 'nvidia-h100-sxm-80gb'"), run.err());
    assertTrue(run.err().contains("bad.yaml:3:10: cluster.count"), run.err());
    assertTrue(run.err().contains("site.pue"), run.err());
    assertTrue(run.err().contains("did you mean 'region'"), run.err());
    assertTrue(run.err().contains("4 problems"), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
    assertFalse(run.err().contains("\tat "), run.err());
  }

  @Test
  void aScenarioThatCannotBeBuiltPointsAtTheFieldToChange(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("nvl72-on-air.yaml");
    Files.writeString(
        file,
        "cluster: {accelerator: nvidia-gb200, count: 144}\nsite:\n  region: us-texas\n"
            + "  cooling: air\n");
    Run run = run("plan", file.toString());
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
    assertTrue(run.err().contains("nvl72-on-air.yaml:4:3: site.cooling"), run.err());
    assertTrue(run.err().contains("requires liquid cooling"), run.err());
  }

  @Test
  void aRackThatNeedsLiquidIsCooledByLiquidWhenTheSiteDoesNotSay(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("nvl72.yaml");
    Files.writeString(file, "cluster: {accelerator: nvidia-gb200, count: 144}\n");
    Run run = run("plan", file.toString());
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("site.cooling not given: 'liquid-cold-plate'"), run.out());
    assertTrue(run.out().contains("requires liquid cooling"), run.out());
  }

  @Test
  void aFixedDegreeThatRulesEverythingOutIsNamed(@TempDir Path dir) throws IOException {
    Path heads = dir.resolve("tp6.yaml");
    Files.writeString(
        heads,
        "cluster: {accelerator: nvidia-h100-sxm-80gb, count: 64}\nworkload:\n  training:\n"
            + "    model: llama3-8b\n    tokens: 1e12\n    parallelism:\n      tensor: 6\n");
    Run run = run("plan", heads.toString());
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
    assertTrue(
        run.err().contains("tp6.yaml:7:7: workload.training.parallelism.tensor: 6 does not divide"),
        run.err());
    assertTrue(run.err().contains("32 attention heads"), run.err());
    Path count = dir.resolve("too-many.yaml");
    Files.writeString(
        count,
        "cluster: {accelerator: nvidia-h100-sxm-80gb, count: 64}\nworkload:\n  training:\n"
            + "    model: llama3-8b\n    tokens: 1e12\n"
            + "    parallelism: {tensor: 8, pipeline: 4, data: 4}\n");
    run = run("plan", count.toString());
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
    assertTrue(
        run.err().contains("tensor 8 × pipeline 4 × data 4 need 128 accelerators"), run.err());
  }

  @Test
  void servingOnAChipWithoutBf16UnitsDefaultsToFp16(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("v100-serving.yaml");
    Files.writeString(
        file,
        "cluster: {accelerator: nvidia-v100}\n"
            + "workload: {inference: {model: llama3-8b, tokensPerDay: 1e9}}\n");
    Run run = run("plan", file.toString(), "--format", "json");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("\"precision\" : \"fp16\""), run.out());
    assertFalse(run.out().contains("no BF16 units"), run.out());
  }

  @Test
  void aMissingFileIsBadInput() {
    Run run = run("plan", "no-such-file.yaml");
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
    assertTrue(run.err().contains("no-such-file.yaml: no such file"), run.err());
  }

  @Test
  void unknownOptionsAndCommandsAreBadInputWithSuggestions() {
    Run option = run("plan", EXAMPLE, "--formt", "json");
    assertEquals(ExitCodes.BAD_INPUT, option.exitCode());
    assertTrue(option.err().contains("--format"), option.err());
    Run format = run("plan", EXAMPLE, "--format", "xml");
    assertEquals(ExitCodes.BAD_INPUT, format.exitCode());
    assertTrue(format.err().contains("table, json, markdown"), format.err());
    Run command = run("plna", EXAMPLE);
    assertEquals(ExitCodes.BAD_INPUT, command.exitCode());
    assertTrue(command.err().contains("plan"), command.err());
    Run none = run();
    assertEquals(ExitCodes.BAD_INPUT, none.exitCode());
  }

  @Test
  void catalogListsShowsAndSuggests() {
    Run list = run("catalog", "list", "--kind", "fabrics");
    assertEquals(ExitCodes.OK, list.exitCode());
    for (String id :
        List.of(
            "infiniband-hdr",
            "infiniband-ndr",
            "infiniband-xdr",
            "ethernet-roce-400g",
            "ethernet-roce-800g")) {
      assertTrue(list.out().contains(id), id);
    }
    Run json = run("catalog", "list", "--format", "json");
    assertEquals(ExitCodes.OK, json.exitCode());
    assertTrue(json.out().contains("\"accelerators\""));
    Run show = run("catalog", "show", "nvidia-h100-sxm-80gb");
    assertEquals(ExitCodes.OK, show.exitCode());
    assertTrue(show.out().contains("denseBf16Tflops"));
    assertTrue(show.out().contains("source"));
    Run unknown = run("catalog", "show", "nvidia-h100-sxm");
    assertEquals(ExitCodes.BAD_INPUT, unknown.exitCode());
    assertTrue(unknown.err().contains("did you mean 'nvidia-h100-sxm-80gb'"), unknown.err());
    Run kind = run("catalog", "list", "--kind", "acelerators");
    assertEquals(ExitCodes.BAD_INPUT, kind.exitCode());
    assertTrue(kind.err().contains("did you mean 'accelerators'"), kind.err());
  }

  @Test
  void aUserCatalogOverridesShippedFigures(@TempDir Path dir) throws IOException {
    Path catalog = dir.resolve("prices.yaml");
    String shipped =
        Files.readString(Path.of("../io/src/main/resources/dev/ironworks/catalog/regions.yaml"));
    int start = shipped.indexOf("  - id: us-texas");
    int end = shipped.indexOf("\n  - id:", start + 5);
    String texas = shipped.substring(start, end);
    String cheap = texas.replaceAll("electricityUsdPerKwh: [0-9.]+", "electricityUsdPerKwh: 0.01");
    Files.writeString(catalog, "regions:\n" + cheap + "\n");
    Run base = run("plan", EXAMPLE, "--format", "json");
    Run over = run("plan", EXAMPLE, "--format", "json", "--catalog", catalog.toString());
    assertEquals(ExitCodes.OK, over.exitCode(), over.err());
    assertTrue(over.out().contains("\"electricityUsdPerKwh\" : 0.01"), over.out());
    assertFalse(base.out().equals(over.out()));
  }

  @Test
  void validatePrintsPublishedBesideOursAndPasses() {
    Run run = run("validate");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err() + run.out());
    assertTrue(run.out().contains("E-PAT-GPT3"));
    // Every check within tolerance but the cases marked as known misses, each with its reason.
    assertTrue(run.out().contains("known misses)"), run.out());
    assertFalse(run.out().contains("FAIL"), run.out());
    Run family = run("validate", "--family", "hardware", "--format", "json");
    assertEquals(ExitCodes.OK, family.exitCode());
    assertFalse(family.out().contains("E-PAT-GPT3"));
  }

  @Test
  void validateRunsOneCaseAndPrintsItsScenarioForPlan(@TempDir Path dir) throws Exception {
    Run one = run("validate", "--case", "T-LLAMA3-T4-8K", "--format", "json");
    assertEquals(ExitCodes.OK, one.exitCode(), one.err());
    assertTrue(one.out().contains("T-LLAMA3-T4-8K"), one.out());
    assertFalse(one.out().contains("T-LLAMA3-T4-16K"), one.out());
    Run scenario = run("validate", "--scenario", "T-MEG-T1-1p7B");
    assertEquals(ExitCodes.OK, scenario.exitCode(), scenario.err());
    assertTrue(scenario.out().startsWith("# T-MEG-T1-1p7B: "), scenario.out());
    Path file = dir.resolve("case.yaml");
    Files.writeString(file, scenario.out());
    Run plan = run("plan", file.toString(), "--format", "json");
    assertEquals(ExitCodes.OK, plan.exitCode(), plan.err());
    assertTrue(plan.out().contains("\"model\" : \"megatron-1.7b\""), plan.out());
  }

  @Test
  void validateRefusesAnUnknownFamilyOrCaseAndSuggests() {
    Run family = run("validate", "--family", "throughputs");
    assertEquals(ExitCodes.BAD_INPUT, family.exitCode());
    assertTrue(family.err().contains("did you mean 'throughput'?"), family.err());
    Run unknown = run("validate", "--case", "T-LLAMA3-T4-8");
    assertEquals(ExitCodes.BAD_INPUT, unknown.exitCode());
    assertTrue(unknown.err().contains("T-LLAMA3-T4-8K"), unknown.err());
    Run elsewhere = run("validate", "--case", "HW-A100", "--family", "throughput");
    assertEquals(ExitCodes.BAD_INPUT, elsewhere.exitCode());
    assertTrue(elsewhere.err().contains("is in family 'hardware'"), elsewhere.err());
    Run noScenario = run("validate", "--scenario", "HW-A100");
    assertEquals(ExitCodes.BAD_INPUT, noScenario.exitCode());
    assertTrue(noScenario.err().contains("has no scenario"), noScenario.err());
  }

  private static final String GPT3 = "../examples/gpt3-175b-on-1024-a100.yaml";

  @Test
  void scalingPrintsThroughputAndEfficiencyPerCount() {
    Run run = run("scaling", GPT3, "--from", "512", "--to", "2048");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("efficiency"), run.out());
    assertTrue(run.out().contains("\n512 "), run.out());
    assertTrue(run.out().contains("\n2048 "), run.out());
    assertTrue(run.out().contains("100.0%"), run.out());
    Run json = run("scaling", GPT3, "--from", "1024", "--to", "1024", "--format", "json");
    assertEquals(ExitCodes.OK, json.exitCode(), json.err());
    assertTrue(json.out().contains("\"efficiency\" : 1"), json.out());
    Run bad = run("scaling", GPT3, "--from", "4096", "--to", "1024");
    assertEquals(ExitCodes.BAD_INPUT, bad.exitCode());
  }

  @Test
  void scalingNeedsATrainingRunWithAnArchitecture() {
    Run run = run("scaling", EXAMPLE.replace("h100-1024-training-cluster", "tpu-v5p-cloud"));
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
    assertTrue(run.err().contains("workload.training"), run.err());
  }

  @Test
  void calibrateFitsTheKernelEfficienciesToAMeasuredRun(@TempDir Path dir) throws IOException {
    // The model predicts GPT-3 on 1,024 A100 at some tokens/s; a run measured 20% slower must
    // fit a smaller kernel efficiency, and the written catalog, used with --catalog, must then
    // predict the measured figure.
    Run predicted = run("plan", GPT3, "--format", "json");
    double tokensPerSecond = number(predicted.out(), "tokensPerSecond");
    double measured = Math.round(tokensPerSecond * 0.8);
    Path scenario = dir.resolve("measured.yaml");
    Files.writeString(
        scenario,
        Files.readString(Path.of(GPT3))
            .replace(
                "parallelism: auto",
                "parallelism: auto\n    measured: {tokensPerSecond: " + (long) measured + "}"));
    Path out = dir.resolve("calibrated.yaml");
    Run fit = run("calibrate", scenario.toString(), "--out", out.toString());
    assertEquals(ExitCodes.OK, fit.exitCode(), fit.err());
    assertTrue(Files.readString(out).contains("id: nvidia-a100-80gb"));
    Run refused = run("calibrate", scenario.toString(), "--out", out.toString());
    assertEquals(ExitCodes.BAD_INPUT, refused.exitCode());
    assertTrue(refused.err().contains("--force"), refused.err());
    Run again = run("plan", scenario.toString(), "--format", "json", "--catalog", out.toString());
    assertEquals(ExitCodes.OK, again.exitCode(), again.err());
    assertEquals(measured, number(again.out(), "tokensPerSecond"), measured * 0.02);
    assertTrue(again.out().contains("\"calibration\" : \"nvidia-a100-80gb\""), again.out());
  }

  @Test
  void calibrateNeedsAMeasurement() {
    Run run = run("calibrate", GPT3);
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
    assertTrue(run.err().contains("workload.training.measured"), run.err());
  }

  private static double number(String json, String key) {
    int at = json.indexOf("\"" + key + "\" : ");
    int start = at + key.length() + 5;
    int end = start;
    while (end < json.length() && "0123456789.eE+-".indexOf(json.charAt(end)) >= 0) {
      end++;
    }
    return Double.parseDouble(json.substring(start, end));
  }

  @Tag("slow")
  @Test
  void simulateReportsDistributionsThatDoNotDependOnThreads(@TempDir Path dir) throws IOException {
    Run one =
        run(
            "simulate",
            EXAMPLE,
            "--trials",
            "200",
            "--seed",
            "7",
            "--threads",
            "1",
            "--format",
            "json");
    assertEquals(ExitCodes.OK, one.exitCode(), one.err());
    Run two =
        run(
            "simulate",
            EXAMPLE,
            "--trials",
            "200",
            "--seed",
            "7",
            "--threads",
            "2",
            "--format",
            "json");
    assertEquals(one.out(), two.out());
    for (String path :
        List.of(
            "\"trials\" : 200",
            "\"completionDays\"",
            "\"p10\"",
            "\"p50\"",
            "\"p90\"",
            "\"interruptions\"",
            "\"goodput\"",
            "\"energyMwh\"")) {
      assertTrue(one.out().contains(path), path);
    }
    Run other = run("simulate", EXAMPLE, "--trials", "200", "--seed", "8", "--format", "json");
    assertFalse(one.out().equals(other.out()));
    Path csv = dir.resolve("timeline.csv");
    Run timeline = run("simulate", EXAMPLE, "--trials", "10", "--timeline", csv.toString());
    assertEquals(ExitCodes.OK, timeline.exitCode(), timeline.err());
    List<String> lines = Files.readAllLines(csv);
    assertEquals("timeHours,event,state,progressHours,durableHours,detail", lines.get(0));
    assertTrue(lines.size() > 10);
    assertTrue(lines.get(lines.size() - 1).contains("work_done"));
    Run refused = run("simulate", EXAMPLE, "--trials", "10", "--timeline", csv.toString());
    assertEquals(ExitCodes.BAD_INPUT, refused.exitCode());
  }

  @Test
  void simulateNeedsATrainingRun() {
    Run run = run("simulate", EXAMPLE.replace("h100-1024-training-cluster", "tpu-v5p-cloud"));
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
    assertTrue(run.err().contains("nothing to simulate"), run.err());
    Run trials = run("simulate", EXAMPLE, "--trials", "0");
    assertEquals(ExitCodes.BAD_INPUT, trials.exitCode());
  }

  @Test
  void aSetWhereNothingFailsPlansWithAnUnboundedMtbf(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("nofail.yaml");
    Files.writeString(
        file,
        "cluster: {accelerator: nvidia-h100-sxm-80gb, count: 1024}\n"
            + "workload: {training: {model: llama3-70b, durationDays: 20}}\n"
            + "reliability: {failureRates: {id: nofail}}\n");
    Run json = run("plan", file.toString(), "--format", "json");
    assertEquals(ExitCodes.OK, json.exitCode(), json.err());
    assertTrue(json.out().contains("\"jobMtbfHours\" : null"), json.out());
    assertTrue(json.out().contains("\"goodput\" : 0.9999"), json.out());
    Run table = run("plan", file.toString());
    assertTrue(table.out().contains("∞"), table.out());
  }

  @Test
  void hugeFilesDirectoriesAndOutOfRangeValuesAreBadInput(@TempDir Path dir) throws IOException {
    Path huge = dir.resolve("huge.yaml");
    Files.writeString(huge, "description: \"" + "x".repeat(5 * 1024 * 1024) + "\"\n");
    Run big = run("plan", huge.toString());
    assertEquals(ExitCodes.BAD_INPUT, big.exitCode());
    assertTrue(big.err().contains("at most 4 MiB"), big.err());
    Run folder = run("plan", dir.toString());
    assertEquals(ExitCodes.BAD_INPUT, folder.exitCode());
    assertTrue(folder.err().contains("is a directory"), folder.err());
    Path absurd = dir.resolve("absurd.yaml");
    Files.writeString(
        absurd,
        "cluster: {accelerator: nvidia-h100-sxm-80gb, count: 1024}\n"
            + "finance: {cloudUsdPerAcceleratorHour: 1e308}\n"
            + "workload: {training: {model: llama3-70b, durationDays: 20}}\n"
            + "reliability: {restartMinutes: 100000, plannedMaintenancePerDay: 200}\n");
    Run range = run("plan", absurd.toString());
    assertEquals(ExitCodes.BAD_INPUT, range.exitCode());
    assertTrue(range.err().contains("finance.cloudUsdPerAcceleratorHour"), range.err());
    assertTrue(range.err().contains("reliability.restartMinutes"), range.err());
    assertTrue(range.err().contains("reliability.plannedMaintenancePerDay"), range.err());
  }

  @Test
  void stalledTrialsCountTheirWaitAndAreReportedIncomplete(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("stall.yaml");
    Files.writeString(
        file,
        "cluster: {accelerator: nvidia-h100-sxm-80gb, count: 1024}\n"
            + "workload: {training: {model: llama3-70b, durationDays: 10}}\n"
            + "reliability: {spares: {servers: 0}, repairHours: 100000}\n");
    Run run = run("simulate", file.toString(), "--trials", "20", "--format", "json");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("\"incompleteTrials\" : 20"), run.out());
    assertFalse(run.out().contains("\"waitForServerHours\" : {\n      \"p10\" : 0,"), run.out());
  }
}
