package dev.ironworks.core.scenario.roadmap;

import dev.ironworks.core.units.Require;
import java.util.Comparator;
import java.util.List;

/**
 * The money side of a roadmap.
 *
 * @param costOfCapital the discount rate of the NPV and the capital charge on owned assets, per
 *     year
 * @param depreciation the accounting method; depreciation is reported, cash decides
 * @param lives depreciation lives per asset class
 * @param resaleByAge what a purchase sells for at an age, as a fraction of its price (linear
 *     between the ages given, 0 after the last)
 * @param acquisition whether hardware is bought or leased
 * @param leaseFractionOfPricePerYear a lease's yearly payment as a fraction of the purchase price
 * @param acceleratorPriceFactor every generation's price path times this (1: the catalog's); what a
 *     sweep puts uncertainty on hardware prices through
 * @param cloudBurst what the cloud rents for what the fleet cannot carry: generations of the
 *     roadmap at a price an accelerator-hour, each from the year it ships (the cheapest for the
 *     work taken each year); empty: no cloud, the fleet must carry the demand
 */
public record RoadmapFinance(
    double costOfCapital,
    Depreciation depreciation,
    AssetLives lives,
    List<YearValue> resaleByAge,
    Acquisition acquisition,
    double leaseFractionOfPricePerYear,
    double acceleratorPriceFactor,
    List<CloudOffer> cloudBurst) {
  public RoadmapFinance {
    Require.nonNegative("roadmap.finance.costOfCapital", costOfCapital);
    Require.present("roadmap.finance.depreciation.method", depreciation);
    Require.present("roadmap.finance.depreciation.lifeYears", lives);
    resaleByAge = resaleByAge.stream().sorted(Comparator.comparingInt(YearValue::year)).toList();
    for (YearValue v : resaleByAge) {
      Require.fraction("roadmap.finance.resaleByAge.fraction", v.value());
    }
    Require.present("roadmap.finance.acquisition", acquisition);
    Require.positive("roadmap.finance.leaseFractionOfPricePerYear", leaseFractionOfPricePerYear);
    Require.positive("roadmap.finance.acceleratorPriceFactor", acceleratorPriceFactor);
    cloudBurst = List.copyOf(cloudBurst);
  }

  /** A generation the cloud rents, at a price an accelerator-hour. */
  public record CloudOffer(String acceleratorId, double usdPerAcceleratorHour) {
    public CloudOffer {
      Require.text("roadmap.finance.cloudBurst.accelerator", acceleratorId);
      Require.positive("roadmap.finance.cloudBurst.usdPerAcceleratorHour", usdPerAcceleratorHour);
    }
  }

  /** How book value falls. */
  public enum Depreciation {
    /** The same amount each year of the life. */
    STRAIGHT_LINE("straight-line"),
    /** Twice the straight-line rate on the remaining value, switching to straight line. */
    DOUBLE_DECLINING("double-declining");

    private final String id;

    Depreciation(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /**
   * Whether hardware is bought (capex, resale), leased (a yearly payment), or either, purchase by
   * purchase, whichever costs less.
   */
  public enum Acquisition {
    BUY("buy"),
    LEASE("lease"),
    EITHER("either");

    private final String id;

    Acquisition(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /**
   * Depreciation lives per asset class, in years.
   *
   * @param computeYears servers and accelerators
   * @param networkYears fabric and storage
   * @param facilityYears data halls
   * @param powerYears on-site plant: turbines, solar, batteries
   */
  public record AssetLives(
      double computeYears, double networkYears, double facilityYears, double powerYears) {
    public AssetLives {
      Require.positive("roadmap.finance.depreciation.lifeYears.compute", computeYears);
      Require.positive("roadmap.finance.depreciation.lifeYears.network", networkYears);
      Require.positive("roadmap.finance.depreciation.lifeYears.facility", facilityYears);
      Require.positive("roadmap.finance.depreciation.lifeYears.power", powerYears);
    }
  }

  /** The resale value at an age, as a fraction of the price. */
  public double resaleFraction(double ageYears) {
    if (resaleByAge.isEmpty() || ageYears <= 0) {
      return ageYears <= 0 ? 1 : 0;
    }
    YearValue first = resaleByAge.get(0);
    if (ageYears <= first.year()) {
      // From 1 when new to the first point given.
      return 1 + (first.value() - 1) * ageYears / first.year();
    }
    for (int i = 1; i < resaleByAge.size(); i++) {
      YearValue a = resaleByAge.get(i - 1);
      YearValue b = resaleByAge.get(i);
      if (ageYears <= b.year()) {
        return a.value() + (b.value() - a.value()) * (ageYears - a.year()) / (b.year() - a.year());
      }
    }
    return 0;
  }
}
