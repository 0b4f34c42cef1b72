package dev.ironworks.core.compute;

import static dev.ironworks.core.compute.TrainingFixtures.A100;
import static dev.ironworks.core.compute.TrainingFixtures.GIB;
import static dev.ironworks.core.compute.TrainingFixtures.H100;
import static dev.ironworks.core.compute.TrainingFixtures.context;
import static dev.ironworks.core.compute.TrainingFixtures.dense;
import static dev.ironworks.core.compute.TrainingFixtures.gpt3Small;
import static dev.ironworks.core.compute.TrainingFixtures.moe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.AcceleratorKind;
import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.ScaleUpTopology;
import dev.ironworks.core.catalog.ServingEfficiency;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.memory.MemoryModel;
import dev.ironworks.core.plan.TrainingPlanner;
import dev.ironworks.core.scenario.AttentionKernel;
import dev.ironworks.core.scenario.GradientReduce;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.ParallelConfig;
import dev.ironworks.core.scenario.ParallelismSpec;
import dev.ironworks.core.scenario.PipelineSchedule;
import dev.ironworks.core.scenario.Precision;
import dev.ironworks.core.scenario.Recompute;
import dev.ironworks.core.scenario.ShardedGathers;
import dev.ironworks.core.scenario.TrainingOptions;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The mechanisms of a training step, each shown on its own: what a low-precision format speeds and
 * what it does not, what FSDP pays as its group grows, where an expert all-to-all runs, what
 * overlap and imbalance do, how frameworks keep memory, and what the search offers.
 */
class StepPhysicsTest {

  /** Llama-3-8B-like: 32 layers, h 4096, GQA 32/8, SwiGLU 14336. */
  private static final TransformerModel LLAMA8B =
      dense("llama8b", 32, 4096, 32, 8, 128, 14336, true, 8192, 128256, false);

  /** A Qwen3-30B-A3B-like MoE: 48 layers, h 2048, 128 experts of 768, top-8. */
  private static final TransformerModel SMALL_EXPERTS =
      moe("moe", 48, 2048, 32, 4, 128, 768, 128, 8, 4096, 151936);

  private static TrainingContext with(
      TrainingContext c, Precision precision, double linearPeak, TrainingOptions options) {
    return new TrainingContext(
        c.model(),
        c.sequenceLength(),
        c.globalBatchSequences(),
        precision,
        options,
        c.acceleratorCount(),
        c.peak16FlopPerSecond(),
        c.attentionSpeedup(),
        linearPeak,
        c.memoryBytes(),
        c.memoryBandwidthBytesPerSecond(),
        c.calibration(),
        c.scaleUpBidirectionalBytesPerSecond(),
        c.scaleUpTopology(),
        c.scaleUpDomainSize(),
        c.acceleratorsPerServer(),
        c.scaleOutBytesPerSecond(),
        c.oversubscription(),
        c.serversPerLeaf());
  }

  private static TrainingContext withDomain(TrainingContext c, int domain, int perServer) {
    return new TrainingContext(
        c.model(),
        c.sequenceLength(),
        c.globalBatchSequences(),
        c.precision(),
        c.options(),
        c.acceleratorCount(),
        c.peak16FlopPerSecond(),
        c.attentionSpeedup(),
        c.linearPeakFlopPerSecond(),
        c.memoryBytes(),
        c.memoryBandwidthBytesPerSecond(),
        c.calibration(),
        c.scaleUpBidirectionalBytesPerSecond(),
        ScaleUpTopology.SWITCHED,
        domain,
        perServer,
        c.scaleOutBytesPerSecond(),
        c.oversubscription(),
        c.serversPerLeaf());
  }

  /** The defaults with another ZeRO-3 gather mode and pipeline schedule. */
  private static TrainingOptions options(ShardedGathers gathers, PipelineSchedule schedule) {
    return new TrainingOptions(
        AttentionKernel.TUNED,
        false,
        false,
        TrainingOptions.DEFAULT_EXPERT_LOAD_IMBALANCE,
        GradientReduce.FP32,
        gathers,
        schedule);
  }

  private static TrainingOptions options(
      boolean tensorOverlap, boolean expertOverlap, double imbalance) {
    return new TrainingOptions(
        AttentionKernel.TUNED,
        tensorOverlap,
        expertOverlap,
        imbalance,
        GradientReduce.FP32,
        ShardedGathers.LAYER,
        PipelineSchedule.ONE_F_ONE_B);
  }

  private static ParallelConfig cfg(int t, int p, int d, int cp, int ep, int b, int v, int z) {
    return new ParallelConfig(t, p, d, cp, ep, b, v, z, Recompute.NONE, t > 1);
  }

  @Test
  void fp8SpeedsTheLinearLayersButNotAttention() {
    // Doubling the linear layers' peak (FP8) leaves attention in 16 bits: the step gains less
    // than 2×, and less still when a long context makes attention the larger part.
    for (int seq : new int[] {2048, 32768}) {
      TrainingContext bf16 = context(LLAMA8B, seq, 64, 8, H100, true);
      TrainingContext fp8 = with(bf16, Precision.FP8, 2 * H100.peakFlopPerSecond(), bf16.options());
      ParallelConfig c = cfg(1, 1, 8, 1, 1, 1, 1, 1);
      double speedup =
          StepModel.estimate(bf16, c).iterationSeconds()
              / StepModel.estimate(fp8, c).iterationSeconds();
      assertTrue(speedup > 1 && speedup < 1.9, seq + ": " + speedup);
      if (seq == 32768) {
        assertTrue(speedup < 1.3, "attention-bound at 32k: " + speedup);
      }
    }
  }

  @Test
  void fsdpLosesThroughputAsItsGroupGrowsOnASlowFabric() {
    // FSDP of a 1.3B model, one sequence a rank, 400 Gb/s per 8-GPU server (6.25 GB/s a GPU):
    // every rank gathers the whole model twice and scatters its gradients each step whatever the
    // group, and the ring's n − 1 steps lengthen, so each GPU's throughput falls with d; on
    // 25 GB/s a GPU at 16 ranks the traffic hides behind the computation.
    double previous = Double.POSITIVE_INFINITY;
    for (int d : new int[] {16, 128, 1024}) {
      TrainingContext slow = context(gpt3Small(), 2048, d, d, A100, true).withScaleOut(6.25e9);
      ParallelConfig c = cfg(1, 1, d, 1, 1, 1, 1, 3);
      StepEstimate e = StepModel.estimate(slow, c);
      double perGpu = e.tokensPerSecond(d * 2048.0) / d;
      assertTrue(perGpu < previous, "d " + d + ": " + perGpu);
      previous = perGpu;
    }
    TrainingContext fast = context(gpt3Small(), 2048, 16, 16, A100, true);
    StepEstimate hidden = StepModel.estimate(fast, cfg(1, 1, 16, 1, 1, 1, 1, 3));
    assertTrue(
        hidden.dataParallelExposedSeconds() < 0.1 * hidden.iterationSeconds(),
        "exposed " + hidden.dataParallelExposedSeconds());
  }

  @Test
  void zero3GatheredTensorByTensorPaysTheRingLatencyPerTensorAndHidesNothing() {
    // DeepSpeed ZeRO-3 as of 2021: every parameter tensor gathered by itself and nothing hidden.
    // At a fixed micro-batch the layer-by-layer gathers hide behind the neighbouring layer; tensor
    // by tensor they are all exposed, and each of a layer's 12 gathers (twice a step) adds n − 1
    // ring steps of latency, so the exposed time grows faster the larger the group.
    TrainingOptions layer = TrainingOptions.defaults();
    TrainingOptions tensor = options(ShardedGathers.TENSOR, PipelineSchedule.ONE_F_ONE_B);
    int layers = gpt3Small().layers();
    double previousGrowth = 0;
    double previousExposed = 0;
    for (int d : new int[] {16, 128, 1024}) {
      TrainingContext base = context(gpt3Small(), 2048, d, d, A100, true);
      ParallelConfig c = cfg(1, 1, d, 1, 1, 1, 1, 3);
      StepEstimate hidden =
          StepModel.estimate(with(base, Precision.BF16, A100.peakFlopPerSecond(), layer), c);
      StepEstimate exposed =
          StepModel.estimate(with(base, Precision.BF16, A100.peakFlopPerSecond(), tensor), c);
      assertTrue(
          exposed.dataParallelExposedSeconds() > 2 * hidden.dataParallelExposedSeconds(),
          "d "
              + d
              + ": "
              + exposed.dataParallelExposedSeconds()
              + " vs prefetched "
              + hidden.dataParallelExposedSeconds());
      double latencyAlone =
          layers * 2 * 11 * (d - 1) * base.calibration().collectiveLatencySeconds();
      assertTrue(
          exposed.dataParallelExposedSeconds() > latencyAlone,
          "d " + d + ": " + exposed.dataParallelExposedSeconds() + " vs " + latencyAlone);
      assertTrue(exposed.iterationSeconds() > hidden.iterationSeconds(), "d " + d);
      double growth = exposed.dataParallelExposedSeconds() - previousExposed;
      assertTrue(growth > previousGrowth, "d " + d + ": grows by " + growth);
      previousGrowth = growth;
      previousExposed = exposed.dataParallelExposedSeconds();
    }
  }

  @Test
  void zeroBubbleFillsThePipelineBubbleWithWeightGradients() {
    // ZB-H1: the bubble is (p − 1)(T_F + T_B − T_W), T_W half the backward: for a stage that is all
    // computation about a third of 1F1B's (p − 1)(T_F + T_B + T_W); nothing else changes, and the
    // search offers no interleaving with it.
    TrainingOptions zeroBubble = options(ShardedGathers.LAYER, PipelineSchedule.ZERO_BUBBLE);
    TrainingContext base = context(gpt3Small(), 2048, 512, 64, A100, true);
    TrainingContext zb = with(base, Precision.BF16, A100.peakFlopPerSecond(), zeroBubble);
    // Micro-batches of 8 sequences: the stage is computation; of 1, the host's issue time and the
    // sends the weight gradients cannot fill weigh more, and less of the bubble goes.
    ParallelConfig c = cfg(1, 8, 8, 1, 1, 8, 1, 1);
    StepEstimate oneFOneB = StepModel.estimate(base, c);
    StepEstimate filled = StepModel.estimate(zb, c);
    double ratio = filled.bubbleSeconds() / oneFOneB.bubbleSeconds();
    assertTrue(ratio > 0.3 && ratio < 0.45, "zero-bubble over 1F1B bubble: " + ratio);
    ParallelConfig small = cfg(1, 8, 8, 1, 1, 1, 1, 1);
    double smallRatio =
        StepModel.estimate(zb, small).bubbleSeconds()
            / StepModel.estimate(base, small).bubbleSeconds();
    assertTrue(smallRatio > ratio && smallRatio < 1, "micro-batch 1: " + smallRatio);
    assertEquals(oneFOneB.computeSeconds(), filled.computeSeconds(), 1e-12);
    assertEquals(
        oneFOneB.iterationSeconds() - oneFOneB.bubbleSeconds(),
        filled.iterationSeconds() - filled.bubbleSeconds(),
        1e-9);
    ParallelismSpec eightStages = TrainingFixtures.fixing(1, 8, 8);
    ParallelismSearch.Result searched = ParallelismSearch.search(zb, eightStages);
    assertFalse(searched.top().isEmpty());
    assertTrue(
        ParallelismSearch.search(base, eightStages).top().stream()
            .anyMatch(e -> e.config().interleave() > 1),
        "1F1B interleaves when it can");
    for (StepEstimate e : searched.top()) {
      assertEquals(1, e.config().interleave(), e.config().toString());
    }
  }

  @Test
  void theLastGradientBucketStaysExposedAndGrowsWithTheDataParallelGroup() {
    // A Nemotron-4-15B-like model, TP8, four sequences a data-parallel rank: the same work a GPU
    // at 96 and at 288 ranks. The backward hides all but the last gradient bucket, whose size
    // (10^6 parameters a rank) and ring (one step a rank) grow with the group, and the next
    // forward waits for the first bucket's weights.
    TransformerModel m = dense("n15", 32, 6144, 48, 8, 128, 24576, false, 4096, 256000, false);
    ParallelConfig small = cfg(8, 1, 96, 1, 1, 4, 1, 1);
    ParallelConfig large = cfg(8, 1, 288, 1, 1, 4, 1, 1);
    // A fabric fast enough (100 GB/s a GPU) that the backward hides all the rest; on a slower one
    // the hidden part outgrows the backward and the bucket's share no longer matters.
    double fabric = 100e9;
    StepEstimate at96 =
        StepModel.estimate(context(m, 4096, 384, 768, H100, true).withScaleOut(fabric), small);
    StepEstimate at288 =
        StepModel.estimate(context(m, 4096, 1152, 2304, H100, true).withScaleOut(fabric), large);
    // The same kernels (the optimizer's shard aside).
    assertEquals(at96.computeSeconds(), at288.computeSeconds(), 1e-3 * at96.computeSeconds());
    assertTrue(at96.dataParallelExposedSeconds() > 0.005, "" + at96.dataParallelExposedSeconds());
    assertTrue(
        at288.dataParallelExposedSeconds() > 2 * at96.dataParallelExposedSeconds(),
        at288.dataParallelExposedSeconds() + " vs " + at96.dataParallelExposedSeconds());
    assertTrue(at288.iterationSeconds() > at96.iterationSeconds());
  }

  @Test
  void anExpertGroupInsideAnNvl72RackAvoidsTheFabric() {
    // 64-way expert parallelism: inside one 72-GPU NVLink domain the all-to-alls stay on NVLink;
    // on 8-GPU servers most of each token's copies cross the fabric.
    TrainingContext servers = context(SMALL_EXPERTS, 4096, 512, 64, H100, true);
    TrainingContext rack = withDomain(servers, 72, 72);
    ParallelConfig c = cfg(1, 1, 64, 1, 64, 1, 1, 1);
    StepEstimate onServers = StepModel.estimate(servers, c);
    StepEstimate inRack = StepModel.estimate(rack, c);
    assertTrue(
        inRack.expertAllToAllSeconds() < 0.5 * onServers.expertAllToAllSeconds(),
        inRack.expertAllToAllSeconds() + " vs " + onServers.expertAllToAllSeconds());
    assertTrue(inRack.iterationSeconds() < onServers.iterationSeconds());
  }

  @Test
  void overlapOptionsHideCommunicationButNeverBelowTheKernels() {
    TrainingContext base = context(SMALL_EXPERTS, 4096, 512, 64, H100, true);
    ParallelConfig c = new ParallelConfig(2, 1, 32, 1, 32, 1, 1, 1, Recompute.NONE, true);
    StepEstimate plain =
        StepModel.estimate(
            with(base, Precision.BF16, H100.peakFlopPerSecond(), options(false, false, 1)), c);
    StepEstimate overlapped =
        StepModel.estimate(
            with(base, Precision.BF16, H100.peakFlopPerSecond(), options(true, true, 1)), c);
    assertTrue(overlapped.iterationSeconds() < plain.iterationSeconds());
    assertTrue(overlapped.iterationSeconds() >= overlapped.computeSeconds());
    assertTrue(overlapped.tensorParallelSeconds() < plain.tensorParallelSeconds());
    assertTrue(overlapped.expertAllToAllSeconds() < plain.expertAllToAllSeconds());
  }

  @Test
  void aBusierExpertRankSlowsTheLayer() {
    TrainingContext base = context(SMALL_EXPERTS, 4096, 512, 8, H100, true);
    ParallelConfig c = cfg(1, 1, 8, 1, 8, 1, 1, 1);
    double balanced =
        StepModel.estimate(
                with(base, Precision.BF16, H100.peakFlopPerSecond(), options(false, false, 1)), c)
            .iterationSeconds();
    double skewed =
        StepModel.estimate(
                with(base, Precision.BF16, H100.peakFlopPerSecond(), options(false, false, 1.5)), c)
            .iterationSeconds();
    assertTrue(skewed > balanced, skewed + " vs " + balanced);
  }

  @Test
  void operatorLevelCheckpointingSitsBetweenKeepingAllAndRecomputingAll() {
    // torchtitan's selective-op policy recomputes half the multiplies and the element-wise
    // kernels: dearer than keeping everything, cheaper than a whole forward pass; it holds more
    // than the layer input alone and less than every activation.
    TrainingContext ctx = context(LLAMA8B, 8192, 64, 64, A100, true);
    StepEstimate none =
        StepModel.estimate(ctx, new ParallelConfig(1, 1, 64, 1, 1, 1, 1, 3, Recompute.NONE, false));
    StepEstimate op =
        StepModel.estimate(
            ctx, new ParallelConfig(1, 1, 64, 1, 1, 1, 1, 3, Recompute.SELECTIVE_OP, false));
    StepEstimate full =
        StepModel.estimate(ctx, new ParallelConfig(1, 1, 64, 1, 1, 1, 1, 3, Recompute.FULL, false));
    assertTrue(none.computeSeconds() < op.computeSeconds());
    assertTrue(op.computeSeconds() < full.computeSeconds());
    double extra =
        (op.computeSeconds() - none.computeSeconds())
            / (full.computeSeconds() - none.computeSeconds());
    assertTrue(extra > 0.4 && extra < 0.8, "recomputed share of a forward pass " + extra);
    assertTrue(none.memory().activationsBytes() > op.memory().activationsBytes());
    assertTrue(op.memory().activationsBytes() > full.memory().activationsBytes());
  }

  @Test
  void blockRecomputationRecomputesOnlyTheLayersTheMemoryNeeds() {
    // Llama-3-8B-like, FSDP over 8 H100: the share of layers recomputed sits between none and
    // all, and so do time and activations; with room for everything it costs what none costs.
    StepEstimate[] byMode = new StepEstimate[3];
    int i = 0;
    for (Recompute r : new Recompute[] {Recompute.NONE, Recompute.BLOCK, Recompute.FULL}) {
      TrainingContext ctx = context(LLAMA8B, 8192, 64, 8, H100, true);
      byMode[i++] = StepModel.estimate(ctx, new ParallelConfig(1, 1, 8, 1, 1, 2, 1, 3, r, false));
    }
    StepEstimate none = byMode[0];
    StepEstimate block = byMode[1];
    StepEstimate full = byMode[2];
    assertFalse(none.fits());
    assertTrue(block.fits() && full.fits());
    assertTrue(none.computeSeconds() < block.computeSeconds());
    assertTrue(block.computeSeconds() < full.computeSeconds());
    assertTrue(full.memory().activationsBytes() < block.memory().activationsBytes());
    assertTrue(block.executedFlopsPerIteration() < full.executedFlopsPerIteration());

    TrainingContext roomy = context(LLAMA8B, 2048, 64, 8, H100, true);
    StepEstimate roomyNone =
        StepModel.estimate(
            roomy, new ParallelConfig(1, 1, 8, 1, 1, 1, 1, 3, Recompute.NONE, false));
    StepEstimate roomyBlock =
        StepModel.estimate(
            roomy, new ParallelConfig(1, 1, 8, 1, 1, 1, 1, 3, Recompute.BLOCK, false));
    assertTrue(roomyNone.fits());
    assertEquals(roomyNone.iterationSeconds(), roomyBlock.iterationSeconds(), 1e-12);
  }

  @Test
  void theInterleavedScheduleHidesItsSendsBehindTheNeighbouringChunk() {
    // Llama-3-8B-like on 16 GPUs in 16 stages over a slow fabric (100 Gb/s a GPU): 1F1B waits on
    // every send; interleaved (v = 2) sends twice as many but posts them ahead, so what shows is
    // less than the plain schedule's and at least the overlap slowdown of its own.
    TrainingContext ctx = context(LLAMA8B, 4096, 256, 16, H100, true).withScaleOut(12.5e9);
    Calibration cal = ctx.calibration().with("overlapSlowdown", 0.1);
    ctx = ctx.withCalibration(cal);
    StepEstimate plain = StepModel.estimate(ctx, cfg(1, 16, 1, 1, 1, 1, 1, 1));
    StepEstimate interleaved = StepModel.estimate(ctx, cfg(1, 16, 1, 1, 1, 1, 2, 1));
    assertTrue(plain.pipelineSendSeconds() > 0.05 * plain.iterationSeconds());
    assertTrue(
        interleaved.pipelineSendSeconds() < plain.pipelineSendSeconds(),
        interleaved.pipelineSendSeconds() + " vs " + plain.pipelineSendSeconds());
    assertTrue(interleaved.pipelineSendSeconds() >= 0.1 * 2 * plain.pipelineSendSeconds() - 1e-12);
  }

  @Test
  void aPipelinedMoeModelPaysAHostWaitPerForwardChunk() {
    // 16 GPUs, two stages of eight expert-parallel ranks, 64 micro-batches: interleaving the 48
    // layers into two chunks a stage adds one forward chunk per micro-batch, and with it one MoE
    // layer's host wait (moeHost + 16 local experts × expertHost); a dense model pays nothing.
    Calibration cal =
        context(SMALL_EXPERTS, 4096, 512, 16, H100, true)
            .calibration()
            .with("moeHostMicroseconds", 3000)
            .with("expertHostMicroseconds", 150);
    TrainingContext moe = context(SMALL_EXPERTS, 4096, 512, 16, H100, true).withCalibration(cal);
    double wait = 3000e-6 + 16 * 150e-6;
    StepEstimate once = StepModel.estimate(moe, cfg(1, 2, 8, 1, 8, 1, 1, 1));
    StepEstimate twice = StepModel.estimate(moe, cfg(1, 2, 8, 1, 8, 1, 2, 1));
    assertEquals(64, once.microBatches());
    assertEquals(64 * wait, twice.hostSeconds() - once.hostSeconds(), 1e-9 * once.hostSeconds());

    TrainingContext dense = context(LLAMA8B, 4096, 512, 16, H100, true).withCalibration(cal);
    StepEstimate denseOnce = StepModel.estimate(dense, cfg(1, 2, 8, 1, 1, 1, 1, 1));
    StepEstimate denseTwice = StepModel.estimate(dense, cfg(1, 2, 8, 1, 1, 1, 2, 1));
    assertEquals(denseOnce.hostSeconds(), denseTwice.hostSeconds(), 1e-12);
  }

  @Test
  void megatronKeepsFp32MainGradientsAndTheDistributedOptimizerShardsAdam() {
    // Per parameter: 2 bytes of weights, 4 of fp32 main gradients, 12 of Adam (fp32 master,
    // momentum, variance) sharded over d with the distributed optimizer (ZeRO-1).
    double params = 1e9;
    int d = 8;
    MemoryModel.StateBytes bf16 = MemoryModel.StateBytes.of(Precision.BF16, 4);
    assertEquals(
        (2 + 4 + 12.0 / d) * params,
        MemoryModel.modelStates(params, d, 1, bf16).modelStatesBytes(),
        1);
    // FP8 caches a 1-byte transposed copy; MXFP8 a row-wise and a column-wise copy with scales.
    assertEquals(3, MemoryModel.StateBytes.of(Precision.FP8, 4).weights());
    assertEquals(2 + 2 * (1 + 1.0 / 32), MemoryModel.StateBytes.of(Precision.MXFP8, 4).weights());
    // ZeRO's own accounting keeps 16-bit gradients: 16 bytes.
    assertEquals(
        16 * params, MemoryModel.modelStates(params, 1, 0, Precision.BF16).modelStatesBytes(), 1);
  }

  @Test
  void aPlanMayNotFillTheAllocatorsHeadroom() {
    Calibration c = TrainingFixtures.calibration();
    Calibration headroom =
        new Calibration(
            c.id(),
            c.appliesTo(),
            c.matmul(),
            c.matmulCeiling(),
            c.fp8Matmul(),
            c.mxfp8Matmul(),
            c.nvfp4Matmul(),
            c.matmulHalfDimension(),
            c.attention(),
            c.attentionPortable(),
            c.memory(),
            c.collective(),
            c.collectiveLatencySeconds(),
            c.reservedMemoryBytes(),
            0.05,
            c.kernelFixedSeconds(),
            c.layerHostSeconds(),
            c.moeHostSeconds(),
            c.expertHostSeconds(),
            c.overlapSlowdown(),
            c.bestPublishedMfu(),
            c.leaveOutError(),
            c.fitted(),
            c.provenance(),
            ServingEfficiency.NONE);
    assertEquals(0.95 * 80 * GIB, headroom.fillableMemoryBytes(80 * GIB), 1);
    // A configuration needing 97% of an accelerator's memory fits only without the headroom.
    TrainingContext ctx = context(LLAMA8B, 8192, 64, 8, H100, true);
    ParallelConfig cfg = cfg(1, 1, 8, 1, 1, 1, 1, 1);
    double needed = StepModel.estimate(ctx, cfg).memory().totalBytes();
    TrainingContext snug =
        new TrainingContext(
            ctx.model(),
            ctx.sequenceLength(),
            ctx.globalBatchSequences(),
            ctx.precision(),
            ctx.options(),
            ctx.acceleratorCount(),
            ctx.peak16FlopPerSecond(),
            ctx.attentionSpeedup(),
            ctx.linearPeakFlopPerSecond(),
            needed / 0.97,
            ctx.memoryBandwidthBytesPerSecond(),
            ctx.calibration(),
            ctx.scaleUpBidirectionalBytesPerSecond(),
            ctx.scaleUpTopology(),
            ctx.scaleUpDomainSize(),
            ctx.acceleratorsPerServer(),
            ctx.scaleOutBytesPerSecond(),
            ctx.oversubscription(),
            ctx.serversPerLeaf());
    assertTrue(StepModel.estimate(snug, cfg).fits());
    assertFalse(StepModel.estimate(snug.withCalibration(headroom), cfg).fits());
  }

  @Test
  void theSearchOffersOnlyWhatFrameworksRun() {
    // No ZeRO-2 or ZeRO-3 with pipelining; interleaving only with a multiple of p micro-batches.
    TrainingContext ctx = context(LLAMA8B, 8192, 96, 64, H100, true);
    ParallelismSearch.Result r = ParallelismSearch.search(ctx, ParallelismSpec.auto());
    assertFalse(r.top().isEmpty());
    for (StepEstimate e : r.top()) {
      ParallelConfig c = e.config();
      assertTrue(c.pipeline() == 1 || c.zeroStage() <= 1, c.label());
      assertTrue(c.interleave() == 1 || e.microBatches() % c.pipeline() == 0, c.label());
    }
  }

  @Test
  void blockScaledFormatsNeedBlockScalingTensorCores() {
    Accelerator hopper = chip("v", 989e12, OptionalDouble.of(1979e12), OptionalDouble.empty());
    assertEquals(1979e12, TrainingPlanner.peakFlopPerSecond(hopper, Precision.FP8));
    InfeasibleScenarioException e =
        assertThrows(
            InfeasibleScenarioException.class,
            () -> TrainingPlanner.peakFlopPerSecond(hopper, Precision.MXFP8));
    assertTrue(e.getMessage().contains("block-scaled"), e.getMessage());
    assertTrue(e.getMessage().endsWith("use bf16, fp16 or fp8"), e.getMessage());
  }

  @Test
  void aFormatWithoutARateIsRefusedNotRunAtAnotherRate() {
    Accelerator ampere = chip("NVIDIA", 312e12, OptionalDouble.empty(), OptionalDouble.empty());
    InfeasibleScenarioException noFp8 =
        assertThrows(
            InfeasibleScenarioException.class,
            () -> TrainingPlanner.peakFlopPerSecond(ampere, Precision.FP8));
    assertTrue(noFp8.getMessage().contains("FP8 tensor cores"), noFp8.getMessage());
    assertTrue(noFp8.getMessage().endsWith("use bf16 or fp16"), noFp8.getMessage());
    assertEquals(312e12, TrainingPlanner.peakFlopPerSecond(ampere, Precision.BF16));

    // NVFP4 is NVIDIA's format: another vendor's 4-bit units take MXFP4.
    Accelerator cdna4 = chip("AMD", 312e12, OptionalDouble.of(624e12), OptionalDouble.of(1248e12));
    InfeasibleScenarioException nvfp4 =
        assertThrows(
            InfeasibleScenarioException.class,
            () -> TrainingPlanner.peakFlopPerSecond(cdna4, Precision.NVFP4));
    assertTrue(nvfp4.getMessage().contains("take mxfp4"), nvfp4.getMessage());
    assertTrue(nvfp4.getMessage().endsWith("use bf16, fp16, fp8, mxfp8 or mxfp4"));
    assertEquals(1248e12, TrainingPlanner.peakFlopPerSecond(cdna4, Precision.MXFP4));
    assertEquals(624e12, TrainingPlanner.peakFlopPerSecond(cdna4, Precision.MXFP8));
    Accelerator blackwell =
        chip("NVIDIA", 312e12, OptionalDouble.of(624e12), OptionalDouble.of(1248e12));
    assertEquals(1248e12, TrainingPlanner.peakFlopPerSecond(blackwell, Precision.NVFP4));
  }

  @Test
  void aSixteenBitFormatOnTheOtherFormatsUnitsIsNoted() {
    OptionalDouble none = OptionalDouble.empty();
    Accelerator volta = chip("NVIDIA", OptionalDouble.of(125e12), none, none, none);
    assertEquals(125e12, TrainingPlanner.peakFlopPerSecond(volta, Precision.BF16));
    String note = TrainingPlanner.formatNote(volta, Precision.BF16).orElseThrow();
    assertTrue(note.startsWith("c has no BF16 units"), note);
    assertTrue(note.contains("FP16 rate (125 TFLOP/s)"), note);
    assertTrue(note.endsWith("precision: fp16 to say so"), note);
    assertTrue(TrainingPlanner.formatNote(volta, Precision.FP16).isEmpty());
    String serving =
        TrainingPlanner.formatNote(volta, Precision.BF16, "workload.inference.precision")
            .orElseThrow();
    assertTrue(serving.contains("the replicas are planned at its FP16 rate"), serving);
    assertFalse(serving.contains("loss scaling"), serving);
    assertTrue(serving.endsWith("set workload.inference.precision: fp16 to say so"), serving);

    Accelerator tpu = chip("Google", none, OptionalDouble.of(275e12), none, none);
    String fp16 = TrainingPlanner.formatNote(tpu, Precision.FP16).orElseThrow();
    assertTrue(fp16.contains("no FP16 units") && fp16.contains("BF16 rate (275"), fp16);
    assertTrue(TrainingPlanner.formatNote(tpu, Precision.BF16).isEmpty());
    Accelerator both = chip("NVIDIA", 312e12, none, none);
    assertTrue(TrainingPlanner.formatNote(both, Precision.BF16).isEmpty());
    assertTrue(TrainingPlanner.formatNote(both, Precision.FP16).isEmpty());
  }

  /** A chip of {@code vendor} with the given 16-bit, FP8 and FP4 rates. */
  private static Accelerator chip(
      String vendor, double sixteenBit, OptionalDouble fp8, OptionalDouble fp4) {
    return chip(vendor, OptionalDouble.of(sixteenBit), OptionalDouble.of(sixteenBit), fp8, fp4);
  }

  /** A chip of {@code vendor} with the given FP16, BF16, FP8 and FP4 rates. */
  private static Accelerator chip(
      String vendor,
      OptionalDouble fp16,
      OptionalDouble bf16,
      OptionalDouble fp8,
      OptionalDouble fp4) {
    return new Accelerator(
        "c",
        "C",
        vendor,
        AcceleratorKind.GPU,
        2024,
        OptionalDouble.empty(),
        fp16,
        bf16,
        fp8,
        fp4,
        OptionalDouble.empty(),
        80e9,
        "HBM3",
        3e12,
        "x",
        900e9,
        700,
        OptionalDouble.of(1),
        OptionalDouble.empty(),
        0,
        "s",
        "ga",
        1,
        TrainingFixtures.TEST,
        2024,
        List.of(),
        OptionalDouble.empty());
  }
}
