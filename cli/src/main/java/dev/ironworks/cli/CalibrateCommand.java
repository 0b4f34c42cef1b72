package dev.ironworks.cli;

import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.compute.Calibrator;
import dev.ironworks.core.compute.Flops;
import dev.ironworks.core.compute.ParallelismSearch;
import dev.ironworks.core.compute.TrainingContext;
import dev.ironworks.core.scenario.Measured;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.scenario.TrainingRun;
import dev.ironworks.io.scenario.ScenarioReader;
import dev.ironworks.io.service.PlanService;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.TextFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** ironworks calibrate FILE: fit an accelerator's kernel efficiencies to a measured run. */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    description = {
      "Fits the accelerator's kernel efficiencies to a measured training run.",
      "Reads workload.training.measured ({tokensPerSecond} or {mfu}) and writes a catalog file",
      "with the fitted calibration entry, to reuse with --catalog."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:fitted", "1:internal error", "2:bad input"})
final class CalibrateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "Scenario file with a measured training run.")
  Path file;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the catalog file here instead of standard output.")
  Path out;

  @Option(names = "--force", description = "Replace --out if it exists.")
  boolean force;

  @Mixin CatalogOption catalog;

  @Override
  public Integer call() {
    PlanService service = catalog.service();
    ScenarioReader.Result read = service.read(file);
    Scenario scenario = read.scenario();
    TrainingRun run =
        scenario
            .training()
            .filter(r -> r.measured().isPresent())
            .orElseThrow(
                () ->
                    new InputException(
                        List.of(
                            read.problemAt(
                                "workload.training.measured",
                                "required: what the run achieved, {tokensPerSecond: …} or {mfu: …}"))));
    OutputOption.refuseExisting(out, "--out", force);
    TrainingContext ctx = service.trainingContext(read);
    ParallelismSearch.Result search = ParallelismSearch.search(ctx, run.parallelism());
    if (search.top().isEmpty()) {
      throw new InputException(
          List.of(
              read.problemAt(
                  "workload.training.parallelism",
                  "no parallel configuration fits; the measured run's configuration must be given")));
    }
    var config = search.top().get(0).config();
    Measured measured = run.measured().get();
    double tokensPerSecond =
        measured.tokensPerSecond().isPresent()
            ? measured.tokensPerSecond().getAsDouble()
            : measured.mfu().getAsDouble()
                * ctx.peakFlopPerSecond()
                * config.worldSize()
                / Flops.modelPerToken(ctx.model(), ctx.sequenceLength());
    String accelerator = scenario.cluster().acceleratorId();
    Provenance source =
        new Provenance(
            String.format(
                Locale.ROOT,
                "measured: %.6g tokens/s on %d × %s training %s (%s); fitted by ironworks"
                    + " calibrate from %s",
                tokensPerSecond,
                config.worldSize(),
                accelerator,
                ctx.model().name(),
                config.label(),
                file.getFileName()),
            LocalDate.now().toString(),
            "");
    Calibrator.Fit fit = Calibrator.fit(ctx, config, tokensPerSecond, accelerator, source);
    String yaml = yaml(fit, accelerator);
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        String.format(
            Locale.ROOT,
            "calibrated %s: kernel efficiencies × %.4f (matmul %.3f, attention %.3f); predicted %.6g"
                + " tokens/s before, %.6g after, measured %.6g",
            accelerator,
            fit.factor(),
            fit.calibration().matmul(),
            fit.calibration().attention(),
            fit.predictedBefore(),
            fit.predictedAfter(),
            tokensPerSecond));
    if (!fit.reachable()) {
      err.println(
          "note: the measurement exceeds what efficiencies of 100% predict; the fit is"
              + " capped: check the measured figure and the configuration");
    }
    if (out == null) {
      spec.commandLine().getOut().print(yaml);
      spec.commandLine().getOut().flush();
    } else {
      TextFiles.writeAtomically(out, yaml);
      err.println("wrote " + out + "; use it with --catalog " + out);
    }
    return ExitCodes.OK;
  }

  private static String yaml(Calibrator.Fit fit, String accelerator) {
    Calibration c = fit.calibration();
    return String.format(
        Locale.ROOT,
        "# Calibration of %s fitted by 'ironworks calibrate'. Use with --catalog FILE.%n"
            + "calibration:%n"
            + "  - id: %s%n"
            + "    name: %s calibrated to a measured run%n"
            + "    matmul: %.6f%n"
            + "    matmulCeiling: %.6f%n"
            + "    fp8Matmul: %.6f%n"
            + "    mxfp8Matmul: %.6f%n"
            + "    nvfp4Matmul: %.6f%n"
            + "    matmulHalfDimension: %.6g%n"
            + "    attention: %.6f%n"
            + "    attentionPortable: %.6f%n"
            + "    memory: %.6f%n"
            + "    collective: %.6f%n"
            + "    collectiveLatencyMicroseconds: %.6g%n"
            + "    reservedMemoryGib: %.6g%n"
            + "    memoryHeadroom: %.6g%n"
            + "    kernelFixedMicroseconds: %.6g%n"
            + "    layerHostMicroseconds: %.6g%n"
            + "    moeHostMicroseconds: %.6g%n"
            + "    expertHostMicroseconds: %.6g%n"
            + "    overlapSlowdown: %.6g%n"
            + "%s"
            + "    source: '%s'%n"
            + "    asOf: '%s'%n",
        accelerator,
        c.id(),
        accelerator,
        c.matmul(),
        c.matmulCeiling(),
        c.fp8Matmul(),
        c.mxfp8Matmul(),
        c.nvfp4Matmul(),
        c.matmulHalfDimension(),
        c.attention(),
        c.attentionPortable(),
        c.memory(),
        c.collective(),
        c.collectiveLatencySeconds() * 1e6,
        c.reservedMemoryBytes() / 1073741824.0,
        c.memoryHeadroom(),
        c.kernelFixedSeconds() * 1e6,
        c.layerHostSeconds() * 1e6,
        c.moeHostSeconds() * 1e6,
        c.expertHostSeconds() * 1e6,
        c.overlapSlowdown(),
        c.bestPublishedMfu().isEmpty()
            ? ""
            : c.bestPublishedMfu().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s: %.6g", e.getKey(), e.getValue()))
                .collect(
                    Collectors.joining(
                        ", ", "    bestPublishedMfu: {", "}" + System.lineSeparator())),
        c.provenance().source().replace("'", "''"),
        c.provenance().asOf());
  }
}
