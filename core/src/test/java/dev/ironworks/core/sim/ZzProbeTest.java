package dev.ironworks.core.sim;

import dev.ironworks.core.reliability.Checkpointing;
import org.junit.jupiter.api.Test;

class ZzProbeTest {
  @Test
  void probe() {
    double work = 360000, mtbf = 36000, d = 300, rr = 600;
    double tau = Checkpointing.dalySeconds(d, mtbf);
    double n = Math.ceil(work / tau) - 1, last = work - n * tau;
    double exact = Checkpointing.expectedWallSeconds(n * tau, tau, d, rr, mtbf)
        + Checkpointing.expectedWallSeconds(last, last, 0, rr, mtbf);
    RunParameters p = Runs.of(work).interval(tau).stall(d).restart(rr).jobMtbf(mtbf).build();
    long t0 = System.nanoTime();
    SimulationReport big = MonteCarlo.run(p, 100_000, 1, 2, x -> {});
    System.out.printf("big: z=%.2f  ms=%d%n", (big.completionDays().mean() * 86400 - exact) / (big.completionDays().standardError() * 86400), (System.nanoTime() - t0) / 1000000);
    StringBuilder sb = new StringBuilder();
    for (int s = 0; s < 30; s++) {
      SimulationReport r = MonteCarlo.run(p, 2000, s, 2, x -> {});
      sb.append(String.format("%.2f ", (r.completionDays().mean() * 86400 - exact) / (r.completionDays().standardError() * 86400)));
    }
    System.out.println("z: " + sb);
    // sweep
    for (int seed = 0; seed < 10; seed++) {
      StringBuilder line = new StringBuilder();
      double best = 1e300; int bi = -1;
      for (int k = -4; k <= 4; k++) {
        double t = tau * Math.pow(2, k / 4.0);
        SimulationReport r = MonteCarlo.run(Runs.of(work).interval(t).stall(d).restart(rr).jobMtbf(mtbf).build(), 4000, seed, 2, x -> {});
        double m = r.completionDays().mean() * 86400;
        if (m < best) { best = m; bi = k; }
      }
      System.out.println("seed " + seed + " argmin " + bi);
    }
    StringBuilder an = new StringBuilder();
    for (int k = -4; k <= 4; k++) {
      double t = tau * Math.pow(2, k / 4.0);
      double nn = Math.ceil(work / t) - 1, l = work - nn * t;
      an.append(String.format("%.0f/%.0f ", Checkpointing.expectedWallSeconds(work, t, d, rr, mtbf), Checkpointing.expectedWallSeconds(nn * t, t, d, rr, mtbf) + Checkpointing.expectedWallSeconds(l, l, 0, rr, mtbf)));
    }
    System.out.println(an);
  }
}
