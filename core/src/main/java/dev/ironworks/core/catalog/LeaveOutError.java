package dev.ironworks.core.catalog;

/**
 * How well the training model predicts the published runs on one calibration family's accelerators
 * when each run is predicted with its publication left out of the fit ({@code ironworks validate
 * --fit} derives it; the suite checks the catalog holds what it gives): the error a new run on that
 * hardware should expect of its throughput.
 *
 * @param runs published throughput figures on the family's accelerators
 * @param meanPercent mean absolute error, percent
 * @param worstPercent largest absolute error, percent
 */
public record LeaveOutError(int runs, double meanPercent, double worstPercent) {
  public LeaveOutError {
    if (runs < 1) {
      throw new IllegalArgumentException("leaveOutError.runs must be at least 1, got " + runs);
    }
    if (!(meanPercent >= 0 && worstPercent >= meanPercent)) {
      throw new IllegalArgumentException(
          "leaveOutError needs 0 <= meanPercent <= worstPercent, got "
              + meanPercent
              + " and "
              + worstPercent);
    }
  }
}
