package dev.ironworks.core.compute;

import static dev.ironworks.core.compute.TrainingFixtures.A100;
import static dev.ironworks.core.compute.TrainingFixtures.ATTENTION;
import static dev.ironworks.core.compute.TrainingFixtures.MATMUL;
import static dev.ironworks.core.compute.TrainingFixtures.config;
import static dev.ironworks.core.compute.TrainingFixtures.context;
import static dev.ironworks.core.compute.TrainingFixtures.gpt3;
import static dev.ironworks.core.compute.TrainingFixtures.gpt3Small;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.scenario.ParallelConfig;
import dev.ironworks.core.scenario.Recompute;
import org.junit.jupiter.api.Test;

/**
 * Fitting kernel efficiencies to a measured run: a measurement the model already predicts needs no
 * change, and one above the prediction scales the efficiencies up until they agree.
 */
class CalibratorTest {
  private static final Provenance MEASURED = new Provenance("measured: test run", "2025-01", "");
  private static final String ACCELERATOR = "a100-sxm-80gb";

  /** A 1.3B model data-parallel on one A100 box, ZeRO-1: its time is mostly matrix multiplies. */
  private static final TrainingContext SMALL = context(gpt3Small(), 256, 8, A100);

  private static final ParallelConfig SMALL_CONFIG = config(1, 1, 8, 4, 1, 1, Recompute.NONE);

  /** GPT-3 175B on 1,024 A100s (t 8, p 8, d 16), where communication is part of the step. */
  private static final TrainingContext LARGE = context(gpt3(), 1536, 1024, A100);

  private static final ParallelConfig LARGE_CONFIG = config(8, 8, 16, 1, 2, 1, Recompute.SELECTIVE);

  private static double predicted(TrainingContext ctx, ParallelConfig c) {
    double tokens = (double) ctx.globalBatchSequences() * ctx.sequenceLength();
    return StepModel.estimate(ctx, c).tokensPerSecond(tokens);
  }

  @Test
  void fittingTheModelsOwnPredictionChangesNothing() {
    for (TrainingContext ctx : new TrainingContext[] {SMALL, LARGE}) {
      ParallelConfig c = ctx == SMALL ? SMALL_CONFIG : LARGE_CONFIG;
      double measured = predicted(ctx, c);
      Calibrator.Fit fit = Calibrator.fit(ctx, c, measured, ACCELERATOR, MEASURED);
      assertEquals(1, fit.factor(), 1e-6);
      assertEquals(measured, fit.predictedBefore(), 1e-12 * measured);
      assertEquals(measured, fit.predictedAfter(), 1e-6 * measured);
      assertTrue(fit.reachable());
      assertEquals(MATMUL, fit.calibration().matmul(), 1e-6);
      assertEquals(ATTENTION, fit.calibration().attention(), 1e-6);
    }
  }

  @Test
  void aMeasurementTwentyPercentAboveThePredictionRaisesTheEfficiencies() {
    double before = predicted(SMALL, SMALL_CONFIG);
    double measured = 1.2 * before;
    Calibrator.Fit fit = Calibrator.fit(SMALL, SMALL_CONFIG, measured, ACCELERATOR, MEASURED);
    assertTrue(fit.reachable());
    assertTrue(fit.factor() > 1, "factor " + fit.factor());
    assertEquals(before, fit.predictedBefore(), 1e-12 * before);
    assertEquals(measured, fit.predictedAfter(), 1e-6 * measured);
    Calibration c = fit.calibration();
    assertEquals(ACCELERATOR, c.id());
    assertEquals(MEASURED, c.provenance());
    assertEquals(MATMUL * fit.factor(), c.matmul(), 1e-9);
    assertEquals(ATTENTION * fit.factor(), c.attention(), 1e-9);
    // Only the kernel efficiencies move.
    Calibration base = SMALL.calibration();
    assertEquals(base.memory(), c.memory());
    assertEquals(base.collective(), c.collective());
    assertEquals(base.matmulHalfDimension(), c.matmulHalfDimension());
    assertEquals(base.reservedMemoryBytes(), c.reservedMemoryBytes());
    // The fitted calibration reproduces the measurement when the model runs with it.
    assertEquals(measured, predicted(SMALL.withCalibration(c), SMALL_CONFIG), 1e-6 * measured);
  }

  @Test
  void aMeasurementBelowThePredictionLowersTheEfficiencies() {
    double measured = 0.7 * predicted(LARGE, LARGE_CONFIG);
    Calibrator.Fit fit = Calibrator.fit(LARGE, LARGE_CONFIG, measured, ACCELERATOR, MEASURED);
    assertTrue(fit.reachable());
    assertTrue(fit.factor() < 1, "factor " + fit.factor());
    assertEquals(measured, fit.predictedAfter(), 1e-6 * measured);
  }

  @Test
  void aMeasurementNoEfficiencyCanReachIsFlagged() {
    // Twice the prediction would need kernels faster than the datasheet peak.
    double measured = 2 * predicted(LARGE, LARGE_CONFIG);
    Calibrator.Fit fit = Calibrator.fit(LARGE, LARGE_CONFIG, measured, ACCELERATOR, MEASURED);
    assertFalse(fit.reachable());
    assertTrue(fit.predictedAfter() < measured);
    assertTrue(fit.calibration().matmul() <= 1);
    assertTrue(fit.calibration().attention() <= 1);
  }
}
