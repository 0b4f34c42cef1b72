package dev.ironworks.core.sim;

import java.util.random.RandomGenerator;

/**
 * Failures of the components in a job's blast radius over time. Exponential lifetimes are simulated
 * as one superposed Poisson process (memoryless, so exact); Weibull lifetimes per component, each
 * replaced by a new one when it fails (a renewal process per component).
 */
public final class FailureProcess {
  private final double[] ratesPerSecond;
  private final double totalRate;
  private final double shape;
  private final long[] counts;
  private final double[] scaleSeconds;
  // Per-component next failure times for Weibull lifetimes: a binary min-heap.
  private double[] heapTime;
  private byte[] heapClass;
  private int heapSize;
  private ComponentClass last;

  /**
   * @param counts components per class, in {@link ComponentClass} order
   * @param mtbfSeconds mean time between failures of one component of each class (infinite for
   *     none)
   * @param shape Weibull shape (1 = exponential)
   */
  public FailureProcess(long[] counts, double[] mtbfSeconds, double shape) {
    int n = ComponentClass.values().length;
    this.counts = counts.clone();
    this.ratesPerSecond = new double[n];
    this.scaleSeconds = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      double rate = Double.isInfinite(mtbfSeconds[i]) ? 0 : counts[i] / mtbfSeconds[i];
      ratesPerSecond[i] = rate;
      total += rate;
      // Weibull mean = scale · Γ(1 + 1/k).
      scaleSeconds[i] = mtbfSeconds[i] / gamma(1 + 1 / shape);
    }
    this.totalRate = total;
    this.shape = shape;
  }

  /** Total failures per second of the whole set (exponential case), for analysis. */
  public double totalRatePerSecond() {
    return totalRate;
  }

  /** Starts a trial at time zero with new components. */
  public void reset(RandomGenerator rng) {
    if (shape == 1.0) {
      return;
    }
    long total = 0;
    for (int i = 0; i < counts.length; i++) {
      if (ratesPerSecond[i] > 0) {
        total += counts[i];
      }
    }
    if (heapTime == null || heapTime.length < total) {
      heapTime = new double[(int) total];
      heapClass = new byte[(int) total];
    }
    heapSize = 0;
    for (int c = 0; c < counts.length; c++) {
      if (ratesPerSecond[c] <= 0) {
        continue;
      }
      for (long j = 0; j < counts[c]; j++) {
        push(lifetime(c, rng), (byte) c);
      }
    }
  }

  /** Time of the next failure after {@code now}; {@link #lastClass()} says which class failed. */
  public double next(double now, RandomGenerator rng) {
    if (totalRate <= 0) {
      last = null;
      return Double.POSITIVE_INFINITY;
    }
    if (shape == 1.0) {
      double u = rng.nextDouble();
      double pick = u * totalRate;
      int c = 0;
      double cumulative = ratesPerSecond[0];
      while (pick >= cumulative && c < ratesPerSecond.length - 1) {
        c++;
        cumulative += ratesPerSecond[c];
      }
      last = ComponentClass.values()[c];
      return now - Math.log(1 - rng.nextDouble()) / totalRate;
    }
    double time = heapTime[0];
    int c = heapClass[0];
    last = ComponentClass.values()[c];
    // The failed component is replaced by a new one.
    heapTime[0] = time + lifetime(c, rng);
    siftDown(0);
    return Math.max(time, now);
  }

  public ComponentClass lastClass() {
    return last;
  }

  private double lifetime(int c, RandomGenerator rng) {
    return scaleSeconds[c] * Math.pow(-Math.log(1 - rng.nextDouble()), 1 / shape);
  }

  private void push(double time, byte c) {
    int i = heapSize++;
    heapTime[i] = time;
    heapClass[i] = c;
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (heapTime[parent] <= heapTime[i]) {
        break;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int left = 2 * i + 1;
      int right = left + 1;
      int smallest = i;
      if (left < heapSize && heapTime[left] < heapTime[smallest]) {
        smallest = left;
      }
      if (right < heapSize && heapTime[right] < heapTime[smallest]) {
        smallest = right;
      }
      if (smallest == i) {
        return;
      }
      swap(i, smallest);
      i = smallest;
    }
  }

  private void swap(int a, int b) {
    double t = heapTime[a];
    heapTime[a] = heapTime[b];
    heapTime[b] = t;
    byte c = heapClass[a];
    heapClass[a] = heapClass[b];
    heapClass[b] = c;
  }

  /** Γ(x) by the Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for x > 0.5. */
  static double gamma(double x) {
    double[] g = {
      0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
      -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
      1.5056327351493116e-7
    };
    if (x < 0.5) {
      return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
    }
    x -= 1;
    double a = g[0];
    double t = x + 7.5;
    for (int i = 1; i < 9; i++) {
      a += g[i] / (x + i);
    }
    return Math.sqrt(2 * Math.PI) * Math.pow(t, x + 0.5) * Math.exp(-t) * a;
  }
}
