package dev.ironworks.core.compute;

import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.scenario.ParallelConfig;

/**
 * Fits an accelerator's kernel efficiencies to a measured run: the matmul and attention
 * efficiencies are scaled by one factor, found by bisection, until the model's throughput for the
 * measured configuration equals the measurement. Throughput rises monotonically with the factor, so
 * the root is unique.
 */
public final class Calibrator {
  private static final int ITERATIONS = 60;

  private Calibrator() {}

  /**
   * The fitted calibration.
   *
   * @param factor the scale applied to the kernel efficiencies
   * @param predictedBefore tokens/s the uncalibrated model predicts
   * @param predictedAfter tokens/s with the fitted calibration
   * @param reachable whether the measurement lies within what efficiencies in (0, 1] can give
   */
  public record Fit(
      Calibration calibration,
      double factor,
      double predictedBefore,
      double predictedAfter,
      boolean reachable) {}

  public static Fit fit(
      TrainingContext ctx,
      ParallelConfig config,
      double measuredTokensPerSecond,
      String acceleratorId,
      Provenance source) {
    Calibration base = ctx.calibration();
    double tokensPerIteration = (double) ctx.globalBatchSequences() * ctx.sequenceLength();
    double before = tokensPerIteration / StepModel.estimate(ctx, config).iterationSeconds();
    double low = 1e-3;
    double high = 1 / Math.max(base.matmul(), base.attention());
    double atHigh = throughput(ctx, config, base, high, acceleratorId, source, tokensPerIteration);
    boolean reachable = measuredTokensPerSecond <= atHigh;
    for (int i = 0; i < ITERATIONS; i++) {
      double mid = 0.5 * (low + high);
      double tps = throughput(ctx, config, base, mid, acceleratorId, source, tokensPerIteration);
      if (tps < measuredTokensPerSecond) {
        low = mid;
      } else {
        high = mid;
      }
    }
    double factor = 0.5 * (low + high);
    Calibration fitted = base.scaledKernels(acceleratorId, factor, source);
    double after =
        tokensPerIteration
            / StepModel.estimate(ctx.withCalibration(fitted), config).iterationSeconds();
    return new Fit(fitted, factor, before, after, reachable);
  }

  private static double throughput(
      TrainingContext ctx,
      ParallelConfig config,
      Calibration base,
      double factor,
      String id,
      Provenance source,
      double tokensPerIteration) {
    Calibration c = base.scaledKernels(id, factor, source);
    return tokensPerIteration
        / StepModel.estimate(ctx.withCalibration(c), config).iterationSeconds();
  }
}
