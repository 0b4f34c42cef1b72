package dev.ironworks.core.roadmap;

import dev.ironworks.core.roadmap.Operations.Source;
import dev.ironworks.core.scenario.roadmap.PowerOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs given investments by rule, year by year: each demand, in the order the scenario lists them,
 * takes the fleet's accelerator-years, the generation that does most of its work first; the cloud
 * carries what is left where allowed, else it is left undone. Each site's energy comes from its
 * sources in merit order: nuclear (paid whatever is used) and solar first, then the PPAs, the grid
 * and the turbines by their price with the carbon price on their emissions, within the grid
 * connection's energy and each source's; energy no source can give is drawn from the grid.
 */
public final class Dispatch {
  private Dispatch() {}

  public static Operations operate(RoadmapInputs in, Terms terms, Investments inv) {
    int years = in.years();
    int gens = in.generations();
    int demands = in.demands().size();
    double[][][] allocation = new double[gens][demands][years];
    double[][] cloud = new double[demands][years];
    double[][] unserved = new double[demands][years];
    for (int t = 0; t < years; t++) {
      double[] capacity = new double[gens];
      for (int g = 0; g < gens; g++) {
        for (int s = 0; s < in.siteCount(); s++) {
          int gen = g;
          int site = s;
          capacity[g] +=
              Fleet.blocks(inv, g, s, t)
                  * in.block(gen, site).map(Block::accelerators).orElse(0L)
                  * in.spec().utilization();
        }
      }
      for (int k = 0; k < demands; k++) {
        double need = in.demands().get(k).work(t);
        for (int g : byWork(in, k)) {
          if (need <= 0 || in.work(g, k) <= 0) {
            break;
          }
          double years0 = Math.min(capacity[g], need / in.work(g, k));
          allocation[g][k][t] = years0;
          capacity[g] -= years0;
          need -= years0 * in.work(g, k);
        }
        int cg = in.cloudGeneration(t, k);
        if (need > 1e-9 * Math.max(1, in.demands().get(k).work(t))
            && cg >= 0
            && terms.cloudBurst()) {
          cloud[k][t] = need / in.work(cg, k);
          need = 0;
        }
        unserved[k][t] = Math.max(0, need);
      }
    }
    double[][][] energy = new double[in.siteCount()][years][Source.values().length];
    double[][][] ppa = new double[in.siteCount()][years][];
    for (int s = 0; s < in.siteCount(); s++) {
      for (int t = 0; t < years; t++) {
        ppa[s][t] = new double[in.sites().get(s).option().power().ppas().size()];
        supply(in, terms, inv, s, t, energy[s][t], ppa[s][t]);
      }
    }
    return new Operations(allocation, cloud, unserved, energy, ppa);
  }

  /** Generations in the order a demand takes them: most work an accelerator-year first. */
  private static List<Integer> byWork(RoadmapInputs in, int k) {
    List<Integer> order = new ArrayList<>();
    for (int g = 0; g < in.generations(); g++) {
      order.add(g);
    }
    order.sort(Comparator.comparingDouble((Integer g) -> -in.work(g, k)).thenComparing(g -> g));
    return order;
  }

  private record Offer(int source, int contract, double usdPerMwh, double maxMwh) {}

  private static void supply(
      RoadmapInputs in, Terms terms, Investments inv, int s, int t, double[] e, double[] ppa) {
    SiteFacts f = in.sites().get(s);
    PowerOptions p = f.option().power();
    double need = Fleet.energyMwh(in, inv, s, t);
    double cp = terms.carbonPriceUsdPerTonne();
    if (Fleet.nuclear(inv, s, t)) {
      var n = p.nuclear().orElseThrow();
      double take = Math.min(need, n.megawatts() * n.capacityFactor() * Fleet.HOURS);
      e[Source.NUCLEAR.ordinal()] = take;
      need -= take;
    }
    if (p.solar().isPresent()) {
      double take = Math.min(need, Fleet.solarUsableMwh(in, inv, s, t));
      e[Source.SOLAR.ordinal()] = take;
      need -= take;
    }
    List<Offer> offers = new ArrayList<>();
    offers.add(
        new Offer(
            Source.GRID.ordinal(),
            -1,
            f.gridUsdPerMwh() + cp * f.gridKgCo2ePerKwh(),
            Double.POSITIVE_INFINITY));
    for (int c = 0; c < p.ppas().size(); c++) {
      PowerOptions.Ppa contract = p.ppas().get(c);
      if (terms.ppa()) {
        offers.add(
            new Offer(
                Source.PPA.ordinal(),
                c,
                contract.usdPerMwh()
                    + cp * (1 - contract.carbonFreeFraction()) * f.gridKgCo2ePerKwh(),
                Fleet.ppaMaxMwh(in, contract, t)));
      }
    }
    if (p.gas().isPresent()) {
      var g = p.gas().get();
      offers.add(
          new Offer(
              Source.GAS.ordinal(),
              -1,
              Fleet.gasUsdPerMwh(g) + cp * Fleet.gasTco2ePerMwh(g),
              Fleet.gasMw(in, inv, s, t) * g.availability() * Fleet.HOURS));
    }
    offers.sort(Comparator.comparingDouble(Offer::usdPerMwh).thenComparingInt(Offer::source));
    double wire = Fleet.gridMw(in, s, t) * Fleet.HOURS;
    for (Offer o : offers) {
      if (need <= 0) {
        break;
      }
      boolean throughGrid = o.source() != Source.GAS.ordinal();
      double take = Math.min(need, o.maxMwh());
      if (throughGrid) {
        take = Math.min(take, wire);
        wire -= take;
      }
      e[o.source()] += take;
      if (o.contract() >= 0) {
        ppa[o.contract()] += take;
      }
      need -= take;
    }
    e[Source.GRID.ordinal()] += Math.max(0, need);
  }
}
