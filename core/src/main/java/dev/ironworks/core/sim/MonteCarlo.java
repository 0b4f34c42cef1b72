package dev.ironworks.core.sim;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs many independent trials of a training run. Trial i draws from a generator seeded with a mix
 * of the master seed and i (SplitMix64), so a result depends only on the seed and the trial count —
 * never on the number of threads or their timing.
 */
public final class MonteCarlo {
  private MonteCarlo() {}

  /** The seed of trial {@code index}: SplitMix64's finaliser over seed + golden-ratio × index. */
  public static long trialSeed(long masterSeed, int index) {
    long z = masterSeed + 0x9E3779B97F4A7C15L * (index + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** One trial, on its own generator. */
  public static TrialResult trial(RunParameters p, long masterSeed, int index, TimelineSink sink) {
    return trial(p, masterSeed, index, sink, () -> false);
  }

  private static TrialResult trial(
      RunParameters p, long masterSeed, int index, TimelineSink sink, BooleanSupplier stop) {
    return TrainingRunSimulation.run(
        p, new SplittableRandom(trialSeed(masterSeed, index)), sink, stop);
  }

  /**
   * Runs {@code trials} trials on {@code threads} threads.
   *
   * @param progress called with the number of trials finished so far (from any thread)
   */
  public static SimulationReport run(
      RunParameters p, int trials, long seed, int threads, IntConsumer progress) {
    return run(p, trials, seed, threads, progress, () -> false);
  }

  /**
   * Runs {@code trials} trials on {@code threads} threads, asking {@code stop} before each trial
   * and every {@link TrainingRunSimulation#STOP_CHECK_EVENTS} events within one (from any thread):
   * once it answers true, each thread stops at its next question.
   *
   * @param progress called with the number of trials finished so far (from any thread)
   * @throws SimulationStopped when {@code stop} answered true
   */
  public static SimulationReport run(
      RunParameters p,
      int trials,
      long seed,
      int threads,
      IntConsumer progress,
      BooleanSupplier stop) {
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be >= 1, got " + trials);
    }
    TrialResult[] results = new TrialResult[trials];
    AtomicInteger done = new AtomicInteger();
    ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
    try {
      pool.submit(
              () ->
                  IntStream.range(0, trials)
                      .parallel()
                      .forEach(
                          i -> {
                            if (stop.getAsBoolean()) {
                              throw new SimulationStopped();
                            }
                            results[i] = trial(p, seed, i, TimelineSink.NONE, stop);
                            progress.accept(done.incrementAndGet());
                          }))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("simulation interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SimulationStopped stopped) {
        throw stopped;
      }
      throw new IllegalStateException("a trial failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdown();
    }
    double[] days = new double[trials];
    double[] interruptions = new double[trials];
    double[] goodput = new double[trials];
    double[] energy = new double[trials];
    double[] wait = new double[trials];
    long events = 0;
    int incomplete = 0;
    for (int i = 0; i < trials; i++) {
      TrialResult r = results[i];
      days[i] = r.completionSeconds() / 86400;
      interruptions[i] = r.interruptions();
      goodput[i] = r.goodput();
      energy[i] = r.energyMwh();
      wait[i] = r.waitSeconds() / 3600;
      events += r.events();
      if (!r.completed()) {
        incomplete++;
      }
    }
    return new SimulationReport(
        trials,
        seed,
        Percentiles.of(days),
        Histogram.of(days, Histogram.riceBins(trials)),
        Percentiles.of(interruptions),
        Percentiles.of(goodput),
        Percentiles.of(energy),
        Percentiles.of(wait),
        events,
        incomplete);
  }
}
