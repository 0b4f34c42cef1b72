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
 *
 * <p>A percentile is a mixture over the n an arrival finds: time to first token at n + 1 is a
 * Pearson type III of its mean, variance and third central moment (the length-biased step in flight
 * and the prompt tokens prefilled with it); time per token a gamma above the steps that carry no
 * prompt, for each group of requests by their decode steps (the short ones vary most). One of R
 * replicas fed by a least-loaded router sees the fleet's pooled chain, π(n)^R, waits only when
 * every replica is full, and receives its arrivals as evenly as an Erlang-R gap.
 */
public final class ServingQueue {
  private static final int RATE_ITERATIONS = 60;

  /** Bisections stop when the bracket is this share of its value: far below any figure's error. */
  private static final double BISECTION_TOLERANCE = 1e-6;

  /** Standard normal quantiles at the p50, p90 and p99 reported. */
  private static final double[] NORMAL_QUANTILES = {0, 1.2815515655, 2.3263478740};

  /** Running counts less likely than this are left out of a quantile's mixture. */
  private static final double NEGLIGIBLE = 1e-10;

  /**
   * Gamma shape below which the tail is computed exactly: Wilson–Hilferty puts the p99 of a shape
   * of 0.2 6% low, of 0.1 19% low (within 1% from 0.5).
   */
  private static final double WILSON_HILFERTY_SHAPE = 1;

  /** Skewness below which a latency is taken as normal. */
  private static final double MIN_SKEW = 0.01;

  private final int slots;

  /** Whether no more than the share beyond the percentile may wait for a slot (see maxRate). */
  private final boolean waitBounded;

  private final double[] completionRate;
  private final double[] cumulativeLogRate;

  /** Mean time to first token per requests running, before any wait for a slot. */
  private final double[] firstTokenSeconds;

  /** Variance of the time to first token per requests running, before any wait (s²). */
  private final double[] firstTokenVariance;

  /** Third central moment of the time to first token per requests running (s³). */
  private final double[] firstTokenThird;

  /** Mean time per output token per requests running. */
  private final double[] tpotSeconds;

  /** Standard deviation of a request's time per output token per requests running. */
  private final double[] tpotDeviation;

  /** Third central moment of a request's time per output token per requests running (s³). */
  private final double[] tpotThird;

  private final double[] serviceSeconds;
  private final double serviceScv;
  private final double tpotWaitShare;

  /** Replicas a least-loaded router spreads the arrivals over (1: this replica's own Poisson). */
  private final int replicas;

  /**
   * Requests grouped by their decode steps k: each group's share, and its E[1/k] over all requests'
   * (the variance of its time per token against the mean variance).
   */
  private final double[] groupShare;

  private final double[] groupVarianceRatio;

  private ServingQueue(
      double[] completionRate,
      double[] firstTokenSeconds,
      double[] firstTokenVariance,
      double[] firstTokenThird,
      double[] tpotSeconds,
      double[] tpotDeviation,
      double[] tpotThird,
      double[] serviceSeconds,
      double serviceScv,
      double tpotWaitShare,
      boolean waitBounded,
      int replicas,
      double[][] groups) {
    this.slots = completionRate.length - 1;
    this.waitBounded = waitBounded;
    this.completionRate = completionRate;
    this.firstTokenSeconds = firstTokenSeconds;
    this.firstTokenVariance = firstTokenVariance;
    this.firstTokenThird = firstTokenThird;
    this.tpotSeconds = tpotSeconds;
    this.tpotDeviation = tpotDeviation;
    this.tpotThird = tpotThird;
    this.serviceSeconds = serviceSeconds;
    this.serviceScv = Math.max(0, Math.min(1, serviceScv));
    this.tpotWaitShare = tpotWaitShare;
    this.replicas = Math.max(1, replicas);
    this.groupShare = groups[0];
    this.groupVarianceRatio = groups[1];
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
    return aggregated(ctx, c, slots, serviceScv, 1);
  }

  /**
   * The same replica as one of {@code replicas} that a least-loaded router feeds: its arrivals are
   * as even as an Erlang-R gap's (squared coefficient of variation 1/R), and it runs about as many
   * requests as every other (see {@link #at}).
   */
  public static ServingQueue aggregated(
      ServingContext ctx, ServingConfig c, int slots, double serviceScv, int replicas) {
    StepTime step = new StepTime(ctx, c);
    int n = Math.max(1, slots);
    double[] rate = new double[n + 1];
    double[] first = new double[n + 1];
    double[] firstVariance = new double[n + 1];
    double[] firstThird = new double[n + 1];
    double[] tpot = new double[n + 1];
    double[] tpotSpread = new double[n + 1];
    double[] tpotSkew = new double[n + 1];
    double[] service = new double[n + 1];
    double steps = InferenceModel.decodeSteps(ctx, step);
    double lengthScv = ctx.serving().lengths().squaredCoefficientOfVariation();
    double shortness = meanInverseSteps(steps, lengthScv);
    for (int i = 1; i <= n; i++) {
      InferenceModel.Load load = InferenceModel.Load.at(ctx, step, i, 1.0 / Math.max(1, replicas));
      rate[i] = load.requestsPerSecond();
      first[i] = load.meanFirstTokenSeconds(ctx, step);
      InferenceModel.Load.FirstTokenSpread spread = load.firstTokenSpread(ctx, step, lengthScv);
      firstVariance[i] = spread.variance();
      firstThird[i] = spread.third();
      tpot[i] = load.decodeStepSeconds() / step.tokensPerStep();
      tpotSpread[i] =
          load.stepDeviationSeconds(ctx, step, lengthScv) / step.tokensPerStep() * shortness;
      // Above the time of steps that carry no prompt, gamma-shaped: most requests' steps carry
      // few prompts, a few carry many (its third central moment 2·σ⁴/(mean − that floor)).
      double above = tpot[i] - load.seenDecodeOnlySeconds() / step.tokensPerStep();
      double spread2 = tpotSpread[i] * tpotSpread[i];
      tpotSkew[i] = above > 0 ? 2 * spread2 * spread2 / above : 0;
      service[i] = first[i] + steps * load.stepSeconds();
    }
    return new ServingQueue(
        rate,
        first,
        firstVariance,
        firstThird,
        tpot,
        tpotSpread,
        tpotSkew,
        service,
        serviceScv,
        0,
        true,
        replicas,
        lengthGroups(steps, lengthScv));
  }

  /**
   * √E[1/k] for a request's k decode steps: a request's time per token averages its k steps, so the
   * steps' spread shrinks by √k. Fixed lengths take S steps; exponential ones are geometric of mean
   * S, E[1/k] = −p·ln p / (1 − p) with p = 1/S; between the two by the squared coefficient of
   * variation.
   */
  private static final double[][] ONE_GROUP = {{1}, {1}};

  /** Cumulative shares of requests, shortest first, where the length groups part. */
  private static final double[] GROUP_BOUNDS = {0.05, 0.25};

  /**
   * Requests grouped by their decode steps k, shortest first: a request's time per token averages
   * its k steps, so its variance is a step's over k, and the few short requests make the tail of
   * time per token (a mixture over k, not one spread). Geometric k of mean S (exponential lengths)
   * part at 5% and 25% of the requests; fixed lengths are one group. Returns each group's share and
   * E[1/k | group] / E[1/k].
   */
  static double[][] lengthGroups(double steps, double scv) {
    double c = Math.max(0, Math.min(1, scv));
    if (steps <= 1 || c == 0) {
      return ONE_GROUP;
    }
    double p = 1 / steps;
    double q = 1 - p;
    double total = square(meanInverseSteps(steps, scv));
    double[] share = new double[GROUP_BOUNDS.length + 2];
    double[] inverse = new double[GROUP_BOUNDS.length + 2];
    double pmf = p;
    double cumulative = 0;
    int g = 0;
    for (long k = 1; g < GROUP_BOUNDS.length; k++) {
      share[g] += pmf;
      inverse[g] += pmf / k;
      cumulative += pmf;
      pmf *= q;
      if (cumulative >= GROUP_BOUNDS[g]) {
        g++;
      }
    }
    double geometric = -p * Math.log(p) / q;
    double last = GROUP_BOUNDS.length;
    share[(int) last] = Math.max(0, 1 - cumulative);
    double rest = geometric;
    for (int i = 0; i < last; i++) {
      rest -= inverse[i];
    }
    inverse[(int) last] = Math.max(0, rest);
    // Fixed lengths' share, if the lengths are between the two.
    share[share.length - 1] = 1 - c;
    inverse[share.length - 1] = (1 - c) / steps;
    double[] ratio = new double[share.length];
    for (int i = 0; i < share.length - 1; i++) {
      double mean = share[i] > 0 ? inverse[i] / share[i] : 0;
      share[i] *= c;
      ratio[i] = mean / total;
    }
    ratio[share.length - 1] = 1 / steps / total;
    return new double[][] {share, ratio};
  }

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
    double[] first = new double[n + 1];
    double[] firstVariance = new double[n + 1];
    double[] firstThird = new double[n + 1];
    double[] service = new double[n + 1];
    double steps = Math.max(1, Math.ceil(prompt / budget));
    for (int i = 1; i <= n; i++) {
      // A step carries the prompts of i requests, at most the budget's tokens.
      double tokens = Math.min(i * prompt, budget);
      double seconds = step.seconds(0, 0, tokens, tokens * keys);
      rate[i] = tokens / prompt / seconds;
      // The step in flight's wait is uniform over it.
      first[i] = seconds / 2 + steps * seconds;
      firstVariance[i] = seconds * seconds / 12;
      // A uniform wait: no skew.
      firstThird[i] = 0;
      service[i] = first[i];
    }
    // A prefill replica's slots are prompts its step's token budget carries, not sequences its KV
    // cache holds: a prompt that waits for one evicts nothing, and its wait is in the time to
    // first token the targets bound.
    double[] none = new double[n + 1];
    return new ServingQueue(
        rate,
        first,
        firstVariance,
        firstThird,
        none,
        none,
        none,
        service,
        0,
        0,
        false,
        1,
        ONE_GROUP);
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
    double[] tpot = new double[n + 1];
    double[] service = new double[n + 1];
    for (int i = 1; i <= n; i++) {
      double seconds = step.seconds(i, i * context, 0, 0);
      rate[i] = i / (steps * seconds);
      tpot[i] = seconds / step.tokensPerStep();
      service[i] = steps * seconds;
    }
    double[] none = new double[n + 1];
    return new ServingQueue(
        rate,
        none,
        none,
        none,
        tpot,
        none,
        none,
        service,
        serviceScv,
        1 / Math.max(1, ctx.outputTokens() - 1),
        true,
        1,
        ONE_GROUP);
  }

  /** Requests a second the replica completes with every slot busy: where the queue grows. */
  public double capacity() {
    return completionRate[slots];
  }

  /** Mean time per output token with one request running: one user's speed on this replica. */
  public double aloneTpotSeconds() {
    return tpotSeconds[1];
  }

  /** Mean time per output token with {@code n} requests running ({@code 1 ≤ n ≤ slots}). */
  public double tpotSeconds(int n) {
    return tpotSeconds[checkRunning(n)];
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
    return firstTokenSeconds[checkRunning(n)];
  }

  private int checkRunning(int n) {
    if (n < 1 || n > slots) {
      throw new IllegalArgumentException("running requests " + n + " outside 1.." + slots);
    }
    return n;
  }

  /** Replicas a least-loaded router spreads the arrivals over (1: Poisson to this one alone). */
  public int replicas() {
    return replicas;
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
            s.ttft(0.5), s.ttft(0.9), s.ttft(0.99), s.meanWait() + s.mean(firstTokenSeconds));
    LatencyQuantiles tpot =
        new LatencyQuantiles(
            s.tpot(0.5),
            s.tpot(0.9),
            s.tpot(0.99),
            s.mean(tpotSeconds) + s.meanWait() * tpotWaitShare);
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
                tpotSeconds[slots] + NORMAL_QUANTILES[0] * tpotDeviation[slots],
                tpotSeconds[slots] + NORMAL_QUANTILES[1] * tpotDeviation[slots],
                tpotSeconds[slots] + NORMAL_QUANTILES[2] * tpotDeviation[slots],
                tpotSeconds[slots]);
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
    for (int i = 0; i < RATE_ITERATIONS && high - low > BISECTION_TOLERANCE * high; i++) {
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
    // A q-quantile is within a target when no more than 1 − q of requests exceed the target.
    return (!waitBounded || s.waitProbability <= 1 - q)
        && (ttftTarget.isEmpty()
            || s.ttftExceeds(ttftTarget.getAsDouble() - ttftExtraSeconds) <= 1 - q)
        && (tpotTarget.isEmpty() || s.tpotExceeds(tpotTarget.getAsDouble()) <= 1 - q);
  }

  /** The stationary distribution at one rate, and quantiles over it. */
  private State state(double lambda) {
    if (!(lambda > 0 && lambda < capacity())) {
      throw new IllegalArgumentException(
          "arrival rate must be in (0, " + capacity() + "), got " + lambda);
    }
    return new State(lambda);
  }

  private static double square(double x) {
    return x * x;
  }

  /**
   * P(X > x) for X of mean {@code mean}, variance {@code variance} and third central moment {@code
   * third}, as a Pearson type III (a shifted gamma of the same three moments: shape k = 4/γ² for
   * skewness γ, scale σ·γ/2, shift mean − k·scale). A latency made of fixed steps and prompt tokens
   * of exponential lengths is close to a shifted exponential (γ ≈ 2): its median lies well under
   * its mean and its p99 at 4.6 means of its varying part. The gamma's tail is by the
   * Wilson–Hilferty cube-root normal approximation, (Y/k)^(1/3) ≈ normal of mean 1 − 1/(9k) and
   * variance 1/(9k) (three figures at the p99 of an exponential). Without skew it is normal; no
   * variance is a fixed time.
   */
  static double pearsonExceeds(double x, double mean, double variance, double third) {
    if (!(variance > 1e-18 * mean * mean)) {
      return x < mean ? 1 : 0;
    }
    double sd = Math.sqrt(variance);
    double skew = third / (variance * sd);
    if (!(skew > MIN_SKEW)) {
      return 0.5 * erfc((x - mean) / (sd * Math.sqrt(2)));
    }
    double k = 4 / (skew * skew);
    double scale = sd * skew / 2;
    double y = (x - mean) / scale + k;
    if (y <= 0) {
      return 1;
    }
    if (k < WILSON_HILFERTY_SHAPE) {
      return upperGamma(k, y);
    }
    double a = 1 / (9 * k);
    double z = (Math.cbrt(y / k) - (1 - a)) / Math.sqrt(a);
    return 0.5 * erfc(z / Math.sqrt(2));
  }

  /**
   * The regularised upper incomplete gamma function Q(k, y) = Γ(k, y)/Γ(k): P(Y > y) for Y gamma of
   * shape k and scale 1, by its series below k + 1 and its continued fraction above (Press et al.,
   * Numerical Recipes, §6.2).
   */
  static double upperGamma(double k, double y) {
    if (y <= 0) {
      return 1;
    }
    double prefix = Math.exp(-y + k * Math.log(y) - logGamma(k));
    if (y < k + 1) {
      double term = 1 / k;
      double sum = term;
      for (int n = 1; n < 500; n++) {
        term *= y / (k + n);
        sum += term;
        if (term < sum * 1e-14) {
          break;
        }
      }
      return Math.max(0, 1 - prefix * sum);
    }
    double b = y + 1 - k;
    double c = 1e300;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < 500; i++) {
      double an = -i * (i - k);
      b += 2;
      d = an * d + b;
      d = Math.abs(d) < 1e-300 ? 1e300 : 1 / d;
      c = b + an / c;
      if (Math.abs(c) < 1e-300) {
        c = 1e-300;
      }
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < 1e-14) {
        break;
      }
    }
    return Math.min(1, prefix * h);
  }

  /** ln Γ(x) for x > 0 (Lanczos, g = 7, nine terms: 15 figures). */
  static double logGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    double z = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (z + i);
    }
    double t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }

  private static final double[] LANCZOS = {
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7
  };

  /**
   * The complementary error function, to a fractional error below 1.2·10⁻⁷ (a Chebyshev fit, Press
   * et al., Numerical Recipes, §6.2).
   */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r =
        t
            * Math.exp(
                -z * z
                    - 1.26551223
                    + t
                        * (1.00002368
                            + t
                                * (0.37409196
                                    + t
                                        * (0.09678418
                                            + t
                                                * (-0.18628806
                                                    + t
                                                        * (0.27886807
                                                            + t
                                                                * (-1.13520398
                                                                    + t
                                                                        * (1.48851587
                                                                            + t
                                                                                * (-0.82215223
                                                                                    + t
                                                                                        * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }

  private final class State {
    /** π(n) for n = 0 … c − 1 and π(c …) summed into the last slot, normalised. */
    private final double[] probability;

    private final double waitProbability;
    private final double ratio;
    private final double waitRate;

    State(double lambda) {
      double logLambda = Math.log(lambda);
      double max = Double.NEGATIVE_INFINITY;
      double[] log = new double[slots + 1];
      for (int n = 0; n <= slots; n++) {
        // R replicas fed least-loaded: the fleet's N = R·n requests follow the pooled chain,
        // births R·λ, deaths R·μ(N/R), so π(N) ≈ π₁(n)^R and every replica runs about n.
        log[n] = replicas * (n * logLambda - cumulativeLogRate[n]);
        max = Math.max(max, log[n]);
      }
      ratio = lambda / completionRate[slots];
      probability = new double[slots + 1];
      double total = 0;
      for (int n = 0; n <= slots; n++) {
        double p = Math.exp(log[n] - max);
        // n = c stands for every N >= R·c (every replica full): a geometric tail of ratio λ/μ(c)
        // in N, against R pooled states a bin below it.
        probability[n] = n == slots ? p / (1 - ratio) : replicas * p;
        total += probability[n];
      }
      for (int n = 0; n <= slots; n++) {
        probability[n] /= total;
      }
      waitProbability = probability[slots];
      // A waiting request starts when any of the R full replicas finishes one.
      waitRate = replicas * (completionRate[slots] - lambda) * 2 / (1 + serviceScv);
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

    /** Requests waiting, per replica: the fleet's queue over its R replicas. */
    double meanQueue() {
      return waitProbability * ratio / (1 - ratio) / replicas;
    }

    double meanWait() {
      return waitProbability / waitRate;
    }

    /**
     * The q-quantile of a request's time per output token: a mixture over the n it finds running of
     * its time at n + 1 (normal: a mean of its steps), and for one that waits, a full replica's
     * time and the wait's share of its tokens (an exponential), where waiting counts against it.
     */
    double tpot(double q) {
      return quantile(q, this::tpotExceeds, tpotSeconds[slots] + 3 * tpotDeviation[slots]);
    }

    double tpotExceeds(double x) {
      double above = 0;
      for (int n = 0; n < slots; n++) {
        if (probability[n] > NEGLIGIBLE) {
          above += probability[n] * tpotExceeds(x, runningWith(n));
        }
      }
      if (tpotWaitShare == 0) {
        return above + waitProbability * tpotExceeds(x, slots);
      }
      double rest = x - tpotSeconds[slots];
      return above + waitProbability * (rest < 0 ? 1 : Math.exp(-waitRate / tpotWaitShare * rest));
    }

    /**
     * P(time per token > x) with {@code r} running: a mixture over the requests' length groups,
     * each a gamma above the floor of steps without prompts, its variance the group's share of the
     * mean (σ²·E[1/k | group]/E[1/k]), its third central moment 2·σ⁴/(mean − floor) scaled alike.
     */
    private double tpotExceeds(double x, int r) {
      double variance = square(tpotDeviation[r]);
      double sum = 0;
      for (int g = 0; g < groupShare.length; g++) {
        if (groupShare[g] > 0) {
          double v = groupVarianceRatio[g];
          sum +=
              groupShare[g] * pearsonExceeds(x, tpotSeconds[r], variance * v, tpotThird[r] * v * v);
        }
      }
      return sum;
    }

    /**
     * The q-quantile of time to first token: a mixture over the n a request finds running of the
     * time at n + 1 (the step in flight and the prompt's steps, a Pearson type III of their three
     * moments: right-skewed, as prompt lengths are), and for one that waits for a slot, a full
     * replica's time plus the exponential wait (their moments added).
     */
    double ttft(double q) {
      return quantile(q, this::ttftExceeds, firstTokenSeconds[slots] + meanWait());
    }

    double ttftExceeds(double x) {
      double above = 0;
      for (int n = 0; n < slots; n++) {
        if (probability[n] > NEGLIGIBLE) {
          int r = runningWith(n);
          above +=
              probability[n]
                  * pearsonExceeds(
                      x, firstTokenSeconds[r], firstTokenVariance[r], firstTokenThird[r]);
        }
      }
      double wait = 1 / waitRate;
      return above
          + waitProbability
              * pearsonExceeds(
                  x,
                  firstTokenSeconds[slots] + wait,
                  firstTokenVariance[slots] + wait * wait,
                  firstTokenThird[slots] + 2 * wait * wait * wait);
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
      for (int i = 0; i < RATE_ITERATIONS && high - low > BISECTION_TOLERANCE * high; i++) {
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
        if (tpotTarget.isPresent() && tpotSeconds[running] > tpotTarget.getAsDouble()) {
          continue;
        }
        if (tpotWaitShare > 0 && n == slots && tpotTarget.isPresent()) {
          double rest = (tpotTarget.getAsDouble() - tpotSeconds[running]) / tpotWaitShare;
          good += probability[n] * (1 - Math.exp(-waitRate * rest));
          continue;
        }
        double first = firstTokenSeconds[running];
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
