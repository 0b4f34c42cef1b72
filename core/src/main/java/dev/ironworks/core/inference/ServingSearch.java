package dev.ironworks.core.inference;

import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.scenario.LatencyPercentile;
import dev.ironworks.core.scenario.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Auto-configuration of serving: tensor × pipeline × sequences a replica runs × precision, keeping
 * configurations whose latency percentiles meet the targets under Poisson arrivals spread over the
 * fleet's replicas by a least-loaded router ({@link ServingQueue}), ranked by accelerators needed
 * for the demand (the cheapest fleet), then by time per output token. Static batching has no
 * queueing model: its configurations are held to the targets at their mean latencies and run at
 * their full throughput.
 */
public final class ServingSearch {
  private static final int[] POWERS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

  /** The most slots the queueing model tracks one by one. */
  static final int MAX_SLOTS = 65_536;

  private ServingSearch() {}

  /**
   * A search's outcome.
   *
   * @param best the chosen configuration, when one meets the targets: its batch is the sequences a
   *     replica runs at most, its latencies the percentile ones at the rate it runs, and its tokens
   *     per second the most a replica carries within the targets
   * @param replicas replicas of it for the peak demand (or the fleet's, when fixed)
   * @param curve the chosen replica shape's latency–throughput trade-off, batch by batch
   * @param queue the chosen replica's queueing model (empty with static batching)
   * @param ratePerReplica requests a second a replica carries within the targets (its capacity
   *     without targets)
   */
  public record Result(
      Optional<InferenceModel.Estimate> best,
      long replicas,
      List<InferenceModel.Estimate> curve,
      long evaluated,
      Optional<ServingQueue> queue,
      double ratePerReplica) {
    public Result {
      curve = List.copyOf(curve);
    }

    /** A result without a queueing model. */
    public Result(
        Optional<InferenceModel.Estimate> best,
        long replicas,
        List<InferenceModel.Estimate> curve,
        long evaluated) {
      this(best, replicas, curve, evaluated, Optional.empty(), 0);
    }
  }

  /**
   * Searches.
   *
   * @param peakTokensPerSecond output tokens per second to serve at the peak (0: maximise per
   *     accelerator)
   * @param maxAcceleratorsPerReplica the fleet's size when it is given (a replica must fit)
   */
  public static Result search(
      ServingContext ctx,
      OptionalInt fixedTensor,
      OptionalInt fixedPipeline,
      Optional<Precision> fixedPrecision,
      OptionalDouble ttftTarget,
      OptionalDouble tpotTarget,
      double peakTokensPerSecond,
      long maxAcceleratorsPerReplica) {
    TransformerModel m = ctx.model();
    LatencyPercentile percentile = ctx.serving().percentile();
    double scv = ctx.serving().lengths().squaredCoefficientOfVariation();
    double peakRequests = peakTokensPerSecond / ctx.outputTokens();
    InferenceModel.Estimate best = null;
    ServingQueue bestQueue = null;
    double bestRate = 0;
    double bestScore = Double.POSITIVE_INFINITY;
    long bestReplicas = 0;
    long evaluated = 0;
    for (Precision precision : precisions(ctx, fixedPrecision)) {
      for (int t : candidates(fixedTensor)) {
        if (m.attentionHeads() % t != 0
            || (fixedTensor.isEmpty() && t > Math.max(1, ctx.scaleUpDomainSize()))) {
          continue;
        }
        for (int p :
            pipelines(
                ctx,
                fixedPipeline,
                t,
                precision,
                fixedTensor.isEmpty() ? maxAcceleratorsPerReplica : 0)) {
          if ((long) t * p > maxAcceleratorsPerReplica) {
            continue;
          }
          InferenceModel.Estimate one =
              InferenceModel.estimate(ctx, new ServingConfig(t, p, expert(m, t), 1, precision));
          evaluated++;
          if (one.maxBatch() < 1) {
            continue;
          }
          for (int b : slots(ctx, one.maxBatch())) {
            ServingConfig config = new ServingConfig(t, p, expert(m, t), b, precision);
            InferenceModel.Estimate e = InferenceModel.estimate(ctx, config);
            evaluated++;
            if (!e.fits()) {
              continue;
            }
            ServingQueue queue = null;
            double rate;
            long pooled = 0;
            if (ctx.continuousBatching()) {
              long given =
                  maxAcceleratorsPerReplica < Long.MAX_VALUE
                      ? maxAcceleratorsPerReplica / ((long) t * p)
                      : 0;
              Pooled fleet =
                  pooled(ctx, config, scv, Math.max(1, given), percentile, ttftTarget, tpotTarget);
              queue = fleet.queue();
              rate = fleet.rate();
              evaluated += b;
              if (given == 0 && peakRequests > 0 && rate > 0) {
                // A least-loaded router over the fleet evens each replica's arrivals and running
                // requests: the fewest replicas R that carry the peak at the rate R of them allow.
                // R₁ = ⌈peak / rate(1)⌉ do (a replica's rate never falls with R), and none below
                // ⌈peak / rate(R₁)⌉ can: bisect between.
                long high = (long) Math.ceil(peakRequests / rate);
                if (high > 1) {
                  Pooled atHigh =
                      pooled(ctx, config, scv, high, percentile, ttftTarget, tpotTarget);
                  evaluated += b;
                  if (atHigh.rate() * high >= peakRequests) {
                    queue = atHigh.queue();
                    rate = atHigh.rate();
                    pooled = high;
                    long low = Math.max(1, (long) Math.ceil(peakRequests / rate));
                    while (low < pooled) {
                      long mid = low + (pooled - low) / 2;
                      Pooled at = pooled(ctx, config, scv, mid, percentile, ttftTarget, tpotTarget);
                      evaluated += b;
                      if (at.rate() * mid >= peakRequests) {
                        queue = at.queue();
                        rate = at.rate();
                        pooled = mid;
                      } else {
                        low = mid + 1;
                      }
                    }
                  }
                }
              }
            } else {
              rate =
                  meetsAtMean(e, ttftTarget, tpotTarget)
                      ? e.tokensPerSecond() / ctx.outputTokens()
                      : 0;
            }
            if (!(rate > 0)) {
              continue;
            }
            if (queue != null && queue.replicas() > 1) {
              // Evenly fed, a full replica's chunks carry fewer bunched prompts: its capacity.
              e = e.withTokensPerSecond(queue.capacity() * ctx.outputTokens());
            }
            long replicas =
                pooled > 0 ? pooled : peakRequests > 0 ? (long) Math.ceil(peakRequests / rate) : 1;
            double score =
                peakRequests > 0 ? (double) replicas * t * p : t * p / (rate * ctx.outputTokens());
            if (best == null
                || score < bestScore - 1e-12
                || (Math.abs(score - bestScore) <= 1e-12 && e.tpotSeconds() < best.tpotSeconds())) {
              best = e;
              bestQueue = queue;
              bestRate = rate;
              bestScore = score;
              bestReplicas = replicas;
            }
          }
        }
      }
    }
    List<InferenceModel.Estimate> curve = new ArrayList<>();
    if (best != null) {
      ServingConfig c = best.config();
      for (int b : batches(best.maxBatch())) {
        curve.add(
            InferenceModel.estimate(
                ctx, new ServingConfig(c.tensor(), c.pipeline(), c.expert(), b, c.precision())));
      }
    }
    return new Result(
        Optional.ofNullable(best),
        bestReplicas,
        curve,
        evaluated,
        Optional.ofNullable(bestQueue),
        bestRate);
  }

  /**
   * Searches disaggregated fleets: one replica shape for both pools, the sequences a decode replica
   * runs, and the split of replicas between prefill and decode.
   *
   * @param peakRequestsPerSecond requests a second at the peak (0: no demand)
   * @param fleetAccelerators the fleet when it is given (0: sized from the demand)
   */
  public static Optional<Disaggregation> disaggregated(
      ServingContext ctx,
      OptionalInt fixedTensor,
      OptionalInt fixedPipeline,
      Optional<Precision> fixedPrecision,
      OptionalDouble ttftTarget,
      OptionalDouble tpotTarget,
      double peakRequestsPerSecond,
      long fleetAccelerators) {
    TransformerModel m = ctx.model();
    if (!ctx.continuousBatching()) {
      return Optional.empty();
    }
    LatencyPercentile percentile = ctx.serving().percentile();
    double scv = ctx.serving().lengths().squaredCoefficientOfVariation();
    long limit = fleetAccelerators > 0 ? fleetAccelerators / 2 : Long.MAX_VALUE;
    Disaggregation best = null;
    double bestScore = Double.POSITIVE_INFINITY;
    for (Precision precision : precisions(ctx, fixedPrecision)) {
      for (int t : candidates(fixedTensor)) {
        if (m.attentionHeads() % t != 0
            || (fixedTensor.isEmpty() && t > Math.max(1, ctx.scaleUpDomainSize()))) {
          continue;
        }
        for (int p :
            pipelines(ctx, fixedPipeline, t, precision, fixedTensor.isEmpty() ? limit : 0)) {
          int n = t * p;
          if (n > limit) {
            continue;
          }
          ServingConfig one = new ServingConfig(t, p, expert(m, t), 1, precision);
          StepTime step = new StepTime(ctx, one);
          int kvSlots = InferenceModel.kvLimitedBatch(ctx, one, step);
          int decodeSlots =
              Math.min(
                  kvSlots,
                  (int)
                      Math.min(
                          MAX_SLOTS,
                          ctx.serving().tokenBudget() / step.verifiedTokensPerSequence()));
          if (decodeSlots < 1) {
            continue;
          }
          double transfer = kvTransferSeconds(ctx, one);
          int prefillSlots =
              (int) Math.max(1, Math.floor(ctx.serving().tokenBudget() / ctx.prefillTokens()));
          ServingQueue prefill = ServingQueue.prefill(ctx, one, Math.min(prefillSlots, MAX_SLOTS));
          double prefillRate = prefill.maxRate(percentile, ttftTarget, OptionalDouble.empty(), 0);
          if (!(prefillRate > 0)) {
            continue;
          }
          // A request's time per output token also carries the KV transfer before its second
          // token, spread over the tokens after the first.
          double perToken = transfer / Math.max(1, ctx.outputTokens() - 1);
          OptionalDouble decodeTarget =
              tpotTarget.isPresent()
                  ? OptionalDouble.of(tpotTarget.getAsDouble() - perToken)
                  : OptionalDouble.empty();
          if (decodeTarget.isPresent() && decodeTarget.getAsDouble() <= 0) {
            continue;
          }
          for (int b : slots(ctx, decodeSlots)) {
            ServingConfig config = new ServingConfig(t, p, expert(m, t), b, precision);
            ServingQueue decode = ServingQueue.decode(ctx, config, b, scv);
            double decodeRate = decode.maxRate(percentile, OptionalDouble.empty(), decodeTarget, 0);
            if (!(decodeRate > 0)) {
              continue;
            }
            long[] split =
                split(peakRequestsPerSecond, fleetAccelerators, n, prefillRate, decodeRate);
            if (split == null) {
              continue;
            }
            Disaggregation d =
                new Disaggregation(
                    config,
                    split[0],
                    split[1],
                    prefill,
                    decode,
                    prefillRate,
                    decodeRate,
                    transfer,
                    decodeSlots);
            double score;
            if (peakRequestsPerSecond > 0 && fleetAccelerators == 0) {
              score = (double) d.replicas() * n;
            } else if (fleetAccelerators > 0) {
              score = -d.fleetRate();
            } else {
              score = n * (1 / prefillRate + 1 / decodeRate);
            }
            if (best == null || score < bestScore - 1e-12) {
              best = d;
              bestScore = score;
            }
          }
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Prefill and decode replicas: enough of each for the demand, or the split of a given fleet's
   * replicas that carries the most; one of each without either. Null when the fleet holds fewer
   * than two replicas.
   */
  private static long[] split(
      double peakRequests, long fleetAccelerators, int perReplica, double prefill, double decode) {
    if (fleetAccelerators > 0) {
      long replicas = fleetAccelerators / perReplica;
      if (replicas < 2) {
        return null;
      }
      long bestPrefill = 1;
      double bestRate = -1;
      long guess = Math.round(replicas * decode / (prefill + decode));
      for (long r = Math.max(1, guess - 1); r <= Math.min(replicas - 1, guess + 1); r++) {
        double rate = Math.min(r * prefill, (replicas - r) * decode);
        if (rate > bestRate) {
          bestRate = rate;
          bestPrefill = r;
        }
      }
      return new long[] {bestPrefill, replicas - bestPrefill};
    }
    if (peakRequests > 0) {
      return new long[] {
        (long) Math.ceil(peakRequests / prefill), (long) Math.ceil(peakRequests / decode)
      };
    }
    return new long[] {1, 1};
  }

  /**
   * Seconds to move one prompt's KV cache between replicas: each tensor rank sends its shard over
   * its own share of the fabric, plus one transfer latency.
   */
  static double kvTransferSeconds(ServingContext ctx, ServingConfig c) {
    double bytes =
        InferenceModel.kvBytesPerSequence(
            ctx.model(), ctx.promptTokens(), ctx.serving().kvPrecision(c.precision()).bytes());
    return bytes / ctx.model().kvShards(c.tensor()) / ctx.kvTransferBytesPerSecond()
        + ctx.calibration().collectiveLatencySeconds();
  }

  /** A replica's queue as one of a fleet's and the most it carries within the targets. */
  private record Pooled(ServingQueue queue, double rate) {}

  private static Pooled pooled(
      ServingContext ctx,
      ServingConfig config,
      double scv,
      long replicas,
      LatencyPercentile percentile,
      OptionalDouble ttftTarget,
      OptionalDouble tpotTarget) {
    ServingQueue queue =
        ServingQueue.aggregated(
            ctx, config, Math.min(config.batch(), MAX_SLOTS), scv, replicaCount(replicas));
    return new Pooled(queue, queue.maxRate(percentile, ttftTarget, tpotTarget, 0));
  }

  /** A replica count as the queueing model takes it (beyond a million the fleet is as even). */
  private static int replicaCount(long replicas) {
    return (int) Math.min(1_000_000, Math.max(1, replicas));
  }

  private static List<Precision> precisions(ServingContext ctx, Optional<Precision> fixed) {
    List<Precision> precisions = new ArrayList<>();
    if (fixed.isPresent()) {
      precisions.add(fixed.get());
    } else {
      if (ctx.accelerator().denseFp8FlopPerSecond().isPresent()) {
        precisions.add(Precision.FP8);
      }
      // The 16-bit format the chip has units for: FP16 on Volta and Turing, which lack BF16.
      precisions.add(
          ctx.accelerator().denseBf16FlopPerSecond().isPresent() ? Precision.BF16 : Precision.FP16);
    }
    return precisions;
  }

  /**
   * The slots to try: the scheduler's fixed number when the KV cache holds it; else the most the KV
   * cache holds, and the powers of two below it down to an eighth of it (fewer slots shorten every
   * step at the cost of more queueing).
   */
  static List<Integer> slots(ServingContext ctx, int maxBatch) {
    OptionalInt fixed = ctx.serving().maxSequences();
    if (fixed.isPresent()) {
      return fixed.getAsInt() <= maxBatch ? List.of(fixed.getAsInt()) : List.of();
    }
    if (!ctx.continuousBatching()) {
      return batches(maxBatch);
    }
    List<Integer> out = new ArrayList<>();
    for (int b = 1; b < maxBatch; b *= 2) {
      if (8L * b >= maxBatch) {
        out.add(b);
      }
    }
    out.add(maxBatch);
    return out;
  }

  /**
   * Pipeline depths to try: the fixed one; else none while a wider tensor-parallel group inside the
   * scale-up domain would hold the weights (as serving engines split a model), else the fewest
   * stages whose memory holds them, and twice that for KV room.
   */
  static List<Integer> pipelines(
      ServingContext ctx, OptionalInt fixed, int t, Precision precision, long widerLimit) {
    if (fixed.isPresent()) {
      return List.of(fixed.getAsInt());
    }
    double weights = ctx.model().parameters() * precision.bytes();
    double perDevice =
        ctx.memoryBytes() * InferenceModel.MEMORY_FRACTION
            - ctx.calibration().reservedMemoryBytes();
    if (perDevice <= 0) {
      return List.of();
    }
    int least = (int) Math.max(1, Math.ceil(weights * 1.05 / (t * perDevice)));
    if (least > 100_000) {
      return List.of();
    }
    // Tensor parallelism first inside a scale-up domain, pipeline stages only beyond it: skip
    // stages while a wider tensor group that the heads and the domain allow holds the weights.
    int widest = 1;
    for (int w = 1; w <= Math.min(ctx.scaleUpDomainSize(), ctx.model().attentionHeads()); w *= 2) {
      if (ctx.model().attentionHeads() % w == 0) {
        widest = w;
      }
    }
    // Only when the tensor degree is free and the wider group fits the replica limit.
    boolean widerFits =
        widest <= widerLimit && Math.ceil(weights * 1.05 / (widest * perDevice)) <= 1;
    if (least > 1 && widerFits && t < widest) {
      return List.of();
    }
    return least == 1 ? List.of(1) : List.of(least, 2 * least);
  }

  private static boolean meetsAtMean(
      InferenceModel.Estimate e, OptionalDouble ttftTarget, OptionalDouble tpotTarget) {
    return (ttftTarget.isEmpty() || e.ttftSeconds() <= ttftTarget.getAsDouble())
        && (tpotTarget.isEmpty() || e.tpotSeconds() <= tpotTarget.getAsDouble());
  }

  static int expert(TransformerModel m, int t) {
    return m.isMoe() ? Math.min(t, m.experts()) : 1;
  }

  static int[] candidates(OptionalInt fixed) {
    return fixed.isPresent() ? new int[] {fixed.getAsInt()} : POWERS;
  }

  /** Batches 1, 2, 4 … up to the largest that fits, and that largest. */
  static List<Integer> batches(int maxBatch) {
    List<Integer> out = new ArrayList<>();
    for (int b = 1; b < maxBatch; b *= 2) {
      out.add(b);
    }
    out.add(maxBatch);
    return out;
  }
}
