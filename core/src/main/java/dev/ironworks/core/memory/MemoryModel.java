package dev.ironworks.core.memory;

import dev.ironworks.core.scenario.Precision;
import dev.ironworks.core.scenario.Recompute;

/**
 * Training memory per accelerator.
 *
 * <p>Model states (Rajbhandari et al. 2020, ZeRO §3.1), per parameter: the weights in their compute
 * format, the gradients as they are accumulated and reduced, and Adam's fp32 master copy, momentum
 * and variance (12 bytes). DeepSpeed keeps 16-bit gradients (2 + 2 + 12 = 16 bytes, ZeRO's
 * accounting); Megatron-LM and PyTorch FSDP keep fp32 main gradients (2 + 4 + 12 = 18). Megatron's
 * distributed optimizer is ZeRO-1: the optimizer state sharded over the d data-parallel ranks;
 * ZeRO-2 shards the gradients too, ZeRO-3 (FSDP) everything. Low-precision recipes keep the bf16
 * weights and add cached quantised copies (Transformer Engine): FP8 one transposed 1-byte copy,
 * MXFP8 a row-wise and a column-wise copy of 1 + 1/32 bytes, NVFP4 two of 0.5 + 1/16 bytes. In fp32
 * weights and gradients take 4 bytes each and Adam 8.
 *
 * <p>Activations per layer and micro-batch (Korthikanti et al. 2022, §4, eq. 1-6), generalised from
 * multi-head attention and a 4h FFN to any head count, KV heads and FFN width: the attention block
 * keeps its input (2h), Q (2·a·d), K and V (2·2·kv·d), the projection input (2·a·d) and a dropout
 * mask (h) per token, plus 5·a·s per token for scores, softmax and its dropout; the MLP keeps its
 * input (2h), the activation input (2f, 4f gated), the second input (2f) and a mask (h); two layer
 * norms keep 4h. With multi-head attention and f = 4h this is s·b·h·(34 + 5·a·s/h). Tensor
 * parallelism splits all but 10·s·b·h (norms, block inputs, masks); sequence parallelism splits
 * those too; selective recomputation drops the 5·a·s term; full recomputation keeps only each
 * layer's 2·s·b·h input.
 */
public final class MemoryModel {
  private MemoryModel() {}

  /** Shape of one transformer layer, as the activation formulas need it. */
  public record LayerShape(
      double hidden, double heads, double kvHeads, double headDim, double ffn, boolean gated) {}

  /** Bytes of weights, gradients and optimizer state per parameter, before ZeRO sharding. */
  public record StateBytes(double weights, double gradients, double optimizer) {
    /** The recipe of {@code precision} with gradients kept in {@code gradientBytes} bytes. */
    public static StateBytes of(Precision precision, double gradientBytes) {
      return switch (precision) {
        case FP32 -> new StateBytes(4, 4, 8);
        case FP16, BF16 -> new StateBytes(2, gradientBytes, 12);
        case FP8 -> new StateBytes(2 + 1, gradientBytes, 12);
        case MXFP8 -> new StateBytes(2 + 2 * Precision.MXFP8.bytes(), gradientBytes, 12);
        case NVFP4 -> new StateBytes(2 + 2 * Precision.NVFP4.bytes(), gradientBytes, 12);
        case MXFP4 -> new StateBytes(2 + 2 * Precision.MXFP4.bytes(), gradientBytes, 12);
      };
    }
  }

  /**
   * Bytes per parameter of a checkpoint: the 16-bit weights and Adam's fp32 master copy and moments
   * (2 + 12), or fp32 weights and moments (4 + 8); quantised copies are rebuilt, not saved.
   */
  public static double checkpointBytesPerParameter(Precision precision) {
    return precision == Precision.FP32 ? 4 + 8 : 2 + 12;
  }

  /**
   * Model-state memory of {@code parameters} parameters under ZeRO stage {@code stage} over {@code
   * data} ranks, with 16-bit gradients as ZeRO counts them.
   */
  public static MemoryBreakdown modelStates(
      double parameters, int data, int stage, Precision precision) {
    return modelStates(parameters, data, stage, StateBytes.of(precision, 2));
  }

  /** Model-state memory with the given bytes per parameter. */
  public static MemoryBreakdown modelStates(double parameters, int data, int stage, StateBytes b) {
    double weights = b.weights() * parameters;
    double gradients = b.gradients() * parameters;
    double optimizer = b.optimizer() * parameters;
    if (stage >= 1) {
      optimizer /= data;
    }
    if (stage >= 2) {
      gradients /= data;
    }
    if (stage >= 3) {
      weights /= data;
    }
    return new MemoryBreakdown(weights, gradients, optimizer, 0, 0);
  }

  /** Per-token bytes of one layer's activations that tensor parallelism does not split. */
  static double replicatedPerToken(LayerShape l) {
    // Two layer-norm inputs (4h), attention and MLP block inputs (2h + 2h), two dropout masks (2h).
    return 10 * l.hidden();
  }

  /** Per-token bytes of one layer's activations that tensor parallelism splits, scores aside. */
  static double splitPerToken(LayerShape l) {
    double q = 2 * l.heads() * l.headDim();
    double kv = 2 * 2 * l.kvHeads() * l.headDim();
    double projectionInput = 2 * l.heads() * l.headDim();
    double activationInput = (l.gated() ? 4 : 2) * l.ffn();
    double secondInput = 2 * l.ffn();
    return q + kv + projectionInput + activationInput + secondInput;
  }

  /**
   * Activation bytes of one layer for one micro-batch of {@code b} sequences of {@code s} tokens on
   * a device with tensor-parallel degree {@code t}.
   */
  public static double activationBytesPerLayer(
      LayerShape l, double s, double b, int t, boolean sequenceParallel, Recompute recompute) {
    return activationBytesPerLayer(l, s, s, b, t, sequenceParallel, recompute);
  }

  /**
   * The same with context parallelism: each rank keeps {@code s} of the sequence's tokens, whose
   * scores span all {@code keyLength} keys.
   */
  public static double activationBytesPerLayer(
      LayerShape l,
      double s,
      double keyLength,
      double b,
      int t,
      boolean sequenceParallel,
      Recompute recompute) {
    double tokens = s * b;
    if (recompute == Recompute.FULL) {
      return 2 * tokens * l.hidden() / (sequenceParallel ? t : 1);
    }
    if (recompute == Recompute.SELECTIVE_OP) {
      // The layer's input, the attention kernel's output and every other multiply's output.
      double kept =
          2 * l.heads() * l.headDim() + 0.5 * (splitPerToken(l) - 2 * l.heads() * l.headDim());
      return tokens * (2 * l.hidden() / (sequenceParallel ? t : 1) + kept / t);
    }
    double replicated = replicatedPerToken(l) / (sequenceParallel ? t : 1);
    double split = splitPerToken(l) / t;
    double scores = recompute == Recompute.SELECTIVE ? 0 : 5 * l.heads() * keyLength / t;
    return tokens * (replicated + split + scores);
  }

  /**
   * Activations held by the first pipeline stage: under 1F1B it keeps p micro-batches of its L/p
   * layers, L layers' worth in all; interleaving with v chunks adds (p−1)/(p·v) (Korthikanti et al.
   * 2022, §4.2.3).
   */
  public static double firstStageActivationBytes(
      double perLayerBytes, int layers, int pipeline, int interleave, int microBatches) {
    double layersPerStage = Math.ceil((double) layers / pipeline);
    return perLayerBytes * layersPerStage * inFlight(pipeline, interleave, microBatches);
  }

  /**
   * Micro-batches' worth of its own layers' activations the first stage holds at once: p under 1F1B
   * (at most the micro-batches there are), times 1 + (p−1)/(p·v) with v interleaved chunks.
   */
  public static double inFlight(int pipeline, int interleave, int microBatches) {
    int inFlight = Math.min(pipeline, microBatches);
    double factor = interleave > 1 ? 1 + (pipeline - 1.0) / (pipeline * interleave) : 1;
    return inFlight * factor;
  }
}
