package dev.ironworks.core.inference;

import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.scenario.Precision;
import dev.ironworks.core.scenario.SpeculativeDecoding;

/**
 * The time of one scheduler step of a serving replica (t tensor × p pipeline accelerators): the
 * decoding sequences each verify one token (or the draft's γ + 1 with speculative decoding) and
 * chunks of prompts fill the rest of the step (chunked prefill). The analytic queueing model and
 * the request-level simulator both time their steps here.
 *
 * <p>A step's tokens split into p micro-batches that pipeline through the stages; the step lasts as
 * long as one micro-batch takes through the whole model on t ranks (DESIGN.md, Inference):
 *
 * <ul>
 *   <li>the linear layers, the larger (a roofline) of reading the weights a micro-batch touches
 *       once per tensor rank — every dense weight and, in a mixture-of-experts layer, only the
 *       experts its n tokens route to, E·(1 − (1 − k/E)^n) of E in expectation — at the HBM
 *       bandwidth × the family's decode bandwidth, and their 2·N_active FLOPs a token at t × the
 *       peak of the weights' format × the family's prefill compute efficiency × n/(n + x½) ×
 *       (h/t)/(h/t + x½);
 *   <li>plus attention, its own kernels: the larger of reading the decoding sequences' KV cache (a
 *       sliding-window layer reads at most its window) and the scores and values over the keys each
 *       query token sees, in 16 bits at the family's fused-attention efficiency;
 *   <li>plus 10 kernels' fixed time a layer, two all-reduces of the micro-batch's 16-bit
 *       activations a layer when t > 1, a hop per stage boundary, and the drafter's γ passes with
 *       speculative decoding.
 * </ul>
 */
public final class StepTime {
  private final int tensor;
  private final int pipeline;
  private final int layers;
  private final int fullLayers;
  private final int windowLayers;
  private final double window;
  private final double hidden;
  private final double denseWeightBytes;
  private final double expertLayerBytes;
  private final boolean everyExpert;
  private final TransformerModel model;
  private final double kvBytesPerKeyLayer;
  private final int kvShards;
  private final double bandwidth;
  private final double flopPerSecond;
  private final double attentionFlopPerSecond;
  private final double halfDimension;
  private final double shapeFactor;
  private final double flopsPerToken;
  private final double decodeFlopsPerKeyLayer;
  private final double prefillFlopsPerKeyLayer;
  private final double kernelSecondsPerLayer;
  private final double tpLinkBytesPerSecond;
  private final double collectiveLatency;
  private final double stageHops;
  private final int verifiedTokens;
  private final double tokensPerStep;
  private final int draftPasses;
  private final double draftWeightBytes;
  private final double draftFlopsPerToken;
  private final double draftKernelSeconds;

  /** The step model of one configuration. */
  public StepTime(ServingContext ctx, ServingConfig c) {
    TransformerModel m = ctx.model();
    Calibration cal = ctx.calibration();
    Precision weights = c.precision();
    Precision kv = ctx.serving().kvPrecision(weights);
    this.model = m;
    this.tensor = c.tensor();
    this.pipeline = c.pipeline();
    this.layers = m.layers();
    this.windowLayers = m.slidingWindowTokens() > 0 ? m.slidingWindowLayers() : 0;
    this.fullLayers = layers - windowLayers;
    this.window = m.slidingWindowTokens();
    this.hidden = m.hiddenSize();
    double routed = Math.min(m.routedExpertParameters(), m.parameters());
    // The input embedding is a gather of each token's row: a step neither reads the table whole
    // nor multiplies by it (a tied table is read as the output layer).
    double inputTable = m.tiedEmbeddings() ? 0 : (double) m.vocabularySize() * m.hiddenSize();
    this.denseWeightBytes = (m.parameters() - routed - inputTable) * weights.bytes() / tensor;
    this.expertLayerBytes = m.isMoe() ? routed / m.experts() * weights.bytes() / tensor : 0;
    this.everyExpert = cal.serving().everyExpert();
    this.kvBytesPerKeyLayer = m.kvValuesPerTokenPerLayer() * kv.bytes();
    this.kvShards = m.kvShards(tensor);
    this.bandwidth = ctx.memoryBandwidthBytesPerSecond() * cal.decodeBandwidth();
    this.flopPerSecond =
        ctx.peakFlopPerSecond(weights) * InferenceModel.servingEfficiency(ctx, weights) * tensor;
    this.attentionFlopPerSecond =
        ctx.accelerator().dense16BitFlopPerSecond() * cal.attention() * tensor;
    this.halfDimension = cal.matmulHalfDimension();
    double perRank = hidden / tensor;
    this.shapeFactor = perRank / (perRank + halfDimension);
    this.flopsPerToken = 2 * (m.activeParameters() - inputTable);
    double heads = m.attentionHeads();
    this.prefillFlopsPerKeyLayer = 2 * heads * (m.queryKeyHeadDim() + m.headDim());
    // Decode with multi-head latent attention absorbs the up-projections: every head attends over
    // the latent and the rotary key, and sums values in the latent (DeepSeek-V2 §2.1.2).
    this.decodeFlopsPerKeyLayer =
        m.hasLatentKv()
            ? 2 * heads * (2.0 * m.kvLatentDim() + m.kvRopeDim())
            : prefillFlopsPerKeyLayer;
    this.kernelSecondsPerLayer = InferenceModel.KERNELS_PER_LAYER * cal.kernelFixedSeconds();
    this.tpLinkBytesPerSecond = ctx.scaleUpBytesPerSecond() * cal.collective();
    this.collectiveLatency = cal.collectiveLatencySeconds();
    this.stageHops = (pipeline - 1) * ctx.stageHopSeconds();
    SpeculativeDecoding spec = ctx.serving().speculative().orElse(null);
    if (spec == null) {
      this.verifiedTokens = 1;
      this.tokensPerStep = 1;
      this.draftPasses = 0;
      this.draftWeightBytes = 0;
      this.draftFlopsPerToken = 0;
      this.draftKernelSeconds = 0;
    } else {
      this.verifiedTokens = spec.draftTokens() + 1;
      this.tokensPerStep = spec.tokensPerStep();
      this.draftPasses = spec.draftTokens();
      double head = (double) m.vocabularySize() * m.hiddenSize();
      double draftParameters;
      double draftActive;
      int draftLayers;
      if (spec.method() == SpeculativeDecoding.Method.MTP) {
        // One more transformer block and the shared output head per draft token.
        draftActive = (m.activeParameters() - m.embeddingParameters()) / layers + head;
        draftParameters = draftActive;
        draftLayers = 1;
      } else {
        TransformerModel d = spec.draftModel().orElseThrow();
        draftParameters = d.parameters();
        draftActive = d.activeParameters();
        draftLayers = d.layers();
      }
      this.draftWeightBytes = draftParameters * weights.bytes() / tensor;
      this.draftFlopsPerToken = 2 * draftActive;
      this.draftKernelSeconds = draftLayers * kernelSecondsPerLayer;
    }
  }

  /** Tokens each decoding sequence passes through the model per step (1, or γ + 1 drafted). */
  public int verifiedTokensPerSequence() {
    return verifiedTokens;
  }

  /** Output tokens a decoding sequence gains per step on average (1 without speculation). */
  public double tokensPerStep() {
    return tokensPerStep;
  }

  /** Tokens a sliding-window layer holds at most (0: the model has no sliding-window layer). */
  public double windowTokens() {
    return windowLayers > 0 ? window : 0;
  }

  /** Share of the layers that attend within a sliding window (0 for most models). */
  public double windowedLayerShare() {
    return (double) windowLayers / layers;
  }

  /**
   * KV cache a sequence of {@code contextTokens} holds, in tokens of a sequence every layer of
   * which holds them all: (F·x + W·min(x, w)) / (F + W) for F full-attention and W sliding-window
   * layers of w tokens; x without sliding windows.
   */
  public double kvHeldTokens(double contextTokens) {
    if (windowLayers == 0) {
      return contextTokens;
    }
    return (fullLayers * contextTokens + windowLayers * Math.min(contextTokens, window)) / layers;
  }

  /**
   * The longest context whose KV cache fits in {@code heldTokens} (the inverse of kvHeldTokens).
   */
  public double contextWithin(double heldTokens) {
    if (windowLayers == 0 || heldTokens <= window) {
      return heldTokens;
    }
    if (fullLayers == 0) {
      return Double.POSITIVE_INFINITY;
    }
    return (heldTokens * layers - windowLayers * window) / fullLayers;
  }

  /**
   * Seconds of one step.
   *
   * @param decodeSequences sequences decoding in the step
   * @param decodeContextTokens the sum of their context lengths (prompt and output so far)
   * @param prefillTokens prompt tokens prefilled in the step
   * @param prefillKeys the sum over those tokens of the keys each attends to
   */
  public double seconds(
      double decodeSequences,
      double decodeContextTokens,
      double prefillTokens,
      double prefillKeys) {
    double stepTokens = decodeSequences * verifiedTokens + prefillTokens;
    if (stepTokens <= 0) {
      return 0;
    }
    double p = pipeline;
    double micro = Math.max(1, stepTokens / p);
    double decodeKeyLayers = 0;
    if (decodeSequences > 0) {
      double meanContext = decodeContextTokens / decodeSequences;
      decodeKeyLayers =
          fullLayers * decodeContextTokens
              + windowLayers * decodeSequences * Math.min(meanContext, window);
    }
    double prefillKeyLayers =
        fullLayers * prefillKeys + windowLayers * Math.min(prefillKeys, prefillTokens * window);
    double experts = everyExpert ? model.experts() : model.expectedDistinctExperts(micro);
    double weightBytes = denseWeightBytes + expertLayerBytes * experts;
    double efficiency = efficiencyAt(micro);
    // The linear layers: the weights' read against their multiplies.
    double linear =
        Math.max(weightBytes / bandwidth, micro * flopsPerToken / (flopPerSecond * efficiency));
    // Attention runs as kernels of its own: the decoding sequences' KV cache read against the
    // scores and values of every query token.
    double kvRead = decodeKeyLayers / p * kvBytesPerKeyLayer / kvShards / bandwidth;
    double attentionFlops =
        (decodeFlopsPerKeyLayer * verifiedTokens * decodeKeyLayers
                + prefillFlopsPerKeyLayer * prefillKeyLayers)
            / p;
    double attention = Math.max(kvRead, attentionFlops / attentionFlopPerSecond);
    double allReduce =
        tensor > 1
            ? 2.0 * (tensor - 1) / tensor * micro * hidden * 2 / tpLinkBytesPerSecond
                + collectiveLatency
            : 0;
    double overhead = layers * (kernelSecondsPerLayer + 2 * allReduce) + stageHops;
    return linear + attention + overhead + draft(decodeSequences / p);
  }

  /** The drafter's γ sequential passes over the decoding sequences of a micro-batch. */
  private double draft(double sequences) {
    if (draftPasses == 0 || sequences <= 0) {
      return 0;
    }
    double memory = draftWeightBytes / bandwidth;
    double compute = sequences * draftFlopsPerToken / (flopPerSecond * efficiencyAt(sequences));
    return draftPasses * (Math.max(memory, compute) + draftKernelSeconds);
  }

  private double efficiencyAt(double tokens) {
    return tokens / (tokens + halfDimension) * shapeFactor;
  }
}
