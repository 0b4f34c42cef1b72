package dev.ironworks.core.sim;

import static dev.ironworks.core.sim.Runs.HOUR;
import static dev.ironworks.core.sim.Runs.MINUTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** One simulated training run, told event by event. */
class TrainingRunSimulationTest {
  /** Sums of a few dozen integral seconds, and failure times placed through exp/log. */
  private static final double CLOCK_SECONDS = 1e-6;

  private static final double WORK = 10 * HOUR;
  private static final double INTERVAL = HOUR;
  private static final double STALL = 5 * MINUTE;
  private static final double RESTART = 10 * MINUTE;
  private static final double MTBF = 10 * HOUR;

  /** What a {@link TimelineSink} saw. */
  private record Entry(
      double time,
      EventKind kind,
      RunState state,
      double progress,
      double durable,
      String detail) {}

  private static final class Timeline implements TimelineSink {
    final List<Entry> entries = new ArrayList<>();

    @Override
    public void record(
        double time,
        EventKind kind,
        RunState state,
        double progress,
        double durable,
        String detail) {
      entries.add(new Entry(time, kind, state, progress, durable, detail));
    }

    Entry first(EventKind kind) {
      return entries.stream().filter(e -> e.kind() == kind).findFirst().orElseThrow();
    }

    Entry after(Entry e, EventKind kind) {
      return entries.subList(entries.indexOf(e) + 1, entries.size()).stream()
          .filter(x -> x.kind() == kind)
          .findFirst()
          .orElseThrow();
    }
  }

  @Test
  void runWithoutFailuresTakesItsWorkPlusOneStallPerCheckpoint() {
    // 10 h of work, a checkpoint after every hour of it but the last (the job is done then): 9
    // stalls of 5 min. Wall time 10 h 45 min, goodput 36,000 / 38,700, busy all the way.
    RunParameters p = Runs.of(WORK).interval(INTERVAL).stall(STALL).build();
    Timeline timeline = new Timeline();
    TrialResult r = TrainingRunSimulation.run(p, new SplittableRandom(1), timeline);
    int checkpoints = 9;
    double wall = WORK + checkpoints * STALL;
    assertEquals(38_700, wall, 0.0);
    assertEquals(wall, r.completionSeconds(), 0.0);
    assertEquals(WORK / wall, r.goodput(), 0.0);
    assertTrue(r.completed());
    assertEquals(0, r.interruptions());
    assertEquals(0, r.failures());
    assertEquals(0, r.waitSeconds(), 0.0);
    // Each checkpoint is a DUE and a DONE event; then WORK_DONE.
    assertEquals(2 * checkpoints + 1, r.events());
    assertEquals(
        checkpoints,
        timeline.entries.stream().filter(e -> e.kind() == EventKind.CHECKPOINT_DONE).count());
    // Energy = busy power × wall × PUE: 1 MW × 38,700 s × 1.25 / 3.6e9 J/MWh = 13.4375 MWh.
    assertEquals(1e6 * wall * 1.25 / 3.6e9, r.energyMwh(), 1e-12);
    assertEquals(13.4375, r.energyMwh(), 1e-12);
  }

  @Test
  void runWhoseWorkIsNotAMultipleOfTheIntervalCheckpointsAfterEveryFullInterval() {
    // 10.5 h at 1 h intervals: checkpoints after hours 1…10, then half an hour to finish.
    RunParameters p = Runs.of(WORK + 30 * MINUTE).interval(INTERVAL).stall(STALL).build();
    TrialResult r = TrainingRunSimulation.run(p, new SplittableRandom(1), TimelineSink.NONE);
    assertEquals(WORK + 30 * MINUTE + 10 * STALL, r.completionSeconds(), 0.0);
  }

  @Test
  void restartsFromLastCheckpointAfterFailure() {
    // The job fails every 2.5 h of wall time. Its first 2.5 h: compute 0–1 h, checkpoint to
    // 1 h 05, compute to 2 h 05, checkpoint to 2 h 10 (2 h durable), compute 20 min more — then the
    // failure at 2 h 30 throws it back to 2 h of progress, and it restarts for 10 min.
    double gap = 2.5 * HOUR;
    RunParameters p =
        Runs.of(WORK).interval(INTERVAL).stall(STALL).restart(RESTART).jobMtbf(MTBF).build();
    Timeline timeline = new Timeline();
    TrialResult r = TrainingRunSimulation.run(p, Runs.failuresEvery(gap, MTBF), timeline);

    Entry failure = timeline.first(EventKind.FAILURE);
    assertEquals(gap, failure.time(), CLOCK_SECONDS);
    assertEquals("SOFTWARE", failure.detail());
    assertEquals(RunState.RESTARTING, failure.state());
    assertEquals(2 * INTERVAL, failure.durable(), 0.0);
    assertEquals(failure.durable(), failure.progress(), 0.0);

    Entry restarted = timeline.after(failure, EventKind.RESTART_DONE);
    assertEquals(gap + RESTART, restarted.time(), CLOCK_SECONDS);
    assertEquals(RunState.RUNNING, restarted.state());
    assertEquals(2 * INTERVAL, restarted.progress(), 0.0);
    // The next checkpoint comes a full interval of compute after the restart, at 3 h of progress.
    Entry due = timeline.after(restarted, EventKind.CHECKPOINT_DUE);
    assertEquals(gap + RESTART + INTERVAL, due.time(), CLOCK_SECONDS);
    assertEquals(3 * INTERVAL, due.progress(), CLOCK_SECONDS);

    // Every later 2.5 h banks two more checkpoints and loses the 10 min computed after the
    // second; the 4th restart (at 10 h 10) leaves 1 h 05 + 1 h to finish by 12 h 15. Lost: 20 min
    // then 3 × 10 min of compute, 4 restarts of 10 min: 5,400 s on top of the failure-free
    // 38,700 s.
    double lostCompute = 20 * MINUTE + 3 * 10 * MINUTE;
    assertEquals(4, r.failures());
    assertEquals(4, r.interruptions());
    assertTrue(r.completed());
    assertEquals(
        WORK + 9 * STALL + lostCompute + 4 * RESTART, r.completionSeconds(), CLOCK_SECONDS);
    assertEquals(12.25 * HOUR, r.completionSeconds(), CLOCK_SECONDS);

    // At every failure the progress is the last durable checkpoint's.
    double lastCheckpoint = 0;
    for (Entry e : timeline.entries) {
      if (e.kind() == EventKind.CHECKPOINT_DONE) {
        lastCheckpoint = e.durable();
      } else if (e.kind() == EventKind.FAILURE) {
        assertEquals(lastCheckpoint, e.progress(), 0.0, "failure at " + e.time());
      }
    }
  }

  @Test
  void failureDuringACheckpointLosesThatCheckpoint() {
    // The first checkpoint stalls from 1 h to 1 h 05; a failure at 1 h 01 40 s strikes before it
    // is durable, so the job goes back to nothing. (Failing every 1 h 01 40 s, it never gets
    // through an hour of compute and a checkpoint: the trial stops at its limit, incomplete.)
    double gap = INTERVAL + 100;
    RunParameters p =
        Runs.of(WORK)
            .interval(INTERVAL)
            .stall(STALL)
            .restart(RESTART)
            .jobMtbf(MTBF)
            .limitFactor(2)
            .build();
    Timeline timeline = new Timeline();
    TrialResult r = TrainingRunSimulation.run(p, Runs.failuresEvery(gap, MTBF), timeline);
    Entry failure = timeline.first(EventKind.FAILURE);
    assertEquals(gap, failure.time(), CLOCK_SECONDS);
    assertEquals(0, failure.progress(), 0.0);
    assertEquals(0, failure.durable(), 0.0);
    assertEquals(
        0, timeline.entries.stream().filter(e -> e.kind() == EventKind.CHECKPOINT_DONE).count());
    assertFalse(r.completed());
    assertEquals(2 * WORK, r.completionSeconds(), 0.0);
  }

  @Test
  void asyncCheckpointIsDurableOnlyOnceItsWriteFinishes() {
    // Asynchronous: the job stalls 30 s to copy its state at 1 h and the write to storage ends at
    // 1 h 10 min 30 s. A failure 1 min after the copy loses the hour; one after the write keeps it.
    double copy = 30;
    double write = 10 * MINUTE;
    RunParameters p =
        Runs.of(WORK)
            .interval(INTERVAL)
            .async(copy, write)
            .restart(RESTART)
            .jobMtbf(MTBF)
            .limitFactor(2)
            .build();

    Timeline beforeWrite = new Timeline();
    TrainingRunSimulation.run(p, Runs.failuresEvery(INTERVAL + copy + MINUTE, MTBF), beforeWrite);
    Entry early = beforeWrite.first(EventKind.FAILURE);
    assertEquals(0, early.progress(), 0.0);

    Timeline afterWrite = new Timeline();
    TrainingRunSimulation.run(
        p, Runs.failuresEvery(INTERVAL + copy + write + MINUTE, MTBF), afterWrite);
    Entry written = afterWrite.first(EventKind.WRITE_DONE);
    assertEquals(INTERVAL + copy + write, written.time(), CLOCK_SECONDS);
    assertEquals(INTERVAL, written.durable(), 0.0);
    Entry late = afterWrite.first(EventKind.FAILURE);
    assertEquals(INTERVAL, late.progress(), 0.0);
  }

  @Test
  void asyncCheckpointWithoutFailuresStallsOnlyForTheCopy() {
    // 10 h at 1 h intervals: 9 copies of 30 s; the 10 min writes overlap compute.
    RunParameters p = Runs.of(WORK).interval(INTERVAL).async(30, 10 * MINUTE).build();
    TrialResult r = TrainingRunSimulation.run(p, new SplittableRandom(1), TimelineSink.NONE);
    assertEquals(WORK + 9 * 30, r.completionSeconds(), 0.0);
  }

  @Test
  void withoutSparesTheJobWaitsForEachRepair() {
    // 64 GPUs with a 1,280 h MTBF each (a 20 h job MTBF), 48 h repairs, no spare servers: after
    // every interruption the job waits until the failed server is repaired, so each trial waits at
    // least 48 h per interruption. With ample spares it never waits.
    Runs run =
        Runs.of(100 * HOUR)
            .interval(INTERVAL)
            .stall(STALL)
            .restart(RESTART)
            .fails(ComponentClass.ACCELERATOR, 64, 64 * 20 * HOUR)
            .repair(48 * HOUR);
    RunParameters none = run.spares(0).build();
    RunParameters ample = run.spares(64).build();
    int interrupted = 0;
    for (int i = 0; i < 100; i++) {
      TrialResult waits = MonteCarlo.trial(none, 7, i, TimelineSink.NONE);
      TrialResult swaps = MonteCarlo.trial(ample, 7, i, TimelineSink.NONE);
      assertTrue(waits.completed());
      assertTrue(
          waits.waitSeconds() >= waits.interruptions() * 48 * HOUR - CLOCK_SECONDS, "trial " + i);
      assertEquals(0, swaps.waitSeconds(), 0.0);
      if (waits.interruptions() > 0) {
        interrupted++;
        assertTrue(waits.completionSeconds() > swaps.completionSeconds(), "trial " + i);
      }
    }
    assertTrue(interrupted > 90, "a 20 h MTBF interrupts almost every 100 h run");

    SimulationReport waiting = MonteCarlo.run(none, 200, 7, 2, done -> {});
    SimulationReport swapping = MonteCarlo.run(ample, 200, 7, 2, done -> {});
    assertTrue(waiting.waitHours().mean() > 48);
    assertEquals(0, swapping.waitHours().mean(), 0.0);
    assertTrue(waiting.completionDays().mean() > swapping.completionDays().mean() + 2);
    assertTrue(waiting.goodput().mean() < swapping.goodput().mean());
  }

  @Test
  void aFailureThatTakesNoServerNeedsNoSpare() {
    // Switch failures interrupt the job but take no server out: no wait even with zero spares.
    RunParameters p =
        Runs.of(100 * HOUR)
            .fails(ComponentClass.SWITCH, 10, 10 * 20 * HOUR)
            .spares(0)
            .repair(48 * HOUR)
            .build();
    SimulationReport r = MonteCarlo.run(p, 100, 3, 2, done -> {});
    assertTrue(r.interruptions().mean() > 1);
    assertEquals(0, r.waitHours().mean(), 0.0);
  }

  @Test
  void asyncCheckpointsBeatSynchronousOnesWhenFailuresAreRare() {
    // A 1,000 h job MTBF over 100 h: synchronous checkpoints stall 10 min each (99 of them, ≈ 16
    // h); asynchronous ones stall 30 s for the copy and write the same 10 min in the background.
    double write = 10 * MINUTE;
    Runs base = Runs.of(100 * HOUR).interval(INTERVAL).restart(RESTART).jobMtbf(1_000 * HOUR);
    SimulationReport sync = MonteCarlo.run(base.stall(write).build(), 300, 11, 2, done -> {});
    SimulationReport async = MonteCarlo.run(base.async(30, write).build(), 300, 11, 2, done -> {});
    assertTrue(async.goodput().mean() > sync.goodput().mean());
    // Failure-free they would be 360,000/(360,000 + 99·600) = 0.858 and 360,000/(360,000 + 99·30)
    // = 0.992; rare failures take off a little.
    assertEquals(360_000 / (360_000 + 99.0 * 600), sync.goodput().mean(), 0.02);
    assertEquals(360_000 / (360_000 + 99.0 * 30), async.goodput().mean(), 0.02);
  }

  @Test
  void plannedMaintenanceCostsAStallAndARestartWithoutLosingWork() {
    // Nothing fails; a planned stop every 12 h, the first at 6 h, takes a checkpoint (5 min) and
    // restarts (10 min). 20 h of work at 1 h intervals:
    //   0–6 h: five cycles of 1 h compute + 5 min checkpoint (5 h 25), then 35 min more: the stop
    //     at 6 h saves 5 h 35 of progress and the job resumes at 6 h 15;
    //   6 h 15–18 h: ten cycles (10 h 50) and 55 min: the stop at 18 h saves 16 h 30, resume at
    //     18 h 15;
    //   then checkpoints at 17 h 30, 18 h 30, 19 h 30 of progress and done at 20 h: 3 h 45 more.
    // Wall 22 h = 20 h of work + 18 checkpoints × 5 min + 2 stops × 15 min. A stop restarts the
    // interval count, so the run takes 18 periodic checkpoints where it would take 19 without.
    RunParameters p =
        Runs.of(20 * HOUR)
            .interval(INTERVAL)
            .stall(STALL)
            .restart(RESTART)
            .maintenanceEvery(12 * HOUR)
            .build();
    Timeline timeline = new Timeline();
    TrialResult r = TrainingRunSimulation.run(p, Runs.everyDraw(0.5), timeline);
    assertTrue(r.completed());
    assertEquals(2, r.planned());
    assertEquals(2, r.interruptions());
    assertEquals(0, r.failures());
    assertEquals(
        18, timeline.entries.stream().filter(e -> e.kind() == EventKind.CHECKPOINT_DONE).count());
    assertEquals(20 * HOUR + 18 * STALL + 2 * (STALL + RESTART), r.completionSeconds(), 0.0);
    assertEquals(22 * HOUR, r.completionSeconds(), 0.0);

    Entry first = timeline.first(EventKind.MAINTENANCE);
    assertEquals(6 * HOUR, first.time(), 0.0);
    assertEquals(5 * HOUR + 35 * MINUTE, first.durable(), 0.0);
    Entry second = timeline.after(first, EventKind.MAINTENANCE);
    assertEquals(18 * HOUR, second.time(), 0.0);
    assertEquals(16.5 * HOUR, second.durable(), 0.0);
    // No work is lost at a planned stop: all progress becomes durable.
    for (Entry e : timeline.entries) {
      if (e.kind() == EventKind.MAINTENANCE) {
        assertEquals(e.progress(), e.durable(), 0.0);
      }
    }
  }

  @Test
  void weibullLifetimesWithInfantMortalityStillFinish() {
    // Shape 0.7: new components fail early. The run still completes and goodput stays in [0, 1].
    RunParameters p =
        Runs.of(100 * HOUR)
            .interval(INTERVAL)
            .stall(STALL)
            .restart(RESTART)
            .fails(ComponentClass.ACCELERATOR, 64, 64 * 20 * HOUR)
            .spares(64)
            .weibull(0.7)
            .build();
    SimulationReport weibull = MonteCarlo.run(p, 200, 9, 2, done -> {});
    assertEquals(0, weibull.incomplete());
    assertTrue(weibull.goodput().p10() > 0 && weibull.goodput().p90() <= 1);
    // Over a 100 h run from new, infant mortality interrupts more often than exponential lifetimes
    // with the same mean.
    RunParameters exponential =
        Runs.of(100 * HOUR)
            .interval(INTERVAL)
            .stall(STALL)
            .restart(RESTART)
            .fails(ComponentClass.ACCELERATOR, 64, 64 * 20 * HOUR)
            .spares(64)
            .build();
    SimulationReport exp = MonteCarlo.run(exponential, 200, 9, 2, done -> {});
    assertTrue(weibull.interruptions().mean() > exp.interruptions().mean());
  }
}
