package dev.ironworks.io.render;

import dev.ironworks.core.roadmap.Operations.Source;
import dev.ironworks.core.roadmap.RoadmapInputs;
import dev.ironworks.core.roadmap.RoadmapPlan;
import dev.ironworks.core.roadmap.RoadmapResult;
import dev.ironworks.core.roadmap.SolverReport;
import dev.ironworks.core.roadmap.YearFigures;
import dev.ironworks.core.roadmap.YearFigures.DemandYear;
import dev.ironworks.core.roadmap.YearFigures.FleetCount;
import dev.ironworks.core.roadmap.YearFigures.Money;
import dev.ironworks.core.roadmap.YearFigures.SiteYear;
import dev.ironworks.core.scenario.roadmap.RoadmapFinance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A roadmap as the tree every renderer prints (docs/reference/roadmap-output.md): the strategies
 * side by side, what each generation does for each demand, and each strategy's years.
 */
public final class RoadmapView {
  private RoadmapView() {}

  public static Map<String, Object> of(RoadmapPlan plan) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("scenario", plan.scenarioName());
    root.put("fromYear", plan.inputs().spec().fromYear());
    root.put("toYear", plan.inputs().spec().toYear());
    root.put("optimised", plan.optimised());
    root.put("costOfCapital", plan.inputs().spec().finance().costOfCapital());
    root.put("finance", finance(plan.inputs().spec().finance()));
    List<Object> strategies = new ArrayList<>();
    for (RoadmapResult r : plan.results()) {
      strategies.add(summary(r));
    }
    root.put("strategies", strategies);
    root.put("performance", performance(plan.inputs()));
    Map<String, Object> plans = new LinkedHashMap<>();
    for (RoadmapResult r : plan.results()) {
      plans.put(r.strategy(), result(r));
    }
    root.put("plans", plans);
    List<Object> notes = new ArrayList<>(plan.notes());
    root.put("notes", notes);
    return root;
  }

  /** The accounting the plans were made under. */
  private static Map<String, Object> finance(RoadmapFinance f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("depreciationMethod", f.depreciation().id());
    Map<String, Object> lives = new LinkedHashMap<>();
    lives.put("compute", f.lives().computeYears());
    lives.put("network", f.lives().networkYears());
    lives.put("facility", f.lives().facilityYears());
    lives.put("power", f.lives().powerYears());
    m.put("lifeYears", lives);
    m.put("acquisition", f.acquisition().id());
    m.put("acceleratorPriceFactor", f.acceleratorPriceFactor());
    return m;
  }

  private static Object nan(double v) {
    return Double.isNaN(v) ? null : v;
  }

  /** The figures a strategy is compared on. */
  static Map<String, Object> summary(RoadmapResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.strategy());
    m.put("npvCostUsd", r.npvCostUsd());
    m.put("capexUsd", r.total(y -> y.money().capexUsd()));
    m.put("opexUsd", r.total(y -> y.money().opexUsd()));
    m.put("cloudUsd", r.total(y -> y.money().cloudUsd()));
    m.put("energyMwh", r.total(YearFigures::energyMwh));
    m.put("emissionsTco2e", r.total(YearFigures::emissionsTco2e));
    m.put("embodiedTco2e", r.total(YearFigures::embodiedTco2e));
    double work = 0;
    double cloud = 0;
    double unserved = 0;
    for (YearFigures y : r.years()) {
      for (DemandYear d : y.demands()) {
        double scale = d.work() > 0 ? 1 / d.work() : 0;
        work += d.work() > 0 ? 1 : 0;
        cloud += d.cloudWork() * scale;
        unserved += d.unservedWork() * scale;
      }
    }
    m.put("cloudShare", work > 0 ? cloud / work : 0.0);
    m.put("unservedShare", work > 0 ? unserved / work : 0.0);
    m.put(
        "peakAccelerators",
        r.years().stream().mapToDouble(RoadmapView::accelerators).max().orElse(0));
    r.solver().ifPresent(s -> m.put("solver", solver(s)));
    return m;
  }

  private static double accelerators(YearFigures y) {
    return y.fleet().stream().mapToDouble(FleetCount::accelerators).sum();
  }

  private static Map<String, Object> solver(SolverReport s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("solver", s.solver());
    m.put("state", s.state());
    m.put("objectiveUsd", s.objectiveUsd());
    m.put("boundUsd", nan(s.boundUsd()));
    m.put("gap", nan(s.gap()));
    m.put("integerVariables", s.integerVariables());
    m.put("variables", s.variables());
    m.put("constraints", s.constraints());
    return m;
  }

  private static Map<String, Object> performance(RoadmapInputs in) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int g = 0; g < in.generations(); g++) {
      Map<String, Object> gen = new LinkedHashMap<>();
      for (int k = 0; k < in.demands().size(); k++) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("workPerAcceleratorYear", in.work(g, k));
        d.put("unit", in.demands().get(k).serving() ? "tokens" : "runs");
        d.put("how", in.performance().details().get(g).get(k));
        gen.put(in.demands().get(k).name(), d);
      }
      m.put(in.spec().generations().get(g).acceleratorId(), gen);
    }
    return m;
  }

  private static Map<String, Object> result(RoadmapResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("npvCostUsd", r.npvCostUsd());
    m.put("terminalValueUsd", r.terminalValueUsd());
    r.solver().ifPresent(s -> m.put("solver", solver(s)));
    List<Object> years = new ArrayList<>();
    for (YearFigures y : r.years()) {
      years.add(year(y));
    }
    m.put("years", years);
    m.put("notes", new ArrayList<Object>(r.notes()));
    return m;
  }

  private static Map<String, Object> counts(List<FleetCount> counts) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (FleetCount c : counts) {
      @SuppressWarnings("unchecked")
      Map<String, Object> bySite =
          (Map<String, Object>) m.computeIfAbsent(c.acceleratorId(), k -> new LinkedHashMap<>());
      bySite.put(c.siteId(), c.accelerators());
    }
    return m;
  }

  private static Map<String, Object> year(YearFigures y) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("year", y.calendarYear());
    m.put("accelerators", accelerators(y));
    m.put("fleet", counts(y.fleet()));
    m.put("purchased", counts(y.purchased()));
    m.put("leased", counts(y.leased()));
    m.put("retired", counts(y.retired()));
    Map<String, Object> sites = new LinkedHashMap<>();
    for (SiteYear s : y.sites()) {
      sites.put(s.siteId(), site(s));
    }
    m.put("sites", sites);
    m.put("money", money(y.money()));
    Map<String, Object> demands = new LinkedHashMap<>();
    for (DemandYear d : y.demands()) {
      demands.put(d.name(), demand(d));
    }
    m.put("demands", demands);
    m.put("energyMwh", y.energyMwh());
    m.put("emissionsTco2e", y.emissionsTco2e());
    Map<String, Object> bySource = new LinkedHashMap<>();
    for (Source src : List.of(Source.GRID, Source.PPA, Source.GAS)) {
      double t = 0;
      for (SiteYear s : y.sites()) {
        t += s.emissionsTco2eBySource()[src.ordinal()];
      }
      bySource.put(src.id(), t);
    }
    m.put("emissionsTco2eBySource", bySource);
    m.put("embodiedTco2e", y.embodiedTco2e());
    m.put("strandedAcceleratorYears", y.strandedAcceleratorYears());
    m.put("strandedMw", y.strandedMw());
    return m;
  }

  private static Map<String, Object> site(SiteYear s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("limitMw", s.limitMw());
    m.put("gridMw", s.gridMw());
    m.put("gasMw", s.gasMw());
    m.put("nuclearMw", s.nuclearMw());
    m.put("batteryFirmMw", s.batteryFirmMw());
    m.put("solarMw", s.solarMw());
    m.put("hallMw", s.hallMw());
    m.put("peakMw", s.peakMw());
    m.put("averageMw", s.averageMw());
    Map<String, Object> energy = new LinkedHashMap<>();
    for (Source src : Source.values()) {
      energy.put(src.id(), s.energyMwhBySource()[src.ordinal()]);
    }
    m.put("energyMwhBySource", energy);
    return m;
  }

  private static Map<String, Object> money(Money x) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("capexUsd", x.capexUsd());
    Map<String, Object> capex = new LinkedHashMap<>();
    capex.put("hardware", x.capexHardwareUsd());
    capex.put("facility", x.capexFacilityUsd());
    capex.put("power", x.capexPowerUsd());
    m.put("capexBreakdownUsd", capex);
    m.put("opexUsd", x.opexUsd());
    Map<String, Object> opex = new LinkedHashMap<>();
    opex.put("hardware", x.hardwareOpexUsd());
    opex.put("energy", x.energyUsd());
    opex.put("lease", x.leaseUsd());
    opex.put("cloud", x.cloudUsd());
    opex.put("carbon", x.carbonUsd());
    m.put("opexBreakdownUsd", opex);
    m.put("resaleUsd", x.resaleUsd());
    m.put("depreciationUsd", x.depreciationUsd());
    m.put("capitalChargeUsd", x.capitalChargeUsd());
    m.put("cashFlowUsd", x.cashFlowUsd());
    m.put("discountedCashFlowUsd", x.discountedCashFlowUsd());
    m.put("cumulativeCashFlowUsd", x.cumulativeCashFlowUsd());
    return m;
  }

  private static Map<String, Object> demand(DemandYear d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", d.serving() ? "serving" : "training");
    m.put("work", d.work());
    m.put("fleetWork", d.fleetWork());
    m.put("cloudWork", d.cloudWork());
    m.put("unservedWork", d.unservedWork());
    m.put("acceleratorYears", d.acceleratorYears());
    m.put("costUsd", d.costUsd());
    m.put("usdPerMillionTokens", nan(d.usdPerMillionTokens()));
    m.put("usdPerRun", nan(d.usdPerRun()));
    return m;
  }
}
