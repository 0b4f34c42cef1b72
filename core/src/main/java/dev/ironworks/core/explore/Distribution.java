package dev.ironworks.core.explore;

import java.util.random.RandomGenerator;

/** An uncertain input as a distribution, sampled by inversion of its quantile function. */
public sealed interface Distribution
    permits Distribution.Triangular,
        Distribution.LogNormal,
        Distribution.Uniform,
        Distribution.Normal {

  /** The value below which a share {@code p} of the mass lies (0 < p < 1). */
  double quantile(double p);

  /** One draw. */
  default double sample(RandomGenerator rng) {
    double u = rng.nextDouble();
    return quantile(Math.min(Math.max(u, 1e-12), 1 - 1e-12));
  }

  default double median() {
    return quantile(0.5);
  }

  /** Triangular on [low, high] with its mode at {@code mode}. */
  record Triangular(double low, double mode, double high) implements Distribution {
    public Triangular {
      if (!(low <= mode && mode <= high && low < high)) {
        throw new IllegalArgumentException(
            "triangular needs low <= mode <= high and low < high, got "
                + low
                + ", "
                + mode
                + ", "
                + high);
      }
    }

    @Override
    public double quantile(double p) {
      double range = high - low;
      double cut = (mode - low) / range;
      return p < cut
          ? low + Math.sqrt(p * range * (mode - low))
          : high - Math.sqrt((1 - p) * range * (high - mode));
    }
  }

  /** Log-normal with a median and the standard deviation of its logarithm. */
  record LogNormal(double median, double sigma) implements Distribution {
    public LogNormal {
      if (!(median > 0) || !(sigma >= 0)) {
        throw new IllegalArgumentException(
            "lognormal needs median > 0 and sigma >= 0, got " + median + ", " + sigma);
      }
    }

    @Override
    public double quantile(double p) {
      return Math.exp(Math.log(median) + sigma * Normal.standardQuantile(p));
    }
  }

  /** Uniform on [low, high]. */
  record Uniform(double low, double high) implements Distribution {
    public Uniform {
      if (!(low < high)) {
        throw new IllegalArgumentException("uniform needs low < high, got " + low + ", " + high);
      }
    }

    @Override
    public double quantile(double p) {
      return low + p * (high - low);
    }
  }

  /** Normal with a mean and standard deviation. */
  record Normal(double mean, double sd) implements Distribution {
    public Normal {
      if (!(sd >= 0)) {
        throw new IllegalArgumentException("normal needs sd >= 0, got " + sd);
      }
    }

    @Override
    public double quantile(double p) {
      return mean + sd * standardQuantile(p);
    }

    /** Φ⁻¹(p) by Acklam's rational approximation (relative error below 1.15e-9). */
    static double standardQuantile(double p) {
      if (!(p > 0 && p < 1)) {
        throw new IllegalArgumentException("quantile needs 0 < p < 1, got " + p);
      }
      double[] a = {
        -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00
      };
      double[] b = {
        -5.447609879822406e+01,
        1.615858368580409e+02,
        -1.556989798598866e+02,
        6.680131188771972e+01,
        -1.328068155288572e+01
      };
      double[] c = {
        -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00
      };
      double[] d = {
        7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
      };
      double low = 0.02425;
      double x;
      if (p < low) {
        double q = Math.sqrt(-2 * Math.log(p));
        x =
            (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
      } else if (p <= 1 - low) {
        double q = p - 0.5;
        double r = q * q;
        x =
            (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
                * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
      } else {
        double q = Math.sqrt(-2 * Math.log(1 - p));
        x =
            -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
      }
      return x;
    }
  }
}
