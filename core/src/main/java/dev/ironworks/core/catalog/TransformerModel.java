package dev.ironworks.core.catalog;

import dev.ironworks.core.units.Require;
import java.util.OptionalDouble;

/**
 * A decoder-only transformer's architecture (catalog kind {@code models}, or inline in a scenario).
 * Parameter and FLOP counts are derived from the shape, layer by layer, so that grouped-query
 * attention, gated FFNs and mixture-of-experts layers count what they compute; the Megatron-LM
 * closed forms (Narayanan et al. 2021, eq. 2-3) are the special case of multi-head attention with a
 * 4h GELU FFN.
 *
 * @param parameters total parameters as published (all experts)
 * @param kvHeads key/value heads: = attentionHeads for multi-head attention, fewer for GQA/MQA
 * @param headDim per-head dimension
 * @param ffnGated SwiGLU/GeGLU: three FFN matrices instead of two
 * @param experts routed experts per MoE layer, 1 for a dense model
 * @param activeExperts routed experts per token (top-k)
 * @param sharedExperts always-active experts per MoE layer
 * @param expertFfnHiddenSize inner size of one expert
 * @param denseLayers leading layers that are dense in a MoE model
 * @param moeLayerInterval every k-th layer after the dense ones is MoE
 * @param attentionProjectionParameters one layer's attention projection parameters when not the
 *     standard h·(a + 2·kv)·d + a·d·h (multi-head latent attention)
 * @param queryKeyHeadDim per-head width of queries and keys where it differs from the value width
 *     {@code headDim} (multi-head latent attention: 128 + 64 rotary dimensions)
 * @param slidingWindowTokens keys a sliding-window layer attends to (0: no such layers)
 * @param slidingWindowLayers layers that attend only within the window; the rest attend to the
 *     whole context
 * @param kvLatentDim multi-head latent attention: width of the compressed key-value latent a layer
 *     caches per token (0: keys and values are cached per KV head)
 * @param kvRopeDim multi-head latent attention: width of the decoupled rotary key cached beside the
 *     latent, shared by every head
 * @param contextTokens the longest context the released model serves (its position embeddings'
 *     reach, with the context extension its card allows): at least {@code sequenceLength}, the
 *     pretraining context
 */
public record TransformerModel(
    String id,
    String name,
    double parameters,
    OptionalDouble activeParametersPublished,
    int layers,
    int hiddenSize,
    int attentionHeads,
    int kvHeads,
    int headDim,
    int ffnHiddenSize,
    boolean ffnGated,
    int sequenceLength,
    int vocabularySize,
    boolean tiedEmbeddings,
    int experts,
    int activeExperts,
    int sharedExperts,
    int expertFfnHiddenSize,
    int denseLayers,
    int moeLayerInterval,
    OptionalDouble attentionProjectionParameters,
    int queryKeyHeadDim,
    int slidingWindowTokens,
    int slidingWindowLayers,
    OptionalDouble trainingTokens,
    Provenance provenance,
    int kvLatentDim,
    int kvRopeDim,
    int contextTokens)
    implements CatalogEntry {
  public TransformerModel {
    Require.text("id", id);
    Require.positive("parameters", parameters);
    Require.positive("layers", layers);
    Require.positive("hiddenSize", hiddenSize);
    Require.positive("attentionHeads", attentionHeads);
    Require.positive("kvHeads", kvHeads);
    if (attentionHeads % kvHeads != 0) {
      throw new IllegalArgumentException(
          "attentionHeads ("
              + attentionHeads
              + ") must be a multiple of kvHeads ("
              + kvHeads
              + ")");
    }
    Require.positive("headDim", headDim);
    Require.positive("ffnHiddenSize", ffnHiddenSize);
    Require.positive("sequenceLength", sequenceLength);
    Require.positive("vocabularySize", vocabularySize);
    Require.positive("experts", experts);
    Require.positive("activeExperts", activeExperts);
    if (activeExperts > experts) {
      throw new IllegalArgumentException("activeExperts must be <= experts");
    }
    Require.nonNegative("sharedExperts", sharedExperts);
    Require.positive("expertFfnHiddenSize", expertFfnHiddenSize);
    Require.nonNegative("denseLayers", denseLayers);
    if (denseLayers > layers) {
      throw new IllegalArgumentException("denseLayers must be <= layers");
    }
    Require.positive("moeLayerInterval", moeLayerInterval);
    attentionProjectionParameters.ifPresent(
        p -> Require.positive("attentionProjectionParameters", p));
    Require.positive("queryKeyHeadDim", queryKeyHeadDim);
    Require.nonNegative("slidingWindowTokens", slidingWindowTokens);
    Require.nonNegative("slidingWindowLayers", slidingWindowLayers);
    if (slidingWindowLayers > layers) {
      throw new IllegalArgumentException("slidingWindowLayers must be <= layers");
    }
    if (slidingWindowLayers > 0 && slidingWindowTokens == 0) {
      throw new IllegalArgumentException("slidingWindowLayers needs slidingWindowTokens");
    }
    trainingTokens.ifPresent(t -> Require.positive("trainingTokens", t));
    Require.present("provenance", provenance);
    Require.nonNegative("kvLatentDim", kvLatentDim);
    Require.nonNegative("kvRopeDim", kvRopeDim);
    if (kvRopeDim > 0 && kvLatentDim == 0) {
      throw new IllegalArgumentException("kvRopeDim needs kvLatentDim");
    }
    if (contextTokens < sequenceLength) {
      throw new IllegalArgumentException(
          "contextTokens ("
              + contextTokens
              + ") must be at least sequenceLength ("
              + sequenceLength
              + ")");
    }
  }

  /** Whether attention caches a compressed latent per token (multi-head latent attention). */
  public boolean hasLatentKv() {
    return kvLatentDim > 0;
  }

  /**
   * Values one layer caches per token: 2 × KV heads × head size (keys and values), or the latent
   * and the rotary key of multi-head latent attention (DeepSeek-AI 2024, DeepSeek-V2 §2.1.2).
   */
  public double kvValuesPerTokenPerLayer() {
    return hasLatentKv() ? kvLatentDim + kvRopeDim : 2.0 * kvHeads * headDim;
  }

  /**
   * Ways the KV cache splits over t tensor-parallel ranks: one KV head per rank at most, so a
   * grouped-query model with fewer KV heads than ranks, and a latent cache (one shared "head"), are
   * replicated.
   */
  public int kvShards(int tensor) {
    return Math.max(1, Math.min(tensor, hasLatentKv() ? 1 : kvHeads));
  }

  /** Routed-expert parameters of every MoE layer: the part of the weights a token routes into. */
  public double routedExpertParameters() {
    return (double) moeLayerCount() * experts * ffnParameters(expertFfnHiddenSize);
  }

  /**
   * Expected distinct routed experts that {@code tokens} tokens touch in one MoE layer when each
   * picks {@code activeExperts} of {@code experts} uniformly: E·(1 − (1 − k/E)^n).
   */
  public double expectedDistinctExperts(double tokens) {
    if (!isMoe() || tokens <= 0) {
      return 0;
    }
    double miss = 1 - (double) activeExperts / experts;
    return experts * (1 - Math.pow(miss, tokens));
  }

  /** Whether any layer routes tokens to experts. */
  public boolean isMoe() {
    return experts > 1;
  }

  /** Layers with routed experts. */
  public int moeLayerCount() {
    return isMoe() ? (layers - denseLayers) / moeLayerInterval : 0;
  }

  /** Layers with a dense FFN. */
  public int denseFfnLayerCount() {
    return layers - moeLayerCount();
  }

  /** Width of the attention output: heads × head size (h for standard shapes). */
  public double attentionWidth() {
    return (double) attentionHeads * headDim;
  }

  /** One layer's attention projection parameters: Q, K, V and output. */
  public double attentionParametersPerLayer() {
    if (attentionProjectionParameters.isPresent()) {
      return attentionProjectionParameters.getAsDouble();
    }
    double h = hiddenSize;
    return h * (attentionWidth() + 2.0 * kvHeads * headDim) + attentionWidth() * h;
  }

  /** Parameters of one FFN of inner size {@code inner}: 2·h·f, or 3·h·f when gated. */
  public double ffnParameters(int inner) {
    return (ffnGated ? 3.0 : 2.0) * hiddenSize * inner;
  }

  private double norms() {
    return 4.0 * hiddenSize;
  }

  /** Input embedding, and the output projection unless tied. */
  public double embeddingParameters() {
    return (tiedEmbeddings ? 1.0 : 2.0) * vocabularySize * hiddenSize;
  }

  /** Parameters of one dense layer. */
  public double denseLayerParameters() {
    return attentionParametersPerLayer() + ffnParameters(ffnHiddenSize) + norms();
  }

  /** Parameters of one MoE layer, every expert counted. */
  public double moeLayerParameters() {
    return attentionParametersPerLayer()
        + (experts + sharedExperts) * ffnParameters(expertFfnHiddenSize)
        + (double) hiddenSize * experts
        + norms();
  }

  /** Parameters of one MoE layer that a token uses. */
  public double moeLayerActiveParameters() {
    return attentionParametersPerLayer()
        + (activeExperts + sharedExperts) * ffnParameters(expertFfnHiddenSize)
        + (double) hiddenSize * experts
        + norms();
  }

  /** Total parameters from the shape. */
  public double structuralParameters() {
    return denseFfnLayerCount() * denseLayerParameters()
        + moeLayerCount() * moeLayerParameters()
        + embeddingParameters();
  }

  /** Parameters a token uses, from the shape (all of them for a dense model). */
  public double activeParameters() {
    return denseFfnLayerCount() * denseLayerParameters()
        + moeLayerCount() * moeLayerActiveParameters()
        + embeddingParameters();
  }

  /**
   * The same model trained or served at another context length (its context at least that long).
   */
  public TransformerModel withSequenceLength(int tokens) {
    return new TransformerModel(
        id,
        name,
        parameters,
        activeParametersPublished,
        layers,
        hiddenSize,
        attentionHeads,
        kvHeads,
        headDim,
        ffnHiddenSize,
        ffnGated,
        tokens,
        vocabularySize,
        tiedEmbeddings,
        experts,
        activeExperts,
        sharedExperts,
        expertFfnHiddenSize,
        denseLayers,
        moeLayerInterval,
        attentionProjectionParameters,
        queryKeyHeadDim,
        slidingWindowTokens,
        slidingWindowLayers,
        trainingTokens,
        provenance,
        kvLatentDim,
        kvRopeDim,
        Math.max(contextTokens, tokens));
  }

  /** Keys a query of {@code layer}-type attends to at context {@code s}: the window, or s. */
  public double attendedKeys(boolean windowed, double s) {
    return windowed ? Math.min(s, slidingWindowTokens) : s;
  }

  /** Layers that attend to the whole context. */
  public int fullAttentionLayers() {
    return layers - slidingWindowLayers;
  }
}
