package dev.ironworks.core.roadmap;

import dev.ironworks.core.roadmap.Operations.Source;
import dev.ironworks.core.scenario.roadmap.PowerOptions;
import dev.ironworks.core.scenario.roadmap.RoadmapFinance.Acquisition;
import dev.ironworks.core.scenario.roadmap.SiteOption;
import dev.ironworks.core.units.Units;
import java.util.ArrayList;
import java.util.List;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;
import org.ojalgo.optimisation.integer.IntegerStrategy;
import org.ojalgo.type.context.NumberContext;

/**
 * The roadmap as a mixed-integer linear program, solved by ojAlgo's branch and bound
 * (ExpressionsBasedModel, one worker thread so the same input gives the same plan): choose
 * purchases (whole blocks) and their service lives, data halls, site openings, turbines, solar,
 * batteries and nuclear contracts (yes or no), and how the fleet and the power are used, year by
 * year, to meet the demand at the lowest NPV of cost, under each site's firm power, hall, floor and
 * the yearly budget and carbon cap. The objective and the {@link Ledger} count the same money: the
 * plan's NPV is the objective less the penalty for work left undone.
 *
 * <p>Scaled units inside the model: money in millions of dollars, energy in GWh, fleet use in
 * thousands of accelerator-years, each demand's work as a share of its largest year.
 */
public final class RoadmapOptimizer {
  static {
    // ojAlgo prints a note about its hardware profile to standard output unless told not to.
    if (System.getProperty("shut.up.ojAlgo") == null) {
      System.setProperty("shut.up.ojAlgo", "true");
    }
  }

  /** The solver, as the report names it. */
  public static final String SOLVER = "ojAlgo 55.0.1 ExpressionsBasedModel (branch and bound)";

  /**
   * Branch and bound stops once its plan and its best bound agree to this many significant digits
   * (about 0.1%); the report gives the gap to the linear relaxation, which bounds the true one.
   */
  public static final int GAP_DIGITS = 3;

  private static final double MILLION = 1e6;
  private static final double KILO = 1e3;
  private static final double GWH_PER_MW_YEAR = Units.HOURS_PER_YEAR / KILO;

  private RoadmapOptimizer() {}

  /** The optimal plan under the terms, and how the solver did. */
  public record Solution(Investments investments, Operations operations, SolverReport report) {}

  /** Solves the roadmap under a strategy's terms. */
  public static Solution optimize(RoadmapInputs in, Terms terms) {
    return new Model(in, terms).solve();
  }

  /** One program: its variables by index, built once and solved. */
  private static final class Model {
    private final RoadmapInputs in;
    private final Terms terms;
    private final int years;
    private final int gens;
    private final int sites;
    private final int demands;
    private final ExpressionsBasedModel m = new ExpressionsBasedModel();
    private int integers;

    // Purchases: n[g][t] whole blocks, placed at the sites and split over lives: y[g][s][t][i]
    // with life lives[t][i].
    private final Variable[][] bought;
    private final Variable[][][][] kept;
    private final int[][] lives;
    private final Variable[][][] use;
    private final Variable[][] cloud;
    private final Variable[][] unserved;
    private final Variable[][] hall;
    private final Variable[][] gas;
    private final Variable[][] solar;
    private final Variable[][] battery;
    private final Variable[][] open;
    private final Variable[][] nuclear;
    private final Variable[][] grid;
    private final Variable[][][] ppa;
    private final Variable[][] gasEnergy;
    private final Variable[][] solarEnergy;
    private final Variable[][] nuclearEnergy;
    private final double[] scale;

    Model(RoadmapInputs in, Terms terms) {
      this.in = in;
      this.terms = terms;
      years = in.years();
      gens = in.generations();
      sites = in.siteCount();
      demands = in.demands().size();
      bought = new Variable[gens][years];
      kept = new Variable[gens][sites][years][];
      lives = new int[years][];
      use = new Variable[gens][demands][years];
      cloud = new Variable[demands][years];
      unserved = new Variable[demands][years];
      hall = new Variable[sites][years];
      gas = new Variable[sites][years];
      solar = new Variable[sites][years];
      battery = new Variable[sites][years];
      open = new Variable[sites][years];
      nuclear = new Variable[sites][years];
      grid = new Variable[sites][years];
      ppa = new Variable[sites][years][];
      gasEnergy = new Variable[sites][years];
      solarEnergy = new Variable[sites][years];
      nuclearEnergy = new Variable[sites][years];
      scale = new double[demands];
      m.options.integer(
          IntegerStrategy.DEFAULT
              .withParallelism(() -> 1)
              .withGapTolerance(NumberContext.of(GAP_DIGITS)));
      for (int t = 0; t < years; t++) {
        lives[t] = lives(t);
      }
      purchases();
      sitesAndPower();
      fleetUse();
      powerBalance();
      limits();
    }

    /** The lives a purchase in year t may have; one for all that outlast the horizon. */
    private int[] lives(int t) {
      List<Integer> out = new ArrayList<>();
      for (int life = terms.minLifeYears(); life <= terms.maxLifeYears(); life++) {
        if (t + life < years) {
          out.add(life);
        }
      }
      if (t + terms.maxLifeYears() >= years) {
        out.add(Math.max(terms.minLifeYears(), years - t));
      }
      return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private Variable var(String name, double objectiveMillions) {
      return m.addVariable(name).lower(0).weight(objectiveMillions);
    }

    private Variable integer(String name, double objectiveMillions) {
      integers++;
      return var(name, objectiveMillions).integer(true);
    }

    private Variable binary(String name, double objectiveMillions) {
      integers++;
      return m.addVariable(name).binary().weight(objectiveMillions);
    }

    private boolean buyable(int g, int s, int t) {
      return in.ships(g, t) && in.block(g, s).isPresent();
    }

    private void purchases() {
      boolean lease = terms.acquisition() == Acquisition.LEASE;
      double leaseFraction = in.spec().finance().leaseFractionOfPricePerYear();
      for (int g = 0; g < gens; g++) {
        for (int t = 0; t < years; t++) {
          Expression split = null;
          double most = 0;
          for (int s = 0; s < sites; s++) {
            if (!buyable(g, s, t)) {
              continue;
            }
            Block b = in.block(g, s).orElseThrow();
            // No more blocks than the sites' largest halls hold at their peak.
            most +=
                Math.floor(
                    in.sites().get(s).option().maxMegawatts()
                        / Units.wattsToMegawatts(b.facilityPeakWatts()));
            if (split == null) {
              split = m.addExpression(name("split", g, 0, t)).level(0);
            }
            double capex = in.blockCapexUsd(g, s, t);
            kept[g][s][t] = new Variable[lives[t].length];
            for (int i = 0; i < lives[t].length; i++) {
              int life = lives[t][i];
              int end = Math.min(years, t + life);
              double usd = 0;
              for (int u = t; u < end; u++) {
                usd +=
                    (b.nonEnergyOpexUsdPerYear() + (lease ? leaseFraction * capex : 0))
                        * terms.midYear(u);
              }
              if (!lease) {
                double age = end - t;
                usd +=
                    capex * terms.atStart(t)
                        - capex * in.spec().finance().resaleFraction(age) * terms.atStart(end);
              }
              kept[g][s][t][i] = var(name("keep", g, s, t) + "_" + life, usd / MILLION);
              split.set(kept[g][s][t][i], 1);
            }
          }
          if (split != null) {
            bought[g][t] = integer(name("buy", g, 0, t), 0).upper(Math.max(0, most));
            split.set(bought[g][t], -1);
          }
        }
      }
    }

    /** Blocks of (g, s) running in year u, as an expression's terms scaled by {@code factor}. */
    private void addRunning(Expression e, int g, int s, int u, double factor) {
      for (int t = 0; t <= u; t++) {
        if (kept[g][s][t] == null) {
          continue;
        }
        for (int i = 0; i < lives[t].length; i++) {
          if (u < t + lives[t][i]) {
            e.add(kept[g][s][t][i], factor);
          }
        }
      }
    }

    private void sitesAndPower() {
      for (int s = 0; s < sites; s++) {
        SiteFacts f = in.sites().get(s);
        SiteOption o = f.option();
        PowerOptions p = o.power();
        double kw = KILO;
        for (int t = 0; t < years; t++) {
          int left = years - t;
          double end = terms.atStart(years);
          double facilityLife = in.spec().finance().lives().facilityYears();
          double powerLife = in.spec().finance().lives().powerYears();
          hall[s][t] =
              var(
                  "hall_" + s + "_" + t,
                  f.constructionUsdPerFacilityMw()
                      * (terms.atStart(t) - Ledger.straightLineLeft(1, facilityLife, left) * end)
                      / MILLION);
          if (o.existingMegawatts() == 0) {
            double staff = 0;
            for (int u = t; u < years; u++) {
              staff += f.fixedStaffUsdPerYear() * terms.midYear(u);
            }
            open[s][t] =
                binary(
                    "open_" + s + "_" + t, (o.openingUsd() * terms.atStart(t) + staff) / MILLION);
          }
          double plant = terms.atStart(t) - Ledger.straightLineLeft(1, powerLife, left) * end;
          if (terms.gas() && p.gas().isPresent()) {
            gas[s][t] = var("gas_" + s + "_" + t, p.gas().get().usdPerKw() * kw * plant / MILLION);
          }
          if (terms.solar() && p.solar().isPresent()) {
            solar[s][t] =
                var("solar_" + s + "_" + t, p.solar().get().usdPerKw() * kw * plant / MILLION);
          }
          if (terms.battery() && p.battery().isPresent()) {
            battery[s][t] =
                var("battery_" + s + "_" + t, p.battery().get().usdPerKwh() * kw * plant / MILLION);
          }
          if (terms.nuclear()
              && p.nuclear().isPresent()
              && in.calendarYear(t) >= p.nuclear().get().fromYear()) {
            var n = p.nuclear().get();
            double usd = 0;
            for (int u = t; u < years; u++) {
              usd +=
                  n.megawatts()
                      * n.capacityFactor()
                      * Fleet.HOURS
                      * n.usdPerMwh()
                      * terms.midYear(u);
            }
            nuclear[s][t] = binary("nuclear_" + s + "_" + t, usd / MILLION);
          }
          // Energy, GWh, priced with the carbon price on its emissions.
          double cp = terms.carbonPriceUsdPerTonne();
          double mid = terms.midYear(t) * KILO / MILLION;
          grid[s][t] =
              var("grid_" + s + "_" + t, (f.gridUsdPerMwh() + cp * f.gridKgCo2ePerKwh()) * mid);
          ppa[s][t] = new Variable[p.ppas().size()];
          for (int c = 0; c < p.ppas().size(); c++) {
            PowerOptions.Ppa contract = p.ppas().get(c);
            if (terms.ppa() && Fleet.ppaMaxMwh(in, contract, t) > 0) {
              ppa[s][t][c] =
                  var(
                          "ppa_" + s + "_" + t + "_" + c,
                          (contract.usdPerMwh()
                                  + cp * (1 - contract.carbonFreeFraction()) * f.gridKgCo2ePerKwh())
                              * mid)
                      .upper(Fleet.ppaMaxMwh(in, contract, t) / KILO);
            }
          }
          if (terms.gas() && p.gas().isPresent()) {
            gasEnergy[s][t] =
                var(
                    "gasEnergy_" + s + "_" + t,
                    (Fleet.gasUsdPerMwh(p.gas().get()) + cp * Fleet.gasTco2ePerMwh(p.gas().get()))
                        * mid);
          }
          if (terms.solar() && p.solar().isPresent()) {
            solarEnergy[s][t] = var("solarEnergy_" + s + "_" + t, 0);
          }
          if (terms.nuclear() && p.nuclear().isPresent()) {
            nuclearEnergy[s][t] = var("nuclearEnergy_" + s + "_" + t, 0);
          }
        }
        siteLimits(s);
      }
    }

    private void siteLimits(int s) {
      SiteFacts f = in.sites().get(s);
      SiteOption o = f.option();
      PowerOptions p = o.power();
      Expression built =
          m.addExpression("hallMax_" + s).upper(o.maxMegawatts() - o.existingMegawatts());
      for (int t = 0; t < years; t++) {
        built.set(hall[s][t], 1);
      }
      if (open[s][0] != null) {
        Expression once = m.addExpression("openOnce_" + s).upper(1);
        for (int t = 0; t < years; t++) {
          once.set(open[s][t], 1);
          // Nothing is built before the site opens.
          Expression opened = m.addExpression("opened_" + s + "_" + t).upper(0);
          opened.set(hall[s][t], 1);
          for (int u = 0; u <= t; u++) {
            opened.set(open[s][u], -(o.maxMegawatts()));
          }
        }
      }
      p.gas()
          .ifPresent(
              g -> {
                if (gas[s][0] != null) {
                  Expression max = m.addExpression("gasMax_" + s).upper(g.maxMegawatts());
                  for (int t = 0; t < years; t++) {
                    max.set(gas[s][t], 1);
                  }
                }
              });
      p.solar()
          .ifPresent(
              x -> {
                if (solar[s][0] != null) {
                  Expression max = m.addExpression("solarMax_" + s).upper(x.maxMegawatts());
                  for (int t = 0; t < years; t++) {
                    max.set(solar[s][t], 1);
                  }
                }
              });
      p.battery()
          .ifPresent(
              x -> {
                if (battery[s][0] != null) {
                  Expression max = m.addExpression("batteryMax_" + s).upper(x.maxMegawattHours());
                  for (int t = 0; t < years; t++) {
                    max.set(battery[s][t], 1);
                  }
                }
              });
      Expression once = null;
      for (int t = 0; t < years; t++) {
        if (nuclear[s][t] != null) {
          if (once == null) {
            once = m.addExpression("nuclearOnce_" + s).upper(1);
          }
          once.set(nuclear[s][t], 1);
        }
      }
    }

    private void fleetUse() {
      double u = in.spec().utilization();
      for (int k = 0; k < demands; k++) {
        double max = 0;
        for (int t = 0; t < years; t++) {
          max = Math.max(max, in.demands().get(k).work(t));
        }
        scale[k] = max > 0 ? max : 1;
      }
      for (int g = 0; g < gens; g++) {
        for (int t = 0; t < years; t++) {
          Expression capacity = m.addExpression("capacity_" + g + "_" + t).upper(0);
          boolean any = false;
          for (int k = 0; k < demands; k++) {
            if (in.work(g, k) > 0 && in.demands().get(k).work(t) > 0) {
              use[g][k][t] = var(name("use", g, k, t), 0);
              capacity.set(use[g][k][t], 1);
              any = true;
            }
          }
          for (int s = 0; s < sites; s++) {
            int site = s;
            int gen = g;
            long accelerators = in.block(gen, site).map(Block::accelerators).orElse(0L);
            addRunning(capacity, g, s, t, -u * accelerators / KILO);
          }
          if (!any) {
            m.removeExpression("capacity_" + g + "_" + t);
          }
        }
      }
      for (int k = 0; k < demands; k++) {
        for (int t = 0; t < years; t++) {
          double work = in.demands().get(k).work(t);
          if (work <= 0) {
            continue;
          }
          Expression meet = m.addExpression("demand_" + k + "_" + t).lower(work / scale[k]);
          for (int g = 0; g < gens; g++) {
            if (use[g][k][t] != null) {
              meet.set(use[g][k][t], in.work(g, k) * KILO / scale[k]);
            }
          }
          int cg = in.cloudGeneration(t, k);
          if (cg >= 0 && terms.cloudBurst()) {
            cloud[k][t] =
                var(
                    "cloud_" + k + "_" + t,
                    in.cloudUsdPerAcceleratorYear(t, k) * KILO * terms.midYear(t) / MILLION);
            meet.set(cloud[k][t], in.work(cg, k) * KILO / scale[k]);
            continue;
          }
          // Without a cloud, work may be left undone, as a share of the demand's largest year, at
          // the penalty per accelerator-year the best generation would need for it.
          double best = bestWork(k);
          double penaltyPerShare =
              best > 0 ? scale[k] / best * terms.unservedPenaltyUsdPerAcceleratorYear() : 0;
          unserved[k][t] =
              var("unserved_" + k + "_" + t, penaltyPerShare * terms.midYear(t) / MILLION);
          meet.set(unserved[k][t], 1);
        }
      }
    }

    private double bestWork(int k) {
      double best = 0;
      for (int g = 0; g < gens; g++) {
        best = Math.max(best, in.work(g, k));
      }
      return best;
    }

    private void powerBalance() {
      for (int s = 0; s < sites; s++) {
        SiteFacts f = in.sites().get(s);
        SiteOption o = f.option();
        PowerOptions p = o.power();
        for (int t = 0; t < years; t++) {
          double gridMw = Fleet.gridMw(in, s, t);
          // Peak facility power within the firm supply.
          Expression firm = m.addExpression("firm_" + s + "_" + t).upper(gridMw);
          Expression halls = m.addExpression("halls_" + s + "_" + t).upper(o.existingMegawatts());
          Expression energy = m.addExpression("energy_" + s + "_" + t).upper(0);
          Expression floor =
              o.maxFloorAreaM2().isPresent()
                  ? m.addExpression("floor_" + s + "_" + t).upper(o.maxFloorAreaM2().getAsDouble())
                  : null;
          for (int g = 0; g < gens; g++) {
            if (in.block(g, s).isEmpty()) {
              continue;
            }
            Block b = in.block(g, s).get();
            double peak = Units.wattsToMegawatts(b.facilityPeakWatts());
            addRunning(firm, g, s, t, peak);
            addRunning(halls, g, s, t, peak);
            addRunning(
                energy,
                g,
                s,
                t,
                Units.wattsToMegawatts(b.facilityAverageWatts()) * GWH_PER_MW_YEAR);
            if (floor != null) {
              addRunning(floor, g, s, t, b.floorAreaM2());
            }
          }
          for (int u = 0; u + o.leadTimeYears() <= t; u++) {
            halls.set(hall[s][u], -1);
          }
          int gasLead = p.gas().map(x -> x.leadTimeYears()).orElse(0);
          for (int u = 0; u < years; u++) {
            if (gas[s][u] != null && u + gasLead <= t) {
              firm.set(gas[s][u], -1);
            }
            if (battery[s][u] != null && u < t) {
              firm.set(battery[s][u], -p.battery().get().firmMegawattsPerMegawattHour());
            }
            if (nuclear[s][u] != null && u <= t) {
              firm.set(nuclear[s][u], -p.nuclear().get().megawatts());
            }
          }
          // Energy drawn within what the sources give.
          energy.set(grid[s][t], -1);
          Expression wire = m.addExpression("wire_" + s + "_" + t).upper(gridMw * GWH_PER_MW_YEAR);
          wire.set(grid[s][t], 1);
          for (Variable v : ppa[s][t]) {
            if (v != null) {
              energy.set(v, -1);
              wire.set(v, 1);
            }
          }
          if (gasEnergy[s][t] != null) {
            energy.set(gasEnergy[s][t], -1);
            Expression cap = m.addExpression("gasCap_" + s + "_" + t).upper(0);
            cap.set(gasEnergy[s][t], 1);
            for (int u = 0; u + gasLead <= t; u++) {
              if (gas[s][u] != null) {
                cap.set(gas[s][u], -p.gas().get().availability() * GWH_PER_MW_YEAR);
              }
            }
          }
          if (solarEnergy[s][t] != null) {
            energy.set(solarEnergy[s][t], -1);
            double cf = p.solar().get().capacityFactor();
            Expression cap = m.addExpression("solarCap_" + s + "_" + t).upper(0);
            cap.set(solarEnergy[s][t], 1);
            for (int u = 0; u < t; u++) {
              cap.set(solar[s][u], -cf * GWH_PER_MW_YEAR);
            }
            // Used as it shines: no more than a plant sized to the load gives, plus what the
            // batteries shift (a cycle a day).
            Expression used = m.addExpression("solarUse_" + s + "_" + t).upper(0);
            used.set(solarEnergy[s][t], 1);
            for (int g = 0; g < gens; g++) {
              int gen = g;
              int site = s;
              double avg =
                  in.block(gen, site)
                      .map(Block::facilityAverageWatts)
                      .map(Units::wattsToMegawatts)
                      .orElse(0.0);
              addRunning(used, g, s, t, -cf * avg * GWH_PER_MW_YEAR);
            }
            for (int u = 0; u < t; u++) {
              if (battery[s][u] != null) {
                used.set(battery[s][u], -Fleet.BATTERY_CYCLES_PER_YEAR / KILO);
              }
            }
          }
          if (nuclearEnergy[s][t] != null) {
            energy.set(nuclearEnergy[s][t], -1);
            Expression cap = m.addExpression("nuclearCap_" + s + "_" + t).upper(0);
            cap.set(nuclearEnergy[s][t], 1);
            var n = p.nuclear().get();
            for (int u = 0; u <= t; u++) {
              if (nuclear[s][u] != null) {
                cap.set(nuclear[s][u], -n.megawatts() * n.capacityFactor() * GWH_PER_MW_YEAR);
              }
            }
          }
        }
      }
    }

    private void limits() {
      var limits = in.spec().limits();
      for (int t = 0; t < years; t++) {
        if (limits.budgetUsdPerYear().isPresent()) {
          Expression budget =
              m.addExpression("budget_" + t)
                  .upper(limits.budgetUsdPerYear().getAsDouble() / MILLION);
          for (int g = 0; g < gens; g++) {
            for (int s = 0; s < sites; s++) {
              if (kept[g][s][t] != null && terms.acquisition() == Acquisition.BUY) {
                for (Variable v : kept[g][s][t]) {
                  budget.set(v, in.blockCapexUsd(g, s, t) / MILLION);
                }
              }
            }
          }
          for (int s = 0; s < sites; s++) {
            SiteFacts f = in.sites().get(s);
            PowerOptions p = f.option().power();
            budget.set(hall[s][t], f.constructionUsdPerFacilityMw() / MILLION);
            if (open[s][t] != null) {
              budget.set(open[s][t], f.option().openingUsd() / MILLION);
            }
            if (gas[s][t] != null) {
              budget.set(gas[s][t], p.gas().get().usdPerKw() * KILO / MILLION);
            }
            if (solar[s][t] != null) {
              budget.set(solar[s][t], p.solar().get().usdPerKw() * KILO / MILLION);
            }
            if (battery[s][t] != null) {
              budget.set(battery[s][t], p.battery().get().usdPerKwh() * KILO / MILLION);
            }
          }
        }
        if (limits.carbonCapTco2ePerYear().isPresent()) {
          Expression cap =
              m.addExpression("carbon_" + t).upper(limits.carbonCapTco2ePerYear().getAsDouble());
          for (int s = 0; s < sites; s++) {
            SiteFacts f = in.sites().get(s);
            PowerOptions p = f.option().power();
            cap.set(grid[s][t], f.gridKgCo2ePerKwh() * KILO);
            for (int c = 0; c < ppa[s][t].length; c++) {
              if (ppa[s][t][c] != null) {
                cap.set(
                    ppa[s][t][c],
                    (1 - p.ppas().get(c).carbonFreeFraction()) * f.gridKgCo2ePerKwh() * KILO);
              }
            }
            if (gasEnergy[s][t] != null) {
              cap.set(gasEnergy[s][t], Fleet.gasTco2ePerMwh(p.gas().get()) * KILO);
            }
          }
        }
      }
    }

    private static String name(String what, int a, int b, int c) {
      return what + "_" + a + "_" + b + "_" + c;
    }

    Solution solve() {
      ExpressionsBasedModel relaxed = m.copy();
      relaxed.relax();
      Optimisation.Result bound = relaxed.minimise();
      cutoff();
      Optimisation.Result result = m.minimise();
      if (!result.getState().isFeasible()) {
        throw new IllegalStateException(
            "the solver found no plan (" + result.getState() + "): " + terms.name());
      }
      double objective = result.getValue() * MILLION;
      double lower = bound.getState().isFeasible() ? bound.getValue() * MILLION : Double.NaN;
      double gap = objective != 0 ? Math.max(0, (objective - lower) / Math.abs(objective)) : 0;
      SolverReport report =
          new SolverReport(
              SOLVER,
              result.getState().name(),
              objective,
              lower,
              gap,
              integers,
              m.countVariables(),
              m.countExpressions());
      return new Solution(investments(), operations(), report);
    }

    /**
     * Tells branch and bound no plan worth keeping costs more than the rule's ({@link RulePolicy}),
     * which is a plan of this program when it leaves no work undone and no budget or carbon cap
     * applies (the rule does not read them): nodes above it are pruned at once.
     */
    private void cutoff() {
      var limits = in.spec().limits();
      if (limits.budgetUsdPerYear().isPresent() || limits.carbonCapTco2ePerYear().isPresent()) {
        return;
      }
      RoadmapResult rule = RoadmapPlanner.ruled(in, terms);
      for (YearFigures y : rule.years()) {
        for (YearFigures.DemandYear d : y.demands()) {
          if (d.unservedWork() > 0) {
            return;
          }
        }
      }
      double slack = 1 + 1e-6;
      m.limitObjective(null, java.math.BigDecimal.valueOf(rule.npvCostUsd() * slack / MILLION));
    }

    private static double value(Variable v) {
      if (v == null || v.getValue() == null) {
        return 0;
      }
      double x = v.getValue().doubleValue();
      // Solver noise below a millionth is not a decision.
      double rounded = Math.rint(x * 1e6) / 1e6;
      return Math.max(0, rounded);
    }

    private Investments investments() {
      List<Purchase> purchases = new ArrayList<>();
      for (int g = 0; g < gens; g++) {
        for (int s = 0; s < sites; s++) {
          for (int t = 0; t < years; t++) {
            if (kept[g][s][t] == null) {
              continue;
            }
            for (int i = 0; i < lives[t].length; i++) {
              double blocks = value(kept[g][s][t][i]);
              if (blocks > 0) {
                purchases.add(new Purchase(g, s, t, lives[t][i], blocks));
              }
            }
          }
        }
      }
      double[][] halls = new double[sites][years];
      double[][] gasMw = new double[sites][years];
      double[][] solarMw = new double[sites][years];
      double[][] batteryMwh = new double[sites][years];
      int[] nuclearYear = new int[sites];
      int[] openYear = new int[sites];
      for (int s = 0; s < sites; s++) {
        nuclearYear[s] = -1;
        openYear[s] = -1;
        for (int t = 0; t < years; t++) {
          halls[s][t] = value(hall[s][t]);
          gasMw[s][t] = value(gas[s][t]);
          solarMw[s][t] = value(solar[s][t]);
          batteryMwh[s][t] = value(battery[s][t]);
          if (value(nuclear[s][t]) > 0.5) {
            nuclearYear[s] = t;
          }
          if (value(open[s][t]) > 0.5) {
            openYear[s] = t;
          }
        }
      }
      return new Investments(purchases, halls, gasMw, solarMw, batteryMwh, nuclearYear, openYear);
    }

    /**
     * The fleet's use of year {@code t} for demand {@code k} cut to what the demand leaves after
     * the cloud and the work undone: the program asks only that the work be covered, and capacity
     * the fleet has anyway costs nothing to assign, so a solution may assign more than the demand.
     * What is cut is idle (stranded) capacity.
     */
    private void trimToDemand(
        double[][][] allocation, double[][] rented, double[][] undone, int k, int t) {
      double fleet = 0;
      for (int g = 0; g < gens; g++) {
        fleet += allocation[g][k][t] * in.work(g, k);
      }
      int cg = in.cloudGeneration(t, k);
      double cloudWork = cg >= 0 ? rented[k][t] * in.work(cg, k) : 0;
      double need = Math.max(0, in.demands().get(k).work(t) - cloudWork - undone[k][t]);
      if (fleet > need && fleet > 0) {
        double keep = need / fleet;
        for (int g = 0; g < gens; g++) {
          allocation[g][k][t] *= keep;
        }
      }
    }

    private Operations operations() {
      double[][][] allocation = new double[gens][demands][years];
      double[][] rented = new double[demands][years];
      double[][] undone = new double[demands][years];
      for (int k = 0; k < demands; k++) {
        for (int t = 0; t < years; t++) {
          for (int g = 0; g < gens; g++) {
            allocation[g][k][t] = value(use[g][k][t]) * KILO;
          }
          rented[k][t] = value(cloud[k][t]) * KILO;
          undone[k][t] = value(unserved[k][t]) * scale[k];
          trimToDemand(allocation, rented, undone, k, t);
        }
      }
      double[][][] energy = new double[sites][years][Source.values().length];
      double[][][] contracts = new double[sites][years][];
      for (int s = 0; s < sites; s++) {
        for (int t = 0; t < years; t++) {
          contracts[s][t] = new double[ppa[s][t].length];
          energy[s][t][Source.GRID.ordinal()] = value(grid[s][t]) * KILO;
          for (int c = 0; c < ppa[s][t].length; c++) {
            contracts[s][t][c] = value(ppa[s][t][c]) * KILO;
            energy[s][t][Source.PPA.ordinal()] += contracts[s][t][c];
          }
          energy[s][t][Source.GAS.ordinal()] = value(gasEnergy[s][t]) * KILO;
          energy[s][t][Source.SOLAR.ordinal()] = value(solarEnergy[s][t]) * KILO;
          energy[s][t][Source.NUCLEAR.ordinal()] = value(nuclearEnergy[s][t]) * KILO;
        }
      }
      return new Operations(allocation, rented, undone, energy, contracts);
    }
  }
}
