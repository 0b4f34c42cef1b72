package dev.ironworks.core.roadmap;

import java.util.List;

/**
 * What a roadmap decides to buy and build: hardware purchases, and per site and year the data-hall
 * MW, turbines, solar and batteries started, the year a nuclear contract starts and the year the
 * site opens. Years are indices from the roadmap's first year; -1 is never.
 *
 * @param hallMw facility MW of data hall started, [site][year], running {@code leadTimeYears} later
 * @param gasMw turbine MW started, [site][year], running the gas lead time later
 * @param solarMw solar MW started, [site][year], running the next year
 * @param batteryMwh storage started, [site][year], running the next year
 * @param nuclearYear the year each site's nuclear contract starts, [site]
 * @param openYear the year each site opens (its opening cost and fixed staff), [site]
 */
public record Investments(
    List<Purchase> purchases,
    double[][] hallMw,
    double[][] gasMw,
    double[][] solarMw,
    double[][] batteryMwh,
    int[] nuclearYear,
    int[] openYear) {
  public Investments {
    purchases = List.copyOf(purchases);
    hallMw = copy(hallMw);
    gasMw = copy(gasMw);
    solarMw = copy(solarMw);
    batteryMwh = copy(batteryMwh);
    nuclearYear = nuclearYear.clone();
    openYear = openYear.clone();
  }

  static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
