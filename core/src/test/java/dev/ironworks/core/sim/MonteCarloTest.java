package dev.ironworks.core.sim;

import static dev.ironworks.core.sim.Runs.DAY;
import static dev.ironworks.core.sim.Runs.HOUR;
import static dev.ironworks.core.sim.Runs.MINUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.reliability.Checkpointing;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Monte Carlo against Daly's analysis where its assumptions hold, and its determinism.
 *
 * <p>The story: a 100 h run on a job that fails on average every 10 h (exponential lifetimes), 5
 * min synchronous checkpoints, 10 min restarts that can themselves be interrupted, nothing to wait
 * for (the failures take no server), no maintenance. Daly's τ is 74.2 min and he expects 116.0 h of
 * wall time; the simulator must agree, and must find the same best interval.
 */
class MonteCarloTest {
  private static final double WORK = 100 * HOUR;
  private static final double MTBF = 10 * HOUR;
  private static final double DELTA = 5 * MINUTE;
  private static final double RESTART = 10 * MINUTE;
  private static final double DALY = Checkpointing.dalySeconds(DELTA, MTBF);
  private static final long SEED = 42;

  /** A mean within 3 standard errors: a 0.3% chance of a false alarm for a normal mean. */
  private static final double STANDARD_ERRORS = 3;

  private static RunParameters dalyRun(double interval) {
    return Runs.of(WORK).interval(interval).stall(DELTA).restart(RESTART).jobMtbf(MTBF).build();
  }

  /**
   * Daly's eq. 13 for the run the simulator actually does. Daly charges T/τ whole segments of τ +
   * δ; the simulator checkpoints after each full interval but not after the last piece of work (the
   * job is done then): n = ⌈T/τ⌉ − 1 segments of τ + δ, then w = T − nτ of bare compute. Each
   * segment, failures and restarts included, takes M·e^{R/M}·(e^{L/M} − 1) in expectation, which is
   * eq. 13 with T = τ = L.
   */
  private static double expectedSimulatedSeconds(double interval) {
    double n = Math.ceil(WORK / interval) - 1;
    double last = WORK - n * interval;
    return Checkpointing.expectedWallSeconds(n * interval, interval, DELTA, RESTART, MTBF)
        + Checkpointing.expectedWallSeconds(last, last, 0, RESTART, MTBF);
  }

  private static double meanSeconds(SimulationReport r) {
    return r.completionDays().mean() * DAY;
  }

  private static double standardErrorSeconds(SimulationReport r) {
    return r.completionDays().standardError() * DAY;
  }

  @Test
  void meanCompletionTimeAgreesWithDalyWhereHisAssumptionsHold() {
    // τ = 4,449.7 s, so T/τ = 80.9: the simulator does 80 checkpointed segments and 4,024 s to
    // finish. Daly's T/τ segments (417,677 s) charge 0.9 of a segment with its checkpoint for that
    // last piece: 340 s more than the 417,338 s the simulator should take on average.
    assertEquals(4_449.7, DALY, 0.1);
    double daly = Checkpointing.expectedWallSeconds(WORK, DALY, DELTA, RESTART, MTBF);
    double exact = expectedSimulatedSeconds(DALY);
    assertEquals(417_677, daly, 1);
    assertEquals(417_338, exact, 1);

    // 2,000 trials: σ ≈ 11,300 s, so the mean's standard error is ≈ 250 s (0.06%).
    SimulationReport r = MonteCarlo.run(dalyRun(DALY), 2_000, SEED, 2, done -> {});
    assertEquals(0, r.incomplete());
    double mean = meanSeconds(r);
    double standardError = standardErrorSeconds(r);
    assertTrue(standardError > 100 && standardError < 400, "σ/√n = " + standardError);
    assertEquals(exact, mean, STANDARD_ERRORS * standardError);
    // Against Daly's formula as printed, allow for the last piece as well.
    assertEquals(daly, mean, STANDARD_ERRORS * standardError + (daly - exact));

    // Goodput is the mean of T/X over trials, which by Jensen exceeds T/E[X]: to second order
    // E[T/X] = (T/μ)(1 + σ²/μ²), with σ the trials' spread (σ²/μ² ≈ 0.07% here, about one
    // standard error).
    double sigma = standardError * Math.sqrt(r.trials());
    double expectedGoodput = WORK / exact * (1 + sigma * sigma / (exact * exact));
    assertEquals(
        expectedGoodput, r.goodput().mean(), STANDARD_ERRORS * r.goodput().standardError());
    assertEquals(WORK / exact, r.goodput().mean(), 0.002);
    // Failures: a trial of X seconds sees X/M failures on average (restarts included).
    assertEquals(exact / MTBF, r.interruptions().mean(), 0.03 * exact / MTBF);
  }

  @Tag("slow")
  @Test
  void simulatorFindsTheSameBestIntervalAsDaly() {
    // Sweep τ over Daly's × 2^{k/4}, k = −4…4 (0.5× to 2×), 4,000 trials each, the same seed.
    // Tolerance: the best simulated τ is Daly's grid point or a neighbour. The curve is flat near
    // its bottom: by eq. 13 the neighbours at 2^{±1/4} cost only 0.2–0.3% more (≈ 800–1,100 s of
    // 417,000), 4–6 standard errors of a 4,000-trial mean (≈ 180 s). The same seed gives every τ
    // the same failure times (common random numbers), so the differences are far less noisy than
    // the means; the neighbour allowance keeps the test honest about the remaining noise.
    int steps = 4;
    double[] means = new double[2 * steps + 1];
    double[] analytic = new double[2 * steps + 1];
    int best = 0;
    int bestAnalytic = 0;
    double standardError = 0;
    for (int k = -steps; k <= steps; k++) {
      double tau = DALY * Math.pow(2, k / (double) steps);
      SimulationReport r = MonteCarlo.run(dalyRun(tau), 4_000, SEED, 2, done -> {});
      int i = k + steps;
      means[i] = meanSeconds(r);
      analytic[i] = expectedSimulatedSeconds(tau);
      standardError = Math.max(standardError, standardErrorSeconds(r));
      if (means[i] < means[best]) {
        best = i;
      }
      if (analytic[i] < analytic[bestAnalytic]) {
        bestAnalytic = i;
      }
    }
    assertEquals(steps, bestAnalytic, "eq. 13 is least at Daly's τ on this grid");
    assertTrue(Math.abs(best - steps) <= 1, "best simulated τ at grid point " + best);
    // A U: halving or doubling τ costs ≈ 3% (12,600–13,500 s), far beyond the noise, and every
    // grid point agrees with eq. 13 within 3 standard errors.
    assertTrue(means[0] - means[steps] > 10 * standardError);
    assertTrue(means[2 * steps] - means[steps] > 10 * standardError);
    for (int i = 0; i < means.length; i++) {
      assertEquals(analytic[i], means[i], STANDARD_ERRORS * standardError, "grid point " + i);
    }
  }

  /** A run exercising every source of randomness: Weibull lifetimes, waits, maintenance, async. */
  private static RunParameters everythingRun() {
    return Runs.of(50 * HOUR)
        .interval(HOUR)
        .async(30, 10 * MINUTE)
        .restart(RESTART)
        .fails(ComponentClass.ACCELERATOR, 64, 64 * 25 * HOUR)
        .fails(ComponentClass.SWITCH, 8, 8 * 100 * HOUR)
        .fails(ComponentClass.LINK, 1, 50 * HOUR)
        .weibull(0.8)
        .spares(1)
        .repair(12 * HOUR)
        .maintenanceEvery(24 * HOUR)
        .build();
  }

  @Test
  void sameSeedGivesTheSameReport() {
    SimulationReport first = MonteCarlo.run(everythingRun(), 300, SEED, 2, done -> {});
    SimulationReport again = MonteCarlo.run(everythingRun(), 300, SEED, 2, done -> {});
    assertEquals(first, again);
    assertEquals(SEED, first.seed());
    assertEquals(300, first.trials());
    // The run does exercise waits, maintenance and failures.
    assertTrue(first.waitHours().mean() > 0);
    assertTrue(first.interruptions().mean() > 2);
    // A different seed gives a different report.
    assertNotEquals(first, MonteCarlo.run(everythingRun(), 300, SEED + 1, 2, done -> {}));
    // One trial on its own equals itself too, event by event.
    assertEquals(
        MonteCarlo.trial(everythingRun(), SEED, 17, TimelineSink.NONE),
        MonteCarlo.trial(everythingRun(), SEED, 17, TimelineSink.NONE));
  }

  @Test
  void everyTrialsGoodputLiesBetweenZeroAndOne() {
    // Property over 200 seeded trials with every source of randomness: goodput in (0, 1], the
    // wall time at least the work, energy positive.
    RunParameters p = everythingRun();
    for (int i = 0; i < 200; i++) {
      TrialResult r = MonteCarlo.trial(p, SEED, i, TimelineSink.NONE);
      assertTrue(r.goodput() > 0 && r.goodput() <= 1, "trial " + i + ": " + r.goodput());
      assertTrue(r.completionSeconds() >= p.workSeconds(), "trial " + i);
      assertTrue(r.energyMwh() > 0, "trial " + i);
      // Failures while the job already waits for a server interrupt nothing new.
      assertTrue(r.interruptions() <= r.planned() + r.failures(), "trial " + i);
    }
  }

  @Test
  void threadCountDoesNotChangeTheReport() {
    SimulationReport one = MonteCarlo.run(everythingRun(), 300, SEED, 1, done -> {});
    assertEquals(one, MonteCarlo.run(everythingRun(), 300, SEED, 2, done -> {}));
    assertEquals(one, MonteCarlo.run(everythingRun(), 300, SEED, 4, done -> {}));
  }

  @Test
  void trialSeedsDependOnlyOnTheMasterSeedAndTheIndex() {
    assertEquals(MonteCarlo.trialSeed(SEED, 5), MonteCarlo.trialSeed(SEED, 5));
    assertNotEquals(MonteCarlo.trialSeed(SEED, 5), MonteCarlo.trialSeed(SEED, 6));
    assertNotEquals(MonteCarlo.trialSeed(SEED, 5), MonteCarlo.trialSeed(SEED + 1, 5));
  }

  @Test
  void progressCountsEveryTrial() {
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger highest = new AtomicInteger();
    MonteCarlo.run(
        dalyRun(DALY),
        250,
        SEED,
        2,
        done -> {
          calls.incrementAndGet();
          highest.accumulateAndGet(done, Math::max);
        });
    assertEquals(250, calls.get());
    assertEquals(250, highest.get());
  }

  @Test
  void atLeastOneTrialIsNeeded() {
    assertThrows(
        IllegalArgumentException.class,
        () -> MonteCarlo.run(dalyRun(DALY), 0, SEED, 2, done -> {}));
  }

  /**
   * A single trial of many events: a job failing every 30 s for a 100 h run never finishes and runs
   * to its limit of 50 × the work, hundreds of thousands of events. Asked to stop on the third
   * question, it stops after 3 × {@link TrainingRunSimulation#STOP_CHECK_EVENTS} events, not at the
   * end of the trial: a time limit holds to within that much work.
   */
  @Test
  void aStopRequestEndsEvenASingleLongTrialWithinAFewThousandEvents() {
    RunParameters slow =
        Runs.of(WORK).interval(HOUR).stall(DELTA).restart(RESTART).jobMtbf(30).build();
    TrialResult whole = MonteCarlo.trial(slow, SEED, 0, TimelineSink.NONE);
    assertTrue(
        whole.events() > 100 * TrainingRunSimulation.STOP_CHECK_EVENTS, "events " + whole.events());

    AtomicInteger asked = new AtomicInteger();
    assertThrows(
        SimulationStopped.class,
        () -> MonteCarlo.run(slow, 1, SEED, 1, done -> {}, () -> asked.incrementAndGet() > 3));
    // Once before the trial, then every STOP_CHECK_EVENTS events: the fourth answer is "stop".
    assertEquals(4, asked.get());
  }

  @Test
  void onceStoppedNoTrialStartsOnAnyThread() {
    // After the first "stop", only trials already in flight, at most one a thread, may finish.
    java.util.concurrent.atomic.AtomicBoolean stopped =
        new java.util.concurrent.atomic.AtomicBoolean();
    AtomicInteger asked = new AtomicInteger();
    AtomicInteger finishedAfter = new AtomicInteger();
    assertThrows(
        SimulationStopped.class,
        () ->
            MonteCarlo.run(
                dalyRun(DALY),
                10_000,
                SEED,
                4,
                done -> {
                  if (stopped.get()) {
                    finishedAfter.incrementAndGet();
                  }
                },
                () -> {
                  if (asked.incrementAndGet() > 50) {
                    stopped.set(true);
                  }
                  return stopped.get();
                }));
    assertTrue(finishedAfter.get() <= 4, "trials finished after the stop: " + finishedAfter);
  }

  @Test
  void withoutAStopRequestTheReportIsTheSame() {
    SimulationReport plain = MonteCarlo.run(dalyRun(DALY), 200, SEED, 2, done -> {});
    SimulationReport asked = MonteCarlo.run(dalyRun(DALY), 200, SEED, 2, done -> {}, () -> false);
    assertEquals(plain, asked);
  }
}
