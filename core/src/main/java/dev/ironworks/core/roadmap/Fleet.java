package dev.ironworks.core.roadmap;

import dev.ironworks.core.scenario.roadmap.PowerOptions;
import dev.ironworks.core.scenario.roadmap.SiteOption;
import dev.ironworks.core.units.Units;

/**
 * What a set of investments has running in a year: blocks alive, data halls, and the firm power and
 * energy each site can draw on. The same arithmetic the optimiser's constraints state.
 */
public final class Fleet {
  /** Hours a year. */
  static final double HOURS = Units.HOURS_PER_YEAR;

  /** Battery cycles a year: one a day, shifting solar from day to night. */
  static final double BATTERY_CYCLES_PER_YEAR = 365;

  private Fleet() {}

  /** Blocks of a generation at a site running in a year. */
  public static double blocks(Investments inv, int generation, int site, int year) {
    double n = 0;
    for (Purchase p : inv.purchases()) {
      if (p.generation() == generation && p.site() == site && p.runsIn(year)) {
        n += p.blocks();
      }
    }
    return n;
  }

  /** Data-hall capacity running in a year, facility MW. */
  public static double hallMw(RoadmapInputs in, Investments inv, int site, int year) {
    SiteOption o = in.sites().get(site).option();
    double mw = o.existingMegawatts();
    for (int t = 0; t + o.leadTimeYears() <= year; t++) {
      mw += inv.hallMw()[site][t];
    }
    return mw;
  }

  /** Turbine MW running in a year. */
  public static double gasMw(RoadmapInputs in, Investments inv, int site, int year) {
    int lead = in.sites().get(site).option().power().gas().map(g -> g.leadTimeYears()).orElse(0);
    double mw = 0;
    for (int t = 0; t + lead <= year; t++) {
      mw += inv.gasMw()[site][t];
    }
    return mw;
  }

  /** Solar MW running in a year (built the year before). */
  public static double solarMw(Investments inv, int site, int year) {
    double mw = 0;
    for (int t = 0; t < year; t++) {
      mw += inv.solarMw()[site][t];
    }
    return mw;
  }

  /** Battery MWh running in a year (built the year before). */
  public static double batteryMwh(Investments inv, int site, int year) {
    double mwh = 0;
    for (int t = 0; t < year; t++) {
      mwh += inv.batteryMwh()[site][t];
    }
    return mwh;
  }

  /** Whether a site's nuclear contract delivers in a year. */
  public static boolean nuclear(Investments inv, int site, int year) {
    return inv.nuclearYear()[site] >= 0 && year >= inv.nuclearYear()[site];
  }

  /** Nuclear MW delivered in a year. */
  public static double nuclearMw(RoadmapInputs in, Investments inv, int site, int year) {
    return nuclear(inv, site, year)
        ? in.sites().get(site).option().power().nuclear().map(n -> n.megawatts()).orElse(0.0)
        : 0;
  }

  /** Firm MW batteries add in a year. */
  public static double batteryFirmMw(RoadmapInputs in, Investments inv, int site, int year) {
    return in.sites()
        .get(site)
        .option()
        .power()
        .battery()
        .map(b -> b.firmMegawattsPerMegawattHour() * batteryMwh(inv, site, year))
        .orElse(0.0);
  }

  /** The grid connection in a year, MW. */
  public static double gridMw(RoadmapInputs in, int site, int year) {
    return in.sites().get(site).option().gridMegawatts(in.calendarYear(year));
  }

  /** Firm supply in a year: grid + turbines + nuclear + batteries' firm share. */
  public static double firmMw(RoadmapInputs in, Investments inv, int site, int year) {
    return gridMw(in, site, year)
        + gasMw(in, inv, site, year)
        + nuclearMw(in, inv, site, year)
        + batteryFirmMw(in, inv, site, year);
  }

  /** Peak facility MW of the blocks running at a site in a year. */
  public static double peakMw(RoadmapInputs in, Investments inv, int site, int year) {
    double w = 0;
    for (int g = 0; g < in.generations(); g++) {
      int gen = g;
      w +=
          blocks(inv, g, site, year)
              * in.block(gen, site).map(Block::facilityPeakWatts).orElse(0.0);
    }
    return Units.wattsToMegawatts(w);
  }

  /** Energy the blocks running at a site draw in a year, MWh (average facility power). */
  public static double energyMwh(RoadmapInputs in, Investments inv, int site, int year) {
    double w = 0;
    for (int g = 0; g < in.generations(); g++) {
      int gen = g;
      w +=
          blocks(inv, g, site, year)
              * in.block(gen, site).map(Block::facilityAverageWatts).orElse(0.0);
    }
    return Units.wattsToMegawatts(w) * HOURS;
  }

  /**
   * The most solar energy a site's load can use in a year, MWh: what a plant sized to the load
   * gives at the capacity factor (beyond that it shines when there is no load for it), plus what
   * the batteries shift, a cycle a day; and never more than the plant built gives.
   */
  public static double solarUsableMwh(RoadmapInputs in, Investments inv, int site, int year) {
    var solar = in.sites().get(site).option().power().solar();
    if (solar.isEmpty()) {
      return 0;
    }
    double cf = solar.get().capacityFactor();
    double load = energyMwh(in, inv, site, year);
    double shifted = batteryMwh(inv, site, year) * BATTERY_CYCLES_PER_YEAR;
    return Math.min(solarMw(inv, site, year) * cf * HOURS, cf * load + shifted);
  }

  /** The most energy a PPA delivers in a year, MWh (0 before it starts). */
  public static double ppaMaxMwh(RoadmapInputs in, PowerOptions.Ppa ppa, int year) {
    return in.calendarYear(year) >= ppa.fromYear()
        ? ppa.megawatts() * ppa.capacityFactor() * HOURS
        : 0;
  }

  /** Cost of a MWh from the turbines: fuel × heat rate (BTU/kWh over 3,412.14 BTU a kWh). */
  public static double gasUsdPerMwh(PowerOptions.GasTurbines g) {
    return g.fuelUsdPerMwh() * Units.heatRateToFuelPerElectric(g.heatRateBtuPerKwh());
  }

  /** Emissions of a MWh from the turbines, t: the fuel's factor × fuel per electric MWh. */
  public static double gasTco2ePerMwh(PowerOptions.GasTurbines g) {
    return Units.kilogramsToTonnes(
        g.kgCo2ePerMwhFuel() * Units.heatRateToFuelPerElectric(g.heatRateBtuPerKwh()));
  }
}
