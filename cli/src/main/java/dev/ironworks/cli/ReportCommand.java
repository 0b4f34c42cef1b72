package dev.ironworks.cli;

import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.reliability.ReliabilityReport;
import dev.ironworks.core.roadmap.RoadmapPlan;
import dev.ironworks.core.sim.MonteCarlo;
import dev.ironworks.core.sim.RunSetup;
import dev.ironworks.core.sim.SimulationReport;
import dev.ironworks.io.render.PlanView;
import dev.ironworks.io.render.Report;
import dev.ironworks.io.render.RoadmapReport;
import dev.ironworks.io.render.RoadmapView;
import dev.ironworks.io.render.SimulationView;
import dev.ironworks.io.scenario.ScenarioReader;
import dev.ironworks.io.service.PlanService;
import dev.ironworks.io.yaml.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** ironworks report FILE --out PATH: the plan as a self-contained HTML page or Markdown. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a scenario's plan as a report: HTML with charts that works offline, or Markdown.",
      "With a training run whose reliability is known, the report includes a Monte Carlo of it",
      "(--trials, 0 to leave it out); a scenario that only serves a model, a simulation of its",
      "fleet for 20 request lifetimes, at least 20,000 requests (--trials 0 leaves it out). A",
      "scenario with a roadmap section gets the roadmap's report: its strategies side by side, its",
      "fleet, power and cash by year. The contents are in docs/reference/report.md."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:written",
      "1:internal error",
      "2:bad input, a scenario that cannot be built, or --out exists without --force"
    })
final class ReportCommand implements Callable<Integer> {
  static final int DEFAULT_TRIALS = 200;

  /**
   * The fewest requests the serving simulation of a serving-only scenario runs (more where 20
   * request lifetimes at the rate take more).
   */
  static final int SERVING_REQUESTS = 20_000;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Report formats. */
  enum ReportFormat {
    html,
    markdown
  }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "Scenario file (YAML).")
  Path file;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "html",
      description = "Report: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  ReportFormat format;

  @Option(names = "--out", paramLabel = "PATH", required = true, description = "File to write.")
  Path out;

  @Option(names = "--force", description = "Replace --out if it exists.")
  boolean force;

  @Option(
      names = "--trials",
      paramLabel = "N",
      description =
          "Monte Carlo trials of the training run (default: "
              + DEFAULT_TRIALS
              + "; 0 leaves the simulation out).")
  Integer trials;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "Master seed of the simulation (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin CatalogOption catalog;

  @Override
  public Integer call() {
    int n = trials == null ? DEFAULT_TRIALS : trials;
    if (n < 0 || n > 1_000_000) {
      throw InputException.of("--trials", "", "must be between 0 and 1,000,000");
    }
    checkOut();
    PlanService service = catalog.service();
    ScenarioReader.Result scenario = service.read(file);
    if (scenario.scenario().roadmap().isPresent()) {
      return roadmap(service, scenario);
    }
    PlanService.Planned planned = service.plan(scenario);
    Plan plan = planned.plan();
    ScenarioReader.Result read = planned.read();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, Object> simulation = null;
    Optional<ReliabilityReport> reliability = plan.reliability();
    if (reliability.isPresent() && n > 0) {
      SimulationReport report =
          MonteCarlo.run(
              RunSetup.from(reliability.get()),
              n,
              seed,
              Runtime.getRuntime().availableProcessors(),
              done -> {});
      simulation = SimulationView.of(report, reliability.get());
    } else if (reliability.isEmpty()
        && n > 0
        && read.scenario().training().isEmpty()
        && read.scenario().inference().isPresent()
        && read.scenario().inference().get().continuousBatching()) {
      simulation =
          ServingSimulate.run(
              read,
              service,
              null,
              SERVING_REQUESTS,
              null,
              null,
              seed,
              new PrintWriter(Writer.nullWriter()));
    } else if (reliability.isEmpty() && trials != null && trials > 0) {
      err.println(
          "note: the scenario has no training run whose reliability is known; nothing to"
              + " simulate");
    }
    String title = "Ironworks report: " + plan.scenarioName();
    Map<String, Object> view = PlanView.of(plan);
    String text =
        switch (format) {
          case html -> Report.html(title, view, simulation);
          case markdown -> Report.markdown(title, view, simulation);
        };
    write(text);
    err.println(
        "wrote "
            + out
            + " ("
            + format
            + (simulation == null
                ? ""
                : plan.reliability().isPresent()
                    ? ", with " + n + " simulated trials"
                    : ", with " + servingRequests(simulation) + " simulated requests")
            + ")");
    err.flush();
    return ExitCodes.OK;
  }

  /** Requests a serving simulation's view says it ran. */
  @SuppressWarnings("unchecked")
  private static Object servingRequests(Map<String, Object> view) {
    Object simulation = view.get("simulation");
    return simulation instanceof Map<?, ?> m
        ? String.format(Locale.ROOT, "%,d", ((Map<String, Object>) m).get("requests"))
        : "?";
  }

  /** A scenario with a roadmap section: the roadmap's report (its strategies by the solver). */
  private Integer roadmap(PlanService service, ScenarioReader.Result read) {
    PrintWriter err = spec.commandLine().getErr();
    if (trials != null && trials > 0) {
      err.println("note: a roadmap has no training run to simulate; --trials is not used");
    }
    RoadmapPlan plan = service.roadmap(read, true);
    String title = "Ironworks roadmap: " + plan.scenarioName();
    Map<String, Object> view = RoadmapView.of(plan);
    String text =
        switch (format) {
          case html -> RoadmapReport.html(title, view);
          case markdown -> RoadmapReport.markdown(title, view);
        };
    write(text);
    err.println("wrote " + out + " (" + format + ", a roadmap)");
    err.flush();
    return ExitCodes.OK;
  }

  /** Refuses a path that cannot be written before any work is done. */
  private void checkOut() {
    Path dir = out.toAbsolutePath().getParent();
    if (Files.isDirectory(out)) {
      throw InputException.of(out.toString(), "", "is a folder; give --out a file name");
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw InputException.of(out.toString(), "", "its folder does not exist; create it first");
    }
    OutputOption.refuseExisting(out, "--out", force);
  }

  /**
   * Writes through a temporary file in the same folder, then publishes it in one step: a rename
   * over the old file with --force, else a hard link that fails if a file appeared meanwhile. A
   * crash never leaves half a report, and without --force no file is replaced.
   */
  private void write(String text) {
    Path dir = out.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      // Not Files.createTempFile: its owner-only permissions would stay on the report.
      tmp = dir.resolve(".ironworks-report-" + Long.toHexString(RANDOM.nextLong()) + ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      if (force) {
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        tmp = null;
      } else {
        try {
          Files.createLink(out, tmp);
        } catch (FileAlreadyExistsException e) {
          throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
          // No hard links on this file system: a plain move, which refuses an existing target.
          Files.move(tmp, out);
          tmp = null;
        }
      }
    } catch (FileAlreadyExistsException e) {
      throw OutputOption.exists(out, "--out");
    } catch (IOException e) {
      throw InputException.of(out.toString(), "", "cannot be written: " + e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The temporary file is hidden and named as ours; leaving it is harmless.
        }
      }
    }
  }
}
