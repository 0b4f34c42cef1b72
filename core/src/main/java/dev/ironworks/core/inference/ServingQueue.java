package dev.ironworks.core.inference;

import dev.ironworks.core.scenario.LatencyPercentile;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;

/**
 * Tail latencies of a serving replica under Poisson arrivals, analytically: the replica is a
 * birth–death queue whose completion rate μ(n) depends on the n requests it runs (a flow-equivalent
 * server, Chandy, Herzog and Woo 1975), up to the c it has slots for; beyond c requests wait.
 *
 * <p>With λ the arrival rate, the stationary probabilities are π(n) ∝ Π_{i≤n} λ/μ(i) for n ≤ c and
 * fall geometrically by λ/μ(c) beyond (an M/M/c queue when μ(n) = n·μ). An arriving request sees π
 * (PASTA): it waits with probability P_w = P(n ≥ c), then an exponential time of rate μ(c) − λ,
 * scaled by 2/(1 + c_s²) for service times of squared coefficient of variation c_s² (Allen and
 * Cunneen's correction); otherwise it starts at once among n + 1 running. Its time to first token
 * is that wait and the steps that carry its prompt, its time per output token the step time at n +
 * 1 running, and its end-to-end latency the wait and a service time of mean (steps a request) ×
 * step, exponential or fixed as the lengths spread. With c = 1 and a constant μ this is M/M/1,
 * whose sojourn time is exponential of rate μ − λ: the p99 is ln(100)/(μ − λ).
 */
public final class ServingQueue {
  private static final int RATE_ITERATIONS = 60;

  /** The quantiles reported and targeted: p50, p90, p99. */
  private static final double[] QUANTILES = {0.5, 0.9, 0.99};

  /** Standard normal quantiles at {@link #QUANTILES}. */
  private static final double[] NORMAL_QUANTILES = {0, 1.2815515655, 2.3263478740};

  private final int slots;

  /** Whether no more than the share beyond the percentile may wait for a slot (see maxRate). */
  private final boolean waitBounded;

  private final double[] completionRate;
  private final double[] cumulativeLogRate;

  /** Time to first token per requests running, at the mean and the p50, p90 and p99. */
  private final double[][] firstTokenSeconds;

  /** Time per output token per requests running, at the mean and the p50, p90 and p99. */
  private final double[][] tpotSeconds;

  private final double[] serviceSeconds;
  private final double serviceScv;
  private final double tpotWaitShare;

  private ServingQueue(
      double[] completionRate,
      double[][] firstTokenSeconds,
      double[][] tpotSeconds,
      double[] serviceSeconds,
      double serviceScv,
      double tpotWaitShare,
      boolean waitBounded) {
    this.slots = completionRate.length - 1;
    this.waitBounded = waitBounded;
    this.completionRate = completionRate;
    this.firstTokenSeconds = firstTokenSeconds;
    this.tpotSeconds = tpotSeconds;
    this.serviceSeconds = serviceSeconds;
    this.serviceScv = Math.max(0, Math.min(1, serviceScv));
    this.tpotWaitShare = tpotWaitShare;
    this.cumulativeLogRate = new double[completionRate.length];
    for (int n = 1; n <= slots; n++) {
      cumulativeLogRate[n] = cumulativeLogRate[n - 1] + Math.log(completionRate[n]);
    }
  }

  /**
   * A continuous-batching replica that runs up to {@code slots} sequences, prefilling and decoding
   * in the same steps.
   *
   * @param serviceScv squared coefficient of variation of a request's service time
   */
  public static ServingQueue aggregated(
      ServingContext ctx, ServingConfig c, int slots, double serviceScv) {
    StepTime step = new StepTime(ctx, c);
    int n = Math.max(1, slots);
    double[] rate = new double[n + 1];
    double[][] first = new double[QUANTILES.length + 1][n + 1];
    double[][] tpot = new double[QUANTILES.length + 1][n + 1];
    double[] service = new double[n + 1];
    double steps = InferenceModel.decodeSteps(ctx, step);
    double lengthScv = ctx.serving().lengths().squaredCoefficientOfVariation();
    double shortness = meanInverseSteps(steps, lengthScv);
    for (int i = 1; i <= n; i++) {
      InferenceModel.Load load = InferenceModel.Load.at(ctx, step, i);
      rate[i] = load.requestsPerSecond();
      first[0][i] = load.meanFirstTokenSeconds(ctx, step, lengthScv);
      double perToken = load.decodeStepSeconds() / step.tokensPerStep();
      double spread =
          load.stepDeviationSeconds(ctx, step, lengthScv) / step.tokensPerStep() * shortness;
      tpot[0][i] = perToken;
      for (int k = 0; k < QUANTILES.length; k++) {
        double q = QUANTILES[k];
        first[k + 1][i] = load.firstTokenSeconds(ctx, step, NORMAL_QUANTILES[k], q, lengthScv);
        tpot[k + 1][i] = perToken + NORMAL_QUANTILES[k] * spread;
      }
      service[i] = first[0][i] + steps * load.stepSeconds();
    }
    return new ServingQueue(rate, first, tpot, service, serviceScv, 0, true);
  }

  /**
   * √E[1/k] for a request's k decode steps: a request's time per token averages its k steps, so the
   * steps' spread shrinks by √k. Fixed lengths take S steps; exponential ones are geometric of mean
   * S, E[1/k] = −p·ln p / (1 − p) with p = 1/S; between the two by the squared coefficient of
   * variation.
   */
  static double meanInverseSteps(double steps, double scv) {
    if (steps <= 1) {
      return 1;
    }
    double p = 1 / steps;
    double geometric = -p * Math.log(p) / (1 - p);
    double c = Math.max(0, Math.min(1, scv));
    return Math.sqrt((1 - c) / steps + c * geometric);
  }

  /**
   * A prefill replica of a disaggregated fleet: it batches up to {@code slots} prompts a step
   * within the token budget and hands each request on after its first token.
   */
  public static ServingQueue prefill(ServingContext ctx, ServingConfig c, int slots) {
    StepTime step = new StepTime(ctx, c);
    double prompt = ctx.prefillTokens();
    double keys = InferenceModel.prefillKeysPerToken(ctx);
    int budget = ctx.serving().tokenBudget();
    int n = Math.max(1, slots);
    double[] rate = new double[n + 1];
    double[][] first = new double[QUANTILES.length + 1][n + 1];
    double[][] tpot = new double[QUANTILES.length + 1][n + 1];
    double[] service = new double[n + 1];
    double steps = Math.max(1, Math.ceil(prompt / budget));
    for (int i = 1; i <= n; i++) {
      // A step carries the prompts of i requests, at most the budget's tokens.
      double tokens = Math.min(i * prompt, budget);
      double seconds = step.seconds(0, 0, tokens, tokens * keys);
      rate[i] = tokens / prompt / seconds;
      for (double[] row : first) {
        row[i] = seconds / 2 + steps * seconds;
      }
      service[i] = first[0][i];
    }
    // A prefill replica's slots are prompts its step's token budget carries, not sequences its KV
    // cache holds: a prompt that waits for one evicts nothing, and its wait is in the time to
    // first token the targets bound.
    return new ServingQueue(rate, first, tpot, service, 0, 0, false);
  }

  /**
   * A decode replica of a disaggregated fleet: requests arrive with their KV cache and decode in
   * steps of up to {@code slots} sequences. A request's time per output token counts its wait for a
   * slot, spread over the tokens after the first (the first came from the prefill replica).
   */
  public static ServingQueue decode(
      ServingContext ctx, ServingConfig c, int slots, double serviceScv) {
    StepTime step = new StepTime(ctx, c);
    double context = InferenceModel.runningContext(ctx);
    double steps = Math.max(1, InferenceModel.decodeSteps(ctx, step));
    int n = Math.max(1, slots);
    double[] rate = new double[n + 1];
    double[][] first = new double[QUANTILES.length + 1][n + 1];
    double[][] tpot = new double[QUANTILES.length + 1][n + 1];
    double[] service = new double[n + 1];
    for (int i = 1; i <= n; i++) {
      double seconds = step.seconds(i, i * context, 0, 0);
      rate[i] = i / (steps * seconds);
      for (double[] row : tpot) {
        row[i] = seconds / step.tokensPerStep();
      }
      service[i] = steps * seconds;
    }
    return new ServingQueue(
        rate, first, tpot, service, serviceScv, 1 / Math.max(1, ctx.outputTokens() - 1), true);
  }

  /** First-token times for a quantile: the row of the next reported quantile up. */
  private double[] firstTokenAt(double q) {
    return firstTokenSeconds[row(q)];
  }

  /** Times per output token for a quantile: the row of the next reported quantile up. */
  private double[] tpotAt(double q) {
    return tpotSeconds[row(q)];
  }

  private static int row(double q) {
    for (int k = 0; k < QUANTILES.length; k++) {
      if (q <= QUANTILES[k] + 1e-12) {
        return k + 1;
      }
    }
    return QUANTILES.length;
  }

  /** Requests a second the replica completes with every slot busy: where the queue grows. */
  public double capacity() {
    return completionRate[slots];
  }

  /** Mean time per output token with one request running: one user's speed on this replica. */
  public double aloneTpotSeconds() {
    return tpotSeconds[0][1];
  }

  /** Mean time per output token with {@code n} requests running ({@code 1 ≤ n ≤ slots}). */
  public double tpotSeconds(int n) {
    return tpotSeconds[0][checkRunning(n)];
  }

  /** Requests a second the replica completes with {@code n} running ({@code 1 ≤ n ≤ slots}). */
  public double completionRate(int n) {
    return completionRate[checkRunning(n)];
  }

  /**
   * Mean time to first token with {@code n} requests running ({@code 1 ≤ n ≤ slots}), before any
   * wait for a slot.
   */
  public double firstTokenSeconds(int n) {
    return firstTokenSeconds[0][checkRunning(n)];
  }

  private int checkRunning(int n) {
    if (n < 1 || n > slots) {
      throw new IllegalArgumentException("running requests " + n + " outside 1.." + slots);
    }
    return n;
  }

  /** Slots: requests the replica runs at once. */
  public int slots() {
    return slots;
  }

  /** The replica at arrival rate {@code lambda} (below {@link #capacity()}). */
  public LoadPoint at(double lambda, OptionalDouble ttftTarget, OptionalDouble tpotTarget) {
    State s = state(lambda);
    LatencyQuantiles ttft =
        new LatencyQuantiles(
            s.ttft(0.5), s.ttft(0.9), s.ttft(0.99), s.meanWait() + s.mean(firstTokenSeconds[0]));
    LatencyQuantiles tpot =
        new LatencyQuantiles(
            s.tpot(0.5),
            s.tpot(0.9),
            s.tpot(0.99),
            s.mean(tpotSeconds[0]) + s.meanWait() * tpotWaitShare);
    LatencyQuantiles e2e =
        new LatencyQuantiles(
            s.endToEnd(0.5),
            s.endToEnd(0.9),
            s.endToEnd(0.99),
            s.meanWait() + s.mean(serviceSeconds));
    return new LoadPoint(
        lambda,
        lambda / capacity(),
        s.meanRunning(),
        s.meanQueue(),
        s.waitProbability,
        ttft,
        tpot,
        e2e,
        s.goodput(ttftTarget, tpotTarget));
  }

  /**
   * The replica at or beyond its {@link #capacity()}: arrivals outpace completions, so the queue
   * has no steady state and grows for as long as the overload lasts. Every slot runs, a running
   * request's time per token is a full replica's (unbounded where waiting spreads into it, as on a
   * decode pool), and the wait for a slot, with the first token and the whole request, is
   * unbounded. A request meets a time-to-first-token target never, a time-per-token target only
   * when a full replica's step meets it.
   */
  public LoadPoint saturated(double lambda, OptionalDouble ttftTarget, OptionalDouble tpotTarget) {
    double unbounded = Double.POSITIVE_INFINITY;
    LatencyQuantiles never = new LatencyQuantiles(unbounded, unbounded, unbounded, unbounded);
    LatencyQuantiles tpot =
        tpotWaitShare > 0
            ? never
            : new LatencyQuantiles(
                tpotSeconds[1][slots],
                tpotSeconds[2][slots],
                tpotSeconds[3][slots],
                tpotSeconds[0][slots]);
    boolean good =
        ttftTarget.isEmpty()
            && (tpotTarget.isEmpty() || tpot.p99Seconds() <= tpotTarget.getAsDouble());
    return new LoadPoint(
        lambda, lambda / capacity(), slots, unbounded, 1, never, tpot, never, good ? 1 : 0);
  }

  /**
   * The highest arrival rate at which the {@code percentile} of time to first token and of time per
   * output token meet their targets (extra seconds added to the first), or 0 when none does. At
   * that rate no more than the share of requests beyond the percentile may queue for a slot of a
   * replica whose slots its KV cache sets (aggregated and decode): a replica queueing more runs its
   * KV cache full often enough that evictions and their recomputation eat its capacity (the
   * request-level simulation shows the collapse; a birth–death model cannot).
   */
  public double maxRate(
      LatencyPercentile percentile,
      OptionalDouble ttftTarget,
      OptionalDouble tpotTarget,
      double ttftExtraSeconds) {
    double q = percentile.quantile();
    double high = capacity();
    if (ttftTarget.isEmpty() && tpotTarget.isEmpty()) {
      return high;
    }
    double low = 0;
    if (!meets(high * 1e-9, q, ttftTarget, tpotTarget, ttftExtraSeconds)) {
      return 0;
    }
    for (int i = 0; i < RATE_ITERATIONS; i++) {
      double mid = (low + high) / 2;
      if (meets(mid, q, ttftTarget, tpotTarget, ttftExtraSeconds)) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private boolean meets(
      double lambda,
      double q,
      OptionalDouble ttftTarget,
      OptionalDouble tpotTarget,
      double ttftExtraSeconds) {
    if (!(lambda < capacity())) {
      return false;
    }
    State s = state(lambda);
    return (!waitBounded || s.waitProbability <= 1 - q)
        && (ttftTarget.isEmpty() || s.ttft(q) + ttftExtraSeconds <= ttftTarget.getAsDouble())
        && (tpotTarget.isEmpty() || s.tpot(q) <= tpotTarget.getAsDouble());
  }

  /** The stationary distribution at one rate, and quantiles over it. */
  private State state(double lambda) {
    if (!(lambda > 0 && lambda < capacity())) {
      throw new IllegalArgumentException(
          "arrival rate must be in (0, " + capacity() + "), got " + lambda);
    }
    return new State(lambda);
  }

  private final class State {
    /** π(n) for n = 0 … c − 1 and π(c …) summed into the last slot, normalised. */
    private final double[] probability;

    /** P(n ≤ i), cumulative over {@link #probability}. */
    private final double[] cumulative;

    private final double waitProbability;
    private final double ratio;
    private final double waitRate;

    State(double lambda) {
      double logLambda = Math.log(lambda);
      double max = Double.NEGATIVE_INFINITY;
      double[] log = new double[slots + 1];
      for (int n = 0; n <= slots; n++) {
        log[n] = n * logLambda - cumulativeLogRate[n];
        max = Math.max(max, log[n]);
      }
      ratio = lambda / completionRate[slots];
      probability = new double[slots + 1];
      double total = 0;
      for (int n = 0; n <= slots; n++) {
        double p = Math.exp(log[n] - max);
        // n = c stands for every n >= c: a geometric tail of ratio λ/μ(c).
        probability[n] = n == slots ? p / (1 - ratio) : p;
        total += probability[n];
      }
      cumulative = new double[slots + 1];
      double running = 0;
      for (int n = 0; n <= slots; n++) {
        probability[n] /= total;
        running += probability[n];
        cumulative[n] = running;
      }
      waitProbability = probability[slots];
      waitRate = (completionRate[slots] - lambda) * 2 / (1 + serviceScv);
    }

    /** Slots busy once a request that found n running starts: n + 1, at most c. */
    private int runningWith(int n) {
      return Math.min(n + 1, slots);
    }

    double mean(double[] perRunning) {
      double sum = 0;
      for (int n = 0; n <= slots; n++) {
        sum += probability[n] * perRunning[runningWith(n)];
      }
      return sum;
    }

    double meanRunning() {
      double sum = 0;
      for (int n = 0; n < slots; n++) {
        sum += probability[n] * n;
      }
      return sum + waitProbability * slots;
    }

    double meanQueue() {
      return waitProbability * ratio / (1 - ratio);
    }

    double meanWait() {
      return waitProbability / waitRate;
    }

    /** The q-quantile of a figure that grows with the requests running (per n + 1 running). */
    double monotone(double q, double[] perRunning) {
      for (int n = 0; n <= slots; n++) {
        if (cumulative[n] >= q) {
          return perRunning[runningWith(n)];
        }
      }
      return perRunning[slots];
    }

    double tpot(double q) {
      if (tpotWaitShare == 0) {
        return monotone(q, tpotAt(q));
      }
      double[] tpot = tpotAt(q);
      return quantile(q, x -> exceeds(x, tpot, tpotWaitShare), tpot[slots]);
    }

    /**
     * P(share × wait + a figure growing with the requests running > x): those that start at once
     * form a tail of n, those that wait add an exponential.
     */
    double exceeds(double x, double[] perRunning, double share) {
      double above = 0;
      for (int n = slots - 1; n >= 0; n--) {
        if (perRunning[runningWith(n)] > x) {
          above += probability[n];
        } else {
          break;
        }
      }
      double rest = x - perRunning[slots];
      return above + waitProbability * (rest < 0 ? 1 : Math.exp(-waitRate / share * rest));
    }

    double ttft(double q) {
      double[] first = firstTokenAt(q);
      return quantile(q, x -> exceeds(x, first, 1), first[slots]);
    }

    /** P(wait + service > x), the service exponential or fixed as the lengths spread. */
    double endToEndExceeds(double x) {
      double sum = 0;
      for (int n = 0; n < slots; n++) {
        sum += probability[n] * serviceExceeds(serviceSeconds[runningWith(n)], x);
      }
      double mean = serviceSeconds[slots];
      double exponential;
      double beta = 1 / mean;
      if (Math.abs(beta - waitRate) < 1e-9 * beta) {
        exponential = (1 + beta * x) * Math.exp(-beta * x);
      } else {
        exponential =
            (beta * Math.exp(-waitRate * x) - waitRate * Math.exp(-beta * x)) / (beta - waitRate);
      }
      double fixed = x < mean ? 1 : Math.exp(-waitRate * (x - mean));
      return sum + waitProbability * (serviceScv * exponential + (1 - serviceScv) * fixed);
    }

    private double serviceExceeds(double mean, double x) {
      double fixed = x < mean ? 1 : 0;
      return serviceScv * Math.exp(-x / mean) + (1 - serviceScv) * fixed;
    }

    double endToEnd(double q) {
      return quantile(q, this::endToEndExceeds, serviceSeconds[slots]);
    }

    /** The smallest x with P(X > x) ≤ 1 − q, by bisection. */
    private double quantile(double q, DoubleUnaryOperator exceeds, double scale) {
      double target = 1 - q;
      double low = 0;
      double high = Math.max(scale, 1e-9);
      while (exceeds.applyAsDouble(high) > target) {
        low = high;
        high *= 2;
        if (high > 1e12) {
          return high;
        }
      }
      for (int i = 0; i < RATE_ITERATIONS; i++) {
        double mid = (low + high) / 2;
        if (exceeds.applyAsDouble(mid) > target) {
          low = mid;
        } else {
          high = mid;
        }
      }
      return high;
    }

    /** Share of requests meeting both targets. */
    double goodput(OptionalDouble ttftTarget, OptionalDouble tpotTarget) {
      double good = 0;
      for (int n = 0; n <= slots; n++) {
        int running = runningWith(n);
        if (tpotTarget.isPresent() && tpotSeconds[0][running] > tpotTarget.getAsDouble()) {
          continue;
        }
        if (tpotWaitShare > 0 && n == slots && tpotTarget.isPresent()) {
          double rest = (tpotTarget.getAsDouble() - tpotSeconds[0][running]) / tpotWaitShare;
          good += probability[n] * (1 - Math.exp(-waitRate * rest));
          continue;
        }
        double first = firstTokenSeconds[0][running];
        if (n < slots) {
          good += ttftTarget.isEmpty() || first <= ttftTarget.getAsDouble() ? probability[n] : 0;
        } else if (ttftTarget.isEmpty()) {
          good += probability[n];
        } else {
          double rest = ttftTarget.getAsDouble() - first;
          good += rest < 0 ? 0 : probability[n] * (1 - Math.exp(-waitRate * rest));
        }
      }
      return Math.min(1, Math.max(0, good));
    }
  }
}
