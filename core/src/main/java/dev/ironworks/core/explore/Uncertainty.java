package dev.ironworks.core.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Uncertainty over a design: Monte Carlo over the uncertain inputs for P10/P50/P90 of an objective,
 * and a tornado — each input swept from its P10 to its P90 with the others at their medians. Sample
 * i draws from a generator seeded from the master seed and i, so results do not depend on threads
 * or order.
 */
public final class Uncertainty {
  private Uncertainty() {}

  /** An uncertain scenario field. */
  public record Input(String path, Distribution distribution) {}

  /** Percentiles of a sample (nearest rank). */
  public record Summary(double p10, double p50, double p90) {
    public static Summary of(double[] values) {
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      return new Summary(rank(sorted, 0.1), rank(sorted, 0.5), rank(sorted, 0.9));
    }

    private static double rank(double[] sorted, double q) {
      int i = (int) Math.ceil(q * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
  }

  /** One bar of a tornado chart: the objective at the input's P10 and P90. */
  public record Bar(String input, double atP10, double atP90) {
    public double swing() {
      return Math.abs(atP90 - atP10);
    }
  }

  /** The seed of sample {@code index}: SplitMix64's finaliser. */
  public static long sampleSeed(long seed, int index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** {@code samples} draws of every input: row i is sample i, column j input j. */
  public static double[][] draws(List<Input> inputs, int samples, long seed) {
    double[][] out = new double[samples][inputs.size()];
    for (int i = 0; i < samples; i++) {
      SplittableRandom rng = new SplittableRandom(sampleSeed(seed, i));
      for (int j = 0; j < inputs.size(); j++) {
        out[i][j] = inputs.get(j).distribution().sample(rng);
      }
    }
    return out;
  }

  /** P10/P50/P90 of an objective over the Monte Carlo draws. */
  public static Summary monteCarlo(
      List<Input> inputs, int samples, long seed, ToDoubleFunction<double[]> objective) {
    double[][] draws = draws(inputs, samples, seed);
    double[] values = new double[samples];
    for (int i = 0; i < samples; i++) {
      values[i] = objective.applyAsDouble(draws[i]);
    }
    return Summary.of(values);
  }

  /** Tornado bars, widest swing first. */
  public static List<Bar> tornado(List<Input> inputs, ToDoubleFunction<double[]> objective) {
    double[] medians = new double[inputs.size()];
    for (int j = 0; j < inputs.size(); j++) {
      medians[j] = inputs.get(j).distribution().median();
    }
    List<Bar> bars = new ArrayList<>();
    for (int j = 0; j < inputs.size(); j++) {
      double[] low = medians.clone();
      double[] high = medians.clone();
      low[j] = inputs.get(j).distribution().quantile(0.1);
      high[j] = inputs.get(j).distribution().quantile(0.9);
      bars.add(
          new Bar(
              inputs.get(j).path(), objective.applyAsDouble(low), objective.applyAsDouble(high)));
    }
    bars.sort(Comparator.comparingDouble(Bar::swing).reversed().thenComparing(Bar::input));
    return bars;
  }
}
