package dev.ironworks.core.roadmap;

import dev.ironworks.core.scenario.roadmap.PowerOptions;
import dev.ironworks.core.scenario.roadmap.SiteOption;
import dev.ironworks.core.units.Units;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A roadmap made by rule rather than by the solver: what an operator without an optimiser would do,
 * and fast enough to evaluate thousands of times in a sweep. Each year, in order:
 *
 * <ol>
 *   <li>Halls: start data halls at the sites in the order listed, up to their grid connection (and
 *       turbines, where the strategy allows gas, beyond it) in the year they would open, so that
 *       the halls then hold the fleet the demand will need, bought in the generation with the most
 *       work per dollar then.
 *   <li>Purchases: the shortfall of this year's demand after the fleet running does what it can, in
 *       whole blocks of the generation shipping now with the most work per dollar (price + its
 *       running cost over its life), kept for the strategy's life (the middle of the range when it
 *       gives one), placed at the sites in order where peak power, halls and floor allow.
 *   <li>Whatever cannot be placed goes to the cloud, where allowed ({@link Dispatch}).
 * </ol>
 */
public final class RulePolicy {
  private RulePolicy() {}

  public static Investments invest(RoadmapInputs in, Terms terms) {
    int years = in.years();
    int sites = in.siteCount();
    int life = (terms.minLifeYears() + terms.maxLifeYears()) / 2;
    List<Purchase> purchases = new ArrayList<>();
    double[][] hall = new double[sites][years];
    double[][] gas = new double[sites][years];
    double[][] zero = new double[sites][years];
    int[] never = new int[sites];
    int[] open = new int[sites];
    Arrays.fill(never, -1);
    Arrays.fill(open, -1);
    for (int t = 0; t < years; t++) {
      Investments now = new Investments(purchases, hall, gas, zero, zero, never, open);
      buildAhead(in, terms, now, hall, gas, open, t);
      now = new Investments(purchases, hall, gas, zero, zero, never, open);
      buy(in, terms, now, purchases, t, life);
    }
    return new Investments(purchases, hall, gas, zero, zero, never, open);
  }

  /** The generation shipping in a year with the most work a dollar for a demand; -1 if none. */
  static int bestBuy(RoadmapInputs in, int k, int t, int life) {
    int best = -1;
    double bestValue = 0;
    for (int g = 0; g < in.generations(); g++) {
      for (int s = 0; s < in.siteCount(); s++) {
        if (!in.ships(g, t) || in.block(g, s).isEmpty() || in.work(g, k) <= 0) {
          continue;
        }
        Block b = in.block(g, s).get();
        double cost = in.blockCapexUsd(g, s, t) + life * b.nonEnergyOpexUsdPerYear();
        double value = in.work(g, k) * b.accelerators() / cost;
        if (value > bestValue) {
          best = g;
          bestValue = value;
        }
        break;
      }
    }
    return best;
  }

  private static void buildAhead(
      RoadmapInputs in,
      Terms terms,
      Investments now,
      double[][] hall,
      double[][] gas,
      int[] open,
      int t) {
    double[] added = new double[in.years()];
    for (int s = 0; s < in.siteCount(); s++) {
      SiteOption o = in.sites().get(s).option();
      int ready = t + o.leadTimeYears();
      if (ready >= in.years()) {
        continue;
      }
      double needMw = neededMw(in, ready) - plannedMw(in, now, ready) - added[ready];
      if (needMw <= 0) {
        continue;
      }
      double built = 0;
      for (int u = 0; u < in.years(); u++) {
        built += hall[s][u];
      }
      double room = o.maxMegawatts() - o.existingMegawatts() - built;
      double halls = Fleet.hallMw(in, now, s, ready);
      double grid = Fleet.gridMw(in, s, ready) + Fleet.gasMw(in, now, s, ready);
      double add = Math.min(room, Math.min(needMw, Math.max(0, grid - halls)));
      if (terms.gas() && o.power().gas().isPresent()) {
        PowerOptions.GasTurbines g = o.power().gas().get();
        double gasRoom = g.maxMegawatts() - sum(gas[s]);
        double more = Math.min(gasRoom, Math.min(room - add, needMw - add));
        if (more > 0 && t + g.leadTimeYears() <= ready) {
          gas[s][t] += more;
          add += more;
        }
      }
      if (add > 0) {
        hall[s][t] += add;
        added[ready] += add;
        if (open[s] < 0 && o.existingMegawatts() == 0) {
          open[s] = t;
        }
      }
    }
  }

  private static double sum(double[] a) {
    double x = 0;
    for (double v : a) {
      x += v;
    }
    return x;
  }

  /** Facility MW the whole demand of a year needs in the best generations shipping then. */
  private static double neededMw(RoadmapInputs in, int t) {
    double mw = 0;
    for (int k = 0; k < in.demands().size(); k++) {
      int g = bestBuy(in, k, t, 4);
      if (g < 0) {
        continue;
      }
      Block b = firstBlock(in, g);
      double accelerators = in.demands().get(k).work(t) / in.work(g, k) / in.spec().utilization();
      mw += accelerators / b.accelerators() * Units.wattsToMegawatts(b.facilityPeakWatts());
    }
    return mw;
  }

  private static Block firstBlock(RoadmapInputs in, int g) {
    for (int s = 0; s < in.siteCount(); s++) {
      if (in.block(g, s).isPresent()) {
        return in.block(g, s).get();
      }
    }
    throw new IllegalStateException("generation " + g + " fits no site");
  }

  /** Hall MW every site will have running in a year, as planned so far. */
  private static double plannedMw(RoadmapInputs in, Investments now, int t) {
    double mw = 0;
    for (int s = 0; s < in.siteCount(); s++) {
      mw += Math.min(Fleet.hallMw(in, now, s, t), Fleet.firmMw(in, now, s, t));
    }
    return mw;
  }

  private static void buy(
      RoadmapInputs in, Terms terms, Investments now, List<Purchase> purchases, int t, int life) {
    Operations ops = Dispatch.operate(in, terms, now);
    // The shortfall of each demand this year, without the cloud, in accelerator-years of the best
    // generation to buy now.
    double[] blocksOf = new double[in.generations()];
    for (int k = 0; k < in.demands().size(); k++) {
      double left = ops.unservedWork()[k][t];
      int cg = in.cloudGeneration(t, k);
      if (cg >= 0) {
        left += ops.cloudAcceleratorYears()[k][t] * in.work(cg, k);
      }
      int g = bestBuy(in, k, t, life);
      if (left <= 0 || g < 0) {
        continue;
      }
      Block b = firstBlock(in, g);
      blocksOf[g] += left / in.work(g, k) / in.spec().utilization() / b.accelerators();
    }
    for (int g = 0; g < in.generations(); g++) {
      double blocks = Math.ceil(blocksOf[g] - 1e-9);
      for (int s = 0; s < in.siteCount() && blocks > 0; s++) {
        if (in.block(g, s).isEmpty()) {
          continue;
        }
        Block b = in.block(g, s).get();
        Investments current =
            new Investments(
                purchases,
                now.hallMw(),
                now.gasMw(),
                now.solarMw(),
                now.batteryMwh(),
                now.nuclearYear(),
                now.openYear());
        double room =
            Math.min(Fleet.hallMw(in, current, s, t), Fleet.firmMw(in, current, s, t))
                - Fleet.peakMw(in, current, s, t);
        double fit = Math.floor(room / Units.wattsToMegawatts(b.facilityPeakWatts()) + 1e-9);
        var floor = in.sites().get(s).option().maxFloorAreaM2();
        if (floor.isPresent()) {
          double used = 0;
          for (int h = 0; h < in.generations(); h++) {
            int gen = h;
            int site = s;
            used +=
                Fleet.blocks(current, h, s, t)
                    * in.block(gen, site).map(Block::floorAreaM2).orElse(0.0);
          }
          fit = Math.min(fit, Math.floor((floor.getAsDouble() - used) / b.floorAreaM2() + 1e-9));
        }
        double take = Math.min(blocks, Math.max(0, fit));
        if (take > 0) {
          purchases.add(new Purchase(g, s, t, life, take, terms.leases(in, g, s, t, life)));
          blocks -= take;
        }
      }
    }
  }
}
