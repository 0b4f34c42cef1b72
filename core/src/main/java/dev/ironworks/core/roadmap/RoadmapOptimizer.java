package dev.ironworks.core.roadmap;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import dev.ironworks.core.roadmap.Operations.Source;
import dev.ironworks.core.scenario.roadmap.PowerOptions;
import dev.ironworks.core.scenario.roadmap.RoadmapFinance.Acquisition;
import dev.ironworks.core.scenario.roadmap.SiteOption;
import dev.ironworks.core.units.Units;
import java.util.ArrayList;
import java.util.List;

/**
 * The roadmap as a mixed-integer linear program, solved by SCIP through Google OR-Tools' linear
 * solver wrapper (one thread, so the same input gives the same plan, to a relative gap of 0.01%
 * proven by SCIP's own bound): choose purchases (whole blocks) and their service lives, data halls,
 * site openings, turbines, solar, batteries and nuclear contracts (yes or no), and how the fleet
 * and the power are used, year by year, to meet the demand at the lowest NPV of cost, under each
 * site's firm power, hall, floor and the yearly budget and carbon cap. The objective and the {@link
 * Ledger} count the same money: the plan's NPV is the objective less the penalty for work left
 * undone.
 *
 * <p>Scaled units inside the model: money in millions of dollars, energy in GWh, fleet use in
 * thousands of accelerator-years, each demand's work as a share of its largest year.
 */
public final class RoadmapOptimizer {
  /** The solver, as the report names it. */
  public static final String SOLVER = "SCIP (Google OR-Tools 9.14 linear solver, branch and cut)";

  /**
   * The solver stops once its plan and its proven lower bound are this close, relative to the
   * plan's objective; the report gives the gap it reached.
   */
  public static final double RELATIVE_GAP = 1e-4;

  /**
   * A guard, not a setting that shapes the answer: a 10-year, 3-site, 5-generation roadmap solves
   * in about a second. Should a solve ever run this long, it stops with the best plan found,
   * reported as FEASIBLE with its gap.
   */
  public static final long TIME_LIMIT_MILLIS = 120_000;

  private static final double MILLION = 1e6;
  private static final double KILO = 1e3;
  private static final double GWH_PER_MW_YEAR = Units.HOURS_PER_YEAR / KILO;

  private RoadmapOptimizer() {}

  /** The optimal plan under the terms, and how the solver did. */
  public record Solution(Investments investments, Operations operations, SolverReport report) {}

  /** Solves the roadmap under a strategy's terms. */
  public static Solution optimize(RoadmapInputs in, Terms terms) {
    try {
      Loader.loadNativeLibraries();
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      // OR-Tools ships its native library for Linux, macOS and Windows on x86-64 and arm64.
      throw new IllegalStateException(
          "the roadmap solver (SCIP through OR-Tools) cannot load its native library on this"
              + " platform ("
              + e.getMessage()
              + "); plan by rule instead (ironworks roadmap --rule)",
          e);
    }
    MPSolver solver = MPSolver.createSolver("SCIP");
    if (solver == null) {
      throw new IllegalStateException(
          "the SCIP solver is not available on this platform; plan by rule instead"
              + " (ironworks roadmap --rule)");
    }
    try {
      return new Model(in, terms, solver).solve();
    } finally {
      solver.delete();
    }
  }

  /** One program: its variables by index, built once and solved. */
  private static final class Model {
    private final RoadmapInputs in;
    private final Terms terms;
    private final int years;
    private final int gens;
    private final int sites;
    private final int demands;
    private final MPSolver m;
    private final MPObjective objective;
    private int integers;

    // Purchases: n[g][t] whole blocks, placed at the sites and split over lives and, where either
    // is allowed, over buying and leasing: y[g][s][t][i] with life lives[t][i], leased[t][i].
    private final MPVariable[][] bought;
    private final MPVariable[][][][] kept;
    private final int[][] lives;
    private final boolean[][] leased;
    private final MPVariable[][][] use;
    private final MPVariable[][] cloud;
    private final MPVariable[][] unserved;
    private final MPVariable[][] hall;
    private final MPVariable[][] gas;
    private final MPVariable[][] solar;
    private final MPVariable[][] battery;
    private final MPVariable[][] open;
    private final MPVariable[][] nuclear;
    private final MPVariable[][] grid;
    private final MPVariable[][][] ppa;
    private final MPVariable[][] gasEnergy;
    private final MPVariable[][] solarEnergy;
    private final MPVariable[][] nuclearEnergy;
    private final double[] scale;

    Model(RoadmapInputs in, Terms terms, MPSolver m) {
      this.in = in;
      this.terms = terms;
      this.m = m;
      this.objective = m.objective();
      years = in.years();
      gens = in.generations();
      sites = in.siteCount();
      demands = in.demands().size();
      bought = new MPVariable[gens][years];
      kept = new MPVariable[gens][sites][years][];
      lives = new int[years][];
      leased = new boolean[years][];
      use = new MPVariable[gens][demands][years];
      cloud = new MPVariable[demands][years];
      unserved = new MPVariable[demands][years];
      hall = new MPVariable[sites][years];
      gas = new MPVariable[sites][years];
      solar = new MPVariable[sites][years];
      battery = new MPVariable[sites][years];
      open = new MPVariable[sites][years];
      nuclear = new MPVariable[sites][years];
      grid = new MPVariable[sites][years];
      ppa = new MPVariable[sites][years][];
      gasEnergy = new MPVariable[sites][years];
      solarEnergy = new MPVariable[sites][years];
      nuclearEnergy = new MPVariable[sites][years];
      scale = new double[demands];
      for (int t = 0; t < years; t++) {
        int[] each = lives(t);
        boolean either = terms.acquisition() == Acquisition.EITHER;
        int ways = either ? 2 : 1;
        lives[t] = new int[each.length * ways];
        leased[t] = new boolean[each.length * ways];
        for (int i = 0; i < lives[t].length; i++) {
          lives[t][i] = each[i / ways];
          leased[t][i] = either ? i % 2 == 1 : terms.acquisition() == Acquisition.LEASE;
        }
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

    private MPVariable var(String name, double objectiveMillions) {
      return weighted(m.makeNumVar(0, MPSolver.infinity(), name), objectiveMillions);
    }

    private MPVariable var(String name, double objectiveMillions, double upper) {
      return weighted(m.makeNumVar(0, upper, name), objectiveMillions);
    }

    private MPVariable integer(String name, double objectiveMillions, double upper) {
      integers++;
      return weighted(m.makeIntVar(0, upper, name), objectiveMillions);
    }

    private MPVariable binary(String name, double objectiveMillions) {
      integers++;
      return weighted(m.makeBoolVar(name), objectiveMillions);
    }

    private MPVariable weighted(MPVariable v, double objectiveMillions) {
      objective.setCoefficient(v, objectiveMillions);
      return v;
    }

    /** A row {@code lower <= terms <= upper}, its terms set afterwards. */
    private MPConstraint row(String name, double lower, double upper) {
      return m.makeConstraint(lower, upper, name);
    }

    private MPConstraint atMost(String name, double upper) {
      return row(name, -MPSolver.infinity(), upper);
    }

    private MPConstraint atLeast(String name, double lower) {
      return row(name, lower, MPSolver.infinity());
    }

    /** Adds {@code factor} to the variable's coefficient in the row. */
    private static void add(MPConstraint row, MPVariable v, double factor) {
      row.setCoefficient(v, row.getCoefficient(v) + factor);
    }

    private boolean buyable(int g, int s, int t) {
      return in.ships(g, t) && in.block(g, s).isPresent();
    }

    private void purchases() {
      for (int g = 0; g < gens; g++) {
        for (int t = 0; t < years; t++) {
          MPConstraint split = null;
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
              split = row(name("split", g, 0, t), 0, 0);
            }
            kept[g][s][t] = new MPVariable[lives[t].length];
            for (int i = 0; i < lives[t].length; i++) {
              double usd = terms.holdingUsd(in, g, s, t, lives[t][i], leased[t][i]);
              String how = leased[t][i] ? "_lease" : "";
              kept[g][s][t][i] =
                  var(name("keep", g, s, t) + "_" + lives[t][i] + how, usd / MILLION);
              split.setCoefficient(kept[g][s][t][i], 1);
            }
          }
          if (split != null) {
            bought[g][t] = integer(name("buy", g, 0, t), 0, Math.max(0, most));
            split.setCoefficient(bought[g][t], -1);
          }
        }
      }
    }

    /** Blocks of (g, s) running in year u, as an expression's terms scaled by {@code factor}. */
    private void addRunning(MPConstraint e, int g, int s, int u, double factor) {
      for (int t = 0; t <= u; t++) {
        if (kept[g][s][t] == null) {
          continue;
        }
        for (int i = 0; i < lives[t].length; i++) {
          if (u < t + lives[t][i]) {
            add(e, kept[g][s][t][i], factor);
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
          ppa[s][t] = new MPVariable[p.ppas().size()];
          for (int c = 0; c < p.ppas().size(); c++) {
            PowerOptions.Ppa contract = p.ppas().get(c);
            if (terms.ppa() && Fleet.ppaMaxMwh(in, contract, t) > 0) {
              ppa[s][t][c] =
                  var(
                      "ppa_" + s + "_" + t + "_" + c,
                      (contract.usdPerMwh()
                              + cp * (1 - contract.carbonFreeFraction()) * f.gridKgCo2ePerKwh())
                          * mid,
                      Fleet.ppaMaxMwh(in, contract, t) / KILO);
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
      MPConstraint built = atMost("hallMax_" + s, o.maxMegawatts() - o.existingMegawatts());
      for (int t = 0; t < years; t++) {
        built.setCoefficient(hall[s][t], 1);
      }
      if (open[s][0] != null) {
        MPConstraint once = atMost("openOnce_" + s, 1);
        for (int t = 0; t < years; t++) {
          once.setCoefficient(open[s][t], 1);
          // Nothing is built before the site opens.
          MPConstraint opened = atMost("opened_" + s + "_" + t, 0);
          opened.setCoefficient(hall[s][t], 1);
          for (int u = 0; u <= t; u++) {
            opened.setCoefficient(open[s][u], -(o.maxMegawatts()));
          }
        }
      }
      p.gas()
          .ifPresent(
              g -> {
                if (gas[s][0] != null) {
                  MPConstraint max = atMost("gasMax_" + s, g.maxMegawatts());
                  for (int t = 0; t < years; t++) {
                    max.setCoefficient(gas[s][t], 1);
                  }
                }
              });
      p.solar()
          .ifPresent(
              x -> {
                if (solar[s][0] != null) {
                  MPConstraint max = atMost("solarMax_" + s, x.maxMegawatts());
                  for (int t = 0; t < years; t++) {
                    max.setCoefficient(solar[s][t], 1);
                  }
                }
              });
      p.battery()
          .ifPresent(
              x -> {
                if (battery[s][0] != null) {
                  MPConstraint max = atMost("batteryMax_" + s, x.maxMegawattHours());
                  for (int t = 0; t < years; t++) {
                    max.setCoefficient(battery[s][t], 1);
                  }
                }
              });
      MPConstraint once = null;
      for (int t = 0; t < years; t++) {
        if (nuclear[s][t] != null) {
          if (once == null) {
            once = atMost("nuclearOnce_" + s, 1);
          }
          once.setCoefficient(nuclear[s][t], 1);
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
          MPConstraint capacity = null;
          for (int k = 0; k < demands; k++) {
            if (in.work(g, k) > 0 && in.demands().get(k).work(t) > 0) {
              use[g][k][t] = var(name("use", g, k, t), 0);
              if (capacity == null) {
                capacity = atMost("capacity_" + g + "_" + t, 0);
              }
              capacity.setCoefficient(use[g][k][t], 1);
            }
          }
          if (capacity == null) {
            continue;
          }
          for (int s = 0; s < sites; s++) {
            int site = s;
            int gen = g;
            long accelerators = in.block(gen, site).map(Block::accelerators).orElse(0L);
            addRunning(capacity, g, s, t, -u * accelerators / KILO);
          }
        }
      }
      for (int k = 0; k < demands; k++) {
        for (int t = 0; t < years; t++) {
          double work = in.demands().get(k).work(t);
          if (work <= 0) {
            continue;
          }
          MPConstraint meet = atLeast("demand_" + k + "_" + t, work / scale[k]);
          for (int g = 0; g < gens; g++) {
            if (use[g][k][t] != null) {
              meet.setCoefficient(use[g][k][t], in.work(g, k) * KILO / scale[k]);
            }
          }
          int cg = in.cloudGeneration(t, k);
          if (cg >= 0 && terms.cloudBurst()) {
            cloud[k][t] =
                var(
                    "cloud_" + k + "_" + t,
                    in.cloudUsdPerAcceleratorYear(t, k) * KILO * terms.midYear(t) / MILLION);
            meet.setCoefficient(cloud[k][t], in.work(cg, k) * KILO / scale[k]);
            continue;
          }
          // Without a cloud, work may be left undone, as a share of the demand's largest year, at
          // the penalty per accelerator-year the best generation would need for it.
          double best = bestWork(k);
          double penaltyPerShare =
              best > 0 ? scale[k] / best * terms.unservedPenaltyUsdPerAcceleratorYear() : 0;
          unserved[k][t] =
              var("unserved_" + k + "_" + t, penaltyPerShare * terms.midYear(t) / MILLION);
          meet.setCoefficient(unserved[k][t], 1);
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
          MPConstraint firm = atMost("firm_" + s + "_" + t, gridMw);
          MPConstraint halls = atMost("halls_" + s + "_" + t, o.existingMegawatts());
          MPConstraint energy = atMost("energy_" + s + "_" + t, 0);
          MPConstraint floor =
              o.maxFloorAreaM2().isPresent()
                  ? atMost("floor_" + s + "_" + t, o.maxFloorAreaM2().getAsDouble())
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
            halls.setCoefficient(hall[s][u], -1);
          }
          int gasLead = p.gas().map(x -> x.leadTimeYears()).orElse(0);
          for (int u = 0; u < years; u++) {
            if (gas[s][u] != null && u + gasLead <= t) {
              firm.setCoefficient(gas[s][u], -1);
            }
            if (battery[s][u] != null && u < t) {
              firm.setCoefficient(battery[s][u], -p.battery().get().firmMegawattsPerMegawattHour());
            }
            if (nuclear[s][u] != null && u <= t) {
              firm.setCoefficient(nuclear[s][u], -p.nuclear().get().megawatts());
            }
          }
          // Energy drawn within what the sources give.
          energy.setCoefficient(grid[s][t], -1);
          MPConstraint wire = atMost("wire_" + s + "_" + t, gridMw * GWH_PER_MW_YEAR);
          wire.setCoefficient(grid[s][t], 1);
          for (MPVariable v : ppa[s][t]) {
            if (v != null) {
              energy.setCoefficient(v, -1);
              wire.setCoefficient(v, 1);
            }
          }
          if (gasEnergy[s][t] != null) {
            energy.setCoefficient(gasEnergy[s][t], -1);
            MPConstraint cap = atMost("gasCap_" + s + "_" + t, 0);
            cap.setCoefficient(gasEnergy[s][t], 1);
            for (int u = 0; u + gasLead <= t; u++) {
              if (gas[s][u] != null) {
                cap.setCoefficient(gas[s][u], -p.gas().get().availability() * GWH_PER_MW_YEAR);
              }
            }
          }
          if (solarEnergy[s][t] != null) {
            energy.setCoefficient(solarEnergy[s][t], -1);
            double cf = p.solar().get().capacityFactor();
            MPConstraint cap = atMost("solarCap_" + s + "_" + t, 0);
            cap.setCoefficient(solarEnergy[s][t], 1);
            for (int u = 0; u < t; u++) {
              cap.setCoefficient(solar[s][u], -cf * GWH_PER_MW_YEAR);
            }
            // Used as it shines: no more than a plant sized to the load gives, plus what the
            // batteries shift (a cycle a day).
            MPConstraint used = atMost("solarUse_" + s + "_" + t, 0);
            used.setCoefficient(solarEnergy[s][t], 1);
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
                used.setCoefficient(battery[s][u], -Fleet.BATTERY_CYCLES_PER_YEAR / KILO);
              }
            }
          }
          if (nuclearEnergy[s][t] != null) {
            energy.setCoefficient(nuclearEnergy[s][t], -1);
            MPConstraint cap = atMost("nuclearCap_" + s + "_" + t, 0);
            cap.setCoefficient(nuclearEnergy[s][t], 1);
            var n = p.nuclear().get();
            for (int u = 0; u <= t; u++) {
              if (nuclear[s][u] != null) {
                cap.setCoefficient(
                    nuclear[s][u], -n.megawatts() * n.capacityFactor() * GWH_PER_MW_YEAR);
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
          MPConstraint budget =
              atMost("budget_" + t, limits.budgetUsdPerYear().getAsDouble() / MILLION);
          for (int g = 0; g < gens; g++) {
            for (int s = 0; s < sites; s++) {
              if (kept[g][s][t] == null) {
                continue;
              }
              for (int i = 0; i < kept[g][s][t].length; i++) {
                if (!leased[t][i]) {
                  budget.setCoefficient(kept[g][s][t][i], in.blockCapexUsd(g, s, t) / MILLION);
                }
              }
            }
          }
          for (int s = 0; s < sites; s++) {
            SiteFacts f = in.sites().get(s);
            PowerOptions p = f.option().power();
            budget.setCoefficient(hall[s][t], f.constructionUsdPerFacilityMw() / MILLION);
            if (open[s][t] != null) {
              budget.setCoefficient(open[s][t], f.option().openingUsd() / MILLION);
            }
            if (gas[s][t] != null) {
              budget.setCoefficient(gas[s][t], p.gas().get().usdPerKw() * KILO / MILLION);
            }
            if (solar[s][t] != null) {
              budget.setCoefficient(solar[s][t], p.solar().get().usdPerKw() * KILO / MILLION);
            }
            if (battery[s][t] != null) {
              budget.setCoefficient(battery[s][t], p.battery().get().usdPerKwh() * KILO / MILLION);
            }
          }
        }
        if (limits.carbonCapTco2ePerYear().isPresent()) {
          MPConstraint cap = atMost("carbon_" + t, limits.carbonCapTco2ePerYear().getAsDouble());
          for (int s = 0; s < sites; s++) {
            SiteFacts f = in.sites().get(s);
            PowerOptions p = f.option().power();
            cap.setCoefficient(grid[s][t], f.gridKgCo2ePerKwh() * KILO);
            for (int c = 0; c < ppa[s][t].length; c++) {
              if (ppa[s][t][c] != null) {
                cap.setCoefficient(
                    ppa[s][t][c],
                    (1 - p.ppas().get(c).carbonFreeFraction()) * f.gridKgCo2ePerKwh() * KILO);
              }
            }
            if (gasEnergy[s][t] != null) {
              cap.setCoefficient(gasEnergy[s][t], Fleet.gasTco2ePerMwh(p.gas().get()) * KILO);
            }
          }
        }
      }
    }

    private static String name(String what, int a, int b, int c) {
      return what + "_" + a + "_" + b + "_" + c;
    }

    Solution solve() {
      objective.setMinimization();
      m.setNumThreads(1);
      m.setTimeLimit(TIME_LIMIT_MILLIS);
      MPSolverParameters parameters = new MPSolverParameters();
      parameters.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, RELATIVE_GAP);
      MPSolver.ResultStatus status = m.solve(parameters);
      if (status != MPSolver.ResultStatus.OPTIMAL && status != MPSolver.ResultStatus.FEASIBLE) {
        throw new IllegalStateException(
            "the solver found no plan (" + status + "): " + terms.name());
      }
      double cost = objective.value() * MILLION;
      double lower = Math.min(cost, objective.bestBound() * MILLION);
      double gap = cost != 0 ? Math.max(0, (cost - lower) / Math.abs(cost)) : 0;
      SolverReport report =
          new SolverReport(
              SOLVER,
              status.name(),
              cost,
              lower,
              gap,
              integers,
              m.numVariables(),
              m.numConstraints());
      return new Solution(investments(), operations(), report);
    }

    private static double value(MPVariable v) {
      if (v == null) {
        return 0;
      }
      double x = v.solutionValue();
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
                purchases.add(new Purchase(g, s, t, lives[t][i], blocks, leased[t][i]));
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
