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
      boolean fits) {

    /** The same configuration carrying {@code tokensPerSecond}. */
    public Estimate withTokensPerSecond(double tokensPerSecond) {
      return new Estimate(
          config,
          weightBytesPerDevice,
          kvBytesPerReplica,
          maxBatch,
          tpotSeconds,
          ttftSeconds,
          tokensPerSecond,
          fits);
    }
  }

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
   * @param promptStepDeviationSeconds standard deviation of a chunk step's time: its prompt tokens
   *     vary as the prompts' lengths do (fewer when a chunk holds several prompts), at the step's
   *     marginal seconds per prompt token
   * @param promptStepSkewness skewness of a chunk step's time: a gamma's, 2·√(c²) for the chunk
   *     tokens' squared coefficient of variation c²
   * @param seenDecodeOnlySeconds a step the decoding request sees that carries no prompt: the
   *     fastest its time per token can be
   * @param arrivalScv squared coefficient of variation of the time between the replica's arrivals:
   *     1 for Poisson arrivals, 1/R when a least-loaded router spreads them over R replicas (as
   *     round-robin would: an Erlang-R gap)
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
      double promptStepShare,
      double promptStepDeviationSeconds,
      double promptStepSkewness,
      double seenDecodeOnlySeconds,
      double arrivalScv) {
    static Load at(ServingContext ctx, StepTime step, double running) {
      return at(ctx, step, running, 1);
    }

    /** The same, arrivals {@code arrivalScv} as regular as Poisson ones (1) or more (below 1). */
    static Load at(ServingContext ctx, StepTime step, double running, double arrivalScv) {
      double steps = decodeSteps(ctx, step);
      double prefill = ctx.prefillTokens();
      double context = runningContext(ctx);
      int budget = ctx.serving().tokenBudget();
      double left = Math.max(1, budget - running * step.verifiedTokensPerSequence());
      double prefillSteps = Math.max(1, Math.ceil(prefill / left));
      double decoding = running * steps / (steps + prefillSteps);
      double perStep = running * prefill / (steps + prefillSteps);
      double decodeOnly = step.seconds(decoding, decoding * context, 0, 0);
      // The scheduler prefills a prompt in chunks of what the decodes leave of the budget, not a
      // little in every step: a share of the steps carries a chunk, the rest only decode. A
      // step's time is the larger of its multiplies and its weight reads, so the mix takes longer
      // than a step carrying the average prompt tokens would. A chunk step carries every prompt
      // that arrived during the step before it, at least one: 1 + λ·E[R] prompts for Poisson
      // arrivals (E[N | N ≥ 1] for a step whose length is biased by the arrival it holds; R the
      // mean residual of a step), which depends on the chunk in turn (three rounds settle it).
      double chunk = Math.max(perStep, Math.min(prefill, left));
      Load load =
          of(ctx, step, running, steps, prefillSteps, perStep, left, chunk, decodeOnly, arrivalScv);
      for (int round = 0; round < 3; round++) {
        double prompts = 1 + load.othersArriving(load.meanResidual());
        double next = Math.min(left, Math.max(perStep, Math.min(prefill, left) * prompts));
        if (Math.abs(next - chunk) <= 1e-3 * chunk) {
          break;
        }
        chunk = next;
        load =
            of(
                ctx,
                step,
                running,
                steps,
                prefillSteps,
                perStep,
                left,
                chunk,
                decodeOnly,
                arrivalScv);
      }
      // A decoding request is one of the decodes, and the others' prompts alone share its steps.
      double keys = prefillKeysPerToken(ctx);
      double others = Math.max(0, running - 1);
      double seenDecoding = 1 + others * steps / (steps + prefillSteps);
      double seenShare = running > 0 ? load.promptStepShare * others / running : 0;
      double seenDecodeOnly = step.seconds(seenDecoding, seenDecoding * context, 0, 0);
      double seen =
          seenShare * step.seconds(seenDecoding, seenDecoding * context, chunk, chunk * keys)
              + (1 - seenShare) * seenDecodeOnly;
      Load seeing =
          new Load(
              load.decoding,
              load.stepSeconds,
              prefillSteps,
              0,
              load.requestsPerSecond,
              seen,
              load.promptStepSeconds,
              decodeOnly,
              load.promptStepShare,
              load.promptStepDeviationSeconds,
              load.promptStepSkewness,
              seenDecodeOnly,
              arrivalScv);
      return seeing.withFirstToken(seeing.meanFirstTokenSeconds(ctx, step));
    }

    /**
     * The replica's steps with chunk steps of {@code chunk} prompt tokens on average (what a
     * decoding request sees is filled in by {@link #at}).
     */
    private static Load of(
        ServingContext ctx,
        StepTime step,
        double running,
        double steps,
        double prefillSteps,
        double perStep,
        double left,
        double chunk,
        double decodeOnly,
        double arrivalScv) {
      double prefill = ctx.prefillTokens();
      double keys = prefillKeysPerToken(ctx);
      double context = runningContext(ctx);
      double decoding = running * steps / (steps + prefillSteps);
      double withPrompt = step.seconds(decoding, decoding * context, chunk, chunk * keys);
      double chunkShare = Math.min(1, perStep / chunk);
      // A chunk holds N ≈ chunk / min(P, budget left) prompts' tokens, each as long as a prompt
      // is, N − 1 of them the arrivals during the step before: its tokens' squared coefficient of
      // variation is (N·c² + Var N)/N² (gamma-shaped), where the budget does not cap it, at the
      // step's marginal seconds per prompt token (over the chunk's upper half).
      double prompts = Math.max(1, chunk / Math.min(prefill, left));
      double chunkScv =
          (ctx.serving().lengths().squaredCoefficientOfVariation() * prompts
                  + (chunk < left ? countVariance(prompts - 1, arrivalScv) : 0))
              / (prompts * prompts);
      double halfChunk = chunk / 2;
      double perPromptToken =
          Math.max(
              0,
              (withPrompt - step.seconds(decoding, decoding * context, halfChunk, halfChunk * keys))
                  / halfChunk);
      double chunkDeviation = perPromptToken * chunk * Math.sqrt(chunkScv);
      double seconds = chunkShare * withPrompt + (1 - chunkShare) * decodeOnly;
      return new Load(
          decoding,
          seconds,
          prefillSteps,
          0,
          running / ((steps + prefillSteps) * seconds),
          Double.NaN,
          withPrompt,
          decodeOnly,
          chunkShare,
          chunkDeviation,
          2 * Math.sqrt(chunkScv),
          Double.NaN,
          arrivalScv);
    }

    /**
     * Other arrivals expected within {@code seconds} around an arrival: λ·t for Poisson arrivals;
     * for evenly spaced ones (a least-loaded router over many replicas) only those a whole gap
     * away, max(0, λ·t − 1); between the two by the arrivals' squared coefficient of variation.
     */
    double othersArriving(double seconds) {
      double m = requestsPerSecond * seconds;
      return arrivalScv * m + (1 - arrivalScv) * Math.max(0, m - 1);
    }

    /**
     * Variance of the arrivals in a window holding {@code mean} of them on average: Poisson's mean;
     * evenly spaced arrivals put ⌊m⌋ or ⌈m⌉ in it, at most a quarter (m(1 − m) below half an
     * arrival); between the two by the arrivals' squared coefficient of variation.
     */
    double arrivalCountVariance(double mean) {
      return countVariance(mean, arrivalScv);
    }

    private static double countVariance(double mean, double arrivalScv) {
      double even = mean < 0.5 ? mean * (1 - mean) : 0.25;
      return arrivalScv * mean + (1 - arrivalScv) * even;
    }

    private Load withFirstToken(double seconds) {
      return new Load(
          decoding,
          stepSeconds,
          prefillSteps,
          seconds,
          requestsPerSecond,
          decodeStepSeconds,
          promptStepSeconds,
          decodeOnlyStepSeconds,
          promptStepShare,
          promptStepDeviationSeconds,
          promptStepSkewness,
          seenDecodeOnlySeconds,
          arrivalScv);
    }

    /** Raw moment {@code k} (1 to 3) of a step's time over the mix of chunk and decode steps. */
    private double stepMoment(int k) {
      double c = promptStepShare;
      double p = promptStepSeconds;
      double d = decodeOnlyStepSeconds;
      double sd = promptStepDeviationSeconds;
      double v = sd * sd;
      double third = promptStepSkewness * v * sd;
      // A gamma's fourth central moment: v²·(3 + 6/k), 6/k = 1.5·skewness².
      double fourth = v * v * (3 + 1.5 * promptStepSkewness * promptStepSkewness);
      double chunk =
          switch (k) {
            case 1 -> p;
            case 2 -> p * p + v;
            case 3 -> p * p * p + 3 * p * v + third;
            default -> p * p * p * p + 6 * p * p * v + 4 * p * third + fourth;
          };
      return c * chunk + (1 - c) * Math.pow(d, k);
    }

    /**
     * Third central moment of the wait for the step in flight: E[R³] = E[S⁴]/(4·E[S]) for the
     * length-biased step.
     */
    double residualThirdMoment() {
      double first = stepMoment(1);
      if (first <= 0) {
        return 0;
      }
      double r1 = stepMoment(2) / (2 * first);
      double r2 = stepMoment(3) / (3 * first);
      double r3 = stepMoment(4) / (4 * first);
      return r3 - 3 * r1 * r2 + 2 * r1 * r1 * r1;
    }

    /**
     * Mean wait for the step in flight, E[S²]/(2·E[S]) over the mix of steps: an arrival lands in a
     * step carrying a prompt (the longer, usually), and in a long one of those, more often than
     * their share of the steps.
     */
    double meanResidual() {
      double first = stepMoment(1);
      return first > 0 ? stepMoment(2) / (2 * first) : 0;
    }

    /**
     * Variance of the wait for the step in flight: the step is length-biased and the wait uniform
     * over it, so E[R²] = E[S³]/(3·E[S]).
     */
    double residualVariance() {
      double first = stepMoment(1);
      if (first <= 0) {
        return 0;
      }
      double mean = meanResidual();
      return Math.max(0, stepMoment(3) / (3 * first) - mean * mean);
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
      double sd =
          Math.min(left, prefill * Math.sqrt(arrivalCountVariance(others) + others * lengthScv));
      double base = step.seconds(decoding, decoding * context, perStep, perStep * keys);
      double more = step.seconds(decoding, decoding * context, perStep + sd, (perStep + sd) * keys);
      return Math.max(0, more - base);
    }

    /**
     * Variance (s²) and third central moment (s³) of the time to first token of a request that
     * starts among these sequences.
     */
    record FirstTokenSpread(double variance, double third) {}

    /**
     * The spread of the time to first token: the wait for the step in flight's ({@link
     * #residualVariance}, {@link #residualThirdMoment}) and the prompt tokens' at the chunked
     * steps' seconds per token: their deviation ({@link #promptTokensDeviation}), and third central
     * moment its own prompt's, 2·P³·c⁴ (gamma-shaped lengths), and the others', compound:
     * E[N]·E[P³] = E[N]·P³·(1 + c²)(1 + 2c²) for Poisson arrivals, less as they are more even.
     */
    FirstTokenSpread firstTokenSpread(ServingContext ctx, StepTime step, double lengthScv) {
      double perToken = promptSecondsPerToken(ctx, step);
      double prompt = promptTokensDeviation(ctx, lengthScv) * perToken;
      double prefill = ctx.prefillTokens();
      double cube = prefill * prefill * prefill;
      double tokens =
          2 * cube * lengthScv * lengthScv
              + arrivalScv * othersInStep() * cube * (1 + lengthScv) * (1 + 2 * lengthScv);
      return new FirstTokenSpread(
          residualVariance() + prompt * prompt,
          residualThirdMoment() + tokens * perToken * perToken * perToken);
    }

    /**
     * Other prompts prefilled with an arrival's: those that arrive during the step in flight, which
     * is length-biased (E[S²]/E[S] long): λ·E[S²]/E[S] of them for Poisson arrivals, fewer as they
     * come more evenly ({@link #othersArriving}).
     */
    private double othersInStep() {
      double first = stepMoment(1);
      return first > 0 ? othersArriving(stepMoment(2) / first) : 0;
    }

    /**
     * Standard deviation of the prompt tokens prefilled with a request's: its own (P, of squared
     * coefficient of variation c²) and those of the N others that arrived during the step in flight
     * (mean λ·L, L that step's length-biased length), σ² = P²·(c² + Var N + E[N]·c² + λ²·Var L).
     */
    private double promptTokensDeviation(ServingContext ctx, double lengthScv) {
      double first = stepMoment(1);
      double biased = first > 0 ? stepMoment(2) / first : 0;
      double biasedVariance = first > 0 ? Math.max(0, stepMoment(3) / first - biased * biased) : 0;
      double others = othersArriving(biased);
      return ctx.prefillTokens()
          * Math.sqrt(
              lengthScv
                  + arrivalCountVariance(others)
                  + others * lengthScv
                  + arrivalScv * requestsPerSecond * requestsPerSecond * biasedVariance);
    }

    /**
     * Seconds a prompt token adds to the steps that prefill it, between half and 1.5 × the mean.
     */
    private double promptSecondsPerToken(ServingContext ctx, StepTime step) {
      double mean = ctx.prefillTokens() * (1 + othersInStep());
      double low = Math.max(1, mean / 2);
      double high = mean * 1.5;
      return (chunkedSeconds(ctx, step, high) - chunkedSeconds(ctx, step, low)) / (high - low);
    }

    /** Seconds of prefilling {@code tokens} in chunks of the budget the decodes leave, smoothly. */
    private double chunkedSeconds(ServingContext ctx, StepTime step, double tokens) {
      double left =
          Math.max(1, ctx.serving().tokenBudget() - decoding * step.verifiedTokensPerSequence());
      double chunk = Math.min(tokens, left);
      double context = runningContext(ctx);
      double keys = prefillKeysPerToken(ctx);
      return Math.max(1, tokens / left)
          * step.seconds(decoding, decoding * context, chunk, chunk * keys);
    }

    /** Mean time to first token: the mean wait for the step in flight and the prompt's steps. */
    double meanFirstTokenSeconds(ServingContext ctx, StepTime step) {
      return meanResidual() + promptSeconds(ctx, step);
    }

    /**
     * The steps that prefill the prompt with those that arrived during the step in flight ({@link
     * #othersInStep}): P·(1 + N) tokens in chunks of what the decodes leave of the budget.
     */
    private double promptSeconds(ServingContext ctx, StepTime step) {
      double prefill = ctx.prefillTokens();
      double keys = prefillKeysPerToken(ctx);
      double context = runningContext(ctx);
      double others = othersInStep();
      double tokens = Math.max(1, prefill * (1 + others));
      double left =
          Math.max(1, ctx.serving().tokenBudget() - decoding * step.verifiedTokensPerSequence());
      double chunks = Math.max(1, Math.ceil(tokens / left));
      double chunk = Math.min(tokens, left);
      double withPrompts = step.seconds(decoding, decoding * context, chunk, chunk * keys);
      return chunks * withPrompts;
    }
  }
}
