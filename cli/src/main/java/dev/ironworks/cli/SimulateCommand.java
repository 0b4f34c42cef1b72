package dev.ironworks.cli;

import dev.ironworks.core.reliability.ReliabilityReport;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.sim.MonteCarlo;
import dev.ironworks.core.sim.RunParameters;
import dev.ironworks.core.sim.RunSetup;
import dev.ironworks.core.sim.ServingSetup;
import dev.ironworks.core.sim.SimulationReport;
import dev.ironworks.core.sim.TimelineSink;
import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.render.SimulationView;
import dev.ironworks.io.render.TableRenderer;
import dev.ironworks.io.scenario.ScenarioReader;
import dev.ironworks.io.service.PlanService;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.TextFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** ironworks simulate FILE: the training run, failures and all, by Monte Carlo. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Simulates the training run with failures, checkpoints and restarts (Monte Carlo).",
      "A discrete-event simulation with spares, repairs and maintenance; reports P10/P50/P90 of",
      "completion time, interruptions, goodput and energy beside the analytical figures.",
      "Trials still running at 50 times the compute time stop and count as incomplete.",
      "A scenario that only serves a model is simulated request by request instead: the planned",
      "fleet under Poisson arrivals (or --trace), with p50/p90/p99 of time to first token, time",
      "per output token and end-to-end latency, goodput, queue and KV-cache occupancy beside",
      "the queueing model's figures."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:simulated", "1:internal error", "2:bad input"})
final class SimulateCommand implements Callable<Integer> {
  /** The fewest requests a serving run takes unless asked for fewer. */
  static final int DEFAULT_REQUESTS = 100_000;

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "FILE",
      description = "Scenario file with a training run or a serving fleet (YAML).")
  Path file;

  @Option(
      names = "--requests",
      paramLabel = "N",
      description =
          "Serving: requests to simulate, 1 to 10,000,000 (default: enough for 20 request"
              + " lifetimes at the rate, at least 100,000 and at most 2,000,000; a trace's own"
              + " count when shorter). The requests of one lifetime at each end, while the fleet"
              + " fills and drains, run unmeasured.")
  Integer requests;

  @Option(
      names = "--rate",
      paramLabel = "R",
      description =
          "Serving: Poisson arrivals a second at the fleet (default: the peak demand, at most what"
              + " the fleet carries within the targets; without targets 90%% of its capacity).")
  Double rate;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description =
          "Serving: replay requests from a CSV file with the header"
              + " arrivalSeconds,promptTokens,outputTokens.")
  Path trace;

  @Option(
      names = "--trials",
      paramLabel = "N",
      defaultValue = "1000",
      description =
          "Monte Carlo trials, 1 to 10,000,000 (default: ${DEFAULT-VALUE}); progress goes to"
              + " standard error.")
  int trials;

  /** The most trials one run takes. */
  static final int MAX_TRIALS = 10_000_000;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description =
          "Master seed; trial i uses a seed derived from it and i (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin ThreadsOption threads;

  @Mixin FormatOption output;

  @Option(
      names = "--timeline",
      paramLabel = "FILE",
      description = "Write the first trial's events as CSV here.")
  Path timeline;

  @Option(names = "--force", description = "Replace --timeline if it exists.")
  boolean force;

  @Mixin CatalogOption catalog;

  @Override
  public Integer call() {
    if (trials < 1 || trials > MAX_TRIALS) {
      throw InputException.of(
          "--trials", "", String.format(Locale.ROOT, "must be between 1 and %,d", MAX_TRIALS));
    }
    OutputOption.refuseExisting(timeline, "--timeline", force);
    PlanService service = catalog.service();
    PlanService.Planned planned = service.plan(file);
    Scenario scenario = planned.read().scenario();
    if (planned.plan().reliability().isEmpty()
        && scenario.training().isEmpty()
        && scenario.inference().isPresent()) {
      return simulateServing(planned.read(), service);
    }
    ReliabilityReport analytic = planned.reliability();
    RunParameters parameters = RunSetup.from(analytic);
    int workers = threads.workers();
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = Progress.of(err, "simulate", "trials", trials, 0);
    SimulationReport report = MonteCarlo.run(parameters, trials, seed, workers, progress::update);
    progress.clear();
    if (timeline != null) {
      writeTimeline(parameters);
    }
    Map<String, Object> view = SimulationView.of(report, analytic);
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        output.format == Format.json ? JsonRenderer.render(view) : TableRenderer.render(view));
    out.flush();
    return ExitCodes.OK;
  }

  private int simulateServing(ScenarioReader.Result read, PlanService service) {
    if (requests != null && (requests < 1 || requests > ServingSetup.MAX_REQUESTS)) {
      throw InputException.of(
          "--requests",
          "",
          String.format(Locale.ROOT, "must be between 1 and %,d", ServingSetup.MAX_REQUESTS));
    }
    PrintWriter err = spec.commandLine().getErr();
    Map<String, Object> view =
        ServingSimulate.run(read, service, requests, DEFAULT_REQUESTS, rate, trace, seed, err);
    PrintWriter out = spec.commandLine().getOut();
    if (output.format == Format.json) {
      out.print(JsonRenderer.render(view));
    } else {
      // The table leaves out the timeline and the histograms' bins; JSON has them.
      @SuppressWarnings("unchecked")
      Map<String, Object> simulation =
          new LinkedHashMap<>((Map<String, Object>) view.get("simulation"));
      simulation.keySet().removeIf(k -> k.equals("timeline") || k.endsWith("Histogram"));
      Map<String, Object> table = new LinkedHashMap<>(view);
      table.put("simulation", simulation);
      out.print(TableRenderer.render(table));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private void writeTimeline(RunParameters parameters) {
    StringBuilder csv =
        new StringBuilder("timeHours,event,state,progressHours,durableHours,detail\n");
    TimelineSink sink =
        (time, kind, state, progress, durable, detail) ->
            csv.append(
                String.format(
                    Locale.ROOT,
                    "%.6f,%s,%s,%.6f,%.6f,%s%n",
                    time / 3600,
                    kind.name().toLowerCase(Locale.ROOT),
                    state.name().toLowerCase(Locale.ROOT),
                    progress / 3600,
                    durable / 3600,
                    detail.toLowerCase(Locale.ROOT)));
    MonteCarlo.trial(parameters, seed, 0, sink);
    TextFiles.writeAtomically(timeline, csv.toString());
  }
}
