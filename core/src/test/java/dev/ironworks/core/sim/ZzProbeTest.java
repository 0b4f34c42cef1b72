package dev.ironworks.core.sim;

import dev.ironworks.core.catalog.*;
import dev.ironworks.core.reliability.*;
import dev.ironworks.core.scenario.*;
import java.util.*;
import org.junit.jupiter.api.Test;

class ZzProbeTest {
  static ReliabilityReport rep(double maint, OptionalDouble write, OptionalDouble interval, boolean async) {
    FailureRates rates = new FailureRates("x", OptionalDouble.of(3), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), 0, 1, new Provenance("estimate: t", "2025-01", ""));
    ReliabilitySpec spec = new ReliabilitySpec(rates, 10, new CheckpointSpec(interval, async, write), OptionalInt.of(1000), 24, maint);
    return ReliabilityModel.analyze(spec, new ComponentCounts(1024, 128, 0, 0),
        new ReliabilityModel.RunFigures(30 * 86400, 1.2e12, 1e10, 1024, 1e6, 3e5, 1.2, 0.4, 0, 2, 1024));
  }
  @Test
  void probe() {
    try { RunSetup.from(rep(0, OptionalDouble.empty(), OptionalDouble.empty(), false)); System.out.println("no maint OK"); }
    catch (Exception e) { System.out.println("no maint: " + e); }
    ReliabilityReport r = rep(0, OptionalDouble.of(0), OptionalDouble.empty(), false);
    System.out.println("write0: tau=" + r.checkpointIntervalSeconds() + " goodput=" + r.goodput() + " wall=" + r.wallClockDays());
    r = rep(0, OptionalDouble.of(0), OptionalDouble.empty(), true);
    System.out.println("write0 async: tau=" + r.checkpointIntervalSeconds() + " goodput=" + r.goodput() + " stall=" + r.checkpointStallSeconds());
    for (boolean async : new boolean[] {false, true}) {
      r = rep(1, OptionalDouble.empty(), OptionalDouble.empty(), async);
      RunParameters p = RunSetup.from(r);
      SimulationReport s = MonteCarlo.run(p, 400, 1, 2, x -> {});
      System.out.printf("async=%b analytic wall %.4f d goodput %.5f interruptions %.2f | sim %.4f ± %.4f goodput %.5f interruptions %.2f events %d%n", async, r.wallClockDays(), r.goodput(), r.expectedInterruptions(), s.completionDays().mean(), s.completionDays().standardError(), s.goodput().mean(), s.interruptions().mean(), s.events());
    }
  }
}
