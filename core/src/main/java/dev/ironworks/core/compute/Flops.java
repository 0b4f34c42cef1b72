package dev.ironworks.core.compute;

import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.scenario.Recompute;

/**
 * Training FLOPs counted matrix multiply by matrix multiply, 2 FLOPs per multiply-add. Per token
 * and layer the forward pass computes the attention projections, QK^T and AV over the whole context
 * (4·s·a·d, as Megatron-LM counts it), and the FFN (of the active experts); the output projection
 * to the vocabulary adds 2·h·V per token. The backward pass costs twice the forward. For multi-head
 * attention with a 4h GELU FFN this is exactly Narayanan et al. 2021 eq. 3: 72·B·s·L·h²·(1 + s/(6h)
 * + V/(12·L·h)) per iteration, and with full recomputation 96·B·s·L·h²·(1 + s/(6h) + V/(16·L·h)).
 */
public final class Flops {
  private Flops() {}

  /** Forward FLOPs of the attention core (QK^T and AV) per token of one layer. */
  public static double attentionCorePerToken(TransformerModel m, int sequenceLength) {
    return 4.0 * sequenceLength * m.attentionWidth();
  }

  /** Forward FLOPs per token of one dense layer. */
  public static double denseLayerForwardPerToken(TransformerModel m, int sequenceLength) {
    return 2 * m.attentionParametersPerLayer()
        + attentionCorePerToken(m, sequenceLength)
        + 2 * m.ffnParameters(m.ffnHiddenSize());
  }

  /** Forward FLOPs per token of one MoE layer: the active and shared experts, and the router. */
  public static double moeLayerForwardPerToken(TransformerModel m, int sequenceLength) {
    return 2 * m.attentionParametersPerLayer()
        + attentionCorePerToken(m, sequenceLength)
        + 2 * (m.activeExperts() + m.sharedExperts()) * m.ffnParameters(m.expertFfnHiddenSize())
        + 2.0 * m.hiddenSize() * m.experts();
  }

  /** Forward FLOPs per token of every layer together. */
  public static double layersForwardPerToken(TransformerModel m, int sequenceLength) {
    return m.denseFfnLayerCount() * denseLayerForwardPerToken(m, sequenceLength)
        + m.moeLayerCount() * moeLayerForwardPerToken(m, sequenceLength);
  }

  /** Forward FLOPs per token of the output projection to the vocabulary: 2·h·V. */
  public static double logitsForwardPerToken(TransformerModel m) {
    return 2.0 * m.hiddenSize() * m.vocabularySize();
  }

  /** Model FLOPs per token: forward and backward, no recomputation (the MFU numerator). */
  public static double modelPerToken(TransformerModel m, int sequenceLength) {
    return 3 * (layersForwardPerToken(m, sequenceLength) + logitsForwardPerToken(m));
  }

  /** Hardware FLOPs per token: model FLOPs plus what recomputation repeats (HFU numerator). */
  public static double hardwarePerToken(
      TransformerModel m, int sequenceLength, Recompute recompute) {
    double extra =
        switch (recompute) {
          case NONE -> 0;
          case SELECTIVE -> m.layers() * attentionCorePerToken(m, sequenceLength);
          case FULL -> layersForwardPerToken(m, sequenceLength);
        };
    return modelPerToken(m, sequenceLength) + extra;
  }

  /**
   * FLOPs per token that the kernels execute: hardware FLOPs, except that a fused causal attention
   * kernel skips the masked half of the score matrix (forward, backward and any recomputation of
   * it).
   */
  public static double executedPerToken(
      TransformerModel m, int sequenceLength, Recompute recompute, boolean fusedCausal) {
    double hardware = hardwarePerToken(m, sequenceLength, recompute);
    if (!fusedCausal) {
      return hardware;
    }
    double attention = m.layers() * attentionCorePerToken(m, sequenceLength);
    double passes = 3 + (recompute == Recompute.NONE ? 0 : 1);
    return hardware - 0.5 * attention * passes;
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
