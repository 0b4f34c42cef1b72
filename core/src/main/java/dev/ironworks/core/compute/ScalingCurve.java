package dev.ironworks.core.compute;

import dev.ironworks.core.scenario.ParallelismSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Throughput and scaling efficiency versus accelerator count for one workload at a fixed global
 * batch (strong scaling): at each count the best configuration is searched, and efficiency is
 * throughput per accelerator relative to the smallest count in the curve.
 */
public final class ScalingCurve {
  private ScalingCurve() {}

  /**
   * One point of the curve.
   *
   * @param efficiency per-accelerator throughput over that of the first point
   */
  public record Point(
      long acceleratorCount,
      Optional<StepEstimate> best,
      double tokensPerSecond,
      double tokensPerSecondPerAccelerator,
      double efficiency) {}

  /** The curve over {@code counts}, in the order given. */
  public static List<Point> of(TrainingContext ctx, ParallelismSpec spec, List<Long> counts) {
    List<Point> points = new ArrayList<>();
    double baseline = Double.NaN;
    double tokensPerIteration = (double) ctx.globalBatchSequences() * ctx.sequenceLength();
    for (long count : counts) {
      ParallelismSearch.Result result =
          ParallelismSearch.search(ctx.withAcceleratorCount(count), spec);
      if (result.top().isEmpty()) {
        points.add(new Point(count, Optional.empty(), 0, 0, 0));
        continue;
      }
      StepEstimate best = result.top().get(0);
      double tps = tokensPerIteration / best.iterationSeconds();
      double perAccelerator = tps / count;
      if (Double.isNaN(baseline)) {
        baseline = perAccelerator;
      }
      points.add(
          new Point(count, Optional.of(best), tps, perAccelerator, perAccelerator / baseline));
    }
    return points;
  }

  /** Powers of two from {@code from} to {@code to}, both rounded to powers of two. */
  public static List<Long> powersOfTwo(long from, long to) {
    List<Long> counts = new ArrayList<>();
    for (long n = Long.highestOneBit(Math.max(1, from)); n <= to; n *= 2) {
      counts.add(n);
    }
    return counts;
  }
}
