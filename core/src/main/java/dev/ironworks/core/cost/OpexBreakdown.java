package dev.ironworks.core.cost;

/** Operating cost per year by kind, in US dollars per year. */
public record OpexBreakdown(
    double electricityUsdPerYear,
    double staffUsdPerYear,
    double maintenanceUsdPerYear,
    double bandwidthUsdPerYear,
    double colocationUsdPerYear,
    double cloudRentalUsdPerYear,
    double otherUsdPerYear) {

  public double totalUsdPerYear() {
    return electricityUsdPerYear
        + staffUsdPerYear
        + maintenanceUsdPerYear
        + bandwidthUsdPerYear
        + colocationUsdPerYear
        + cloudRentalUsdPerYear
        + otherUsdPerYear;
  }
}
