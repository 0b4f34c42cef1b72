package dev.ironworks.core.roadmap;

import dev.ironworks.core.roadmap.Operations.Source;
import dev.ironworks.core.roadmap.YearFigures.DemandYear;
import dev.ironworks.core.roadmap.YearFigures.FleetCount;
import dev.ironworks.core.roadmap.YearFigures.Money;
import dev.ironworks.core.roadmap.YearFigures.SiteYear;
import dev.ironworks.core.scenario.roadmap.PowerOptions;
import dev.ironworks.core.scenario.roadmap.RoadmapFinance;
import dev.ironworks.core.scenario.roadmap.SiteOption;
import dev.ironworks.core.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Adds up a roadmap: the money, energy, emissions and service of given investments and operations,
 * year by year, and the NPV of the cost. Capex and resale fall at the start of a year and are
 * discounted from there; running costs in its middle; what is left at the end (hardware at its
 * resale value, halls and plants at their straight-line book value) comes back at the end of the
 * last year.
 */
public final class Ledger {
  /** A share of a whole below which what is left over is arithmetic, not capacity. */
  private static final double ROUNDING = 1e-6;

  private Ledger() {}

  /** The roadmap's figures. */
  public static RoadmapResult evaluate(
      RoadmapInputs in,
      Terms terms,
      Investments inv,
      Operations ops,
      Optional<SolverReport> solver,
      List<String> notes) {
    int years = in.years();
    RoadmapFinance finance = in.spec().finance();
    double[] capexHardware = new double[years];
    double[] capexFacility = new double[years];
    double[] capexPower = new double[years];
    double[] resale = new double[years];
    double[] hardwareOpex = new double[years];
    double[] leaseUsd = new double[years];
    double[] depreciation = new double[years];
    double[] bookValue = new double[years];
    double[] embodied = new double[years];
    double terminal = 0;

    for (Purchase p : inv.purchases()) {
      if (p.blocks() <= 0) {
        continue;
      }
      boolean lease = p.leased();
      Block b = in.block(p.generation(), p.site()).orElseThrow();
      double price = in.priceUsd(p.generation(), p.year());
      double compute = p.blocks() * b.computeCapexUsd(price);
      double network = p.blocks() * b.networkCapexUsd();
      double capex = compute + network;
      embodied[p.year()] += Units.kilogramsToTonnes(p.blocks() * b.embodiedKgCo2e());
      int sold = p.year() + p.lifeYears();
      for (int t = p.year(); t < Math.min(sold, years); t++) {
        hardwareOpex[t] += p.blocks() * b.nonEnergyOpexUsdPerYear();
        if (lease) {
          leaseUsd[t] += capex * finance.leaseFractionOfPricePerYear();
        } else {
          int age = t - p.year();
          depreciation[t] +=
              Depreciation.inYear(
                      compute, finance.lives().computeYears(), finance.depreciation(), age)
                  + Depreciation.inYear(
                      network, finance.lives().networkYears(), finance.depreciation(), age);
          bookValue[t] +=
              Depreciation.bookValue(
                      compute, finance.lives().computeYears(), finance.depreciation(), age)
                  + Depreciation.bookValue(
                      network, finance.lives().networkYears(), finance.depreciation(), age);
        }
      }
      if (lease) {
        continue;
      }
      capexHardware[p.year()] += capex;
      if (sold < years) {
        resale[sold] += capex * finance.resaleFraction(p.lifeYears());
      } else {
        terminal += capex * finance.resaleFraction(years - p.year());
      }
    }

    // Halls, openings and plants: capex, depreciation, book value and what is left at the end.
    double[] fixedStaff = new double[years];
    for (int s = 0; s < in.siteCount(); s++) {
      SiteFacts facts = in.sites().get(s);
      SiteOption o = facts.option();
      int open = o.existingMegawatts() > 0 ? 0 : inv.openYear()[s];
      if (open >= 0) {
        if (o.existingMegawatts() == 0) {
          capexFacility[open] += o.openingUsd();
        }
        for (int t = open; t < years; t++) {
          fixedStaff[t] += facts.fixedStaffUsdPerYear();
        }
      }
      for (int t = 0; t < years; t++) {
        double hall = inv.hallMw()[s][t] * facts.constructionUsdPerFacilityMw();
        double plant = plantCapex(o, inv, s, t);
        capexFacility[t] += hall;
        capexPower[t] += plant;
        terminal +=
            straightLineLeft(hall, finance.lives().facilityYears(), years - t)
                + straightLineLeft(plant, finance.lives().powerYears(), years - t);
        for (int u = t; u < years; u++) {
          depreciation[u] +=
              Depreciation.inYear(
                      hall, finance.lives().facilityYears(), finance.depreciation(), u - t)
                  + Depreciation.inYear(
                      plant, finance.lives().powerYears(), finance.depreciation(), u - t);
          bookValue[u] +=
              Depreciation.bookValue(
                      hall, finance.lives().facilityYears(), finance.depreciation(), u - t)
                  + Depreciation.bookValue(
                      plant, finance.lives().powerYears(), finance.depreciation(), u - t);
        }
      }
    }

    List<YearFigures> rows = new ArrayList<>();
    double npv = 0;
    double cumulative = 0;
    for (int t = 0; t < years; t++) {
      List<SiteYear> siteYears = new ArrayList<>();
      double energyUsd = 0;
      double emissions = 0;
      double energyMwh = 0;
      double strandedMw = 0;
      for (int s = 0; s < in.siteCount(); s++) {
        SiteYear sy = siteYear(in, terms, inv, ops, s, t);
        siteYears.add(sy);
        energyUsd += energyCost(in, inv, ops, s, t);
        for (int src = 0; src < Source.values().length; src++) {
          emissions += sy.emissionsTco2eBySource()[src];
          energyMwh += sy.energyMwhBySource()[src];
        }
        strandedMw += beyondRounding(sy.hallMw() - sy.peakMw(), sy.hallMw());
      }
      double cloud = 0;
      for (int k = 0; k < in.demands().size(); k++) {
        cloud += ops.cloudAcceleratorYears()[k][t] * in.cloudUsdPerAcceleratorYear(t, k);
      }
      double carbon = emissions * terms.carbonPriceUsdPerTonne();
      double opexNoCloud = hardwareOpex[t] + fixedStaff[t] + energyUsd + leaseUsd[t] + carbon;
      double capitalCharge = depreciation[t] + terms.costOfCapital() * bookValue[t];
      Money money =
          new Money(
              capexHardware[t],
              capexFacility[t],
              capexPower[t],
              resale[t],
              hardwareOpex[t] + fixedStaff[t],
              energyUsd,
              leaseUsd[t],
              cloud,
              carbon,
              depreciation[t],
              capitalCharge,
              resale[t] - capexHardware[t] - capexFacility[t] - capexPower[t] - opexNoCloud - cloud,
              (resale[t] - capexHardware[t] - capexFacility[t] - capexPower[t]) * terms.atStart(t)
                  - (opexNoCloud + cloud) * terms.midYear(t),
              0);
      cumulative += money.cashFlowUsd();
      money =
          new Money(
              money.capexHardwareUsd(),
              money.capexFacilityUsd(),
              money.capexPowerUsd(),
              money.resaleUsd(),
              money.hardwareOpexUsd(),
              money.energyUsd(),
              money.leaseUsd(),
              money.cloudUsd(),
              money.carbonUsd(),
              money.depreciationUsd(),
              money.capitalChargeUsd(),
              money.cashFlowUsd(),
              money.discountedCashFlowUsd(),
              cumulative);
      npv -= money.discountedCashFlowUsd();
      int year = t;
      rows.add(
          new YearFigures(
              in.calendarYear(t),
              fleet(in, inv, t, p -> p.runsIn(year)),
              fleet(in, inv, t, p -> p.year() == year),
              fleet(in, inv, t, p -> p.year() == year && p.leased()),
              fleet(in, inv, t, p -> p.year() + p.lifeYears() == year),
              siteYears,
              money,
              demands(in, terms, ops, t, opexNoCloud + capitalCharge),
              energyMwh,
              emissions,
              embodied[t],
              stranded(in, inv, ops, t),
              strandedMw));
    }
    npv -= terminal * terms.atStart(years);
    return new RoadmapResult(terms.name(), rows, npv, terminal, solver, inv, ops, notes);
  }

  /** Capital of the plants started at a site in a year: turbines, solar, batteries. */
  static double plantCapex(SiteOption o, Investments inv, int s, int t) {
    PowerOptions p = o.power();
    double kw = Units.megawattHoursToKilowattHours(1);
    return inv.gasMw()[s][t] * kw * p.gas().map(g -> g.usdPerKw()).orElse(0.0)
        + inv.solarMw()[s][t] * kw * p.solar().map(x -> x.usdPerKw()).orElse(0.0)
        + inv.batteryMwh()[s][t] * kw * p.battery().map(x -> x.usdPerKwh()).orElse(0.0);
  }

  /** What is left of a cost after {@code age} years of a straight-line life. */
  static double straightLineLeft(double cost, double life, double age) {
    return cost * Math.max(0, 1 - age / life);
  }

  /** A site's energy bill in a year: grid, PPAs, gas fuel and the nuclear contract. */
  static double energyCost(RoadmapInputs in, Investments inv, Operations ops, int s, int t) {
    SiteFacts f = in.sites().get(s);
    PowerOptions p = f.option().power();
    double[] e = ops.energyMwh()[s][t];
    double usd = e[Source.GRID.ordinal()] * f.gridUsdPerMwh();
    for (int c = 0; c < p.ppas().size(); c++) {
      usd += ops.ppaMwh()[s][t][c] * p.ppas().get(c).usdPerMwh();
    }
    usd += e[Source.GAS.ordinal()] * p.gas().map(Fleet::gasUsdPerMwh).orElse(0.0);
    if (Fleet.nuclear(inv, s, t)) {
      usd +=
          p.nuclear()
              .map(n -> n.megawatts() * n.capacityFactor() * Fleet.HOURS * n.usdPerMwh())
              .orElse(0.0);
    }
    return usd;
  }

  private static SiteYear siteYear(
      RoadmapInputs in, Terms terms, Investments inv, Operations ops, int s, int t) {
    SiteFacts f = in.sites().get(s);
    PowerOptions p = f.option().power();
    double[] e = ops.energyMwh()[s][t];
    double[] co2 = new double[Source.values().length];
    co2[Source.GRID.ordinal()] = e[Source.GRID.ordinal()] * f.gridKgCo2ePerKwh();
    for (int c = 0; c < p.ppas().size(); c++) {
      co2[Source.PPA.ordinal()] +=
          ops.ppaMwh()[s][t][c] * (1 - p.ppas().get(c).carbonFreeFraction()) * f.gridKgCo2ePerKwh();
    }
    co2[Source.GAS.ordinal()] =
        e[Source.GAS.ordinal()] * p.gas().map(Fleet::gasTco2ePerMwh).orElse(0.0);
    return new SiteYear(
        f.option().id(),
        Fleet.gridMw(in, s, t),
        Fleet.gasMw(in, inv, s, t),
        Fleet.nuclearMw(in, inv, s, t),
        Fleet.batteryFirmMw(in, inv, s, t),
        Fleet.solarMw(inv, s, t),
        Fleet.firmMw(in, inv, s, t),
        Fleet.hallMw(in, inv, s, t),
        Fleet.peakMw(in, inv, s, t),
        Fleet.energyMwh(in, inv, s, t) / Fleet.HOURS,
        e,
        co2);
  }

  private static List<FleetCount> fleet(
      RoadmapInputs in, Investments inv, int t, Predicate<Purchase> which) {
    List<FleetCount> out = new ArrayList<>();
    for (int g = 0; g < in.generations(); g++) {
      for (int s = 0; s < in.siteCount(); s++) {
        double accelerators = 0;
        for (Purchase p : inv.purchases()) {
          if (p.generation() == g && p.site() == s && which.test(p)) {
            accelerators += p.blocks() * in.block(g, s).orElseThrow().accelerators();
          }
        }
        if (accelerators > 0) {
          out.add(
              new FleetCount(
                  in.spec().generations().get(g).acceleratorId(),
                  in.sites().get(s).option().id(),
                  accelerators));
        }
      }
    }
    return out;
  }

  /** Accelerator-years the fleet could give in a year beyond what the demands used. */
  /**
   * What is left over, where it is more than a millionth of the whole: less is the rounding of the
   * solver's arithmetic on fleets of hundreds of thousands, not idle capacity.
   */
  private static double beyondRounding(double left, double whole) {
    return left > ROUNDING * Math.abs(whole) ? left : 0;
  }

  private static double stranded(RoadmapInputs in, Investments inv, Operations ops, int t) {
    double left = 0;
    for (int g = 0; g < in.generations(); g++) {
      double capacity = 0;
      for (int s = 0; s < in.siteCount(); s++) {
        int site = s;
        int gen = g;
        capacity +=
            Fleet.blocks(inv, g, s, t)
                * in.block(gen, site).map(Block::accelerators).orElse(0L)
                * in.spec().utilization();
      }
      double used = 0;
      for (int k = 0; k < in.demands().size(); k++) {
        used += ops.allocation()[g][k][t];
      }
      left += beyondRounding(capacity - used, capacity);
    }
    return left;
  }

  private static List<DemandYear> demands(
      RoadmapInputs in, Terms terms, Operations ops, int t, double fleetCostUsd) {
    double used = 0;
    for (int g = 0; g < in.generations(); g++) {
      for (int k = 0; k < in.demands().size(); k++) {
        used += ops.allocation()[g][k][t];
      }
    }
    List<DemandYear> out = new ArrayList<>();
    for (int k = 0; k < in.demands().size(); k++) {
      Demand d = in.demands().get(k);
      double years = 0;
      double fleetWork = 0;
      for (int g = 0; g < in.generations(); g++) {
        years += ops.allocation()[g][k][t];
        fleetWork += ops.allocation()[g][k][t] * in.work(g, k);
      }
      int cloudGen = in.cloudGeneration(t, k);
      double cloudYears = ops.cloudAcceleratorYears()[k][t];
      double cloudWork = cloudGen >= 0 ? cloudYears * in.work(cloudGen, k) : 0;
      double cost =
          (used > 0 ? fleetCostUsd * years / used : 0)
              + cloudYears * in.cloudUsdPerAcceleratorYear(t, k);
      double tokens = d.tokensByYear()[t];
      double runs = d.runsByYear()[t];
      out.add(
          new DemandYear(
              d.name(),
              d.serving(),
              d.work(t),
              fleetWork,
              cloudWork,
              ops.unservedWork()[k][t],
              years + cloudYears,
              cost,
              d.serving() && tokens > 0 ? cost / tokens * 1e6 : Double.NaN,
              !d.serving() && runs > 0 ? cost / runs : Double.NaN));
    }
    return out;
  }
}
