package dev.ironworks.core.scenario.roadmap;

import dev.ironworks.core.units.Require;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A site the roadmap may use: where it is, the grid connection it has year by year, the data halls
 * it has and may build, and the power sources it may add.
 *
 * @param grid the grid connection: megawatts available from each year (held until the next step)
 * @param existingMegawatts data-hall capacity already built, in MW of facility power
 * @param maxMegawatts the most data-hall capacity the land and permits allow, in MW of facility
 *     power (the floor limit)
 * @param maxFloorAreaM2 white space the site can hold, when limited
 * @param constructionUsdPerMw cost of a MW of critical IT capacity; empty takes the region's
 * @param leadTimeYears years from starting a data hall to running hardware in it
 * @param openingUsd one-off cost of opening the site (land, substation, permits), paid the first
 *     year anything is built there
 */
public record SiteOption(
    String id,
    String regionId,
    String coolingId,
    OptionalDouble pue,
    List<YearValue> grid,
    double existingMegawatts,
    double maxMegawatts,
    OptionalDouble maxFloorAreaM2,
    OptionalDouble constructionUsdPerMw,
    int leadTimeYears,
    double openingUsd,
    PowerOptions power) {
  public SiteOption {
    Require.text("roadmap.sites.id", id);
    Require.text("roadmap.sites.region", regionId);
    Require.text("roadmap.sites.cooling", coolingId);
    pue.ifPresent(v -> Require.atLeast("roadmap.sites.pue", v, 1));
    grid = grid.stream().sorted(Comparator.comparingInt(YearValue::year)).toList();
    Require.nonNegative("roadmap.sites.existingMegawatts", existingMegawatts);
    Require.nonNegative("roadmap.sites.maxMegawatts", maxMegawatts);
    if (existingMegawatts > maxMegawatts) {
      throw new IllegalArgumentException(
          "roadmap.sites.existingMegawatts must be at most maxMegawatts");
    }
    maxFloorAreaM2.ifPresent(v -> Require.positive("roadmap.sites.maxFloorAreaM2", v));
    constructionUsdPerMw.ifPresent(
        v -> Require.nonNegative("roadmap.sites.constructionUsdPerMw", v));
    Require.nonNegative("roadmap.sites.leadTimeYears", leadTimeYears);
    Require.nonNegative("roadmap.sites.openingUsd", openingUsd);
    Require.present("roadmap.sites.power", power);
  }

  /** The grid connection in a calendar year, in MW. */
  public double gridMegawatts(int year) {
    double mw = 0;
    for (YearValue step : grid) {
      if (step.year() <= year) {
        mw = step.value();
      }
    }
    return mw;
  }
}
