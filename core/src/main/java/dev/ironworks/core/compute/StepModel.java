package dev.ironworks.core.compute;

import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.memory.MemoryBreakdown;
import dev.ironworks.core.memory.MemoryModel;
import dev.ironworks.core.network.Collectives;
import dev.ironworks.core.scenario.ParallelConfig;
import dev.ironworks.core.scenario.Recompute;

/**
 * Time and memory of one training iteration, built from its parts (DESIGN.md, Compute and
 * Communication).
 *
 * <p>Each layer's forward pass on a device is its matrix multiplies — each at the accelerator's
 * calibrated peak times a shape factor Π x/(x + x½) over its three dimensions — the attention core
 * (a fused kernel, or two batched multiplies plus the softmax's memory traffic), the element-wise
 * kernels' bytes at the calibrated memory bandwidth, and the tensor-parallel collectives on the
 * scale-up link (two all-reduces, or reduce-scatter/all-gather pairs with sequence parallelism).
 * The backward pass doubles the multiplies (2.5× for fused attention, which recomputes its scores),
 * the element-wise traffic and the collectives; recomputation adds a forward pass (full) or the
 * attention core (selective). MoE layers add two all-to-alls each way among expert-parallel ranks,
 * overlapped with another micro-batch's computation so that only what exceeds the layer's own
 * kernels is exposed.
 *
 * <p>A pipeline stage runs ⌈L/p⌉ layers (the last one the output layer too) and sends each
 * micro-batch's activations to the next stage, v times with v interleaved chunks. An iteration
 * takes (m + (p−1)/v) stage times for m micro-batches (1F1B; Narayanan et al. 2021 §2.2), plus the
 * data-parallel gradient reduction left after it overlaps the last micro-batch's backward pass
 * (hierarchical: NVLink inside a node, one NIC per rank across nodes, slowed by the fabric's
 * oversubscription when the group outgrows a leaf), ZeRO's parameter all-gathers, and the optimizer
 * step.
 */
public final class StepModel {
  /** Bytes moved per score element by an unfused softmax with dropout, forward. */
  private static final double SOFTMAX_BYTES_PER_SCORE = 13;

  /** Bytes per token of one layer's element-wise kernels (norms, residuals, dropouts), per h. */
  private static final double ELEMENTWISE_BYTES_PER_HIDDEN = 30;

  /** Optimizer bytes per parameter: read fp32 weights, moments, gradient; write them and bf16. */
  private static final double OPTIMIZER_BYTES_PER_PARAMETER = 30;

  private StepModel() {}

  /** Micro-batches per iteration: B / (d·b), or 0 when it does not divide. */
  public static int microBatches(TrainingContext ctx, ParallelConfig c) {
    long perReplica = (long) c.data() * c.microBatch();
    if (ctx.globalBatchSequences() % perReplica != 0) {
      return 0;
    }
    return (int) (ctx.globalBatchSequences() / perReplica);
  }

  /** Estimates one iteration. The configuration's degrees must divide the batch (see search). */
  public static StepEstimate estimate(TrainingContext ctx, ParallelConfig c) {
    TransformerModel m = ctx.model();
    Calibration cal = ctx.calibration();
    int t = c.tensor();
    int p = c.pipeline();
    int v = c.interleave();
    int cp = c.context();
    int ep = c.expert();
    double s = ctx.sequenceLength();
    double b = c.microBatch();
    double h = m.hiddenSize();
    double a = m.attentionHeads();
    double dh = m.headDim();
    double kv = m.kvHeads();
    double act = ctx.activationBytes();
    double peak = ctx.peakFlopPerSecond();
    double x0 = cal.matmulHalfDimension();
    double memBw = ctx.memoryBandwidthBytesPerSecond() * cal.memory();
    double lat = cal.collectiveLatencySeconds();
    int microBatches = Math.max(1, microBatches(ctx, c));

    double tokens = b * s / cp;
    double sLocal = s / cp;
    double localHeads = a / t;

    // Links: tensor parallel on the scale-up domain when it fits there, else the fabric.
    double scaleOut = ctx.scaleOutBytesPerSecond() * cal.collective();
    double scaleUp = ctx.scaleUpBytesPerSecond() * cal.collective();
    double tpLink = t <= ctx.scaleUpDomainSize() ? scaleUp : scaleOut;

    // ---- one dense layer, forward
    double qkvWidth = (a * dh + 2 * kv * dh) / t;
    double gemms =
        gemm(tokens, qkvWidth, h, 1, peak, cal, x0) + gemm(tokens, h, a * dh / t, 1, peak, cal, x0);
    double ffnUpWidth = (m.ffnGated() ? 2.0 : 1.0) * m.ffnHiddenSize() / t;
    double denseFfn =
        gemm(tokens, ffnUpWidth, h, 1, peak, cal, x0)
            + gemm(tokens, h, (double) m.ffnHiddenSize() / t, 1, peak, cal, x0);
    double attentionCore;
    double scoresBytes = b * localHeads * sLocal * s;
    if (ctx.fusedAttention()) {
      // Causal flash attention computes half the score matrix.
      double flops = 4 * b * localHeads * sLocal * s * dh * 0.5;
      attentionCore = flops / (peak * cal.attention());
    } else {
      attentionCore =
          gemm(sLocal, s, dh, b * localHeads, peak, cal, x0)
              + gemm(sLocal, dh, s, b * localHeads, peak, cal, x0)
              + scoresBytes * SOFTMAX_BYTES_PER_SCORE * (act / 2) / memBw;
    }
    double hiddenElementwise =
        tokens * ELEMENTWISE_BYTES_PER_HIDDEN * h * (act / 2) / (c.sequenceParallel() ? t : 1);
    double ffnElementwise = tokens * (m.ffnGated() ? 6.0 : 4.0) * m.ffnHiddenSize() / t * (act / 2);
    double elementwise = (hiddenElementwise + ffnElementwise) / memBw;
    double tpOne = t > 1 ? Collectives.allReduceSeconds(tokens * h * act, t, tpLink, lat) : 0;
    double tpForward = 2 * tpOne;

    // ---- one MoE layer's FFN, forward (replaces the dense FFN)
    double moeFfn = 0;
    double allToAll = 0;
    if (m.isMoe()) {
      double localExperts = (double) m.experts() / ep;
      double tokensPerExpert = Math.max(1, tokens * m.activeExperts() * ep / m.experts());
      double expertUp = (m.ffnGated() ? 2.0 : 1.0) * m.expertFfnHiddenSize() / t;
      moeFfn =
          gemm(tokensPerExpert, expertUp, h, localExperts, peak, cal, x0)
              + gemm(
                  tokensPerExpert,
                  h,
                  (double) m.expertFfnHiddenSize() / t,
                  localExperts,
                  peak,
                  cal,
                  x0)
              + gemm(tokens, m.experts(), h, 1, peak, cal, x0);
      if (m.sharedExperts() > 0) {
        moeFfn +=
            gemm(tokens, expertUp * m.sharedExperts(), h, 1, peak, cal, x0)
                + gemm(
                    tokens,
                    h,
                    (double) m.expertFfnHiddenSize() * m.sharedExperts() / t,
                    1,
                    peak,
                    cal,
                    x0);
      }
      double epLink = (long) ep * t <= ctx.scaleUpDomainSize() ? scaleUp : scaleOut;
      // Dispatch in the training format (FP8 dispatches in 8 bits, DeepSeek-V3 §3.3.2),
      // combine in 16-bit.
      double dispatchBytes = ctx.precision() == dev.ironworks.core.scenario.Precision.FP8 ? 1 : act;
      allToAll =
          Collectives.allToAllSeconds(
                  tokens * m.activeExperts() * h * dispatchBytes, ep, epLink, lat)
              + Collectives.allToAllSeconds(tokens * m.activeExperts() * h * act, ep, epLink, lat);
    }

    // ---- context parallel: ring exchange of K and V, hidden behind the attention core
    double cpForward = 0;
    if (cp > 1) {
      double kvBytes = 2 * b * sLocal * Math.max(1, kv / t) * dh * act;
      double cpLink = (long) cp * t <= ctx.scaleUpDomainSize() ? scaleUp : scaleOut;
      cpForward =
          Math.max(0, (cp - 1) * Collectives.sendSeconds(kvBytes, cpLink, lat) - attentionCore);
    }

    double denseKernels = gemms + attentionCore + denseFfn + elementwise;
    double moeKernels = gemms + attentionCore + moeFfn + elementwise;
    double backwardAttentionFactor = ctx.fusedAttention() ? 2.5 : 2;
    double denseKernelsBackward =
        2 * (gemms + denseFfn + elementwise) + backwardAttentionFactor * attentionCore;
    double moeKernelsBackward =
        2 * (gemms + moeFfn + elementwise) + backwardAttentionFactor * attentionCore;
    double recomputeDense =
        switch (c.recompute()) {
          case NONE -> 0;
          case SELECTIVE -> ctx.fusedAttention() ? 0 : attentionCore;
          case FULL -> denseKernels;
        };
    double recomputeMoe =
        switch (c.recompute()) {
          case NONE -> 0;
          case SELECTIVE -> ctx.fusedAttention() ? 0 : attentionCore;
          case FULL -> moeKernels;
        };
    double recomputeComm = c.recompute() == Recompute.FULL ? 1 : 0;
    double layerCommDense = (2 + recomputeComm) * (tpForward + cpForward);
    double layerCommMoe = layerCommDense + (2 + recomputeComm) * allToAll;

    double layersPerStage = Math.ceil((double) m.layers() / p);
    double moeShare = (double) m.moeLayerCount() / m.layers();
    double stageKernels =
        layersPerStage
            * ((1 - moeShare) * (denseKernels + denseKernelsBackward + recomputeDense)
                + moeShare * (moeKernels + moeKernelsBackward + recomputeMoe));
    double stageTensorComm =
        layersPerStage * (1 - moeShare) * layerCommDense
            + layersPerStage * moeShare * (layerCommDense);
    // Expert dispatch and combine overlap the computation of another micro-batch's chunk
    // (DeepSeek-V3 §3.2.1, DualPipe; Megatron-Core's A2A overlap): only what exceeds the MoE
    // layer's own kernels stays exposed.
    double moeLayerKernels = moeKernels + moeKernelsBackward + recomputeMoe;
    double stageAllToAll =
        layersPerStage * moeShare * Math.max(0, (layerCommMoe - layerCommDense) - moeLayerKernels);

    // Output layer and loss on the last stage: logits multiply, backward twice, fp32 softmax.
    double vocabLocal = (double) m.vocabularySize() / t;
    double logits =
        3 * gemm(tokens, vocabLocal, h, 1, peak, cal, x0) + tokens * vocabLocal * 4 * 3 / memBw;
    stageKernels += logits;

    // Pipeline sends: activations forward, gradients back, per chunk (scatter/gather: 1/t each).
    double sends = 0;
    if (p > 1) {
      double bytes = tokens * h * act / t;
      double sendLink = (long) t * p <= ctx.scaleUpDomainSize() ? scaleUp : scaleOut;
      sends = 2 * v * Collectives.sendSeconds(bytes, sendLink, lat);
    }
    double stageTime = stageKernels + stageTensorComm + stageAllToAll + sends;
    double bubble = (p - 1.0) / v * stageTime;
    double pipelineTime = microBatches * stageTime + bubble;

    // ---- parameters on the fullest stage
    double attentionParams = m.attentionParametersPerLayer() / t + 4 * h;
    double denseLayerParams = attentionParams + m.ffnParameters(m.ffnHiddenSize()) / t;
    double expertParams =
        m.isMoe() ? (double) m.experts() / ep * m.ffnParameters(m.expertFfnHiddenSize()) / t : 0;
    double moeLayerNonExpert =
        attentionParams
            + m.sharedExperts() * m.ffnParameters(m.expertFfnHiddenSize()) / t
            + h * m.experts();
    double embeddingParams = (double) m.vocabularySize() * h / t;
    double firstStageEmbeddings =
        p == 1 ? embeddingParams * (m.tiedEmbeddings() ? 1 : 2) : embeddingParams;
    double stageDenseParams = layersPerStage * (1 - moeShare) * denseLayerParams;
    double stageNonExpertParams =
        stageDenseParams + layersPerStage * moeShare * moeLayerNonExpert + firstStageEmbeddings;
    double stageExpertParams = layersPerStage * moeShare * expertParams;
    double stageParams = stageNonExpertParams + stageExpertParams;

    // ---- data-parallel gradient reduction and ZeRO traffic
    int dpRanks = c.data() * cp;
    int expertDpRanks = Math.max(1, dpRanks / ep);
    int rankStride = t;
    // Ranks that share a scale-up domain reduce over it (a server's NVLink, an NVL72 rack, a TPU
    // pod's ICI); the rest cross the fabric, one NIC per rank.
    int domain = Math.max(ctx.acceleratorsPerServer(), ctx.scaleUpDomainSize());
    int dpPerNode = rankStride >= domain ? 1 : Math.max(1, Math.min(dpRanks, domain / rankStride));
    int dpNodes = (dpRanks + dpPerNode - 1) / dpPerNode;
    double dpScaleOut =
        dpNodes > ctx.serversPerLeaf() ? scaleOut / ctx.oversubscription() : scaleOut;
    double gradBytes = ctx.gradientReduceBytes();
    double weightBytes = act;
    double gradReduce =
        Collectives.hierarchicalAllReduceSeconds(
                stageNonExpertParams * gradBytes, dpRanks, dpPerNode, scaleUp, dpScaleOut, lat)
            + Collectives.hierarchicalAllReduceSeconds(
                stageExpertParams * gradBytes,
                expertDpRanks,
                Math.min(dpPerNode, expertDpRanks),
                scaleUp,
                dpScaleOut,
                lat);
    double paramGather = 0;
    if (c.zeroStage() >= 1) {
      // Reduce-scatter of gradients and all-gather of parameters: half an all-reduce each.
      paramGather =
          0.5
              * Collectives.hierarchicalAllReduceSeconds(
                  stageParams * weightBytes, dpRanks, dpPerNode, scaleUp, dpScaleOut, lat);
      gradReduce *= 0.5;
    }
    double backwardOfOneMicroBatch =
        layersPerStage * ((1 - moeShare) * denseKernelsBackward + moeShare * moeKernelsBackward);
    double forwardOfOneMicroBatch =
        layersPerStage * ((1 - moeShare) * denseKernels + moeShare * moeKernels);
    double dpExposed;
    if (c.zeroStage() == 3) {
      // Parameters gathered for forward and backward of every micro-batch, gradients
      // reduce-scattered every micro-batch, overlapped with that micro-batch's compute.
      double perMicroBatch = 2 * paramGather + gradReduce;
      dpExposed = microBatches * Math.max(0, perMicroBatch - stageKernels);
    } else {
      dpExposed =
          Math.max(0, gradReduce - backwardOfOneMicroBatch)
              + Math.max(0, paramGather - forwardOfOneMicroBatch);
    }
    double optimizerParams = c.zeroStage() >= 1 ? stageParams / dpRanks : stageParams;
    double optimizer = optimizerParams * OPTIMIZER_BYTES_PER_PARAMETER / memBw;

    double iteration = pipelineTime + dpExposed + optimizer;
    double compute = microBatches * stageKernels + optimizer;
    double tensorComm = microBatches * stageTensorComm;
    double sendComm = microBatches * sends;
    double expertComm = microBatches * stageAllToAll;
    double exposedComm = tensorComm + sendComm + expertComm + dpExposed;

    // ---- memory of the fullest stage
    MemoryModel.LayerShape shape =
        new MemoryModel.LayerShape(h, a, kv, dh, m.ffnHiddenSize(), m.ffnGated());
    MemoryBreakdown states =
        add(
            MemoryModel.modelStates(stageNonExpertParams, dpRanks, c.zeroStage(), ctx.precision()),
            MemoryModel.modelStates(
                stageExpertParams, expertDpRanks, c.zeroStage(), ctx.precision()));
    Recompute activationRecompute =
        ctx.fusedAttention() && c.recompute() == Recompute.NONE
            ? Recompute.SELECTIVE
            : c.recompute();
    double perLayer =
        MemoryModel.activationBytesPerLayer(
                shape, sLocal, s, b, t, c.sequenceParallel(), activationRecompute)
            * (act / 2);
    double firstStageActivations =
        MemoryModel.firstStageActivationBytes(perLayer, m.layers(), p, v, microBatches);
    double logitsBytes = tokens * vocabLocal * 4 * 2;
    double lastStageActivations = perLayer * layersPerStage + logitsBytes;
    double activations =
        p == 1
            ? firstStageActivations + logitsBytes
            : Math.max(firstStageActivations, lastStageActivations);
    double zeroBuffers = c.zeroStage() == 3 ? 2 * (stageParams / layersPerStage) * weightBytes : 0;
    double other = cal.reservedMemoryBytes() + zeroBuffers;
    MemoryBreakdown memory =
        new MemoryBreakdown(
            states.weightsBytes(),
            states.gradientsBytes(),
            states.optimizerBytes(),
            activations,
            other);

    double tokensPerIteration = (double) ctx.globalBatchSequences() * s;
    double modelFlops = Flops.modelPerToken(m, ctx.sequenceLength()) * tokensPerIteration;
    double hardwareFlops =
        Flops.hardwarePerToken(m, ctx.sequenceLength(), c.recompute()) * tokensPerIteration;
    double executedFlops =
        Flops.executedPerToken(m, ctx.sequenceLength(), c.recompute(), ctx.fusedAttention())
            * tokensPerIteration;
    return new StepEstimate(
        c,
        microBatches,
        iteration,
        compute,
        exposedComm,
        bubble,
        tensorComm,
        sendComm,
        dpExposed,
        expertComm,
        modelFlops,
        hardwareFlops,
        executedFlops,
        memory,
        memory.totalBytes() <= ctx.memoryBytes());
  }

  private static MemoryBreakdown add(MemoryBreakdown x, MemoryBreakdown y) {
    return new MemoryBreakdown(
        x.weightsBytes() + y.weightsBytes(),
        x.gradientsBytes() + y.gradientsBytes(),
        x.optimizerBytes() + y.optimizerBytes(),
        x.activationsBytes() + y.activationsBytes(),
        x.otherBytes() + y.otherBytes());
  }

  /**
   * Seconds of {@code count} matrix multiplies of (m×k)·(k×n): 2·m·n·k FLOPs each at the calibrated
   * peak times the shape factor Π x/(x + x½).
   */
  static double gemm(
      double m, double n, double k, double count, double peak, Calibration cal, double x0) {
    double efficiency = cal.matmul() * (m / (m + x0)) * (n / (n + x0)) * (k / (k + x0));
    return 2 * m * n * k * count / (peak * efficiency);
  }
}
