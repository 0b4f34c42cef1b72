package dev.ironworks.io.render;

import dev.ironworks.core.inference.LatencyQuantiles;
import dev.ironworks.core.inference.LoadPoint;
import dev.ironworks.core.scenario.LatencyPercentile;
import dev.ironworks.core.sim.Histogram;
import dev.ironworks.core.sim.ServingSimulationReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A request-level simulation of a serving fleet as an ordered tree in display units, beside the
 * queueing model's figures at the same rate: what {@code ironworks simulate --format json} prints
 * for a serving scenario. docs/reference/report.md lists the paths.
 */
public final class ServingSimulationView {
  private ServingSimulationView() {}

  /**
   * The tree.
   *
   * @param analytic the queueing model's replica at the simulated rate per replica, when it has a
   *     steady state there
   * @param percentile the targets' percentile
   */
  public static Map<String, Object> of(
      ServingSimulationReport r,
      Optional<LoadPoint> analytic,
      LatencyPercentile percentile,
      OptionalDouble ttftTargetSeconds,
      OptionalDouble tpotTargetSeconds) {
    Map<String, Object> simulation = new LinkedHashMap<>();
    simulation.put("requests", (long) r.requests());
    simulation.put("completed", (long) r.completed());
    simulation.put("measured", (long) r.measured());
    simulation.put("seed", r.seed());
    simulation.put("simulatedSeconds", r.simulatedSeconds());
    simulation.put("arrivalsPerSecond", r.arrivalsPerSecond());
    simulation.put("outputTokensPerSecond", r.outputTokensPerSecond());
    simulation.put("ttftMillis", quantiles(r.ttft()));
    simulation.put("tpotMillis", quantiles(r.tpot()));
    simulation.put("endToEndMillis", quantiles(r.endToEnd()));
    simulation.put("goodput", r.goodput());
    simulation.put("meanQueuedRequests", r.meanQueued());
    simulation.put("maxQueuedRequests", (long) r.maxQueued());
    simulation.put("meanKvOccupancy", r.meanKvOccupancy());
    simulation.put("preemptions", r.preemptions());
    simulation.put("truncatedRequests", (long) r.truncated());
    simulation.put("events", r.events());
    simulation.put("ttftHistogram", histogram(r.ttftHistogram()));
    simulation.put("tpotHistogram", histogram(r.tpotHistogram()));
    simulation.put("endToEndHistogram", histogram(r.endToEndHistogram()));
    List<Object> timeline = new ArrayList<>();
    for (ServingSimulationReport.Sample s : r.samples()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("timeSeconds", s.timeSeconds());
      m.put("queued", (long) s.queued());
      m.put("running", (long) s.running());
      m.put("kvOccupancy", s.kvOccupancy());
      timeline.add(m);
    }
    simulation.put("timeline", timeline);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("simulation", simulation);
    Map<String, Object> analytical = new LinkedHashMap<>();
    analytical.put("latencyPercentile", percentile.id());
    analytic.ifPresent(
        a -> {
          analytical.put("replicaLoad", a.utilization());
          analytical.put("ttftMillis", quantiles(a.ttft()));
          analytical.put("tpotMillis", quantiles(a.tpot()));
          analytical.put("endToEndMillis", quantiles(a.endToEnd()));
          analytical.put("goodput", a.goodput());
        });
    ttftTargetSeconds.ifPresent(t -> analytical.put("ttftTargetMillis", t * 1e3));
    tpotTargetSeconds.ifPresent(t -> analytical.put("tpotTargetMillis", t * 1e3));
    if (ttftTargetSeconds.isPresent() || tpotTargetSeconds.isPresent()) {
      analytical.put(
          "simulationMeetsTargets",
          meets(r.ttft(), percentile, ttftTargetSeconds)
              && meets(r.tpot(), percentile, tpotTargetSeconds));
    }
    root.put("analytical", analytical);
    return root;
  }

  private static boolean meets(
      LatencyQuantiles q, LatencyPercentile percentile, OptionalDouble target) {
    return target.isEmpty() || q.at(percentile) <= target.getAsDouble();
  }

  private static Map<String, Object> quantiles(LatencyQuantiles q) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("p50", q.p50Seconds() * 1e3);
    m.put("p90", q.p90Seconds() * 1e3);
    m.put("p99", q.p99Seconds() * 1e3);
    m.put("mean", q.meanSeconds() * 1e3);
    return m;
  }

  private static List<Object> histogram(Histogram h) {
    List<Object> bins = new ArrayList<>();
    for (Histogram.Bin b : h.bins()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("fromMillis", b.from() * 1e3);
      m.put("toMillis", b.to() * 1e3);
      m.put("requests", (long) b.count());
      bins.add(m);
    }
    return bins;
  }
}
