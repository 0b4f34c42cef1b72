package dev.ironworks.core.roadmap;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.Assumptions;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.CoolingType;
import dev.ironworks.core.catalog.Region;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.cost.OpexBreakdown;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.core.scenario.CloudBilling;
import dev.ironworks.core.scenario.ClusterSpec;
import dev.ironworks.core.scenario.FacilityOwnership;
import dev.ironworks.core.scenario.FinanceSpec;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.scenario.SiteSpec;
import dev.ironworks.core.scenario.roadmap.GenerationChoice;
import dev.ironworks.core.scenario.roadmap.RoadmapSpec;
import dev.ironworks.core.scenario.roadmap.ServingDemand;
import dev.ironworks.core.scenario.roadmap.SiteOption;
import dev.ironworks.core.scenario.roadmap.TrainingDemand;
import dev.ironworks.core.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything the roadmap's evaluation and optimisation read, worked out once from the scenario and
 * the catalog: each generation's block at each site (the planner's figures for one purchase unit
 * there), what a block does for each demand ({@link PerformanceTable}), the demand year by year and
 * each site's facts. Immutable; strategies and sweep samples share it.
 */
public final class RoadmapInputs {
  private final RoadmapSpec spec;
  private final Block[][] blocks;
  private final PerformanceTable performance;
  private final List<Demand> demands;
  private final List<SiteFacts> sites;
  private final List<String> notes;
  private final double[][] prices;

  private RoadmapInputs(
      RoadmapSpec spec,
      Block[][] blocks,
      PerformanceTable performance,
      List<Demand> demands,
      List<SiteFacts> sites,
      List<String> notes,
      double[][] prices) {
    this.spec = spec;
    this.prices = prices;
    this.blocks = blocks;
    this.performance = performance;
    this.demands = List.copyOf(demands);
    this.sites = List.copyOf(sites);
    this.notes = List.copyOf(notes);
  }

  public RoadmapSpec spec() {
    return spec;
  }

  public int years() {
    return spec.years();
  }

  public int generations() {
    return spec.generations().size();
  }

  public int siteCount() {
    return sites.size();
  }

  public List<SiteFacts> sites() {
    return sites;
  }

  public List<Demand> demands() {
    return demands;
  }

  public PerformanceTable performance() {
    return performance;
  }

  public List<String> notes() {
    return notes;
  }

  /** The block of a generation at a site; empty when the site cannot host it. */
  public Optional<Block> block(int generation, int site) {
    return Optional.ofNullable(blocks[generation][site]);
  }

  /** The calendar year of a year index. */
  public int calendarYear(int year) {
    return spec.fromYear() + year;
  }

  /** Whether a generation may be bought in a year (it ships by then). */
  public boolean ships(int generation, int year) {
    Block any = anyBlock(generation);
    return any != null && any.shipYear() <= calendarYear(year);
  }

  private Block anyBlock(int generation) {
    for (Block b : blocks[generation]) {
      if (b != null) {
        return b;
      }
    }
    return null;
  }

  /** Work one accelerator-year of a generation does for a demand. */
  public double work(int generation, int demand) {
    return performance.work(generation, demand);
  }

  /**
   * The generation the cloud rents in a year for a demand: of the roadmap's cloud offers shipping
   * by then, the cheapest for the demand's work; -1 when none can do it.
   */
  public int cloudGeneration(int year, int demand) {
    return (int) cloud(year, demand)[0];
  }

  /** The rent of an accelerator-year of {@link #cloudGeneration}; 0 when there is none. */
  public double cloudUsdPerAcceleratorYear(int year, int demand) {
    return cloud(year, demand)[1];
  }

  private double[] cloud(int year, int demand) {
    double bestGen = -1;
    double bestRent = 0;
    double bestUnit = Double.POSITIVE_INFINITY;
    for (var offer : spec.finance().cloudBurst()) {
      for (int g = 0; g < generations(); g++) {
        if (!spec.generations().get(g).acceleratorId().equals(offer.acceleratorId())
            || anyBlock(g) == null
            || anyBlock(g).shipYear() > calendarYear(year)
            || work(g, demand) <= 0) {
          continue;
        }
        double rent = offer.usdPerAcceleratorHour() * dev.ironworks.core.units.Units.HOURS_PER_YEAR;
        double unit = rent / work(g, demand);
        if (unit < bestUnit) {
          bestUnit = unit;
          bestGen = g;
          bestRent = rent;
        }
      }
    }
    return new double[] {bestGen, bestRent};
  }

  /** The accelerator price of a generation bought in a year, per the catalog's price path. */
  public double priceUsd(int generation, int year) {
    return prices[generation][year];
  }

  /** The capital of one block of a generation at a site bought in a year. */
  public double blockCapexUsd(int generation, int site, int year) {
    return blocks[generation][site].capexUsd(prices[generation][year]);
  }

  /**
   * Inputs given figure by figure rather than planned: blocks by generation and site (null where a
   * site cannot host one), the performance table, the demands, the sites and the accelerator prices
   * by generation and year. For cases worked by hand.
   */
  public static RoadmapInputs direct(
      RoadmapSpec spec,
      Block[][] blocks,
      PerformanceTable performance,
      List<Demand> demands,
      List<SiteFacts> sites,
      double[][] prices) {
    Block[][] copy = new Block[blocks.length][];
    double[][] priceCopy = new double[prices.length][];
    for (int i = 0; i < blocks.length; i++) {
      copy[i] = blocks[i].clone();
      priceCopy[i] = prices[i].clone();
    }
    return new RoadmapInputs(spec, copy, performance, demands, sites, List.of(), priceCopy);
  }

  /** Builds the inputs: one plan per generation and site, and the performance table. */
  public static RoadmapInputs of(Scenario scenario, Catalog catalog) {
    RoadmapSpec spec = scenario.roadmap().orElseThrow();
    return of(scenario, catalog, PerformanceTable.of(spec, scenario, catalog));
  }

  /** Builds the inputs with a performance table already worked out (a sweep shares one). */
  public static RoadmapInputs of(Scenario scenario, Catalog catalog, PerformanceTable performance) {
    RoadmapSpec spec = scenario.roadmap().orElseThrow();
    Assumptions assumptions = catalog.defaultAssumptions();
    List<String> notes = new ArrayList<>();
    List<SiteFacts> sites = new ArrayList<>();
    for (SiteOption o : spec.sites()) {
      sites.add(facts(o, catalog, assumptions));
    }
    int g = spec.generations().size();
    Block[][] blocks = new Block[g][sites.size()];
    for (int i = 0; i < g; i++) {
      for (int s = 0; s < sites.size(); s++) {
        try {
          blocks[i][s] = block(spec, scenario, catalog, i, s, sites.get(s), assumptions);
        } catch (InfeasibleScenarioException e) {
          notes.add(
              spec.generations().get(i).acceleratorId()
                  + " cannot be built at "
                  + sites.get(s).option().id()
                  + ": "
                  + e.getMessage());
        }
      }
    }
    List<Demand> demands = new ArrayList<>();
    for (TrainingDemand d : spec.training()) {
      demands.add(training(spec, d));
    }
    for (ServingDemand d : spec.serving()) {
      demands.add(serving(spec, d));
    }
    for (int k = 0; k < demands.size(); k++) {
      boolean any = false;
      for (int i = 0; i < g; i++) {
        any |= performance.work(i, k) > 0;
      }
      if (!any) {
        notes.add(
            "no generation can run '"
                + demands.get(k).name()
                + "': "
                + String.join("; ", performance.details().get(0).get(k)));
      }
    }
    double[][] prices = new double[g][spec.years()];
    for (int i = 0; i < g; i++) {
      Accelerator a = catalog.accelerator(spec.generations().get(i).acceleratorId());
      for (int t = 0; t < spec.years(); t++) {
        prices[i][t] =
            a.priceUsdIn(spec.fromYear() + t).orElse(0) * spec.finance().acceleratorPriceFactor();
      }
    }
    return new RoadmapInputs(spec, blocks, performance, demands, sites, notes, prices);
  }

  private static SiteFacts facts(SiteOption o, Catalog catalog, Assumptions a) {
    Region region = catalog.region(o.regionId());
    CoolingType cooling = catalog.cooling(o.coolingId());
    double pue = o.pue().orElse(cooling.pueDefault());
    double tariff =
        o.power()
            .grid()
            .usdPerMwh()
            .orElse(region.electricityUsdPerKwh() * Units.megawattHoursToKilowattHours(1));
    double intensity = o.power().grid().kgCo2ePerKwh().orElse(region.gridKgCo2ePerKwh());
    double perItMw = o.constructionUsdPerMw().orElse(region.constructionUsdPerMw());
    return new SiteFacts(
        o, pue, tariff, intensity, perItMw / pue, a.staffFixedFte() * a.staffUsdPerFtePerYear());
  }

  private static Block block(
      RoadmapSpec spec,
      Scenario base,
      Catalog catalog,
      int generation,
      int site,
      SiteFacts facts,
      Assumptions assumptions) {
    GenerationChoice gen = spec.generations().get(generation);
    Accelerator accelerator = catalog.accelerator(gen.acceleratorId());
    ServerSpec server = catalog.server(gen.serverId().orElse(accelerator.defaultServerId()));
    int perServer = server.acceleratorsPerServer();
    int count =
        (int)
            Math.max(
                perServer, (spec.blockAccelerators() + perServer - 1L) / perServer * perServer);
    SiteOption o = facts.option();
    Scenario s =
        new Scenario(
            base.name(),
            new ClusterSpec(
                gen.acceleratorId(),
                count,
                gen.serverId(),
                OptionalDouble.empty(),
                base.cluster().fabric(),
                base.cluster().storage()),
            new SiteSpec(
                o.regionId(),
                o.coolingId(),
                OptionalDouble.of(facts.pue()),
                OptionalDouble.empty(),
                OptionalDouble.of(facts.gridKgCo2ePerKwh()),
                OptionalDouble.empty(),
                0),
            new FinanceSpec(
                1,
                spec.utilization(),
                OptionalDouble.empty(),
                CloudBilling.RESERVED,
                FacilityOwnership.LEASE,
                OptionalDouble.empty(),
                spec.finance().costOfCapital()),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    Plan plan = Planner.plan(s, catalog);
    double list = accelerator.listPriceUsd().orElse(0);
    if (list <= 0) {
      throw new InfeasibleScenarioException(
          "roadmap.generations", "'" + accelerator.id() + "' has no purchase price");
    }
    var capex = plan.cost().capex();
    OpexBreakdown opex = plan.cost().opex();
    double itMw = Units.wattsToMegawatts(plan.power().itPeakWatts());
    double staffPerMw = assumptions.staffFtePerMwIt() * itMw * assumptions.staffUsdPerFtePerYear();
    return new Block(
        generation,
        site,
        accelerator.id(),
        server.id(),
        accelerator.shipYear(),
        count,
        capex.acceleratorsUsd(),
        list,
        capex.serversUsd(),
        capex.networkUsd() + capex.storageUsd(),
        plan.power().itPeakWatts(),
        plan.power().facilityPeakWatts(),
        plan.power().facilityAverageWatts(),
        opex.maintenanceUsdPerYear()
            + opex.bandwidthUsdPerYear()
            + opex.otherUsdPerYear()
            + staffPerMw,
        plan.energy().embodiedTco2e() * 1000,
        plan.cluster().floorAreaM2());
  }

  private static Demand training(RoadmapSpec spec, TrainingDemand d) {
    int years = spec.years();
    double[] work = new double[years];
    double[] tokens = new double[years];
    double[] runs = new double[years];
    double reference = 0;
    for (int t = 0; t < years; t++) {
      double v = d.tokens().in(spec.fromYear() + t);
      if (reference == 0 && v > 0) {
        reference = v;
      }
      tokens[t] = v;
      runs[t] = v > 0 ? d.runsPerYear() : 0;
      work[t] = reference > 0 ? runs[t] * v / reference : 0;
    }
    return new Demand(d.name(), false, work, tokens, runs);
  }

  private static Demand serving(RoadmapSpec spec, ServingDemand d) {
    int years = spec.years();
    double[] work = new double[years];
    double[] tokens = new double[years];
    for (int t = 0; t < years; t++) {
      double perDay = d.tokensPerDay().in(spec.fromYear() + t);
      tokens[t] = perDay * PerformanceTable.DAYS_PER_YEAR;
      work[t] = tokens[t];
    }
    return new Demand(d.name(), true, work, tokens, new double[years]);
  }
}
