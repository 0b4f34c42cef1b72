package dev.ironworks.core.sim;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Hand-built {@link RunParameters} for the simulator's tests: one class fails unless told. */
final class Runs {
  static final double MINUTE = 60;
  static final double HOUR = 3_600;
  static final double DAY = 86_400;

  /**
   * "No planned maintenance". RunParameters documents an infinite period for none, but its
   * constructor rejects infinity (Require.positive), so the tests use the largest finite period:
   * the first maintenance lands beyond any run.
   */
  static final double NO_MAINTENANCE = Double.MAX_VALUE;

  private double work = 100 * HOUR;
  private double interval = HOUR;
  private double stall = 5 * MINUTE;
  private double write;
  private boolean async;
  private double restart = 10 * MINUTE;
  private int spares = 1_000_000;
  private double repair = DAY;
  private double maintenance = NO_MAINTENANCE;
  private final long[] counts = new long[ComponentClass.values().length];
  private final double[] mtbf = new double[ComponentClass.values().length];
  private double shape = 1;
  private double busyWatts = 1e6;
  private double idleWatts = 2e5;
  private double pue = 1.25;
  private double limitFactor = 50;

  private Runs() {
    Arrays.fill(mtbf, Double.POSITIVE_INFINITY);
  }

  /** A run of {@code workSeconds} in which nothing fails. */
  static Runs of(double workSeconds) {
    Runs r = new Runs();
    r.work = workSeconds;
    return r;
  }

  /** The job fails as one software component with this MTBF (no server is taken out). */
  Runs jobMtbf(double seconds) {
    return fails(ComponentClass.SOFTWARE, 1, seconds);
  }

  Runs fails(ComponentClass c, long count, double mtbfSeconds) {
    counts[c.ordinal()] = count;
    mtbf[c.ordinal()] = mtbfSeconds;
    return this;
  }

  Runs interval(double seconds) {
    interval = seconds;
    return this;
  }

  Runs stall(double seconds) {
    stall = seconds;
    return this;
  }

  /** Asynchronous: stall for the copy, durable after the write. */
  Runs async(double stallSeconds, double writeSeconds) {
    async = true;
    stall = stallSeconds;
    write = writeSeconds;
    return this;
  }

  Runs restart(double seconds) {
    restart = seconds;
    return this;
  }

  Runs spares(int n) {
    spares = n;
    return this;
  }

  Runs repair(double seconds) {
    repair = seconds;
    return this;
  }

  Runs maintenanceEvery(double seconds) {
    maintenance = seconds;
    return this;
  }

  Runs weibull(double k) {
    shape = k;
    return this;
  }

  Runs limitFactor(double factor) {
    limitFactor = factor;
    return this;
  }

  RunParameters build() {
    return new RunParameters(
        work,
        interval,
        stall,
        write,
        async,
        restart,
        spares,
        repair,
        maintenance,
        counts,
        mtbf,
        shape,
        busyWatts,
        idleWatts,
        pue,
        work * limitFactor);
  }

  /**
   * A generator whose every draw is the same u: with exponential failures at rate λ, the gaps
   * between failures are all −ln(1 − u)/λ, so a test can place failures by hand.
   */
  static RandomGenerator failuresEvery(double gapSeconds, double mtbfSeconds) {
    return everyDraw(-Math.expm1(-gapSeconds / mtbfSeconds));
  }

  /**
   * A generator whose every draw is {@code u}: with nothing failing, the first planned stop comes
   * at u × its period.
   */
  static RandomGenerator everyDraw(double u) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException("the simulator draws doubles only");
      }

      @Override
      public double nextDouble() {
        return u;
      }
    };
  }
}
