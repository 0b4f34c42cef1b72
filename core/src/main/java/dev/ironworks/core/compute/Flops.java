package dev.ironworks.core.compute;

import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.scenario.Recompute;

/**
 * Training FLOPs counted matrix multiply by matrix multiply, 2 FLOPs per multiply-add; the backward
 * pass costs twice the forward.
 *
 * <p>Three conventions, each for one figure:
 *
 * <ul>
 *   <li><b>Model FLOPs</b> (the MFU numerator): forward and backward, no recomputation; per token
 *       and layer the attention projections, the FFN (of the active experts) and the attention core
 *       over the keys a causal model needs — on average half the context, or the window of a
 *       sliding-window layer — plus 2·h·V for the output layer.
 *   <li><b>Executed FLOPs</b> (the HFU numerator): model FLOPs plus recomputation, and the whole s
 *       × s score matrix where an unfused kernel computes it masked. Never below model FLOPs, so
 *       MFU ≤ HFU.
 *   <li><b>Megatron-LM FLOPs</b> (the TFLOP/s Megatron-LM reports): recomputation included and the
 *       whole s × s score matrix, as Narayanan et al. 2021 eq. 3 count them; for multi-head
 *       attention with a 4h GELU FFN exactly 72·B·s·L·h²·(1 + s/(6h) + V/(12·L·h)) per iteration,
 *       and 96·B·s·L·h²·(1 + s/(6h) + V/(16·L·h)) with full recomputation.
 * </ul>
 */
public final class Flops {
  private Flops() {}

  /** Forward FLOPs per token of one layer's attention core (QKᵀ and AV) over {@code keys} keys. */
  static double attentionCore(TransformerModel m, double keys) {
    return 2.0 * keys * m.attentionHeads() * (m.queryKeyHeadDim() + m.headDim());
  }

  /**
   * Forward FLOPs per token of the attention cores of every layer, causal: half the context on
   * average in full layers, the window in sliding-window layers.
   */
  public static double attentionCausalPerToken(TransformerModel m, int sequenceLength) {
    return m.fullAttentionLayers() * attentionCore(m, sequenceLength / 2.0)
        + m.slidingWindowLayers() * attentionCore(m, m.attendedKeys(true, sequenceLength));
  }

  /** Forward FLOPs per token of the attention cores of every layer over the whole context. */
  public static double attentionFullPerToken(TransformerModel m, int sequenceLength) {
    return m.layers() * attentionCore(m, sequenceLength);
  }

  /** Forward FLOPs per token of every layer's linear parts: projections, FFNs or experts. */
  public static double linearForwardPerToken(TransformerModel m) {
    double dense = 2 * m.attentionParametersPerLayer() + 2 * m.ffnParameters(m.ffnHiddenSize());
    double moe =
        2 * m.attentionParametersPerLayer()
            + 2 * (m.activeExperts() + m.sharedExperts()) * m.ffnParameters(m.expertFfnHiddenSize())
            + 2.0 * m.hiddenSize() * m.experts();
    return m.denseFfnLayerCount() * dense + m.moeLayerCount() * moe;
  }

  /** Forward FLOPs per token of the output projection to the vocabulary: 2·h·V. */
  public static double logitsForwardPerToken(TransformerModel m) {
    return 2.0 * m.hiddenSize() * m.vocabularySize();
  }

  /** Model FLOPs per token: forward and backward, no recomputation, causal attention. */
  public static double modelPerToken(TransformerModel m, int sequenceLength) {
    return 3
        * (linearForwardPerToken(m)
            + attentionCausalPerToken(m, sequenceLength)
            + logitsForwardPerToken(m));
  }

  /**
   * Executed FLOPs per token: model FLOPs plus what recomputation repeats; an unfused kernel
   * computes the whole score matrix in every pass.
   */
  public static double executedPerToken(
      TransformerModel m, int sequenceLength, Recompute recompute, boolean fused) {
    double attention =
        fused
            ? attentionCausalPerToken(m, sequenceLength)
            : attentionFullPerToken(m, sequenceLength);
    double forward = linearForwardPerToken(m) + attention;
    double extra =
        switch (recompute) {
          case NONE -> 0;
          case SELECTIVE -> attention;
          case FULL, BLOCK -> forward;
          case SELECTIVE_OP -> 0.5 * linearForwardPerToken(m) + (fused ? 0 : attention);
        };
    return 3 * (forward + logitsForwardPerToken(m)) + extra;
  }

  /**
   * Megatron-LM's hardware FLOPs per token: forward and backward over the whole s × s score matrix,
   * plus what recomputation repeats (the TFLOP/s Narayanan et al. 2021 report).
   */
  public static double megatronPerToken(
      TransformerModel m, int sequenceLength, Recompute recompute) {
    double forward = linearForwardPerToken(m) + attentionFullPerToken(m, sequenceLength);
    double extra =
        switch (recompute) {
          case NONE -> 0;
          case SELECTIVE -> attentionFullPerToken(m, sequenceLength);
          case FULL, BLOCK -> forward;
          case SELECTIVE_OP -> 0.5 * linearForwardPerToken(m);
        };
    return 3 * (forward + logitsForwardPerToken(m)) + extra;
  }

  /** The Megatron-LM closed form (eq. 3) per iteration, for models of the classic shape. */
  public static double megatronPerIteration(
      double batch, double seq, double layers, double hidden, double vocab, boolean recompute) {
    return recompute
        ? 96
            * batch
            * seq
            * layers
            * hidden
            * hidden
            * (1 + seq / (6 * hidden) + vocab / (16 * layers * hidden))
        : 72
            * batch
            * seq
            * layers
            * hidden
            * hidden
            * (1 + seq / (6 * hidden) + vocab / (12 * layers * hidden));
  }
}
