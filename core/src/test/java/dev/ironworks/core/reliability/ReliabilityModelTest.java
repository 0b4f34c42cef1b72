package dev.ironworks.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.FailureRates;
import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.scenario.CheckpointSpec;
import dev.ironworks.core.scenario.ReliabilitySpec;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The analytical failure model: failure rates summed over the blast radius, spares, Daly's interval
 * and expected wall time, goodput.
 *
 * <p>Published-number case: the seed's 10,000 GPUs at a 3-year MTBF fail 9–10 times a day.
 */
class ReliabilityModelTest {
  private static final double DAY = 86_400;
  private static final double HOUR = 3_600;
  private static final double MINUTE = 60;
  private static final double YEAR_DAYS = ReliabilityModel.DAYS_PER_YEAR;

  /** Sums and quotients of a handful of doubles. */
  private static final double EXACT_RELATIVE = 1e-12;

  private static final Provenance TEST = new Provenance("estimate: test", "2025-01", "");
  private static final OptionalDouble NONE = OptionalDouble.empty();

  // A 1,024-GPU job: 128 eight-GPU servers, one scale-out NIC per GPU, 48 fabric switches.
  private static final ComponentCounts CLUSTER = new ComponentCounts(1024, 128, 1024, 48);

  // 30 days of failure-free compute; a 1.2 TB checkpoint to 10 GB/s storage writes in 120 s.
  private static final double WORK_SECONDS = 30 * DAY;
  private static final double CHECKPOINT_BYTES = 1.2e12;
  private static final double STORAGE_BYTES_PER_SECOND = 1e10;
  private static final double WRITE_SECONDS = CHECKPOINT_BYTES / STORAGE_BYTES_PER_SECOND;
  private static final double USD_PER_GPU_HOUR = 2;

  private static void assertWithin(double expected, double actual, double relative) {
    assertEquals(expected, actual, Math.abs(expected) * relative);
  }

  private static OptionalDouble years(double y) {
    return OptionalDouble.of(y);
  }

  private static FailureRates gpusOnly(double mtbfYears) {
    return new FailureRates("gpus", years(mtbfYears), NONE, NONE, NONE, NONE, 0, 1, TEST);
  }

  private static FailureRates everything() {
    return new FailureRates("all", years(5), years(6), years(8), years(10), years(2), 0.5, 1, TEST);
  }

  private static ReliabilityModel.RunFigures figures(double workSeconds) {
    return new ReliabilityModel.RunFigures(
        workSeconds,
        CHECKPOINT_BYTES,
        STORAGE_BYTES_PER_SECOND,
        CLUSTER.accelerators(),
        1.0e6,
        0.3e6,
        1.2,
        0.4,
        0,
        USD_PER_GPU_HOUR,
        CLUSTER.accelerators());
  }

  private static ReliabilitySpec spec(
      FailureRates rates, CheckpointSpec checkpoint, double restartMinutes, double maintenance) {
    return new ReliabilitySpec(
        rates, restartMinutes, checkpoint, OptionalInt.empty(), 24, maintenance);
  }

  private static CheckpointSpec synchronous() {
    return new CheckpointSpec(NONE, false, NONE);
  }

  @Test
  void seedsTenThousandGpusAtAThreeYearMtbfFailNineTimesADay() {
    // 10,000 / (3 × 365.25) = 9.126 failures a day: the seed's "≈ 9–10".
    double perDay =
        ReliabilityModel.failuresPerDay(gpusOnly(3), new ComponentCounts(10_000, 1_250, 0, 0));
    assertWithin(10_000 / (3 * YEAR_DAYS), perDay, EXACT_RELATIVE);
    assertEquals(9.126, perDay, 0.001);
    assertTrue(perDay >= 9 && perDay <= 10);
  }

  @Test
  void jobFailureRateIsTheSumOverEveryComponent() {
    // GPUs 1024/(5 y) = 0.5607/d, hosts 128/(6 y) = 0.0584, NICs 1024/(8 y) = 0.3504,
    // switches 48/(10 y) = 0.0131, software 1024/(2 y) = 1.4018, link flaps 0.5: 2.8845/d.
    double gpus = 1024 / (5 * YEAR_DAYS);
    double hosts = 128 / (6 * YEAR_DAYS);
    double nics = 1024 / (8 * YEAR_DAYS);
    double switches = 48 / (10 * YEAR_DAYS);
    double software = 1024 / (2 * YEAR_DAYS);
    double flaps = 0.5;
    double total = gpus + hosts + nics + switches + software + flaps;
    assertEquals(2.8845, total, 0.0001);
    assertWithin(total, ReliabilityModel.failuresPerDay(everything(), CLUSTER), EXACT_RELATIVE);
    // Server-taking failures: GPUs, hosts and NICs only.
    assertWithin(
        gpus + hosts + nics,
        ReliabilityModel.serverFailuresPerDay(everything(), CLUSTER),
        EXACT_RELATIVE);

    ReliabilityReport r =
        ReliabilityModel.analyze(
            spec(everything(), synchronous(), 10, 0), CLUSTER, figures(WORK_SECONDS));
    assertWithin(total, r.failuresPerDay(), EXACT_RELATIVE);
    assertWithin(gpus, r.acceleratorFailuresPerDay(), EXACT_RELATIVE);
    assertWithin(hosts, r.hostFailuresPerDay(), EXACT_RELATIVE);
    assertWithin(nics, r.nicFailuresPerDay(), EXACT_RELATIVE);
    assertWithin(switches, r.switchFailuresPerDay(), EXACT_RELATIVE);
    assertWithin(software, r.softwareFailuresPerDay(), EXACT_RELATIVE);
    assertEquals(flaps, r.linkFailuresPerDay(), 0.0);
    assertWithin(24 / total, r.jobMtbfHours(), EXACT_RELATIVE);
  }

  @Test
  void aComponentLeftOutDoesNotFail() {
    // Only GPUs have an MTBF: a million switches, servers and NICs add nothing.
    ComponentCounts huge = new ComponentCounts(1024, 1_000_000, 1_000_000, 1_000_000);
    assertWithin(
        1024 / (5 * YEAR_DAYS), ReliabilityModel.failuresPerDay(gpusOnly(5), huge), EXACT_RELATIVE);
    ReliabilityReport r =
        ReliabilityModel.analyze(
            spec(gpusOnly(5), synchronous(), 10, 0), huge, figures(WORK_SECONDS));
    assertEquals(0, r.hostFailuresPerDay(), 0.0);
    assertEquals(0, r.nicFailuresPerDay(), 0.0);
    assertEquals(0, r.switchFailuresPerDay(), 0.0);
    assertEquals(0, r.softwareFailuresPerDay(), 0.0);
  }

  @Test
  void withNothingFailingTheRunCheckpointsOnceAtTheEnd() {
    // No MTBF anywhere and no link flaps: M = ∞, Daly's τ = ∞, clamped to the whole run, so the
    // wall time is the work plus one 120 s checkpoint and no interruptions.
    FailureRates none = new FailureRates("none", NONE, NONE, NONE, NONE, NONE, 0, 1, TEST);
    assertEquals(0, ReliabilityModel.failuresPerDay(none, CLUSTER), 0.0);
    ReliabilityReport r =
        ReliabilityModel.analyze(spec(none, synchronous(), 10, 0), CLUSTER, figures(WORK_SECONDS));
    assertTrue(Double.isInfinite(r.jobMtbfHours()));
    assertEquals(WORK_SECONDS, r.checkpointIntervalSeconds(), 0.0);
    assertEquals(0, r.expectedInterruptions(), 0.0);
    assertWithin(WORK_SECONDS / (WORK_SECONDS + WRITE_SECONDS), r.goodput(), EXACT_RELATIVE);
    assertWithin((WORK_SECONDS + WRITE_SECONDS) / DAY, r.wallClockDays(), EXACT_RELATIVE);
  }

  @Test
  void linkFlapsAddDirectlyToTheDailyRate() {
    FailureRates withFlaps =
        new FailureRates("flaps", years(3), NONE, NONE, NONE, NONE, 2.5, 1, TEST);
    ComponentCounts seed = new ComponentCounts(10_000, 1_250, 0, 0);
    assertWithin(
        10_000 / (3 * YEAR_DAYS) + 2.5,
        ReliabilityModel.failuresPerDay(withFlaps, seed),
        EXACT_RELATIVE);
    // Flaps alone: 2.5 a day whatever the cluster size.
    FailureRates flapsOnly = new FailureRates("f", NONE, NONE, NONE, NONE, NONE, 2.5, 1, TEST);
    assertEquals(2.5, ReliabilityModel.failuresPerDay(flapsOnly, seed), 0.0);
    assertEquals(2.5, ReliabilityModel.failuresPerDay(flapsOnly, CLUSTER), 0.0);
    // They interrupt the job but take no server out.
    assertEquals(
        10_000 / (3 * YEAR_DAYS), ReliabilityModel.serverFailuresPerDay(withFlaps, seed), 1e-12);
  }

  @Test
  void sparesCoverAPoissonNumberOfFailuresWithNinetyNinePointNinePercent() {
    // Mean 0: P(X ≤ 0) = 1, so no spare.
    assertEquals(0, ReliabilityModel.sparesFor(0));
    // Mean 0.1: P(≤ 1) = e^-0.1 · 1.1 = 0.99532, P(≤ 2) = e^-0.1 · 1.105 = 0.99985 → 2.
    assertEquals(2, ReliabilityModel.sparesFor(0.1));
    // Mean 1: P(≤ 4) = e^-1 · (1 + 1 + 1/2 + 1/6 + 1/24) = 0.99634,
    //         P(≤ 5) = 0.99634 + e^-1/120 = 0.99941 → 5.
    assertTrue(Math.exp(-1) * (1 + 1 + 0.5 + 1.0 / 6 + 1.0 / 24) < 0.999);
    assertTrue(Math.exp(-1) * (1 + 1 + 0.5 + 1.0 / 6 + 1.0 / 24 + 1.0 / 120) >= 0.999);
    assertEquals(5, ReliabilityModel.sparesFor(1));
    // Mean 2: P(≤ 7) = e^-2 · 7.38095 = 0.99890, P(≤ 8) = e^-2 · 7.38730 = 0.99976 → 8.
    assertEquals(8, ReliabilityModel.sparesFor(2));
    // More expected failures never need fewer spares.
    int previous = 0;
    for (double mean = 0; mean <= 50; mean += 0.25) {
      int spares = ReliabilityModel.sparesFor(mean);
      assertTrue(spares >= previous, "mean " + mean);
      assertTrue(spares >= mean, "mean " + mean);
      previous = spares;
    }
  }

  @Test
  void sparePoolIsSizedForServerFailuresDuringOneRepair() {
    // 1024/(5 y) + 128/(6 y) + 1024/(8 y) = 0.9696 server failures a day; a 24 h repair sees 0.97
    // of them on average and Poisson(0.97) needs 5 spares for 99.9%.
    ReliabilityReport sized =
        ReliabilityModel.analyze(
            spec(everything(), synchronous(), 10, 0), CLUSTER, figures(WORK_SECONDS));
    double perRepair = ReliabilityModel.serverFailuresPerDay(everything(), CLUSTER) * 24 / 24;
    assertWithin(perRepair, sized.serverFailuresPerRepair(), EXACT_RELATIVE);
    assertEquals(0.9696, perRepair, 0.0001);
    assertEquals(ReliabilityModel.sparesFor(perRepair), sized.spareServers());
    assertEquals(5, sized.spareServers());
    // A given pool is used as given.
    ReliabilitySpec given =
        new ReliabilitySpec(everything(), 10, synchronous(), OptionalInt.of(2), 24, 0);
    assertEquals(2, ReliabilityModel.analyze(given, CLUSTER, figures(WORK_SECONDS)).spareServers());
  }

  @Test
  void synchronousRunUsesDalysIntervalAndExpectedWallTime() {
    // The write is 1.2 TB / 10 GB/s = 120 s and stalls the job; τ is Daly's for that δ and the
    // job's M; the wall time is Daly's eq. 13.
    ReliabilityReport r =
        ReliabilityModel.analyze(
            spec(everything(), synchronous(), 10, 0), CLUSTER, figures(WORK_SECONDS));
    double mtbf = DAY / ReliabilityModel.failuresPerDay(everything(), CLUSTER);
    assertEquals(120, r.checkpointWriteSeconds(), 1e-9);
    assertEquals(120, r.checkpointStallSeconds(), 1e-9);
    assertWithin(Checkpointing.youngSeconds(120, mtbf), r.youngIntervalSeconds(), 1e-9);
    assertWithin(Checkpointing.dalySeconds(120, mtbf), r.dalyIntervalSeconds(), 1e-9);
    assertEquals(r.dalyIntervalSeconds(), r.checkpointIntervalSeconds(), 0.0);
    double wall =
        Checkpointing.expectedWallSeconds(
            WORK_SECONDS, r.checkpointIntervalSeconds(), 120, 10 * MINUTE, mtbf);
    assertWithin(wall / DAY, r.wallClockDays(), 1e-9);
    assertWithin(WORK_SECONDS / wall, r.goodput(), 1e-9);
    assertWithin(wall / mtbf, r.expectedInterruptions(), 1e-9);
    assertWithin(30, r.computeDays(), EXACT_RELATIVE);
    // The extra wall hours are paid on every GPU.
    assertWithin((wall - WORK_SECONDS) / HOUR * 1024 * USD_PER_GPU_HOUR, r.extraCostUsd(), 1e-9);
  }

  @Test
  void givenIntervalAndWriteTimeOverrideTheDerivedOnes() {
    CheckpointSpec given = new CheckpointSpec(OptionalDouble.of(45), false, OptionalDouble.of(30));
    ReliabilityReport r =
        ReliabilityModel.analyze(spec(everything(), given, 10, 0), CLUSTER, figures(WORK_SECONDS));
    assertEquals(45 * MINUTE, r.checkpointIntervalSeconds(), 0.0);
    assertEquals(30, r.checkpointWriteSeconds(), 0.0);
    assertEquals(30, r.checkpointStallSeconds(), 0.0);
  }

  @Test
  void asynchronousCheckpointStallsOnlyForTheCopyToHostMemory() {
    // 1.2 TB over 1024 GPUs at 25 GB/s each: 0.046875 s of stall; the 120 s write goes on in the
    // background, and the interval is at least the write.
    CheckpointSpec async = new CheckpointSpec(NONE, true, NONE);
    ReliabilityReport r =
        ReliabilityModel.analyze(spec(everything(), async, 10, 0), CLUSTER, figures(WORK_SECONDS));
    assertTrue(r.asyncCheckpoint());
    assertEquals(0.046875, r.checkpointStallSeconds(), 1e-12);
    assertEquals(120, r.checkpointWriteSeconds(), 1e-9);
    assertTrue(r.checkpointIntervalSeconds() >= r.checkpointWriteSeconds());
    ReliabilityReport sync =
        ReliabilityModel.analyze(
            spec(everything(), synchronous(), 10, 0), CLUSTER, figures(WORK_SECONDS));
    assertTrue(r.goodput() > sync.goodput());
  }

  @Test
  void goodputStaysBetweenZeroAndOne() {
    // Property over 2,000 seeded random runs, from benign to hopeless (maintenance eating the day,
    // restarts longer than the MTBF).
    Random random = new Random(20_240_601L);
    for (int i = 0; i < 2_000; i++) {
      FailureRates rates =
          new FailureRates(
              "r" + i,
              random.nextBoolean() ? years(0.01 + 10 * random.nextDouble()) : NONE,
              random.nextBoolean() ? years(0.01 + 10 * random.nextDouble()) : NONE,
              random.nextBoolean() ? years(0.01 + 10 * random.nextDouble()) : NONE,
              random.nextBoolean() ? years(0.01 + 10 * random.nextDouble()) : NONE,
              random.nextBoolean() ? years(0.01 + 10 * random.nextDouble()) : NONE,
              random.nextBoolean() ? 10 * random.nextDouble() : 0,
              1,
              TEST);
      CheckpointSpec checkpoint =
          new CheckpointSpec(
              random.nextBoolean() ? OptionalDouble.of(1 + 600 * random.nextDouble()) : NONE,
              random.nextBoolean(),
              random.nextBoolean() ? OptionalDouble.of(3_600 * random.nextDouble()) : NONE);
      ReliabilitySpec spec =
          new ReliabilitySpec(
              rates,
              120 * random.nextDouble(),
              checkpoint,
              OptionalInt.empty(),
              1 + 72 * random.nextDouble(),
              random.nextBoolean() ? 30 * random.nextDouble() : 0);
      ReliabilityReport r =
          ReliabilityModel.analyze(
              spec, CLUSTER, figures(DAY * (0.01 + 100 * random.nextDouble())));
      assertTrue(r.goodput() >= 0 && r.goodput() <= 1, "run " + i + ": goodput " + r.goodput());
      assertTrue(r.wallClockDays() >= r.computeDays(), "run " + i);
    }
  }

  @Test
  void moreFailuresNeverRaiseGoodput() {
    // GPU MTBF from 20 years down to a week, ×0.9 a step: goodput never rises, for Daly's
    // interval (synchronous and asynchronous) and for a fixed one.
    CheckpointSpec[] checkpoints = {
      synchronous(),
      new CheckpointSpec(NONE, true, NONE),
      new CheckpointSpec(OptionalDouble.of(60), false, NONE)
    };
    for (CheckpointSpec checkpoint : checkpoints) {
      double previous = 1;
      for (double mtbfYears = 20; mtbfYears > 7 / YEAR_DAYS; mtbfYears *= 0.9) {
        ReliabilityReport r =
            ReliabilityModel.analyze(
                spec(gpusOnly(mtbfYears), checkpoint, 10, 0), CLUSTER, figures(WORK_SECONDS));
        assertTrue(
            r.goodput() <= previous * (1 + 1e-12),
            checkpoint + " at " + mtbfYears + " y: " + r.goodput() + " > " + previous);
        previous = r.goodput();
      }
    }
  }

  @Test
  void plannedMaintenanceCostsACheckpointAndARestartEachTime() {
    // Two planned stops a day, each a 120 s checkpoint and a 10 min restart: 2 × 720 s of every
    // 86,400 s, so goodput falls by the factor 1 − 1/60 (≈ 1.7 points when goodput is near 1).
    double perDay = 2;
    double share = perDay * (120 + 10 * MINUTE) / DAY;
    assertEquals(1.0 / 60, share, 1e-15);
    for (FailureRates rates : new FailureRates[] {gpusOnly(50), everything()}) {
      ReliabilityReport without =
          ReliabilityModel.analyze(
              spec(rates, synchronous(), 10, 0), CLUSTER, figures(WORK_SECONDS));
      ReliabilityReport with =
          ReliabilityModel.analyze(
              spec(rates, synchronous(), 10, perDay), CLUSTER, figures(WORK_SECONDS));
      assertWithin(without.goodput() * (1 - share), with.goodput(), 1e-12);
      double drop = without.goodput() - with.goodput();
      assertEquals(share, drop, share * (1 - without.goodput()) + 1e-12);
      assertEquals(perDay, with.plannedInterruptionsPerDay(), 0.0);
      assertWithin(
          without.expectedInterruptions() + perDay * with.wallClockDays(),
          with.expectedInterruptions(),
          1e-9);
    }
  }

  @Test
  void theSeedsNineFailuresADayAreTheClustersNotTheJobs() {
    // 10,000 GPUs with a 3-year MTBF: 10,000 / (3 × 365.25) = 9.13 failures a day in the
    // cluster. A job on 8,192 of them sees only its own GPUs fail: 8,192 / (3 × 365.25) = 7.48.
    ComponentCounts cluster = new ComponentCounts(10_000, 1_250, 0, 0);
    ComponentCounts job = new ComponentCounts(8_192, 1_024, 0, 0);
    ReliabilityReport r =
        ReliabilityModel.analyze(
            spec(gpusOnly(3), synchronous(), 10, 0), job, cluster, figures(WORK_SECONDS));
    assertWithin(10_000 / (3 * YEAR_DAYS), r.clusterFailuresPerDay(), EXACT_RELATIVE);
    assertWithin(8_192 / (3 * YEAR_DAYS), r.failuresPerDay(), EXACT_RELATIVE);
  }

  @Test
  void aRackScaleServerFailsWithEveryHostInIt() {
    // 1,152 GPUs in 16 NVL72 racks of 27 trays each: host failures count 16 × 27 = 432 trays, and
    // every one takes its whole rack (the failure domain) out of the job.
    FailureRates hostsOnly =
        new FailureRates("hosts", NONE, years(6), NONE, NONE, NONE, 0, 1, TEST);
    ComponentCounts racks = new ComponentCounts(1_152, 16, 1_152, 0, 16 * 27);
    ReliabilityReport r =
        ReliabilityModel.analyze(
            spec(hostsOnly, synchronous(), 10, 0), racks, figures(WORK_SECONDS));
    assertWithin(16 * 27 / (6 * YEAR_DAYS), r.failuresPerDay(), EXACT_RELATIVE);
    assertWithin(16 * 27 / (6 * YEAR_DAYS), r.hostFailuresPerDay(), EXACT_RELATIVE);
    assertWithin(16 * 27 / (6 * YEAR_DAYS) * 24 / 24, r.serverFailuresPerRepair(), EXACT_RELATIVE);
  }
}
