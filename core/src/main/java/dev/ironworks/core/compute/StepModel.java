package dev.ironworks.core.compute;

import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.memory.MemoryBreakdown;
import dev.ironworks.core.memory.MemoryModel;
import dev.ironworks.core.network.Collectives;
import dev.ironworks.core.network.ScaleUpLinks;
import dev.ironworks.core.scenario.AttentionKernel;
import dev.ironworks.core.scenario.ParallelConfig;
import dev.ironworks.core.scenario.PipelineSchedule;
import dev.ironworks.core.scenario.Precision;
import dev.ironworks.core.scenario.Recompute;
import dev.ironworks.core.scenario.ShardedGathers;
import java.util.function.ToDoubleFunction;

/**
 * Time and memory of one training iteration, built from what the kernels, links and host do
 * (docs/architecture.md, Training model).
 *
 * <p><b>A layer</b> on one device, for one micro-batch: the linear layers' matrix multiplies in the
 * run's precision at the calibrated fraction of that precision's peak times a shape factor Π x/(x +
 * x½) over their three dimensions; the attention core in 16 bits (a fused causal kernel computes
 * the score blocks on and below the diagonal, 128 × 128 at a time; its efficiency falls with the
 * head dimension; a sliding-window layer attends to its window only); the element-wise kernels'
 * bytes (norms, residuals, rotary embedding, activation function, and the casts an 8- or 4-bit
 * recipe adds) at the calibrated memory bandwidth; and the tensor-parallel collectives on the
 * scale-up links, exposed unless {@code tensorParallelOverlap}. The backward pass doubles the
 * multiplies, casts and element-wise traffic (2.5× for the fused attention, which recomputes its
 * scores); recomputation adds a forward pass (full), the attention core (selective), or half the
 * linear multiplies and the element-wise kernels (torchtitan's operator-level policy); block
 * recomputation adds the forward pass to as few whole layers as the memory needs, so time, FLOPs
 * and activations lie that share of the way from keeping everything to full. The host issues a
 * layer's kernels in {@code layerHostSeconds}: a layer never runs faster than that.
 *
 * <p><b>A mixture-of-experts layer</b> replaces the FFN by the router (16-bit), the permutation of
 * the routed tokens into expert order and back (memory traffic), grouped multiplies at the token
 * count each local expert receives (the busiest rank's, times {@code expertLoadImbalance}), shared
 * experts, and two all-to-alls each way among the expert-parallel ranks: over the scale-up links
 * when the expert group fits the domain (an NVL72 rack), else the node-local share over them and
 * the rest over the fabric. They are exposed unless {@code expertOverlap} hides them behind another
 * micro-batch's computation. The routing makes the host wait for each expert's token count, and the
 * grouped multiplies are issued expert by expert, so the layer also pays {@code moeHostSeconds} and
 * {@code expertHostSeconds} per local expert.
 *
 * <p><b>The pipeline.</b> Layers are split over p·v chunks; when they do not divide evenly the
 * embedding and the output layer each take a layer's place, so the first and last chunks hold fewer
 * layers (as Megatron-LM splits 126 layers over 8 or 16 stages). The busiest device sets the stage
 * time; an iteration takes (m + (p−1)/v) stage times for m micro-batches (1F1B, Narayanan et al.
 * 2021 §2.2), plus the pipeline sends, hidden behind the neighbouring chunk's computation when the
 * schedule is interleaved (but for their excess and the overlap slowdown). In a mixture-of-experts
 * model the host cannot run ahead of the GPU by more than a layer (every MoE layer's forward waits
 * for its token counts), so each of the v forward chunks a device runs per micro-batch starts with
 * the host one MoE layer's wait behind: the chunk pays that wait once more.
 *
 * <p><b>Data parallelism.</b> ZeRO-0 all-reduces the gradients, ZeRO-1 (Megatron's distributed
 * optimizer) reduce-scatters them and all-gathers the updated weights, overlapped with the last
 * micro-batch's backward and the first one's forward; ZeRO-2 must reduce-scatter every micro-batch
 * (its gradients are sharded); ZeRO-3 (FSDP) all-gathers each layer's weights for the forward and
 * again for the backward of every micro-batch and reduce-scatters its gradients, each behind the
 * neighbouring layer's computation, with a hybrid sharding group (HSDP) adding one all-reduce
 * across the groups. Collectives run inside the scale-up domain first, then one NIC per rank across
 * nodes, slowed by the fabric's oversubscription when the group outgrows a leaf. A collective
 * hidden behind computation still slows it by {@code overlapSlowdown} of its duration. The
 * optimizer step reads and writes the local shard's Adam state at memory bandwidth (expert
 * parameters shard over the ranks holding the same experts only).
 */
public final class StepModel {
  /** Backward over forward cost of a matrix multiply: the input and the weight gradients. */
  private static final double BACKWARD = 2;

  /** Backward over forward cost of a fused attention kernel, which recomputes the scores. */
  private static final double FUSED_ATTENTION_BACKWARD = 2.5;

  /** Score-block edge of a fused attention kernel: diagonal blocks are computed whole. */
  private static final double ATTENTION_BLOCK = 128;

  /** Head dimension at which a fused attention kernel runs at half its head-128 rate, relative. */
  private static final double ATTENTION_HEAD_DIM_HALF = 32;

  /** Head dimension at which the calibration's attention efficiency is quoted. */
  private static final double ATTENTION_REFERENCE_HEAD_DIM = 128;

  /** Bytes moved per score element by an unfused softmax with dropout, forward. */
  private static final double SOFTMAX_BYTES_PER_SCORE = 13;

  /**
   * Element-wise values moved per token and hidden unit, forward: two norms (read, write) and two
   * residual additions (read two, write one).
   */
  private static final double HIDDEN_VALUES_PER_TOKEN = 2 * 2 + 2 * 3;

  /**
   * Optimizer bytes per parameter besides the gradient: Adam reads the fp32 master weight, momentum
   * and variance (12), writes them (12) and the 16-bit weight (2).
   */
  private static final double OPTIMIZER_BYTES_PER_PARAMETER = 26;

  /** Layers whose weights FSDP holds gathered at once: the one computing and the prefetched. */
  private static final int FSDP_LAYERS_IN_FLIGHT = 2;

  /**
   * Parameter tensors of a transformer layer as Megatron-LM's GPT holds them: the weight and bias
   * of the QKV, output, first and second FFN linear layers, and the scale and shift of the two
   * LayerNorms. A ZeRO-3 that gathers tensor by tensor issues this many all-gathers a layer.
   */
  private static final int PARAMETER_TENSORS_PER_LAYER = 12;

  /**
   * Gradient values a ZeRO-3 that does not hide its collectives reduce-scatters at a time:
   * DeepSpeed's {@code reduce_bucket_size} default (5·10⁸ elements, DeepSpeed configuration
   * documentation).
   */
  private static final double REDUCE_BUCKET_VALUES = 5e8;

  /**
   * Megatron-LM's default gradient bucket: max(4·10⁷, 10⁶ · data-parallel ranks) parameters
   * (megatron/core/distributed/distributed_data_parallel.py, {@code bucket_size} left unset).
   */
  private static final double BUCKET_MIN_VALUES = 4e7;

  private static final double BUCKET_VALUES_PER_RANK = 1e6;

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
    boolean block = c.recompute() == Recompute.BLOCK;
    Device dev = new Device(ctx, block ? c.withRecompute(Recompute.FULL) : c);
    Layer dense = denseLayer(dev);
    Layer moe = m.isMoe() ? moeLayer(dev) : dense;
    int microBatches = Math.max(1, microBatches(ctx, c));
    PipelineSplit split = PipelineSplit.of(m, c.pipeline(), c.interleave());
    Params params = Params.of(dev, split);
    MemoryBreakdown memory = memory(dev, params, split, microBatches);

    // ---- block recomputation: as few whole layers as the memory needs, the rest keep everything
    double recomputed = 1;
    if (block) {
      Device keptDev = new Device(ctx, c.withRecompute(Recompute.NONE));
      MemoryBreakdown kept = memory(keptDev, params, split, microBatches);
      PipelineSplit.DeviceLayers first = split.devices().get(0);
      recomputed =
          recomputedShare(
              kept,
              memory,
              cal.fillableMemoryBytes(ctx.memoryBytes()),
              first.denseLayers() + first.moeLayers());
      if (recomputed < 1) {
        Layer keptDense = denseLayer(keptDev);
        dense = Layer.blend(keptDense, dense, recomputed);
        moe = m.isMoe() ? Layer.blend(moeLayer(keptDev), moe, recomputed) : dense;
        memory =
            new MemoryBreakdown(
                memory.weightsBytes(),
                memory.gradientsBytes(),
                memory.optimizerBytes(),
                kept.activationsBytes()
                    + recomputed * (memory.activationsBytes() - kept.activationsBytes()),
                memory.otherBytes());
      }
    }

    // ---- pipeline: the busiest device's layers, the output layer, the sends
    double logits = logitsSeconds(dev);
    double sends = 0;
    if (c.pipeline() > 1) {
      double bytes = dev.tokens * m.hiddenSize() * dev.act / c.tensor();
      double link =
          (long) c.tensor() * c.pipeline() <= ctx.scaleUpDomainSize()
              ? dev.pairScaleUp
              : dev.scaleOut;
      sends =
          2 * c.interleave() * Collectives.sendSeconds(bytes, link, cal.collectiveLatencySeconds());
    }
    // A pipelined MoE model's host trails the GPU by a layer (each MoE layer's forward waits on
    // its expert token counts): every forward chunk pays one more MoE layer's host wait.
    double chunkHost = m.isMoe() && c.pipeline() > 1 ? c.interleave() * moeHostWait(dev) : 0;
    double stageTime = 0;
    double exposedSends = sends;
    PipelineSplit.DeviceLayers busiest = null;
    // The interleaved schedule posts each chunk's sends and receives ahead and waits on them only
    // when the data is needed, behind the neighbouring chunk's computation (Megatron Core's
    // overlap_p2p_comm); the plain 1F1B schedule waits on them.
    boolean overlapSends = c.interleave() > 1;
    for (PipelineSplit.DeviceLayers d : split.devices()) {
      double kernels =
          d.denseLayers() * dense.kernels
              + d.moeLayers() * moe.kernels
              + (d.holdsOutput() ? logits : 0);
      double deviceSends = overlapSends ? dev.overlapped(sends, kernels) : sends;
      double time =
          d.denseLayers() * dense.seconds
              + d.moeLayers() * moe.seconds
              + (d.holdsOutput() ? logits : 0)
              + deviceSends
              + (d.moeLayers() > 0 ? chunkHost : 0);
      if (busiest == null || time > stageTime) {
        stageTime = time;
        busiest = d;
        exposedSends = deviceSends;
      }
    }
    double bubble;
    if (ctx.options().pipelineSchedule() == PipelineSchedule.ZERO_BUBBLE && c.interleave() == 1) {
      // ZB-H1 (Qi et al. 2024): the weight-gradient half of the backward fills the warm-up and
      // cool-down, so the bubble is (p − 1)(T_F + T_B − T_W) = (p − 1)(stage − 2·T_W), T_W half
      // the stage's backward kernels (the output layer's backward is two of its three passes).
      double stageBackward =
          busiest.denseLayers() * dense.backwardKernels
              + busiest.moeLayers() * moe.backwardKernels
              + (busiest.holdsOutput() ? 2.0 / 3 * logits : 0);
      bubble = (c.pipeline() - 1.0) * Math.max(0, stageTime - stageBackward);
    } else {
      bubble = (c.pipeline() - 1.0) / c.interleave() * stageTime;
    }
    double pipelineTime = microBatches * stageTime + bubble;

    // ---- data-parallel reduction, ZeRO and FSDP traffic
    double forwardOne =
        busiest.denseLayers() * dense.forwardKernels + busiest.moeLayers() * moe.forwardKernels;
    double backwardOne =
        busiest.denseLayers() * dense.backwardKernels + busiest.moeLayers() * moe.backwardKernels;
    DataParallel dp = DataParallel.of(dev, params, microBatches, forwardOne, backwardOne, split);
    double optimizerParams = c.zeroStage() >= 1 ? params.sharded() : params.total();
    double optimizer =
        optimizerParams
            * (OPTIMIZER_BYTES_PER_PARAMETER + ctx.gradientBytes())
            / (ctx.memoryBandwidthBytesPerSecond() * cal.memory());

    double iteration = pipelineTime + dp.exposedSeconds + optimizer;
    double stageKernels =
        busiest.denseLayers() * dense.kernels
            + busiest.moeLayers() * moe.kernels
            + (busiest.holdsOutput() ? logits : 0);
    double compute = microBatches * stageKernels + optimizer;
    double tensorComm =
        microBatches
            * (busiest.denseLayers() * dense.tensorExposed
                + busiest.moeLayers() * moe.tensorExposed);
    double expertComm = microBatches * busiest.moeLayers() * moe.expertExposed;
    double contextComm =
        microBatches
            * (busiest.denseLayers() * dense.contextExposed
                + busiest.moeLayers() * moe.contextExposed);
    double host =
        microBatches
            * (busiest.denseLayers() * dense.hostExposed
                + busiest.moeLayers() * moe.hostExposed
                + (busiest.moeLayers() > 0 ? chunkHost : 0));
    double sendComm = microBatches * exposedSends;
    double exposedComm = tensorComm + sendComm + expertComm + contextComm + dp.exposedSeconds;

    double tokensPerIteration = (double) ctx.globalBatchSequences() * ctx.sequenceLength();
    double modelFlops = Flops.modelPerToken(m, ctx.sequenceLength()) * tokensPerIteration;
    double megatronFlops =
        blendRecompute(recomputed, r -> Flops.megatronPerToken(m, ctx.sequenceLength(), r), c)
            * tokensPerIteration;
    double executedFlops =
        blendRecompute(
                recomputed,
                r -> Flops.executedPerToken(m, ctx.sequenceLength(), r, ctx.fusedAttention()),
                c)
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
        dp.exposedSeconds,
        expertComm,
        contextComm,
        host,
        modelFlops,
        megatronFlops,
        executedFlops,
        memory,
        memory.totalBytes() <= cal.fillableMemoryBytes(ctx.memoryBytes()));
  }

  /**
   * Share of a device's layers that full recomputation must recompute for the memory to fit: none
   * when every activation fits ({@code kept}), all when only the layer inputs do ({@code full}),
   * else the fewest whole layers of the first stage's {@code layers} between (activations fall
   * linearly with each layer that keeps only its input).
   */
  static double recomputedShare(
      MemoryBreakdown kept, MemoryBreakdown full, double fillableBytes, int layers) {
    double over = kept.totalBytes() - fillableBytes;
    double saved = kept.totalBytes() - full.totalBytes();
    if (over <= 0) {
      return 0;
    }
    if (saved <= 0 || over >= saved || layers < 1) {
      return 1;
    }
    return Math.min(1, Math.ceil(over / saved * layers - 1e-9) / layers);
  }

  /** A per-token FLOP count, {@code share} of the layers fully recomputed in block mode. */
  private static double blendRecompute(
      double share, ToDoubleFunction<Recompute> perToken, ParallelConfig c) {
    if (c.recompute() != Recompute.BLOCK) {
      return perToken.applyAsDouble(c.recompute());
    }
    double kept = perToken.applyAsDouble(Recompute.NONE);
    return kept + share * (perToken.applyAsDouble(Recompute.FULL) - kept);
  }

  // =====================================================================================
  // One device's view of the configuration.

  /** Shapes, rates and links of one device under one configuration. */
  private static final class Device {
    final TrainingContext ctx;
    final ParallelConfig c;
    final TransformerModel m;
    final Calibration cal;
    final double tokens;
    final double act;
    final double linearPeak;
    final double linearEfficiency;
    final double peak16;
    final double memBw;
    final double lat;
    final double scaleOut;
    final double pairScaleUp;
    final double tensorLink;

    Device(TrainingContext ctx, ParallelConfig c) {
      this.ctx = ctx;
      this.c = c;
      this.m = ctx.model();
      this.cal = ctx.calibration();
      this.tokens = (double) c.microBatch() * ctx.sequenceLength() / c.context();
      this.act = ctx.activationBytes();
      this.linearPeak = ctx.linearPeakFlopPerSecond();
      this.linearEfficiency = ctx.linearMatmulEfficiency();
      this.peak16 = ctx.peak16FlopPerSecond();
      this.memBw = ctx.memoryBandwidthBytesPerSecond() * cal.memory();
      this.lat = cal.collectiveLatencySeconds();
      this.scaleOut = ctx.scaleOutBytesPerSecond() * cal.collective();
      this.pairScaleUp = scaleUpGroup(2) * cal.collective();
      this.tensorLink = groupLink(c.tensor(), 1);
    }

    /** Scale-up bandwidth per direction for a collective among {@code group} accelerators. */
    double scaleUpGroup(int group) {
      if (group >= 2 && ctx.scaleUpTopology() != null && ctx.scaleUpDomainSize() > 1) {
        return ScaleUpLinks.groupBytesPerSecond(
            ctx.scaleUpTopology(),
            ctx.scaleUpBidirectionalBytesPerSecond(),
            ctx.scaleUpDomainSize(),
            group);
      }
      return ctx.scaleUpBidirectionalBytesPerSecond() / 2;
    }

    /**
     * Link of a collective among {@code group} ranks placed {@code stride} apart: the scale-up
     * domain when they fit it, else the fabric.
     */
    double groupLink(int group, int stride) {
      return (long) group * stride <= ctx.scaleUpDomainSize()
          ? scaleUpGroup(group) * cal.collective()
          : scaleOut;
    }

    /** Seconds of {@code count} multiplies (m×k)·(k×n) in the linear layers' precision. */
    double linear(double rows, double n, double k, double count) {
      return gemm(rows, n, k, count, linearPeak, linearEfficiency, cal.matmulHalfDimension());
    }

    /** Seconds of multiplies kept in 16 bits (router, output layer, unfused attention). */
    double sixteenBit(double rows, double n, double k, double count) {
      return gemm(rows, n, k, count, peak16, cal.matmul(), cal.matmulHalfDimension());
    }

    /** Seconds the overlapped collective adds to the computation it hides behind. */
    double overlapped(double comm, double compute) {
      return Math.max(0, comm - compute) + cal.overlapSlowdown() * Math.min(comm, compute);
    }
  }

  /**
   * Seconds of {@code count} matrix multiplies of (m×k)·(k×n): 2·m·n·k FLOPs each at {@code peak}
   * times {@code efficiency} times the shape factor Π x/(x + x½).
   */
  static double gemm(
      double m, double n, double k, double count, double peak, double efficiency, double x0) {
    double e = efficiency * (m / (m + x0)) * (n / (n + x0)) * (k / (k + x0));
    return 2 * m * n * k * count / (peak * e);
  }

  // =====================================================================================
  // Layers.

  /**
   * One layer on one device for one micro-batch, forward, backward and recomputation together.
   *
   * @param seconds what the layer takes: kernels (or the host's issue time, if longer), exposed
   *     communication and the host's waits
   * @param kernels kernel time alone
   * @param forwardKernels the forward pass's kernels (a window for overlapping collectives)
   * @param backwardKernels the backward pass's kernels
   * @param tensorExposed tensor-parallel communication on the critical path (or what overlapping it
   *     costs)
   * @param expertExposed expert all-to-all on the critical path (or what overlapping it costs)
   * @param contextExposed context-parallel exchange left after the attention core hides it
   * @param hostExposed what the host adds: the issue time beyond the kernels, and MoE waits
   */
  private record Layer(
      double seconds,
      double kernels,
      double forwardKernels,
      double backwardKernels,
      double tensorExposed,
      double expertExposed,
      double contextExposed,
      double hostExposed) {

    /** The layer with {@code share} of its instances recomputed ({@code full}), the rest not. */
    static Layer blend(Layer kept, Layer full, double share) {
      return new Layer(
          mix(kept.seconds, full.seconds, share),
          mix(kept.kernels, full.kernels, share),
          mix(kept.forwardKernels, full.forwardKernels, share),
          mix(kept.backwardKernels, full.backwardKernels, share),
          mix(kept.tensorExposed, full.tensorExposed, share),
          mix(kept.expertExposed, full.expertExposed, share),
          mix(kept.contextExposed, full.contextExposed, share),
          mix(kept.hostExposed, full.hostExposed, share));
    }

    private static double mix(double kept, double full, double share) {
      return kept + share * (full - kept);
    }
  }

  /** The attention half of a layer, shared by dense and MoE layers: forward kernel seconds. */
  private record AttentionPart(double linear, double core, double elementwise) {}

  private static AttentionPart attentionPart(Device d) {
    TransformerModel m = d.m;
    int t = d.c.tensor();
    double h = m.hiddenSize();
    double qk = m.queryKeyHeadDim();
    double v = m.headDim();
    double heads = m.attentionHeads();
    double kv = m.kvHeads();
    double linear;
    if (m.attentionProjectionParameters().isPresent()) {
      // Low-rank projections (multi-head latent attention): one multiply of the same parameters.
      linear = d.linear(d.tokens, m.attentionParametersPerLayer() / (h * t), h, 1);
    } else {
      linear =
          d.linear(d.tokens, (heads * qk + kv * qk + kv * v) / t, h, 1)
              + d.linear(d.tokens, h, heads * v / t, 1);
    }
    double core = attentionCoreSeconds(d);
    double rope = 2 * (heads + kv) * qk / t;
    double hidden = HIDDEN_VALUES_PER_TOKEN * h / (d.c.sequenceParallel() ? t : 1);
    double elementwise = d.tokens * (hidden + rope) * d.act;
    double castInputs = h + heads * v / t;
    double castOutputs = (heads * qk + 2 * kv * v) / t + h;
    elementwise += d.tokens * castBytes(d.ctx.precision(), castInputs, castOutputs);
    return new AttentionPart(linear, core, elementwise / d.memBw);
  }

  /** Forward seconds of one layer's attention core, averaged over full and windowed layers. */
  private static double attentionCoreSeconds(Device d) {
    TransformerModel m = d.m;
    double s = d.ctx.sequenceLength();
    double full = attentionCoreSeconds(d, s, false);
    if (m.slidingWindowLayers() == 0) {
      return full;
    }
    double windowed = attentionCoreSeconds(d, m.attendedKeys(true, s), true);
    return (full * m.fullAttentionLayers() + windowed * m.slidingWindowLayers()) / m.layers();
  }

  private static double attentionCoreSeconds(Device d, double keys, boolean windowed) {
    TransformerModel m = d.m;
    int t = d.c.tensor();
    double localHeads = (double) m.attentionHeads() / t;
    double qk = m.queryKeyHeadDim();
    double v = m.headDim();
    AttentionKernel kernel = d.ctx.options().attention();
    if (kernel == AttentionKernel.UNFUSED) {
      double scores = d.c.microBatch() * localHeads * (d.tokens / d.c.microBatch()) * keys;
      return d.sixteenBit(d.tokens / d.c.microBatch(), keys, qk, d.c.microBatch() * localHeads)
          + d.sixteenBit(d.tokens / d.c.microBatch(), v, keys, d.c.microBatch() * localHeads)
          + scores * SOFTMAX_BYTES_PER_SCORE * (d.act / 2) / d.memBw;
    }
    // Causal: of n × n score blocks the kernel computes the n(n+1)/2 on and below the diagonal.
    double blocks = Math.max(1, keys / ATTENTION_BLOCK);
    double computed = windowed ? 1 : (blocks + 1) / (2 * blocks);
    double flops = 2 * d.tokens * keys * localHeads * (qk + v) * computed;
    double efficiency =
        (kernel == AttentionKernel.TUNED ? d.cal.attention() : d.cal.attentionPortable())
            * d.ctx.attentionSpeedup()
            * (v / (v + ATTENTION_HEAD_DIM_HALF))
            / (ATTENTION_REFERENCE_HEAD_DIM
                / (ATTENTION_REFERENCE_HEAD_DIM + ATTENTION_HEAD_DIM_HALF));
    return flops / (d.peak16 * Math.min(1, efficiency));
  }

  /**
   * Bytes per token of quantising the inputs of a layer's linear multiplies ({@code inputs} values
   * per token) forward and their output gradients ({@code outputs}) backward, all passes together:
   * FP8 reads 2 bytes and writes 1, and transposes both for the weight gradient (Hopper's FP8
   * multiplies take one layout); MXFP8 writes a row-wise and a column-wise copy in one pass; NVFP4
   * does the same at half a byte and applies a random Hadamard transform to the weight-gradient
   * operands (NVIDIA 2025, Pretraining LLMs with NVFP4, §4).
   */
  private static double castBytes(Precision p, double inputs, double outputs) {
    return switch (p) {
      case FP32, FP16, BF16 -> 0;
      case FP8 -> (2 + 1 + 1 + 1) * (inputs + outputs);
      case MXFP8 -> (2 + 2 * Precision.MXFP8.bytes()) * (inputs + outputs);
      case NVFP4 -> (2 + 2 * Precision.NVFP4.bytes() + 2 + 2) * (inputs + outputs);
      case MXFP4 -> (2 + 2 * Precision.MXFP4.bytes() + 2 + 2) * (inputs + outputs);
    };
  }

  /** Tensor-parallel collectives of one pass of a layer: two all-reduces of b·s·h values. */
  private static double tensorParallelPass(Device d) {
    int t = d.c.tensor();
    if (t <= 1) {
      return 0;
    }
    double bytes = d.tokens * d.m.hiddenSize() * d.act;
    return 2 * Collectives.allReduceSeconds(bytes, t, d.tensorLink, d.lat);
  }

  /** Context-parallel exchange of keys and values in a ring, behind the attention core. */
  private static double contextParallelPass(Device d, double attentionCore) {
    int cp = d.c.context();
    if (cp <= 1) {
      return 0;
    }
    TransformerModel m = d.m;
    double kvBytes =
        2 * d.tokens * Math.max(1, (double) m.kvHeads() / d.c.tensor()) * m.headDim() * d.act;
    double link = d.groupLink(cp, d.c.tensor());
    double exchange = (cp - 1) * Collectives.sendSeconds(kvBytes, link, d.lat);
    return d.overlapped(exchange, attentionCore);
  }

  private static Layer denseLayer(Device d) {
    TransformerModel m = d.m;
    int t = d.c.tensor();
    double h = m.hiddenSize();
    double f = m.ffnHiddenSize();
    double gate = m.ffnGated() ? 2 : 1;
    AttentionPart a = attentionPart(d);
    double ffnLinear = d.linear(d.tokens, gate * f / t, h, 1) + d.linear(d.tokens, h, f / t, 1);
    double activation = d.tokens * (gate + 1) * f / t * d.act;
    double ffnCasts = d.tokens * castBytes(d.ctx.precision(), h + f / t, gate * f / t + h);
    double ffnElementwise = (activation + ffnCasts) / d.memBw;
    return layer(d, a, ffnLinear, ffnElementwise, 0, 0);
  }

  private static Layer moeLayer(Device d) {
    TransformerModel m = d.m;
    int t = d.c.tensor();
    int ep = d.c.expert();
    int et = d.c.expertTensor();
    double h = m.hiddenSize();
    double fe = m.expertFfnHiddenSize();
    double gate = m.ffnGated() ? 2 : 1;
    double k = m.activeExperts();
    AttentionPart a = attentionPart(d);
    double imbalance = d.ctx.options().expertLoadImbalance();
    double localExperts = (double) m.experts() / ep;
    // Each rank routes its T/t tokens (sequence-parallel shard); an expert split et ways sees the
    // tokens of its et ranks: T·k·e·et/(t·E) for the busiest rank.
    double tokensPerExpert =
        Math.max(1, d.tokens * k * ep * et / ((double) t * m.experts()) * imbalance);
    double routed = tokensPerExpert * localExperts;
    double experts =
        d.linear(tokensPerExpert, gate * fe / et, h, localExperts)
            + d.linear(tokensPerExpert, h, fe / et, localExperts);
    double shared = 0;
    if (m.sharedExperts() > 0) {
      double width = fe * m.sharedExperts();
      shared = d.linear(d.tokens, gate * width / t, h, 1) + d.linear(d.tokens, h, width / t, 1);
    }
    double router = d.sixteenBit(d.tokens, m.experts(), h, 1);
    // Permutation into expert order and back: read and write each routed token's hidden vector.
    double permute = 2 * 2 * d.tokens * k * h * d.act;
    double activation = routed * (gate + 1) * fe / et * d.act;
    double casts =
        routed * castBytes(d.ctx.precision(), h + fe / et, gate * fe / et + h)
            + (m.sharedExperts() > 0
                ? d.tokens
                    * castBytes(
                        d.ctx.precision(),
                        h + fe * m.sharedExperts() / t,
                        (gate + 1) * fe * m.sharedExperts() / t)
                : 0);
    double elementwise = (permute + activation + casts) / d.memBw;

    // Dispatch and combine: each token travels once to every rank (and every node) that holds
    // one of its k experts, as DeepEP-style dispatchers send it, then back.
    double allToAll = expertAllToAllSeconds(d, d.tokens / t * h * d.act);
    return layer(d, a, experts + shared + router, elementwise, allToAll, moeHostWait(d));
  }

  /**
   * What the host makes one MoE layer wait, forward and backward: the wait for the expert token
   * counts and the grouped multiplies issued expert by expert.
   */
  private static double moeHostWait(Device d) {
    double localExperts = (double) d.m.experts() / d.c.expert();
    return d.cal.moeHostSeconds() + localExperts * d.cal.expertHostSeconds();
  }

  /**
   * Expected groups a token's k experts fall in, when {@code experts} experts are split evenly over
   * {@code groups} groups (ranks or nodes) and the k are distinct and uniform: G·(1 − C(E − E/G,
   * k)/C(E, k)).
   */
  static double distinctGroups(int experts, int active, int groups) {
    if (groups <= 1) {
      return 1;
    }
    double perGroup = (double) experts / groups;
    double miss = 1;
    for (int i = 0; i < active; i++) {
      miss *= Math.max(0, (experts - perGroup - i) / (experts - i));
    }
    return groups * (1 - miss);
  }

  /**
   * One all-to-all among the expert-parallel ranks, each sending {@code tokenBytes} per token copy:
   * over the scale-up links when the group fits the domain, else each token crosses the fabric once
   * per remote node it is routed to (and is forwarded inside the node), while the node-local copies
   * move over the scale-up links.
   */
  private static double expertAllToAllSeconds(Device d, double tokenBytes) {
    TransformerModel m = d.m;
    int ep = d.c.expert();
    int et = d.c.expertTensor();
    if (ep <= 1) {
      return 0;
    }
    int domain = d.ctx.scaleUpDomainSize();
    double ranks = distinctGroups(m.experts(), m.activeExperts(), ep);
    if ((long) ep * et <= domain) {
      return Collectives.allToAllSeconds(tokenBytes * ranks, ep, d.groupLink(ep, et), d.lat);
    }
    int local = Math.max(1, domain / et);
    int nodes = Math.max(2, ep / local);
    double remote =
        tokenBytes * distinctGroups(m.experts(), m.activeExperts(), nodes) * (nodes - 1.0) / nodes;
    double onNode = tokenBytes * ranks * (local - 1.0) / ep;
    double scaleUp = d.scaleUpGroup(local) * d.cal.collective();
    return Math.max(onNode / scaleUp, remote / d.scaleOut) + d.lat;
  }

  /**
   * A layer from its attention part and its FFN part (forward kernel seconds); {@code
   * allToAllOneWay} is one all-to-all (MoE), {@code hostWait} the host time the layer exposes.
   */
  private static Layer layer(
      Device d,
      AttentionPart a,
      double ffnLinear,
      double ffnElementwise,
      double allToAllOneWay,
      double hostWait) {
    Recompute r = d.c.recompute();
    double linear = a.linear() + ffnLinear;
    double elementwise = a.elementwise() + ffnElementwise;
    double attentionBackward =
        d.ctx.options().attention().fused() ? FUSED_ATTENTION_BACKWARD : BACKWARD;
    double forward = linear + a.core() + elementwise;
    double backward = BACKWARD * (linear + elementwise) + attentionBackward * a.core();
    double recompute =
        switch (r) {
          case NONE -> 0;
          case SELECTIVE -> d.ctx.fusedAttention() ? 0 : a.core();
          case FULL, BLOCK -> forward;
          case SELECTIVE_OP -> 0.5 * linear + elementwise + (d.ctx.fusedAttention() ? 0 : a.core());
        };
    double passes = 2 + (r == Recompute.FULL ? 1 : 0);
    double contextExchange = contextParallelPass(d, a.core()) * passes;
    double kernels = forward + backward + recompute;
    // The host issues the recomputed forward too: a third more kernels.
    double hostScale = r == Recompute.FULL ? 4.0 / 3 : 1;
    double hostFloor = d.cal.layerHostSeconds() * hostScale;

    // Tensor parallel: two all-reduces per pass, hidden behind the linear multiplies on request.
    double tensorPass = tensorParallelPass(d);
    double tensor =
        d.ctx.options().tensorParallelOverlap()
            ? passes * d.overlapped(tensorPass, linear)
            : passes * tensorPass;
    // MoE: dispatch and combine each pass (2 forward, 2 backward, 2 more when recomputing).
    double allToAll = 2 * passes * allToAllOneWay;
    double expert = d.ctx.options().expertOverlap() ? d.overlapped(allToAll, kernels) : allToAll;
    double host = Math.max(0, hostFloor - kernels) + hostWait * hostScale;
    double seconds = kernels + tensor + expert + contextExchange + host;
    return new Layer(seconds, kernels, forward, backward, tensor, expert, contextExchange, host);
  }

  /** The output layer and loss on the last stage: logits multiply (16-bit), fp32 softmax. */
  private static double logitsSeconds(Device d) {
    double vocabLocal = (double) d.m.vocabularySize() / d.c.tensor();
    return 3 * d.sixteenBit(d.tokens, vocabLocal, d.m.hiddenSize(), 1)
        + d.tokens * vocabLocal * 4 * 3 / d.memBw;
  }

  // =====================================================================================
  // Parameters.

  /**
   * Parameters on the fullest device.
   *
   * @param nonExpert parameters every data-parallel rank of the stage holds a copy of
   * @param expert expert parameters, replicated over the expert-data-parallel ranks only
   * @param largestLayer parameters of the device's largest layer (an FSDP gather unit)
   * @param layers layers on the device
   * @param shardRanks ranks ZeRO shards the non-expert parameters over
   * @param expertShardRanks ranks ZeRO shards the expert parameters over: only the ranks that hold
   *     the same experts (the expert-data-parallel group)
   */
  private record Params(
      double nonExpert,
      double expert,
      double largestLayer,
      int layers,
      int shardRanks,
      int expertShardRanks) {
    double total() {
      return nonExpert + expert;
    }

    /** Parameters per rank once ZeRO shards them. */
    double sharded() {
      return nonExpert / shardRanks + expert / expertShardRanks;
    }

    static Params of(Device d, PipelineSplit split) {
      TransformerModel m = d.m;
      int t = d.c.tensor();
      double h = m.hiddenSize();
      double attention = m.attentionParametersPerLayer() / t + 4 * h;
      double dense = attention + m.ffnParameters(m.ffnHiddenSize()) / t;
      double expertsPerLayer =
          m.isMoe()
              ? (double) m.experts()
                  / d.c.expert()
                  * m.ffnParameters(m.expertFfnHiddenSize())
                  / d.c.expertTensor()
              : 0;
      double moeNonExpert =
          attention
              + m.sharedExperts() * m.ffnParameters(m.expertFfnHiddenSize()) / t
              + h * m.experts();
      double embedding = (double) m.vocabularySize() * h / t;
      double nonExpert = 0;
      double expert = 0;
      int layers = 0;
      for (PipelineSplit.DeviceLayers dl : split.devices()) {
        double ne =
            dl.denseLayers() * dense
                + dl.moeLayers() * moeNonExpert
                + (dl.holdsEmbedding() ? embedding : 0)
                + (dl.holdsOutput() && !(dl.holdsEmbedding() && m.tiedEmbeddings())
                    ? embedding
                    : 0);
        double ex = dl.moeLayers() * expertsPerLayer;
        if (ne + ex > nonExpert + expert) {
          nonExpert = ne;
          expert = ex;
          layers = dl.denseLayers() + dl.moeLayers();
        }
      }
      double largest = Math.max(dense, m.isMoe() ? moeNonExpert + expertsPerLayer : 0);
      int shard = d.c.zeroStage() == 3 ? d.c.shardGroup() * d.c.context() : dpRanks(d);
      int expertShard = Math.max(1, Math.min(expertDataRanks(d), shard));
      return new Params(nonExpert, expert, largest, Math.max(1, layers), shard, expertShard);
    }
  }

  private static int dpRanks(Device d) {
    return d.c.data() * d.c.context();
  }

  /**
   * Ranks that hold the same experts and reduce their gradients: the stage's data × tensor ×
   * context ranks over the expert-parallel × expert-tensor group they fold into.
   */
  private static int expertDataRanks(Device d) {
    long ranks = (long) d.c.data() * d.c.context() * d.c.tensor();
    return (int) Math.max(1, ranks / ((long) d.c.expert() * d.c.expertTensor()));
  }

  // =====================================================================================
  // Data parallelism.

  /** Data-parallel traffic left on the critical path, per iteration. */
  private record DataParallel(double exposedSeconds) {
    static DataParallel of(
        Device d,
        Params params,
        int microBatches,
        double forwardOne,
        double backwardOne,
        PipelineSplit split) {
      ParallelConfig c = d.c;
      TrainingContext ctx = d.ctx;
      int ranks = dpRanks(d);
      int expertRanks = expertDataRanks(d);
      // Ranks of one data-parallel group sharing a scale-up domain (a server's NVLink, an NVL72
      // rack, a TPU pod's ICI); the rest cross the fabric, one NIC per rank.
      int domain = Math.max(ctx.acceleratorsPerServer(), ctx.scaleUpDomainSize());
      int perNode = c.tensor() >= domain ? 1 : Math.max(1, Math.min(ranks, domain / c.tensor()));
      int nodes = (ranks + perNode - 1) / perNode;
      double out = nodes > ctx.serversPerLeaf() ? d.scaleOut / ctx.oversubscription() : d.scaleOut;
      double up = d.scaleUpGroup(perNode) * d.cal.collective();
      double grad = ctx.gradientBytes();
      double weight = d.act;
      double lat = d.lat;
      if (c.zeroStage() == 3) {
        return fsdp(d, params, microBatches, forwardOne, backwardOne, perNode, up, out);
      }
      // Gradients are reduced bucket by bucket as the backward produces them (Megatron-LM's
      // buckets of max(4·10⁷, 10⁶·d) parameters), each bucket a collective with its own ring
      // latency. The last bucket (the first layers, and the embedding) is ready only when the
      // backward ends, and the next forward waits for the first bucket's gathered weights: one
      // bucket each way stays on the critical path whatever the overlap.
      double buckets = Math.max(1, Math.ceil(params.nonExpert() / bucketValues(ranks)));
      double bucketReduce =
          Collectives.hierarchicalAllReduceSeconds(
              params.nonExpert() / buckets * grad, ranks, perNode, up, out, lat);
      double nonExpertGrad = buckets * bucketReduce;
      double expertBuckets =
          Math.max(1, Math.ceil(params.expert() / bucketValues(Math.max(1, expertRanks))));
      double expertGrad =
          expertBuckets
              * Collectives.hierarchicalAllReduceSeconds(
                  params.expert() / expertBuckets * grad,
                  expertRanks,
                  Math.min(perNode, expertRanks),
                  up,
                  out,
                  lat);
      double hidden = nonExpertGrad + expertGrad - bucketReduce;
      if (c.zeroStage() == 0) {
        return new DataParallel(d.overlapped(hidden, backwardOne) + bucketReduce);
      }
      // A reduce-scatter and an all-gather each move half an all-reduce's bytes.
      double reduceScatter = 0.5 * hidden;
      double scatterTail = 0.5 * bucketReduce;
      double weightBuckets = Math.max(1, Math.ceil(params.total() / bucketValues(ranks)));
      double gatherTail =
          0.5
              * Collectives.hierarchicalAllReduceSeconds(
                  params.total() / weightBuckets * weight, ranks, perNode, up, out, lat);
      double gather = (weightBuckets - 1) * gatherTail;
      if (c.zeroStage() == 2) {
        // Sharded gradients cannot accumulate locally: every micro-batch reduce-scatters.
        return new DataParallel(
            microBatches * (d.overlapped(reduceScatter, backwardOne) + scatterTail)
                + d.overlapped(gather, forwardOne)
                + gatherTail);
      }
      return new DataParallel(
          d.overlapped(reduceScatter, backwardOne)
              + scatterTail
              + d.overlapped(gather, forwardOne)
              + gatherTail);
    }

    /** Parameters in one gradient bucket over {@code ranks} data-parallel ranks. */
    private static double bucketValues(int ranks) {
      return Math.max(BUCKET_MIN_VALUES, BUCKET_VALUES_PER_RANK * ranks);
    }

    /**
     * ZeRO-3: per micro-batch, each layer's weights gathered for the forward and again for the
     * backward, its gradients reduce-scattered, each behind a neighbouring layer's computation; the
     * first gather is exposed. With hybrid sharding, one all-reduce of the gradient shard across
     * the groups per iteration, behind the last backward.
     */
    private static DataParallel fsdp(
        Device d,
        Params params,
        int microBatches,
        double forwardOne,
        double backwardOne,
        int perNode,
        double up,
        double out) {
      ParallelConfig c = d.c;
      int group = c.shardGroup() * c.context();
      int groupPerNode = Math.min(perNode, group);
      double layerWeights = params.total() / params.layers() * d.act;
      double layerGrads = params.total() / params.layers() * d.ctx.gradientBytes();
      double gather =
          Collectives.ringAllGatherSeconds(layerWeights, group, groupPerNode, up, out, d.lat);
      double scatter =
          Collectives.ringAllGatherSeconds(layerGrads, group, groupPerNode, up, out, d.lat);
      int layers = params.layers();
      double forwardLayer = forwardOne / layers;
      double backwardLayer = backwardOne / layers;
      double perMicroBatch;
      if (d.ctx.options().shardedGathers() == ShardedGathers.TENSOR) {
        // Each parameter tensor gathered by itself, twice, the gradients reduce-scattered bucket
        // by bucket, and nothing hidden: the ring's n − 1 steps of latency are paid once per
        // tensor and per bucket, the bytes once per layer.
        double ringLatency = Math.max(0, group - 1) * d.lat;
        double layerValues = params.total() / params.layers();
        double buckets = Math.max(1, Math.ceil(layerValues / REDUCE_BUCKET_VALUES));
        double gatherTensors = gather + (PARAMETER_TENSORS_PER_LAYER - 1) * ringLatency;
        double scatterBuckets = scatter + (buckets - 1) * ringLatency;
        perMicroBatch = layers * (2 * gatherTensors + scatterBuckets);
      } else {
        perMicroBatch =
            layers * d.overlapped(gather, forwardLayer)
                + layers * d.overlapped(gather + scatter, backwardLayer)
                + gather;
      }
      double exposed = microBatches * perMicroBatch;
      if (c.hybridSharded()) {
        int replicas = c.data() / c.shardGroup();
        double shardGrads = params.total() / group * d.ctx.gradientBytes();
        double across =
            Collectives.allReduceSeconds(shardGrads, replicas, perNode > group ? up : out, d.lat);
        exposed += d.overlapped(across, backwardOne);
      }
      return new DataParallel(exposed);
    }
  }

  // =====================================================================================
  // Memory.

  private static MemoryBreakdown memory(
      Device d, Params params, PipelineSplit split, int microBatches) {
    TransformerModel m = d.m;
    ParallelConfig c = d.c;
    TrainingContext ctx = d.ctx;
    MemoryModel.StateBytes bytes = MemoryModel.StateBytes.of(ctx.precision(), ctx.gradientBytes());
    MemoryBreakdown states =
        add(
            MemoryModel.modelStates(params.nonExpert(), params.shardRanks(), c.zeroStage(), bytes),
            MemoryModel.modelStates(
                params.expert(), params.expertShardRanks(), c.zeroStage(), bytes));

    double s = ctx.sequenceLength();
    double sLocal = s / c.context();
    Recompute activationRecompute =
        ctx.fusedAttention() && c.recompute() == Recompute.NONE
            ? Recompute.SELECTIVE
            : c.recompute();
    MemoryModel.LayerShape denseShape =
        new MemoryModel.LayerShape(
            m.hiddenSize(),
            m.attentionHeads(),
            m.kvHeads(),
            m.headDim(),
            m.ffnHiddenSize(),
            m.ffnGated());
    double scale = d.act / 2;
    double densePerLayer =
        MemoryModel.activationBytesPerLayer(
                denseShape,
                sLocal,
                s,
                c.microBatch(),
                c.tensor(),
                c.sequenceParallel(),
                activationRecompute)
            * scale;
    double moePerLayer = densePerLayer;
    if (m.isMoe()) {
      // The routed FFN keeps k expert activations per token, and the permuted expert inputs.
      double routedFfn =
          (double) m.activeExperts() * m.expertFfnHiddenSize() * ctx.options().expertLoadImbalance()
              + (double) m.sharedExperts() * m.expertFfnHiddenSize();
      MemoryModel.LayerShape moeShape =
          new MemoryModel.LayerShape(
              m.hiddenSize(),
              m.attentionHeads(),
              m.kvHeads(),
              m.headDim(),
              routedFfn,
              m.ffnGated());
      moePerLayer =
          MemoryModel.activationBytesPerLayer(
                      moeShape,
                      sLocal,
                      s,
                      c.microBatch(),
                      c.tensor(),
                      c.sequenceParallel(),
                      activationRecompute)
                  * scale
              + (c.recompute() == Recompute.FULL
                  ? 0
                  : d.tokens * m.activeExperts() * m.hiddenSize() * d.act / c.tensor());
    }
    double inFlight = MemoryModel.inFlight(c.pipeline(), c.interleave(), microBatches);
    PipelineSplit.DeviceLayers first = split.devices().get(0);
    PipelineSplit.DeviceLayers last = split.devices().get(split.devices().size() - 1);
    // The 16-bit logits stay for the backward pass; a fused cross-entropy computes the fp32
    // softmax chunk by chunk and writes the gradient in their place.
    double vocabLocal = (double) m.vocabularySize() / c.tensor();
    double logitsBytes = d.tokens * vocabLocal * d.act;
    double firstActivations =
        (first.denseLayers() * densePerLayer + first.moeLayers() * moePerLayer) * inFlight
            + (first.holdsOutput() ? logitsBytes : 0);
    double lastActivations =
        (last.denseLayers() * densePerLayer + last.moeLayers() * moePerLayer)
            + (last.holdsOutput() ? logitsBytes : 0);
    double activations = Math.max(firstActivations, lastActivations);
    double fsdpBuffers =
        c.zeroStage() == 3 ? FSDP_LAYERS_IN_FLIGHT * params.largestLayer() * d.act : 0;
    double other = d.cal.reservedMemoryBytes() + fsdpBuffers;
    return new MemoryBreakdown(
        states.weightsBytes(),
        states.gradientsBytes(),
        states.optimizerBytes(),
        activations,
        other);
  }

  private static MemoryBreakdown add(MemoryBreakdown x, MemoryBreakdown y) {
    return new MemoryBreakdown(
        x.weightsBytes() + y.weightsBytes(),
        x.gradientsBytes() + y.gradientsBytes(),
        x.optimizerBytes() + y.optimizerBytes(),
        x.activationsBytes() + y.activationsBytes(),
        x.otherBytes() + y.otherBytes());
  }
}
