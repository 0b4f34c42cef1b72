package dev.ironworks.core.roadmap;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.scenario.roadmap.RoadmapSpec;
import dev.ironworks.core.scenario.roadmap.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The multi-year roadmap: a pure function of a scenario with a {@code roadmap} section and the
 * catalog. It works out the inputs once ({@link RoadmapInputs}: the planner run for each generation
 * at each site and on each demand), then plans every strategy on them, by the solver ({@link
 * RoadmapOptimizer}) or by rule ({@link RulePolicy}), and adds each up ({@link Ledger}).
 */
public final class RoadmapPlanner {
  /** Name of the plan with every option open. */
  public static final String OPTIMAL = "optimal";

  /** Name of the rule's plan with every option open. */
  public static final String RULE = "rule";

  private RoadmapPlanner() {}

  /** The optimised roadmap of every strategy. */
  public static RoadmapPlan plan(Scenario scenario, Catalog catalog) {
    return plan(RoadmapInputs.of(scenario, catalog), scenario.name(), true);
  }

  /** Every strategy's roadmap on inputs already worked out, by the solver or by rule. */
  public static RoadmapPlan plan(RoadmapInputs in, String name, boolean optimise) {
    List<RoadmapResult> results = new ArrayList<>();
    List<Strategy> strategies = new ArrayList<>();
    strategies.add(Strategy.open(optimise ? OPTIMAL : RULE));
    strategies.addAll(in.spec().strategies());
    for (Strategy s : strategies) {
      Terms terms = Terms.of(in.spec(), s);
      results.add(optimise ? optimised(in, terms) : ruled(in, terms));
    }
    return new RoadmapPlan(name, optimise, in, results, in.notes());
  }

  /** One strategy by the solver. */
  public static RoadmapResult optimised(RoadmapInputs in, Terms terms) {
    RoadmapOptimizer.Solution solution = RoadmapOptimizer.optimize(in, terms);
    return Ledger.evaluate(
        in,
        terms,
        solution.investments(),
        solution.operations(),
        Optional.of(solution.report()),
        notes(in, solution.operations()));
  }

  /** One strategy by rule: the fast evaluation sweeps use. */
  public static RoadmapResult ruled(RoadmapInputs in, Terms terms) {
    Investments inv = RulePolicy.invest(in, terms);
    Operations ops = Dispatch.operate(in, terms, inv);
    return Ledger.evaluate(in, terms, inv, ops, Optional.empty(), notes(in, ops));
  }

  /** Given investments run by rule under new inputs (a sample of uncertain demand and prices). */
  public static RoadmapResult rerun(RoadmapInputs in, Terms terms, Investments inv) {
    Operations ops = Dispatch.operate(in, terms, inv);
    return Ledger.evaluate(in, terms, inv, ops, Optional.empty(), notes(in, ops));
  }

  private static List<String> notes(RoadmapInputs in, Operations ops) {
    List<String> notes = new ArrayList<>();
    RoadmapSpec spec = in.spec();
    for (int k = 0; k < in.demands().size(); k++) {
      for (int t = 0; t < in.years(); t++) {
        double undone = ops.unservedWork()[k][t];
        double work = in.demands().get(k).work(t);
        if (work > 0 && undone > 1e-6 * work) {
          notes.add(
              String.format(
                  Locale.ROOT,
                  "%d: %.3g%% of '%s' is left undone (neither the fleet nor the cloud carries it)",
                  spec.fromYear() + t,
                  100 * undone / work,
                  in.demands().get(k).name()));
        }
      }
    }
    return notes;
  }
}
