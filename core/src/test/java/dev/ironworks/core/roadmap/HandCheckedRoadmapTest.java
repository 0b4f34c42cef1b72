package dev.ironworks.core.roadmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.inference.InferenceFixtures;
import dev.ironworks.core.scenario.roadmap.GenerationChoice;
import dev.ironworks.core.scenario.roadmap.Growth;
import dev.ironworks.core.scenario.roadmap.PowerOptions;
import dev.ironworks.core.scenario.roadmap.RefreshRange;
import dev.ironworks.core.scenario.roadmap.RoadmapFinance;
import dev.ironworks.core.scenario.roadmap.RoadmapLimits;
import dev.ironworks.core.scenario.roadmap.RoadmapSpec;
import dev.ironworks.core.scenario.roadmap.ServingDemand;
import dev.ironworks.core.scenario.roadmap.SiteOption;
import dev.ironworks.core.scenario.roadmap.Strategy;
import dev.ironworks.core.scenario.roadmap.YearValue;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A roadmap small enough to solve by hand, to check that the solver finds the plan the arithmetic
 * says is cheapest.
 *
 * <p>Three years, 2026–2028, one site with a 10 MW hall and grid. Demand grows 100 → 200 → 400
 * units a year. The old generation (on sale already) does 1 unit an accelerator-year and a block of
 * 100 costs $100; the new one ships in 2027, does 4 units and a block costs $200. Nothing is
 * resold, power is free, money is free (cost of capital 0). The plans:
 *
 * <ul>
 *   <li>old in 2026, new in 2027: $100 + $200 = $300 (2027: 100 + 400 ≥ 200; 2028: 400);
 *   <li>old in 2026, old in 2027, new in 2028: $400;
 *   <li>old only: 1 + 1 + 2 blocks = $400.
 * </ul>
 *
 * The first is the optimum, $300.
 */
class HandCheckedRoadmapTest {
  private static final double OLD_BLOCK_USD = 100;
  private static final double NEW_BLOCK_USD = 200;
  private static final int BLOCK = 100;
  private static final double OLD_WORK = 1;
  private static final double NEW_WORK = 4;
  private static final double LEASE_FRACTION_PER_YEAR = 0.3;

  private static RoadmapSpec spec(
      double costOfCapital, double gridMw, RoadmapFinance.Acquisition acquisition) {
    PowerOptions power =
        new PowerOptions(
            new PowerOptions.GridTariff(OptionalDouble.of(0), OptionalDouble.of(0)),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    SiteOption site =
        new SiteOption(
            "only",
            "us-average",
            "air",
            OptionalDouble.of(1),
            List.of(new YearValue(2026, gridMw)),
            10,
            10,
            OptionalDouble.empty(),
            OptionalDouble.of(1e6),
            1,
            0,
            power);
    ServingDemand demand =
        new ServingDemand(
            "tokens",
            "llama",
            InferenceFixtures.llama70b(),
            new Growth(
                0,
                2026,
                1,
                List.of(
                    new YearValue(2026, 100 / 365.0),
                    new YearValue(2027, 200 / 365.0),
                    new YearValue(2028, 400 / 365.0))),
            1000,
            100,
            1,
            Optional.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty());
    RoadmapFinance finance =
        new RoadmapFinance(
            costOfCapital,
            RoadmapFinance.Depreciation.STRAIGHT_LINE,
            new RoadmapFinance.AssetLives(3, 3, 10, 10),
            List.of(),
            acquisition,
            LEASE_FRACTION_PER_YEAR,
            1,
            List.of());
    return new RoadmapSpec(
        2026,
        2028,
        List.of(
            new GenerationChoice("old", Optional.empty()),
            new GenerationChoice("new", Optional.empty())),
        BLOCK,
        1,
        new RefreshRange(1, 3),
        List.of(),
        List.of(demand),
        List.of(site),
        finance,
        RoadmapLimits.none(),
        List.of(Strategy.open("kept three years").withRefresh(3)));
  }

  private static Block block(int generation, int shipYear, double usd, double peakWatts) {
    return new Block(
        generation,
        0,
        generation == 0 ? "old" : "new",
        "box",
        shipYear,
        BLOCK,
        usd,
        1,
        0,
        0,
        peakWatts,
        peakWatts,
        peakWatts / 2,
        0,
        1000,
        10);
  }

  private static RoadmapInputs inputs(double costOfCapital, double gridMw, double peakWatts) {
    return inputs(costOfCapital, gridMw, peakWatts, RoadmapFinance.Acquisition.BUY);
  }

  private static RoadmapInputs inputs(
      double costOfCapital,
      double gridMw,
      double peakWatts,
      RoadmapFinance.Acquisition acquisition) {
    RoadmapSpec spec = spec(costOfCapital, gridMw, acquisition);
    Block[][] blocks = {
      {block(0, 2020, OLD_BLOCK_USD, peakWatts)}, {block(1, 2027, NEW_BLOCK_USD, peakWatts)}
    };
    PerformanceTable performance =
        new PerformanceTable(
            new double[][] {{OLD_WORK}, {NEW_WORK}}, List.of(List.of("old"), List.of("new")));
    Demand demand =
        new Demand(
            "tokens",
            true,
            new double[] {100, 200, 400},
            new double[] {100, 200, 400},
            new double[3]);
    SiteFacts site = new SiteFacts(spec.sites().get(0), 1, 0, 0, 1e6, 0);
    double[][] prices = {{1, 1, 1}, {1, 1, 1}};
    return RoadmapInputs.direct(spec, blocks, performance, List.of(demand), List.of(site), prices);
  }

  private static List<Purchase> sorted(List<Purchase> purchases) {
    return purchases.stream()
        .sorted(Comparator.comparingInt(Purchase::year).thenComparingInt(Purchase::generation))
        .toList();
  }

  @Test
  void theSolverBuysTheOldGenerationThenTheNewOneForThreeHundredDollars() {
    RoadmapInputs in = inputs(0, 10, 1e5);
    RoadmapResult r = RoadmapPlanner.optimised(in, Terms.of(in.spec(), Strategy.open("optimal")));
    // One block of each: the old in 2026, the new in 2027. With money free and no resale a block
    // costs the same kept one year or two, so the solver may split the new one over both lives.
    Map<List<Integer>, Double> blocks = new TreeMap<>(Comparator.comparing(List::toString));
    for (Purchase p : r.investments().purchases()) {
      blocks.merge(List.of(p.generation(), p.year()), p.blocks(), Double::sum);
    }
    assertEquals(List.of(List.of(0, 0), List.of(1, 1)), List.copyOf(blocks.keySet()), "" + blocks);
    assertEquals(1, blocks.get(List.of(0, 0)), 1e-9);
    assertEquals(1, blocks.get(List.of(1, 1)), 1e-9);
    assertEquals(OLD_BLOCK_USD + NEW_BLOCK_USD, r.npvCostUsd(), 1e-6);
    SolverReport report = r.solver().orElseThrow();
    assertEquals("OPTIMAL", report.state());
    assertEquals(r.npvCostUsd(), report.objectiveUsd(), 1e-6);
    assertTrue(report.gap() >= 0 && report.gap() < 0.5, "gap " + report.gap());
  }

  @Test
  void atTenPercentTheSecondPurchaseIsDiscountedAYear() {
    // $100 at the start of 2026 and $200 at the start of 2027: 100 + 200 / 1.1 = 281.818.
    RoadmapInputs in = inputs(0.1, 10, 1e5);
    RoadmapResult r = RoadmapPlanner.optimised(in, Terms.of(in.spec(), Strategy.open("optimal")));
    assertEquals(100 + 200 / 1.1, r.npvCostUsd(), 1e-6);
  }

  @Test
  void underAOneBlockPowerWallTheOldBlockIsSoldAfterOneYear() {
    // Each block peaks at 1 MW and the grid gives 1 MW: the old block must go when the new one
    // arrives, so the solver keeps it one year rather than two or three.
    RoadmapInputs in = inputs(0, 1, 1e6);
    RoadmapResult r = RoadmapPlanner.optimised(in, Terms.of(in.spec(), Strategy.open("optimal")));
    List<Purchase> bought = sorted(r.investments().purchases());
    assertEquals(2, bought.size(), bought.toString());
    assertEquals(1, bought.get(0).lifeYears());
    assertEquals(1, bought.get(1).generation());
    assertEquals(OLD_BLOCK_USD + NEW_BLOCK_USD, r.npvCostUsd(), 1e-6);
    for (YearFigures y : r.years()) {
      assertTrue(y.sites().get(0).peakMw() <= 1 + 1e-9, y.calendarYear() + " over the wall");
    }
  }

  @Test
  void theRuleMeetsTheDemandButNotAtTheOptimum() {
    RoadmapInputs in = inputs(0, 10, 1e5);
    RoadmapResult rule = RoadmapPlanner.ruled(in, Terms.of(in.spec(), Strategy.open("rule")));
    for (YearFigures y : rule.years()) {
      assertEquals(0, y.demands().get(0).unservedWork(), 1e-9, "" + y.calendarYear());
    }
    assertTrue(rule.npvCostUsd() >= OLD_BLOCK_USD + NEW_BLOCK_USD - 1e-9);
  }

  /**
   * Leasing costs 30% of the price a year, money is free and nothing is resold, so a lease costs by
   * the year held and a purchase its whole price. The cheapest plans lease: an old block for 2026,
   * then either a new block for 2027–2028 ($30 + $120) or old blocks for 2026–2027 and 2027 and a
   * new one for 2028 ($60 + $30 + $60): $150 either way. Buying everything costs $300, so where
   * either is allowed the solver leases, and never pays more than buying or leasing alone.
   */
  @Test
  void whereEitherIsAllowedTheSolverLeasesWhatCostsLessLeased() {
    double[] npv = new double[3];
    RoadmapFinance.Acquisition[] ways = RoadmapFinance.Acquisition.values();
    for (RoadmapFinance.Acquisition way : ways) {
      RoadmapInputs in = inputs(0, 10, 1e5, way);
      RoadmapResult r = RoadmapPlanner.optimised(in, Terms.of(in.spec(), Strategy.open("optimal")));
      npv[way.ordinal()] = r.npvCostUsd();
      if (way == RoadmapFinance.Acquisition.EITHER) {
        assertTrue(r.investments().purchases().stream().allMatch(Purchase::leased), "" + r);
      }
    }
    assertEquals(
        OLD_BLOCK_USD + NEW_BLOCK_USD, npv[RoadmapFinance.Acquisition.BUY.ordinal()], 1e-6);
    assertEquals(150, npv[RoadmapFinance.Acquisition.LEASE.ordinal()], 1e-6);
    assertEquals(150, npv[RoadmapFinance.Acquisition.EITHER.ordinal()], 1e-6);
  }

  @Test
  void theRuleLeasesWhenTheLeaseOverTheLifeCostsLessThanThePrice() {
    RoadmapInputs in = inputs(0, 10, 1e5, RoadmapFinance.Acquisition.EITHER);
    Terms terms = Terms.of(in.spec(), Strategy.open("rule"));
    // The old block: three years at $30 ($90) against $100; four years would not fit the horizon,
    // and one year ($30) is cheaper still.
    assertTrue(terms.leases(in, 0, 0, 0, 3));
    assertEquals(90, terms.holdingUsd(in, 0, 0, 0, 3, true), 1e-9);
    assertEquals(OLD_BLOCK_USD, terms.holdingUsd(in, 0, 0, 0, 3, false), 1e-9);
    RoadmapInputs bought = inputs(0, 10, 1e5, RoadmapFinance.Acquisition.BUY);
    assertFalse(Terms.of(bought.spec(), Strategy.open("rule")).leases(bought, 0, 0, 0, 3));
  }
}
