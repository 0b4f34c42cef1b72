package dev.ironworks.core.inference;

import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.scenario.Precision;

/**
 * Serving a transformer on one replica of t × p accelerators (docs/architecture.md, Inference
 * model).
 *
 * <p>A scheduler step ({@link StepTime}) decodes one token of every running sequence and prefills
 * chunks of prompts up to the step's token budget (chunked prefill, as vLLM and SGLang schedule).
 * Decode reads the weights and every running sequence's KV cache: memory-bound at small batch,
 * compute-bound at large. At a batch of b sequences in steady state, the b sequences finish at the
 * rate they are replaced, so each step also carries b·P/(steps per request) prompt tokens.
 *
 * <p>The KV cache holds, per token and layer, keys and values of every KV head (2·kv·d values), or
 * the compressed latent and rotary key of multi-head latent attention; a sliding-window layer keeps
 * at most its window. With a paged cache (Kwon et al. 2023) 96.3% of the pool holds live tokens and
 * a sequence occupies its prompt and half its output on average; a contiguous cache reserves the
 * model's whole context per sequence. Tensor parallelism splits the cache by KV head and replicates
 * it beyond one head a rank.
 */
public final class InferenceModel {
  /** Share of the KV pool holding live tokens with paging (Kwon et al. 2023, Fig. 2: 96.3%). */
  public static final double PAGED_KV_UTILISATION = 0.963;

  /** Share of accelerator memory the serving engine takes (vLLM's default 0.9). */
  public static final double MEMORY_FRACTION = 0.9;

  /** Kernels per layer per decode step: norms, QKV, rotary, attention, output, two FFN, act. */
  public static final int KERNELS_PER_LAYER = 10;

  private InferenceModel() {}

  /**
   * KV-cache bytes per token of every layer: 2 (K and V) × layers × KV heads × head size × bytes,
   * or layers × (latent + rotary key) × bytes under multi-head latent attention.
   */
  public static double kvBytesPerToken(TransformerModel m, double bytesPerValue) {
    return m.layers() * m.kvValuesPerTokenPerLayer() * bytesPerValue;
  }

  /**
   * KV-cache bytes of one sequence of {@code contextTokens}: every full-attention layer holds the
   * whole context, a sliding-window layer at most its window.
   */
  public static double kvBytesPerSequence(
      TransformerModel m, double contextTokens, double bytesPerValue) {
    int window = m.slidingWindowTokens() > 0 ? m.slidingWindowLayers() : 0;
    double tokenLayers =
        (m.layers() - window) * contextTokens
            + window * Math.min(contextTokens, m.slidingWindowTokens());
    return tokenLayers * m.kvValuesPerTokenPerLayer() * bytesPerValue;
  }

  /**
   * One serving configuration's figures.
   *
   * @param maxBatch sequences the KV pool holds (0: the weights do not fit)
   * @param tpotSeconds time per output token at this batch, the other requests' prefills included
   * @param ttftSeconds prefill of one prompt plus the wait for the step in flight
   * @param tokensPerSecond output tokens per second of the replica
   */
  public record Estimate(
      ServingConfig config,
      double weightBytesPerDevice,
      double kvBytesPerReplica,
      int maxBatch,
      double tpotSeconds,
      double ttftSeconds,
      double tokensPerSecond,
      boolean fits) {}

  /**
   * Fraction of the serving format's peak a serving step's large multiplies reach: the family's
   * prefill compute efficiency (its FP4 figure at the 4-bit rate), else its training figure for the
   * format.
   */
  static double servingEfficiency(ServingContext ctx, Precision precision) {
    Calibration cal = ctx.calibration();
    if (ctx.runsAtFp4Peak(precision)) {
      return cal.serving()
          .prefillComputeFp4()
          .orElse(cal.serving().prefillCompute().orElse(cal.nvfp4Matmul()));
    }
    if (cal.serving().prefillCompute().isPresent()) {
      return cal.serving().prefillCompute().getAsDouble();
    }
    return switch (precision) {
      case FP32, FP16, BF16 -> cal.matmul();
      case FP8 -> cal.fp8Matmul();
      case MXFP8 -> cal.mxfp8Matmul();
      case NVFP4, MXFP4 ->
          ctx.accelerator().denseFp8FlopPerSecond().isPresent() ? cal.fp8Matmul() : cal.matmul();
    };
  }

  /** Bytes of the weights of one replica's accelerator. */
  static double weightBytesPerDevice(ServingContext ctx, ServingConfig c) {
    return ctx.model().parameters() * c.precision().bytes() / c.acceleratorsPerReplica();
  }

  /** The KV pool of a replica: (90% of memory − weights − the reserve) × accelerators. */
  static double kvPoolBytes(ServingContext ctx, ServingConfig c) {
    double usable =
        ctx.memoryBytes() * MEMORY_FRACTION
            - weightBytesPerDevice(ctx, c)
            - ctx.calibration().reservedMemoryBytes();
    return Math.max(0, usable) * c.acceleratorsPerReplica();
  }

  /** Bytes of the replica's pool one sequence of {@code contextTokens} holds. */
  static double kvBytesPerReplicaSequence(
      ServingContext ctx, ServingConfig c, double contextTokens) {
    TransformerModel m = ctx.model();
    double bytes = ctx.serving().kvPrecision(c.precision()).bytes();
    return kvBytesPerSequence(m, contextTokens, bytes) * c.tensor() / m.kvShards(c.tensor());
  }

  /**
   * Tokens of context a replica's KV pool holds (paged: 96.3% of it live), counting a
   * sliding-window layer's tokens as it holds them at the mean context of a sequence.
   */
  public static double kvCapacityTokens(ServingContext ctx, ServingConfig c) {
    double context = runningContext(ctx);
    double perToken = kvBytesPerReplicaSequence(ctx, c, context) / context;
    double live = ctx.pagedKvCache() ? PAGED_KV_UTILISATION : 1;
    return perToken > 0 ? kvPoolBytes(ctx, c) * live / perToken : 0;
  }

  /**
   * Tokens a replica's KV pool holds (paged: 96.3% of it live) counted as a sequence every layer of
   * which holds them all: the unit {@link StepTime#kvHeldTokens} measures a sequence's cache in, so
   * a simulation charges each sequence what its own context holds. The same as {@link
   * #kvCapacityTokens} for a model without sliding windows.
   */
  public static double kvCapacityHeldTokens(ServingContext ctx, ServingConfig c) {
    double perToken = kvBytesPerReplicaSequence(ctx, c, 1);
    double live = ctx.pagedKvCache() ? PAGED_KV_UTILISATION : 1;
    return perToken > 0 ? kvPoolBytes(ctx, c) * live / perToken : 0;
  }

  /**
   * Context a running sequence holds on average: its prompt and the output generated so far. Long
   * requests stay longer, so a running sequence is caught at E[O²]/(2·E[O]) = O·(1 + c²)/2 of its
   * output (c² the output lengths' squared coefficient of variation): O/2 for fixed lengths, O for
   * exponential ones.
   */
  static double runningContext(ServingContext ctx) {
    double scv = ctx.serving().lengths().squaredCoefficientOfVariation();
    return ctx.promptTokens() + ctx.outputTokens() * (1 + scv) / 2;
  }

  /** Sequences the KV pool holds, each by its average (paged) or whole (contiguous) context. */
  static int kvLimitedBatch(ServingContext ctx, ServingConfig c, StepTime step) {
    double pool = kvPoolBytes(ctx, c);
    if (pool <= 0) {
      return 0;
    }
    double reserved =
        kvBytesPerReplicaSequence(
            ctx,
            c,
            Math.max(ctx.model().sequenceLength(), ctx.promptTokens() + ctx.outputTokens()));
    int contiguous = (int) Math.min(1_000_000, Math.floor(pool / reserved));
    if (!ctx.pagedKvCache()) {
      return contiguous;
    }
    // n sequences of mean context m and standard deviation s fill the pool's C tokens at their
    // 99th percentile when n·m + z·√n·s = C; a token beyond a sliding window adds to the full
    // layers only, so the spread counts in the pool's tokens at that share.
    double mean = runningContext(ctx) + step.verifiedTokensPerSequence() - 1;
    double tokens = kvCapacityTokens(ctx, c);
    double sd = runningContextDeviation(ctx) * kvSpreadShare(ctx.model(), runningContext(ctx));
    double z = KV_FILL_QUANTILE_Z;
    double root = (-z * sd + Math.sqrt(z * z * sd * sd + 4 * mean * tokens)) / (2 * mean);
    double atPercentile = Math.floor(root * root);
    // One sequence of the mean context that fits is served, whatever its spread; and paging never
    // holds fewer than reserving each sequence's whole context would.
    double atLeast = tokens >= mean ? Math.max(1, contiguous) : contiguous;
    return (int) Math.max(atLeast, Math.min(1_000_000, atPercentile));
  }

  /**
   * What one more token of context adds to a sequence's KV cache at {@code contextTokens}, over
   * what a token holds on average there (the unit {@link #kvCapacityTokens} counts in): 1 without
   * sliding windows; beyond the window only the full-attention layers grow, (L − W)·x / ((L − W)·x
   * + W·w) for W window layers of w tokens, 0 when every layer is windowed.
   */
  static double kvSpreadShare(TransformerModel m, double contextTokens) {
    int window = m.slidingWindowTokens() > 0 ? m.slidingWindowLayers() : 0;
    if (window == 0 || contextTokens <= 0) {
      return 1;
    }
    double full = m.layers() - window;
    double held = Math.min(contextTokens, m.slidingWindowTokens());
    double marginal = full + (contextTokens < m.slidingWindowTokens() ? window : 0);
    double average = full + window * held / contextTokens;
    return average > 0 ? marginal / average : 1;
  }

  /** Standard normal quantile at which the running sequences' contexts must fit: p99. */
  static final double KV_FILL_QUANTILE_Z = 2.3263478740;

  /**
   * Standard deviation of a running sequence's context: its prompt's spread and that of the output
   * generated so far, uniform over (0, O) for fixed lengths and exponential of mean O for
   * exponential ones: s² = c²·P² + O²·(1/12 + c²·11/12).
   */
  static double runningContextDeviation(ServingContext ctx) {
    double scv = ctx.serving().lengths().squaredCoefficientOfVariation();
    double p = ctx.promptTokens();
    double o = ctx.outputTokens();
    return Math.sqrt(scv * p * p + o * o * (1.0 / 12 + scv * 11.0 / 12));
  }

  /** Decode steps a request takes after its first token: (O − 1) / (tokens gained per step). */
  static double decodeSteps(ServingContext ctx, StepTime step) {
    return Math.max(0, ctx.outputTokens() - 1) / step.tokensPerStep();
  }

  /**
   * The most sequences a continuous-batching replica keeps running inside the step's token budget:
   * each decoding sequence takes its verified tokens, and the prompts replacing those that finish
   * take P / (steps a request) each step.
   */
  static int budgetLimitedBatch(ServingContext ctx, StepTime step) {
    double steps = decodeSteps(ctx, step) + 1;
    double perSequence = step.verifiedTokensPerSequence() + ctx.prefillTokens() / steps;
    return (int) Math.min(1_000_000, Math.floor(ctx.serving().tokenBudget() / perSequence));
  }

  /** Estimates one configuration. */
  public static Estimate estimate(ServingContext ctx, ServingConfig c) {
    StepTime step = new StepTime(ctx, c);
    double weightsPerDevice = weightBytesPerDevice(ctx, c);
    double pool = kvPoolBytes(ctx, c);
    int maxBatch = kvLimitedBatch(ctx, c, step);
    if (ctx.continuousBatching()) {
      maxBatch = Math.min(maxBatch, budgetLimitedBatch(ctx, step));
    }
    if (maxBatch < 1 || c.batch() > maxBatch) {
      return new Estimate(
          c,
          weightsPerDevice,
          pool,
          Math.max(0, maxBatch),
          Double.POSITIVE_INFINITY,
          Double.POSITIVE_INFINITY,
          0,
          false);
    }
    double b = c.batch();
    double g = step.tokensPerStep();
    double context = runningContext(ctx);
    double prefill = ctx.prefillTokens();
    double keys = prefillKeysPerToken(ctx);
    if (ctx.continuousBatching()) {
      Load load = Load.at(ctx, step, b);
      return new Estimate(
          c,
          weightsPerDevice,
          pool,
          maxBatch,
          load.decodeStepSeconds() / g,
          load.firstTokenSeconds(),
          load.requestsPerSecond() * ctx.outputTokens(),
          true);
    }
    // Static batches: b prompts prefilled together, then output steps for all of them.
    double decode = step.seconds(b, b * context, 0, 0);
    double batchPrefill = b * step.seconds(0, 0, prefill, prefill * keys);
    double steps = ctx.outputTokens() / g;
    double tokensPerSecond = b * ctx.outputTokens() / (batchPrefill + steps * decode);
    return new Estimate(
        c, weightsPerDevice, pool, maxBatch, decode / g, batchPrefill, tokensPerSecond, true);
  }

  /**
   * Keys a prefilled prompt token attends to on average: the cached prefix and half the rest
   * (causal), the rest weighted by prompt length.
   */
  static double prefillKeysPerToken(ServingContext ctx) {
    double prefill = ctx.prefillTokens();
    double scv = ctx.serving().lengths().squaredCoefficientOfVariation();
    // Longer prompts carry more of the tokens: E[P²] / (2·E[P]) = P·(1 + c²)/2 keys a token.
    return ctx.promptTokens() - prefill + prefill * (1 + scv) / 2;
  }

  /**
   * A continuous-batching replica with n sequences running in steady state: of them n·S/(S + k)
   * decode (S decode steps and k prefill steps a request), and the steps prefill n·P/(S + k) prompt
   * tokens on average, the prompts of the requests replacing those that finish, in chunks of what
   * the decodes leave of the budget: that share of the steps carries a chunk, the rest only decode.
   *
   * @param decoding sequences decoding in a step
   * @param stepSeconds one step, on average over the chunk steps and the decode-only ones
   * @param prefillSteps steps a prompt takes in chunks of the budget the decodes leave
   * @param firstTokenSeconds the mean wait for the step in flight, then the steps that carry the
   *     prompt
   * @param requestsPerSecond requests finishing per second: n / ((S + k) × step)
   * @param decodeStepSeconds the step a decoding request sees: its own prompt was prefilled before
   *     its first token, so only the other n − 1 requests' prompts share its decode steps (n − 1
   *     clients of n send the prompts that replace theirs while it decodes), and a lone stream
   *     decodes alone
   * @param promptStepSeconds a step that carries a prompt chunk
   * @param decodeOnlyStepSeconds a step that only decodes
   * @param promptStepShare the share of the steps that carry a chunk
   */
  record Load(
      double decoding,
      double stepSeconds,
      double prefillSteps,
      double firstTokenSeconds,
      double requestsPerSecond,
      double decodeStepSeconds,
      double promptStepSeconds,
      double decodeOnlyStepSeconds,
      double promptStepShare) {
    static Load at(ServingContext ctx, StepTime step, double running) {
      double steps = decodeSteps(ctx, step);
      double prefill = ctx.prefillTokens();
      double keys = prefillKeysPerToken(ctx);
      double context = runningContext(ctx);
      int budget = ctx.serving().tokenBudget();
      double left = Math.max(1, budget - running * step.verifiedTokensPerSequence());
      double prefillSteps = Math.max(1, Math.ceil(prefill / left));
      double decoding = running * steps / (steps + prefillSteps);
      double perStep = running * prefill / (steps + prefillSteps);
      // The scheduler prefills a prompt in chunks of what the decodes leave of the budget, not a
      // little in every step: a share of the steps carries a chunk, the rest only decode. A
      // step's time is the larger of its multiplies and its weight reads, so the mix takes longer
      // than a step carrying the average prompt tokens would.
      double chunk = Math.max(perStep, Math.min(prefill, left));
      double withPrompt = step.seconds(decoding, decoding * context, chunk, chunk * keys);
      double chunkShare = Math.min(1, perStep / chunk);
      double decodeOnly = step.seconds(decoding, decoding * context, 0, 0);
      double seconds = chunkShare * withPrompt + (1 - chunkShare) * decodeOnly;
      // A decoding request is one of the decodes, and the others' prompts alone share its steps.
      double others = Math.max(0, running - 1);
      double seenDecoding = 1 + others * steps / (steps + prefillSteps);
      double seenShare = running > 0 ? chunkShare * others / running : 0;
      double seen =
          seenShare * step.seconds(seenDecoding, seenDecoding * context, chunk, chunk * keys)
              + (1 - seenShare) * step.seconds(seenDecoding, seenDecoding * context, 0, 0);
      return new Load(
          decoding,
          seconds,
          prefillSteps,
          meanResidual(chunkShare, withPrompt, decodeOnly) + prefillSteps * withPrompt,
          running / ((steps + prefillSteps) * seconds),
          seen,
          withPrompt,
          decodeOnly,
          chunkShare);
    }

    /**
     * Mean wait for the step in flight, E[S²]/(2·E[S]) over the mix of steps: an arrival lands in a
     * step carrying a prompt (the longer, usually) more often than its share of the steps.
     */
    static double meanResidual(double share, double promptStep, double decodeOnly) {
      double mean = share * promptStep + (1 - share) * decodeOnly;
      double square = share * promptStep * promptStep + (1 - share) * decodeOnly * decodeOnly;
      return mean > 0 ? square / (2 * mean) : 0;
    }

    /**
     * The {@code q}-quantile of the wait for the step in flight: the step is of a kind with the
     * probability of its share of the time (length-biased), and the wait uniform over it.
     */
    double residualSeconds(double q) {
      double c = promptStepShare;
      double p = promptStepSeconds;
      double d = decodeOnlyStepSeconds;
      double mean = c * p + (1 - c) * d;
      if (mean <= 0) {
        return 0;
      }
      double longer = Math.max(p, d);
      double shorter = Math.min(p, d);
      // Time share of the longer kind of step.
      double inLonger = (p >= d ? c * p : (1 - c) * d) / mean;
      if (shorter <= 0) {
        return q <= 1 - inLonger ? 0 : longer * (q - (1 - inLonger)) / inLonger;
      }
      // Up to the shorter step's length both kinds contribute; beyond it only the longer one.
      double belowShorter = inLonger / longer + (1 - inLonger) / shorter;
      if (q <= shorter * belowShorter) {
        return q / belowShorter;
      }
      return longer * (q - (1 - inLonger)) / inLonger;
    }

    /**
     * Standard deviation of a step's time from the prompts it carries: those that arrived during
     * the step before, Poisson of mean λ·step, each of P tokens of squared coefficient of variation
     * c², at the step's marginal time per prompt token (at most the budget left).
     */
    double stepDeviationSeconds(ServingContext ctx, StepTime step, double lengthScv) {
      double prefill = ctx.prefillTokens();
      double keys = prefillKeysPerToken(ctx);
      double context = runningContext(ctx);
      double others = requestsPerSecond * stepSeconds;
      double perStep = others * prefill;
      double left =
          Math.max(1, ctx.serving().tokenBudget() - decoding * step.verifiedTokensPerSequence());
      double sd = Math.min(left, prefill * Math.sqrt(others * (1 + lengthScv)));
      double base = step.seconds(decoding, decoding * context, perStep, perStep * keys);
      double more = step.seconds(decoding, decoding * context, perStep + sd, (perStep + sd) * keys);
      return Math.max(0, more - base);
    }

    /**
     * Time to first token of a request that starts among these sequences, at a quantile: it waits
     * out the step in flight (the {@code q}-quantile of that wait, {@link #residualSeconds}), then
     * its prompt is prefilled together with those that arrived during that step — Poisson, λ·step
     * of them on average, each of P tokens of squared coefficient of variation c² — in chunks of
     * what the decodes leave of the budget. The prompt tokens ahead of and with it, T = P·(1 +
     * λ·step), are taken at their mean + z standard deviations, σ² = P²·(λ·step·(1 + c²) + c²).
     */
    double firstTokenSeconds(
        ServingContext ctx, StepTime step, double z, double q, double lengthScv) {
      return residualSeconds(q) + promptSeconds(ctx, step, z, lengthScv);
    }

    /** Mean time to first token: the mean wait for the step in flight and the prompt's steps. */
    double meanFirstTokenSeconds(ServingContext ctx, StepTime step, double lengthScv) {
      return meanResidual(promptStepShare, promptStepSeconds, decodeOnlyStepSeconds)
          + promptSeconds(ctx, step, 0, lengthScv);
    }

    /** The steps that prefill the prompt with those ahead of it, at z standard deviations. */
    private double promptSeconds(ServingContext ctx, StepTime step, double z, double lengthScv) {
      double prefill = ctx.prefillTokens();
      double keys = prefillKeysPerToken(ctx);
      double context = runningContext(ctx);
      double others = requestsPerSecond * stepSeconds;
      double mean = prefill * (1 + others);
      double sd = prefill * Math.sqrt(others * (1 + lengthScv) + lengthScv);
      double tokens = Math.max(1, mean + z * sd);
      double left =
          Math.max(1, ctx.serving().tokenBudget() - decoding * step.verifiedTokensPerSequence());
      double chunks = Math.max(1, Math.ceil(tokens / left));
      double chunk = Math.min(tokens, left);
      double withPrompts = step.seconds(decoding, decoding * context, chunk, chunk * keys);
      return chunks * withPrompts;
    }
  }
}
