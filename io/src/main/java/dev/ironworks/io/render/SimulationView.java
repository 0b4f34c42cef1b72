package dev.ironworks.io.render;

import dev.ironworks.core.reliability.ReliabilityReport;
import dev.ironworks.core.sim.Histogram;
import dev.ironworks.core.sim.Percentiles;
import dev.ironworks.core.sim.SimulationReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Monte Carlo of a training run as an ordered tree in display units, beside the plan's analytical
 * figures: what {@code ironworks simulate --format json} prints, and what reports and the web UI
 * chart. docs/reference/report.md lists the paths.
 */
public final class SimulationView {
  private SimulationView() {}

  public static Map<String, Object> of(SimulationReport r, ReliabilityReport analytic) {
    Map<String, Object> simulation = new LinkedHashMap<>();
    simulation.put("trials", (long) r.trials());
    simulation.put("seed", r.seed());
    simulation.put("completionDays", percentiles(r.completionDays()));
    simulation.put("interruptions", percentiles(r.interruptions()));
    simulation.put("goodput", percentiles(r.goodput()));
    simulation.put("energyMwh", percentiles(r.energyMwh()));
    simulation.put("waitForServerHours", percentiles(r.waitHours()));
    simulation.put("events", r.events());
    simulation.put("incompleteTrials", (long) r.incomplete());
    simulation.put("completionDaysHistogram", histogram(r.completionDaysHistogram()));
    Map<String, Object> analytical = new LinkedHashMap<>();
    analytical.put("computeDays", analytic.computeDays());
    analytical.put("wallClockDays", analytic.wallClockDays());
    analytical.put("goodput", analytic.goodput());
    analytical.put("expectedInterruptions", analytic.expectedInterruptions());
    analytical.put("checkpointIntervalMinutes", analytic.checkpointIntervalSeconds() / 60);
    analytical.put("spareServers", (long) analytic.spareServers());
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("simulation", simulation);
    root.put("analytical", analytical);
    return root;
  }

  private static Map<String, Object> percentiles(Percentiles p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("p10", p.p10());
    m.put("p50", p.p50());
    m.put("p90", p.p90());
    m.put("mean", p.mean());
    m.put("standardError", p.standardError());
    return m;
  }

  private static List<Object> histogram(Histogram h) {
    List<Object> bins = new ArrayList<>();
    for (Histogram.Bin b : h.bins()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("fromDays", b.from());
      m.put("toDays", b.to());
      m.put("trials", (long) b.count());
      bins.add(m);
    }
    return bins;
  }
}
