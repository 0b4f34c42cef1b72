package dev.ironworks.core.scenario;

/**
 * How prompt and output lengths spread around their means: {@code fixed} (every request the mean)
 * or {@code exponential} (a squared coefficient of variation of 1, as chat traffic roughly has).
 */
public enum LengthDistribution {
  FIXED("fixed", 0),
  EXPONENTIAL("exponential", 1);

  private final String id;
  private final double squaredCoefficientOfVariation;

  LengthDistribution(String id, double squaredCoefficientOfVariation) {
    this.id = id;
    this.squaredCoefficientOfVariation = squaredCoefficientOfVariation;
  }

  public String id() {
    return id;
  }

  /** Variance over the squared mean of a length. */
  public double squaredCoefficientOfVariation() {
    return squaredCoefficientOfVariation;
  }
}
