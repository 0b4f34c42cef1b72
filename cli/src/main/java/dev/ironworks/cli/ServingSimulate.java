package dev.ironworks.cli;

import dev.ironworks.core.inference.LoadPoint;
import dev.ironworks.core.inference.ServingQueue;
import dev.ironworks.core.plan.InferencePlanner;
import dev.ironworks.core.scenario.InferenceWorkload;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.sim.RequestTrace;
import dev.ironworks.core.sim.ServingRunSetup;
import dev.ironworks.core.sim.ServingSetup;
import dev.ironworks.core.sim.ServingSimulation;
import dev.ironworks.core.sim.ServingSimulationReport;
import dev.ironworks.io.render.ServingSimulationView;
import dev.ironworks.io.scenario.ScenarioReader;
import dev.ironworks.io.scenario.TraceReader;
import dev.ironworks.io.service.PlanService;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code ironworks simulate} for a serving scenario: the planned fleet under Poisson arrivals (or a
 * trace), request by request, beside the queueing model's figures at the same rate.
 */
final class ServingSimulate {
  /** Without targets the fleet is simulated at this share of its capacity (a full queue grows). */
  static final double UNTARGETED_LOAD = 0.9;

  /** The most requests a run takes unless asked for more. */
  static final int DEFAULT_MOST_REQUESTS = 2_000_000;

  private ServingSimulate() {}

  /**
   * Simulates the planned fleet: {@code requests} requests, or when null enough to span {@link
   * ServingRunSetup#LIFETIMES} request lifetimes at the rate (at least {@code atLeast}, at most
   * {@link #DEFAULT_MOST_REQUESTS}), so that the fleet's filling and draining, which are run but
   * not measured, are a small part of the run.
   */
  static Map<String, Object> run(
      ScenarioReader.Result read,
      PlanService service,
      Integer requests,
      int atLeast,
      Double rate,
      Path trace,
      long seed,
      PrintWriter err) {
    Scenario scenario = read.scenario();
    InferenceWorkload w = scenario.inference().orElseThrow();
    InferencePlanner.Sizing sizing = service.servingSizing(read);
    if (!w.continuousBatching()) {
      throw new InputException(
          List.of(
              read.problemAt(
                  "workload.inference.batching",
                  "the request-level simulation runs continuous batching only")));
    }
    Optional<RequestTrace> replay = Optional.ofNullable(trace).map(TraceReader::read);
    double requestsPerSecond =
        rate != null ? rate : ServingRunSetup.defaultRate(w, sizing, UNTARGETED_LOAD);
    if (replay.isEmpty() && !(requestsPerSecond > 0)) {
      throw new InputException(
          List.of(
              new Problem("--rate", 0, 0, "", "must be a positive number of requests a second")));
    }
    int wanted =
        requests != null
            ? requests
            : ServingRunSetup.requestsFor(
                replay.map(RequestTrace::meanRate).orElse(requestsPerSecond),
                ServingRunSetup.lifetimeSeconds(sizing),
                atLeast,
                DEFAULT_MOST_REQUESTS);
    int count = replay.map(t -> Math.min(t.size(), wanted)).orElse(wanted);
    double arrivalRate = replay.map(RequestTrace::meanRate).orElse(requestsPerSecond);
    double lifetimes = count / (arrivalRate * ServingRunSetup.lifetimeSeconds(sizing));
    if (lifetimes < 4) {
      err.printf(
          Locale.ROOT,
          "note: %,d requests span %.2g request lifetimes at %.4g requests a second: the fleet"
              + " barely fills, so the figures lean towards a lightly loaded one (without"
              + " --requests the run spans %d)%n",
          count,
          lifetimes,
          arrivalRate,
          ServingRunSetup.LIFETIMES);
    }
    ServingSetup setup = ServingRunSetup.from(w, sizing, requestsPerSecond, count, replay);
    Progress progress = Progress.of(err, "simulate", "requests", count, 0);
    ServingSimulationReport report =
        ServingSimulation.run(setup, seed, done -> progress.update(done), () -> false);
    progress.clear();
    OptionalDouble ttft = seconds(w.ttftMillis());
    OptionalDouble tpot = seconds(w.tpotMillis());
    double perReplica =
        replay.map(RequestTrace::meanRate).orElse(requestsPerSecond)
            / Math.max(1, sizing.replicas());
    Optional<LoadPoint> analytic =
        sizing
            .result()
            .queue()
            .filter(q -> perReplica > 0 && perReplica < q.capacity())
            .map(q -> at(q, perReplica, ttft, tpot));
    return ServingSimulationView.of(report, analytic, w.serving().percentile(), ttft, tpot);
  }

  private static LoadPoint at(
      ServingQueue q, double rate, OptionalDouble ttft, OptionalDouble tpot) {
    return q.at(rate, ttft, tpot);
  }

  private static OptionalDouble seconds(OptionalDouble millis) {
    return millis.isPresent()
        ? OptionalDouble.of(millis.getAsDouble() / 1e3)
        : OptionalDouble.empty();
  }
}
