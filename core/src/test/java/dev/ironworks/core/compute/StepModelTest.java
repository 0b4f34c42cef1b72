package dev.ironworks.core.compute;

import static dev.ironworks.core.compute.TrainingFixtures.A100;
import static dev.ironworks.core.compute.TrainingFixtures.ATTENTION;
import static dev.ironworks.core.compute.TrainingFixtures.H100;
import static dev.ironworks.core.compute.TrainingFixtures.calibration;
import static dev.ironworks.core.compute.TrainingFixtures.config;
import static dev.ironworks.core.compute.TrainingFixtures.context;
import static dev.ironworks.core.compute.TrainingFixtures.gpt3;
import static dev.ironworks.core.compute.TrainingFixtures.mixtral;
import static dev.ironworks.core.compute.TrainingFixtures.withGlobalBatch;
import static dev.ironworks.core.compute.TrainingFixtures.withScaleOut;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.scenario.ParallelConfig;
import dev.ironworks.core.scenario.Recompute;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One training iteration, built from its parts.
 *
 * <p>The story: a lab trains GPT-3 175B (96 layers, h 12288, 96 heads, s 2048, V 51200) on 1,024
 * A100s in HGX boxes, eight to an NVLink domain, one 200 Gb/s NIC per GPU. It keeps the global
 * batch of 1,536 sequences and splits the model as Megatron-LM does: tensor parallel 8 inside each
 * box with sequence parallelism, 8 pipeline stages of 12 layers in 2 interleaved chunks, 16
 * data-parallel replicas with ZeRO-1, micro-batch 1 and selective recomputation. Each replica then
 * runs 1,536 / 16 = 96 micro-batches an iteration, and the pipeline idles for (8 − 1)/2 = 3.5 stage
 * times while it fills and drains.
 */
class StepModelTest {
  private static final double EXACT = 1e-9;

  // ---- The story.
  private static final int SEQ = 2048;
  private static final int GLOBAL_BATCH = 1536;
  private static final int ACCELERATORS = 1024;
  private static final int TENSOR = 8;
  private static final int PIPELINE = 8;
  private static final int DATA = ACCELERATORS / (TENSOR * PIPELINE);
  private static final int MICRO_BATCH = 1;
  private static final int INTERLEAVE = 2;
  private static final int ZERO = 1;

  private static final TrainingContext STORY = context(gpt3(), GLOBAL_BATCH, ACCELERATORS, A100);
  private static final ParallelConfig STORY_CONFIG =
      config(TENSOR, PIPELINE, DATA, MICRO_BATCH, INTERLEAVE, ZERO, Recompute.SELECTIVE);

  @Test
  void theStoryRunsNinetySixMicroBatchesAndFitsOnAnA100() {
    StepEstimate e = StepModel.estimate(STORY, STORY_CONFIG);
    int microBatches = GLOBAL_BATCH / (DATA * MICRO_BATCH);
    assertEquals(96, microBatches);
    assertEquals(microBatches, e.microBatches());
    assertEquals(microBatches, StepModel.microBatches(STORY, STORY_CONFIG));
    assertTrue(e.fits(), () -> "needs " + e.memory().totalBytes());
    assertTrue(e.memory().totalBytes() <= STORY.memoryBytes());
  }

  @Test
  void theStoryCountsMegatronModelAndHardwareFlops() {
    StepEstimate e = StepModel.estimate(STORY, STORY_CONFIG);
    double eq3 = Flops.megatronPerIteration(GLOBAL_BATCH, SEQ, 96, 12288, 51200, false);
    // Selective recomputation repeats the attention core: 4·s·a·d per token and layer.
    double core = 96 * 4.0 * SEQ * 12288 * GLOBAL_BATCH * SEQ;
    assertEquals(eq3 + core, e.hardwareFlopsPerIteration(), 1e-12 * eq3);
    // Model FLOPs count the causal half of the scores in the forward and the two backward passes.
    assertEquals(eq3 - 3 * core / 2, e.modelFlopsPerIteration(), 1e-12 * eq3);
  }

  @Test
  void aBatchThatDoesNotDivideHasNoMicroBatchCount() {
    TrainingContext odd = withGlobalBatch(STORY, GLOBAL_BATCH + 1);
    assertEquals(0, StepModel.microBatches(odd, STORY_CONFIG));
  }

  @Test
  void throughputTimesIterationTimeIsTheTokensOfAnIteration() {
    for (Case c : cases()) {
      StepEstimate e = StepModel.estimate(c.ctx(), c.config());
      double tokens = (double) c.ctx().globalBatchSequences() * c.ctx().sequenceLength();
      assertEquals(
          tokens, e.tokensPerSecond(tokens) * e.iterationSeconds(), EXACT * tokens, c.name());
    }
  }

  @Test
  void iterationIsComputePlusExposedCommunicationPlusBubble() {
    for (Case c : cases()) {
      StepEstimate e = StepModel.estimate(c.ctx(), c.config());
      double sum =
          e.computeSeconds()
              + e.exposedCommunicationSeconds()
              + e.bubbleSeconds()
              + e.hostSeconds();
      assertEquals(e.iterationSeconds(), sum, EXACT * e.iterationSeconds(), c.name());
      double comm =
          e.tensorParallelSeconds()
              + e.pipelineSendSeconds()
              + e.dataParallelExposedSeconds()
              + e.expertAllToAllSeconds()
              + e.contextParallelSeconds();
      assertEquals(e.exposedCommunicationSeconds(), comm, EXACT * e.iterationSeconds(), c.name());
      assertTrue(e.computeSeconds() > 0, c.name());
      assertTrue(e.tensorParallelSeconds() >= 0, c.name());
      assertTrue(e.pipelineSendSeconds() >= 0, c.name());
      assertTrue(e.dataParallelExposedSeconds() >= 0, c.name());
      assertTrue(e.expertAllToAllSeconds() >= 0, c.name());
      assertTrue(e.bubbleSeconds() >= 0, c.name());
    }
  }

  @Test
  void fasterMatrixMultipliesNeverSlowAStep() {
    for (Case c : cases()) {
      double slow =
          StepModel.estimate(c.ctx().withCalibration(calibration(0.4, ATTENTION)), c.config())
              .iterationSeconds();
      double fast =
          StepModel.estimate(c.ctx().withCalibration(calibration(0.8, ATTENTION)), c.config())
              .iterationSeconds();
      assertTrue(fast <= slow, c.name() + ": " + fast + " > " + slow);
      assertTrue(fast < slow, c.name() + ": doubling matmul efficiency changed nothing");
    }
  }

  @Test
  void aFasterFabricNeverSlowsAStep() {
    for (Case c : cases()) {
      double previous = Double.POSITIVE_INFINITY;
      for (double factor : new double[] {0.25, 0.5, 1, 2, 4}) {
        TrainingContext ctx = withScaleOut(c.ctx(), c.ctx().scaleOutBytesPerSecond() * factor);
        double seconds = StepModel.estimate(ctx, c.config()).iterationSeconds();
        assertTrue(seconds <= previous, c.name() + " at fabric × " + factor);
        previous = seconds;
      }
    }
  }

  @Test
  void oneMoreMicroBatchAddsOneStageTimeAndTheBubbleIsPMinusOneOverVOfIt() {
    // With d·b fixed, growing the batch from 8 to 16 micro-batches adds 8 stage times and leaves
    // the bubble, the data-parallel reduction and the optimizer step as they were.
    for (int v : new int[] {1, 2, 3, 6}) {
      ParallelConfig c = config(TENSOR, PIPELINE, DATA, MICRO_BATCH, v, ZERO, Recompute.SELECTIVE);
      StepEstimate eight = StepModel.estimate(withGlobalBatch(STORY, DATA * MICRO_BATCH * 8), c);
      StepEstimate sixteen = StepModel.estimate(withGlobalBatch(STORY, DATA * MICRO_BATCH * 16), c);
      double stage = (sixteen.iterationSeconds() - eight.iterationSeconds()) / 8;
      double bubble = (PIPELINE - 1.0) / v * stage;
      assertEquals(bubble, eight.bubbleSeconds(), 1e-9 * eight.iterationSeconds(), "v " + v);
      assertEquals(eight.bubbleSeconds(), sixteen.bubbleSeconds(), 1e-12, "v " + v);
    }
  }

  @Test
  void interleavingShrinksTheBubble() {
    double previous = Double.POSITIVE_INFINITY;
    for (int v : new int[] {1, 2, 3, 4, 6, 12}) {
      ParallelConfig c = config(TENSOR, PIPELINE, DATA, MICRO_BATCH, v, ZERO, Recompute.SELECTIVE);
      double bubble = StepModel.estimate(STORY, c).bubbleSeconds();
      assertTrue(bubble < previous, "v " + v);
      previous = bubble;
    }
  }

  @Test
  void withoutPipeliningThereIsNoBubble() {
    ParallelConfig c = config(TENSOR, 1, ACCELERATORS / TENSOR, MICRO_BATCH, 1, 3, Recompute.FULL);
    StepEstimate e = StepModel.estimate(STORY, c);
    assertEquals(0, e.bubbleSeconds());
    assertEquals(0, e.pipelineSendSeconds());
  }

  @Test
  void fullRecomputationTradesTimeForActivationMemory() {
    for (boolean fused : new boolean[] {false, true}) {
      TrainingContext ctx = context(gpt3(), SEQ, GLOBAL_BATCH, ACCELERATORS, A100, fused);
      StepEstimate none = StepModel.estimate(ctx, withRecompute(STORY_CONFIG, Recompute.NONE));
      StepEstimate selective =
          StepModel.estimate(ctx, withRecompute(STORY_CONFIG, Recompute.SELECTIVE));
      StepEstimate full = StepModel.estimate(ctx, withRecompute(STORY_CONFIG, Recompute.FULL));
      String name = fused ? "fused" : "unfused";
      assertTrue(full.memory().activationsBytes() < none.memory().activationsBytes(), name);
      assertTrue(full.memory().activationsBytes() < selective.memory().activationsBytes(), name);
      assertTrue(selective.memory().activationsBytes() <= none.memory().activationsBytes(), name);
      assertTrue(full.iterationSeconds() > none.iterationSeconds(), name);
      assertTrue(full.iterationSeconds() > selective.iterationSeconds(), name);
      assertTrue(selective.iterationSeconds() >= none.iterationSeconds(), name);
      assertTrue(full.hardwareFlopsPerIteration() > none.hardwareFlopsPerIteration(), name);
      assertEquals(full.modelFlopsPerIteration(), none.modelFlopsPerIteration(), name);
    }
  }

  @Test
  void modelFlopsUtilizationNeverExceedsHardwareFlopsUtilizationNorOne() {
    for (Case c : cases()) {
      StepEstimate e = StepModel.estimate(c.ctx(), c.config());
      double peak = c.ctx().peakFlopPerSecond() * c.ctx().acceleratorCount();
      double mfu = e.modelFlopsPerIteration() / e.iterationSeconds() / peak;
      double hfu = e.hardwareFlopsPerIteration() / e.iterationSeconds() / peak;
      assertTrue(mfu > 0, c.name());
      assertTrue(mfu <= hfu, c.name() + ": MFU " + mfu + " > HFU " + hfu);
      assertTrue(hfu <= 1, c.name() + ": HFU " + hfu);
    }
  }

  // ---- The cases the properties run over: dense and MoE, every kind of parallelism.

  private record Case(String name, TrainingContext ctx, ParallelConfig config) {}

  private static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    TrainingContext fused = context(gpt3(), SEQ, GLOBAL_BATCH, ACCELERATORS, A100, true);
    List<ParallelConfig> dense =
        List.of(
            STORY_CONFIG,
            config(8, 8, 16, 1, 1, 0, Recompute.NONE),
            config(8, 8, 16, 1, 2, 1, Recompute.FULL),
            config(8, 16, 8, 1, 1, 2, Recompute.SELECTIVE),
            config(4, 4, 64, 2, 12, 2, Recompute.SELECTIVE),
            config(2, 32, 16, 1, 1, 1, Recompute.FULL),
            config(8, 1, 128, 1, 1, 3, Recompute.FULL),
            // Tensor parallelism wider than the NVLink domain crosses the fabric.
            config(16, 8, 8, 1, 1, 1, Recompute.SELECTIVE),
            // Context parallelism over 2 ranks.
            new ParallelConfig(8, 8, 8, 2, 1, 1, 1, 1, Recompute.SELECTIVE, true));
    for (ParallelConfig c : dense) {
      out.add(new Case("gpt3 " + c.label(), STORY, c));
      out.add(new Case("gpt3 fused " + c.label(), fused, c));
    }
    TrainingContext moe = context(mixtral(), 4096, 512, 64, H100, true);
    List<ParallelConfig> experts =
        List.of(
            new ParallelConfig(1, 1, 64, 1, 8, 1, 1, 1, Recompute.SELECTIVE, false),
            new ParallelConfig(2, 1, 32, 1, 4, 1, 1, 3, Recompute.FULL, true),
            new ParallelConfig(4, 2, 8, 1, 8, 1, 2, 1, Recompute.FULL, true),
            new ParallelConfig(8, 2, 4, 1, 2, 2, 1, 0, Recompute.NONE, true),
            new ParallelConfig(2, 1, 16, 2, 8, 1, 1, 2, Recompute.SELECTIVE, true));
    for (ParallelConfig c : experts) {
      out.add(new Case("mixtral " + c.label(), moe, c));
    }
    return out;
  }

  private static ParallelConfig withRecompute(ParallelConfig c, Recompute r) {
    return new ParallelConfig(
        c.tensor(),
        c.pipeline(),
        c.data(),
        c.context(),
        c.expert(),
        c.microBatch(),
        c.interleave(),
        c.zeroStage(),
        r,
        c.sequenceParallel());
  }
}
