package dev.ironworks.core.roadmap;

/**
 * A demand of the roadmap in the units its work is counted in: tokens a year for serving, reference
 * runs a year for training (runs × the year's tokens over the first year's).
 *
 * @param name as the scenario names it
 * @param serving whether it serves tokens (else it trains)
 * @param workByYear work to do in each year of the horizon
 * @param tokensByYear tokens served a year, or tokens of one run, by year
 * @param runsByYear training runs a year (0 for serving)
 */
public record Demand(
    String name, boolean serving, double[] workByYear, double[] tokensByYear, double[] runsByYear) {
  public Demand {
    workByYear = workByYear.clone();
    tokensByYear = tokensByYear.clone();
    runsByYear = runsByYear.clone();
  }

  public double work(int year) {
    return workByYear[year];
  }
}
