package dev.ironworks.core.roadmap;

import dev.ironworks.core.units.Require;

/**
 * Blocks of a generation bought (or leased) at a site in a year and kept {@code lifeYears}: they
 * run from the start of {@code year} and are sold (or handed back) at the start of {@code year +
 * lifeYears}, or are still running when the horizon ends.
 *
 * @param leased leased for a yearly payment rather than bought
 */
public record Purchase(
    int generation, int site, int year, int lifeYears, double blocks, boolean leased) {
  public Purchase {
    Require.nonNegative("generation", generation);
    Require.nonNegative("site", site);
    Require.nonNegative("year", year);
    Require.positive("lifeYears", lifeYears);
    Require.nonNegative("blocks", blocks);
  }

  /** Whether the purchase runs in a year. */
  public boolean runsIn(int y) {
    return y >= year && y < year + lifeYears;
  }
}
