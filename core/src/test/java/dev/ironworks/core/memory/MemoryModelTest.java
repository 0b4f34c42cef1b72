package dev.ironworks.core.memory;

import static dev.ironworks.core.compute.TrainingFixtures.A100;
import static dev.ironworks.core.compute.TrainingFixtures.config;
import static dev.ironworks.core.compute.TrainingFixtures.context;
import static dev.ironworks.core.compute.TrainingFixtures.gpt3Small;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.compute.StepEstimate;
import dev.ironworks.core.compute.StepModel;
import dev.ironworks.core.compute.TrainingContext;
import dev.ironworks.core.scenario.Precision;
import dev.ironworks.core.scenario.Recompute;
import org.junit.jupiter.api.Test;

/**
 * Training memory per device against ZeRO (Rajbhandari et al. 2020, Table 1) and activation
 * recomputation (Korthikanti et al. 2022, Table 2), and the invariants that follow from them.
 */
class MemoryModelTest {
  private static final double GB = 1e9;

  // ---- Model states (Rajbhandari et al. 2020, Table 1: Ψ = 7.5B, Nd = 64, K = 12).

  private static final double PSI = 7.5e9;
  private static final int DATA = 64;

  private static double states(int stage, Precision precision) {
    return MemoryModel.modelStates(PSI, DATA, stage, precision).modelStatesBytes();
  }

  @Test
  void zeroStagesMatchTheZeroPaperTable() {
    assertEquals(120, states(0, Precision.BF16) / GB, 0.05); // 16Ψ
    assertEquals(31.4, states(1, Precision.BF16) / GB, 0.05); // 4Ψ + 12Ψ/d
    assertEquals(16.6, states(2, Precision.BF16) / GB, 0.05); // 2Ψ + 14Ψ/d
    assertEquals(1.88, states(3, Precision.BF16) / GB, 0.005); // 16Ψ/d
  }

  @Test
  void zeroStagesAreTheClosedFormsExactly() {
    assertEquals(16 * PSI, states(0, Precision.BF16));
    assertEquals(4 * PSI + 12 * PSI / DATA, states(1, Precision.BF16), 1);
    assertEquals(2 * PSI + 14 * PSI / DATA, states(2, Precision.BF16), 1);
    assertEquals(16 * PSI / DATA, states(3, Precision.BF16), 1);
    assertEquals(states(2, Precision.BF16), states(2, Precision.FP16));
  }

  @Test
  void fp32KeepsSixteenBytesPerParameterWithoutMixedPrecisionCopies() {
    MemoryBreakdown fp32 = MemoryModel.modelStates(PSI, 1, 0, Precision.FP32);
    assertEquals(4 * PSI, fp32.weightsBytes());
    assertEquals(4 * PSI, fp32.gradientsBytes());
    assertEquals(8 * PSI, fp32.optimizerBytes()); // Adam momentum and variance
    assertEquals(16 * PSI, fp32.modelStatesBytes());
    assertEquals(0, fp32.activationsBytes());
  }

  @Test
  void moreDataParallelRanksNeverRaiseModelStatesUnderAnyZeroStage() {
    for (Precision precision : Precision.values()) {
      for (int stage = 0; stage <= 3; stage++) {
        double previous = Double.POSITIVE_INFINITY;
        for (int d = 1; d <= 4096; d++) {
          double bytes = MemoryModel.modelStates(PSI, d, stage, precision).modelStatesBytes();
          assertTrue(bytes <= previous, precision + " ZeRO-" + stage + " at d " + d);
          previous = bytes;
        }
      }
    }
  }

  // ---- Activations (Korthikanti et al. 2022, Table 2: GPT-3 175B layer, s 2048, b 1, t 8).

  private static final double SEQ = 2048;
  private static final double MICRO_BATCH = 1;
  private static final int TENSOR = 8;
  private static final MemoryModel.LayerShape GPT3_LAYER =
      new MemoryModel.LayerShape(12288, 96, 96, 128, 4 * 12288, false);

  private static double perLayer(int t, boolean sp, Recompute r) {
    return MemoryModel.activationBytesPerLayer(GPT3_LAYER, SEQ, MICRO_BATCH, t, sp, r);
  }

  @Test
  void activationsWithoutParallelismAreSbhTimesThirtyFourPlusFiveAsOverH() {
    // s·b·h·(34 + 5·a·s/h) = 2048 · 12288 · (34 + 80)
    assertEquals(2_868_903_936.0, perLayer(1, false, Recompute.NONE));
  }

  @Test
  void tensorParallelismSplitsAllButTenSbh() {
    // s·b·h·(10 + 24/t + 5·a·s/(h·t)) = 2048 · 12288 · (10 + 3 + 10)
    assertEquals(578_813_952.0, perLayer(TENSOR, false, Recompute.NONE));
  }

  @Test
  void sequenceParallelismSplitsTheRest() {
    // s·b·h·(34 + 5·a·s/h)/t
    assertEquals(358_612_992.0, perLayer(TENSOR, true, Recompute.NONE));
  }

  @Test
  void selectiveRecomputationDropsTheAttentionScores() {
    // 34·s·b·h/t
    assertEquals(106_954_752.0, perLayer(TENSOR, true, Recompute.SELECTIVE));
  }

  @Test
  void fullRecomputationKeepsOnlyEachLayersInput() {
    // 2·s·b·h
    assertEquals(50_331_648.0, perLayer(1, false, Recompute.FULL));
  }

  @Test
  void firstStageHoldsAllLayersWorthUnderOneFOneB() {
    double perLayer = perLayer(TENSOR, true, Recompute.SELECTIVE);
    int layers = 96;
    int pipeline = 8;
    int microBatches = 64;
    // p micro-batches in flight of L/p layers each: L layers' worth.
    assertEquals(
        layers * perLayer,
        MemoryModel.firstStageActivationBytes(perLayer, layers, pipeline, 1, microBatches));
    // Interleaved with v chunks: × (1 + (p − 1)/(p·v)) (Korthikanti et al. 2022, §4.2.3).
    int interleave = 3;
    double factor = 1 + (pipeline - 1.0) / (pipeline * interleave);
    assertEquals(
        layers * perLayer * factor,
        MemoryModel.firstStageActivationBytes(perLayer, layers, pipeline, interleave, microBatches),
        1e-9 * layers * perLayer);
    // Without pipelining, one micro-batch of every layer.
    assertEquals(
        layers * perLayer,
        MemoryModel.firstStageActivationBytes(perLayer, layers, 1, 1, microBatches));
  }

  @Test
  void moreInterleavingNeverRaisesFirstStageActivations() {
    double perLayer = perLayer(TENSOR, true, Recompute.SELECTIVE);
    double previous = MemoryModel.firstStageActivationBytes(perLayer, 96, 8, 2, 64);
    for (int v : new int[] {3, 4, 6, 12}) {
      double bytes = MemoryModel.firstStageActivationBytes(perLayer, 96, 8, v, 64);
      assertTrue(bytes <= previous, "v " + v);
      assertTrue(bytes > 96 * perLayer, "v " + v);
      previous = bytes;
    }
  }

  @Test
  void perDeviceMemoryUnderZeroThreeNeverRisesWithDataParallelDegree() {
    // A 1.3B model at a fixed global batch of 64 sequences and micro-batch 1, on 1 to 64 A100s:
    // each added data-parallel rank takes a share of the model states and of the micro-batches.
    TransformerModel m = gpt3Small();
    int globalBatch = 64;
    for (Recompute r : Recompute.values()) {
      double previous = Double.POSITIVE_INFINITY;
      for (int d = 1; d <= globalBatch; d *= 2) {
        TrainingContext ctx = context(m, globalBatch, d, A100);
        StepEstimate e = StepModel.estimate(ctx, config(1, 1, d, 1, 1, 3, r));
        double bytes = e.memory().totalBytes();
        assertTrue(bytes <= previous, r + " at d " + d + ": " + bytes + " > " + previous);
        // 2-byte weights, fp32 main gradients, 12 bytes of Adam: 18 bytes, all sharded.
        assertTrue(e.memory().modelStatesBytes() <= 18 * m.structuralParameters() / d * 1.000001);
        previous = bytes;
      }
    }
  }
}
