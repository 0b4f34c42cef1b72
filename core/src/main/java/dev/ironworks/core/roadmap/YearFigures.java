package dev.ironworks.core.roadmap;

import java.util.List;

/**
 * One year of a roadmap, as the ledger adds it up.
 *
 * @param calendarYear the year
 * @param fleet accelerators running, by generation and site
 * @param purchased accelerators bought (or leased) this year, by generation and site
 * @param leased of those, the accelerators leased, by generation and site
 * @param retired accelerators sold at the start of this year, by generation and site
 * @param sites power and energy of each site
 * @param money the year's cash and accounting figures
 * @param demands what each demand asked for and what served it
 * @param energyMwh facility energy of every site
 * @param emissionsTco2e operational emissions of every site (grid, the PPAs' carbon share, gas)
 * @param embodiedTco2e manufacturing emissions of the hardware bought this year
 * @param strandedAcceleratorYears accelerator-years the fleet could give that no demand used
 * @param strandedMw data-hall MW built and running that no hardware fills
 */
public record YearFigures(
    int calendarYear,
    List<FleetCount> fleet,
    List<FleetCount> purchased,
    List<FleetCount> leased,
    List<FleetCount> retired,
    List<SiteYear> sites,
    Money money,
    List<DemandYear> demands,
    double energyMwh,
    double emissionsTco2e,
    double embodiedTco2e,
    double strandedAcceleratorYears,
    double strandedMw) {
  public YearFigures {
    fleet = List.copyOf(fleet);
    purchased = List.copyOf(purchased);
    leased = List.copyOf(leased);
    retired = List.copyOf(retired);
    sites = List.copyOf(sites);
    demands = List.copyOf(demands);
  }

  /** Accelerators of a generation at a site. */
  public record FleetCount(String acceleratorId, String siteId, double accelerators) {}

  /**
   * A site's power in a year, in MW of facility power, and its energy by source.
   *
   * @param limitMw the firm supply: grid + turbines + nuclear + the batteries' firm share
   * @param hallMw data-hall capacity running
   * @param peakMw the hardware's peak facility power
   * @param energyMwhBySource grid, PPA, gas, solar and nuclear, in {@link Operations.Source} order
   * @param emissionsTco2eBySource the same order: grid, the PPAs' carbon share, gas; solar and
   *     nuclear none
   */
  public record SiteYear(
      String siteId,
      double gridMw,
      double gasMw,
      double nuclearMw,
      double batteryFirmMw,
      double solarMw,
      double limitMw,
      double hallMw,
      double peakMw,
      double averageMw,
      double[] energyMwhBySource,
      double[] emissionsTco2eBySource) {
    public SiteYear {
      energyMwhBySource = energyMwhBySource.clone();
      emissionsTco2eBySource = emissionsTco2eBySource.clone();
    }
  }

  /**
   * The year's money, US dollars. Cash: capex and opex out, resale in. Depreciation is accounting
   * only.
   *
   * @param capexHardwareUsd accelerators, servers, fabric and storage bought
   * @param capexFacilityUsd data halls started and sites opened
   * @param capexPowerUsd turbines, solar and batteries started
   * @param resaleUsd hardware sold at the start of the year
   * @param hardwareOpexUsd maintenance, bandwidth, insurance, staff
   * @param energyUsd grid, PPAs, gas fuel and nuclear contracts
   * @param leaseUsd lease payments on leased hardware
   * @param cloudUsd rent for what the fleet cannot carry
   * @param carbonUsd the carbon price on operational emissions
   * @param depreciationUsd accounting depreciation of what is owned
   * @param capitalChargeUsd depreciation + the cost of capital on the book value: what owning costs
   *     this year (the return of and on capital)
   * @param cashFlowUsd resale − capex − opex
   * @param discountedCashFlowUsd at the cost of capital (capex and resale at the start of the year,
   *     opex in its middle)
   * @param cumulativeCashFlowUsd the cash flows so far
   */
  public record Money(
      double capexHardwareUsd,
      double capexFacilityUsd,
      double capexPowerUsd,
      double resaleUsd,
      double hardwareOpexUsd,
      double energyUsd,
      double leaseUsd,
      double cloudUsd,
      double carbonUsd,
      double depreciationUsd,
      double capitalChargeUsd,
      double cashFlowUsd,
      double discountedCashFlowUsd,
      double cumulativeCashFlowUsd) {
    public double capexUsd() {
      return capexHardwareUsd + capexFacilityUsd + capexPowerUsd;
    }

    public double opexUsd() {
      return hardwareOpexUsd + energyUsd + leaseUsd + cloudUsd + carbonUsd;
    }
  }

  /**
   * What one demand asked for in a year and what served it. Work is tokens for serving and
   * first-year-sized runs for training.
   *
   * @param costUsd its share of the fleet's yearly cost (opex + capital charge, by the
   *     accelerator-years it used) and its cloud rent
   * @param usdPerMillionTokens serving: cost over the tokens, × 10^6; NaN for training
   * @param usdPerRun training: cost over the runs; NaN for serving
   */
  public record DemandYear(
      String name,
      boolean serving,
      double work,
      double fleetWork,
      double cloudWork,
      double unservedWork,
      double acceleratorYears,
      double costUsd,
      double usdPerMillionTokens,
      double usdPerRun) {}
}
