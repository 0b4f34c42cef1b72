package dev.ironworks.core.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.AcceleratorKind;
import dev.ironworks.core.catalog.Assumptions;
import dev.ironworks.core.catalog.Lifetimes;
import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.catalog.StorageTier;
import dev.ironworks.core.catalog.VolumeDiscount;
import dev.ironworks.core.facility.ClusterSizing;
import dev.ironworks.core.facility.PowerReport;
import dev.ironworks.core.facility.StorageSizing;
import dev.ironworks.core.network.FabricBom;
import dev.ironworks.core.scenario.CloudBilling;
import dev.ironworks.core.scenario.FacilityOwnership;
import dev.ironworks.core.scenario.FinanceSpec;
import dev.ironworks.core.scenario.Topology;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Capex, opex, TCO, cost per accelerator-hour and the cloud comparison (docs/architecture.md,
 * Cost).
 *
 * <p>The cluster: 1,000 accelerators at $25,000 list in 125 eight-way servers at $150,000, a $3.6M
 * fabric, 2 PB of $200/TB storage and a 1.5 MW (IT peak) hall at $10M/MW; it averages 1 MW of IT at
 * PUE 1.2 and $0.10/kWh, and is owned for three years at 80% utilization.
 *
 * <p>Volume discounts are graduated: the 100th to 999th unit of an order get 5% off and units from
 * the 1,000th on get 10%, so the 1,000-unit order pays list for 99 units, 95% of list for 900 and
 * 90% for one: $23,872,500, an average discount of 4.51%. Servers take the same tiers counted in
 * the accelerators they hold, at their price over their accelerator slots: 125 servers hold 1,000,
 * so they too pay 95.49% of list, $17,904,375.
 */
class CostModelTest {
  private static final Provenance TEST = new Provenance("estimate: test", "2025-01", "");

  private static final int ACCELERATORS = 1_000;
  private static final double ACCELERATOR_LIST_USD = 25_000;
  private static final double ACCELERATOR_TDP_WATTS = 700;
  private static final int PER_SERVER = 8;
  private static final long SERVERS = ACCELERATORS / PER_SERVER;
  private static final double SERVER_USD = 150_000;

  private static final int SMALL_ORDER_UNITS = 100;
  private static final double SMALL_ORDER_DISCOUNT = 0.05;
  private static final int LARGE_ORDER_UNITS = 1_000;
  private static final double LARGE_ORDER_DISCOUNT = 0.10;

  private static final double SWITCHES_USD = 2_000_000;
  private static final double NICS_USD = 500_000;
  private static final double TRANSCEIVERS_USD = 1_000_000;
  private static final double CABLES_USD = 100_000;
  private static final double NETWORK_USD = SWITCHES_USD + NICS_USD + TRANSCEIVERS_USD + CABLES_USD;

  private static final double STORAGE_PB = 2;
  private static final double STORAGE_USD_PER_TB = 200;

  private static final double IT_PEAK_WATTS = 1.5e6;
  private static final double IT_AVERAGE_WATTS = 1.0e6;
  private static final double PUE = 1.2;
  private static final double USD_PER_KWH = 0.10;
  private static final double CONSTRUCTION_USD_PER_MW = 10_000_000;
  private static final double COLOCATION_USD_PER_KW_MONTH = 150;

  private static final double MAINTENANCE_FRACTION = 0.05;
  private static final double STAFF_FIXED_FTE = 10;
  private static final double STAFF_FTE_PER_MW = 2;
  private static final double STAFF_USD_PER_FTE = 150_000;
  private static final double WAN_GBPS_PER_THOUSAND = 10;
  private static final double WAN_USD_PER_GBPS_MONTH = 500;
  private static final double OTHER_FRACTION = 0.01;

  private static final double LIFE_ACCELERATORS = 4;
  private static final double LIFE_SERVERS = 5;
  private static final double LIFE_NETWORK = 8;
  private static final double LIFE_STORAGE = 5;
  private static final double LIFE_FACILITY = 20;

  private static final double HORIZON_YEARS = 3;
  private static final double UTILIZATION = 0.8;
  private static final double HOURS_PER_YEAR = 8_760;

  /**
   * Dollar figures here are tens of millions built from a few dozen products; 1e-6 of a dollar
   * absolutely, or 1e-12 relatively, is far inside double rounding room and far below a cent.
   */
  private static final double USD = 1e-6;

  private static final double RELATIVE = 1e-12;

  /** Average discounts are one minus a ratio of such sums: 1e-12 is far inside their rounding. */
  private static final double FRACTION = 1e-12;

  private static final Assumptions ASSUMPTIONS =
      assumptions(
          // Listed largest first: the record sorts tiers by size.
          List.of(
              new VolumeDiscount(LARGE_ORDER_UNITS, LARGE_ORDER_DISCOUNT),
              new VolumeDiscount(SMALL_ORDER_UNITS, SMALL_ORDER_DISCOUNT)));

  private static Assumptions assumptions(List<VolumeDiscount> volumeDiscounts) {
    return new Assumptions(
        "default",
        new Lifetimes(LIFE_ACCELERATORS, LIFE_SERVERS, LIFE_NETWORK, LIFE_STORAGE, LIFE_FACILITY),
        MAINTENANCE_FRACTION,
        STAFF_FIXED_FTE,
        STAFF_FTE_PER_MW,
        STAFF_USD_PER_FTE,
        WAN_GBPS_PER_THOUSAND,
        WAN_USD_PER_GBPS_MONTH,
        OTHER_FRACTION,
        volumeDiscounts,
        0.3,
        0.9,
        42,
        4,
        TEST);
  }

  private static Accelerator accelerator(OptionalDouble listPriceUsd) {
    return new Accelerator(
        "xpu",
        "XPU",
        "Test",
        AcceleratorKind.GPU,
        2024,
        OptionalDouble.empty(),
        OptionalDouble.of(1e15),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        80e9,
        "HBM3",
        3e12,
        "link",
        450e9,
        ACCELERATOR_TDP_WATTS,
        listPriceUsd,
        OptionalDouble.empty(),
        100,
        "xpu-box",
        "ga",
        1,
        TEST,
        2024,
        List.of(),
        OptionalDouble.empty());
  }

  private static final Accelerator OWNED = accelerator(OptionalDouble.of(ACCELERATOR_LIST_USD));
  private static final Accelerator CLOUD_ONLY = accelerator(OptionalDouble.empty());

  private static final ServerSpec SERVER =
      new ServerSpec(
          "xpu-box",
          "XPU box",
          "xpu",
          PER_SERVER,
          4_000,
          OptionalDouble.empty(),
          SERVER_USD,
          8,
          8,
          8,
          400,
          false,
          1_000,
          TEST,
          1);

  private static final StorageTier STORAGE_TIER =
      new StorageTier("flash", "flash", STORAGE_USD_PER_TB, 40, 20, 5_000, 2, 0, TEST);

  private static ClusterSizing sizing(int accelerators) {
    long servers = (accelerators + PER_SERVER - 1) / PER_SERVER;
    return new ClusterSizing(
        "xpu",
        "xpu-box",
        accelerators,
        servers,
        PER_SERVER,
        "link",
        8,
        servers,
        450e9,
        10_000,
        4,
        40_000,
        servers / 4,
        1,
        1,
        100);
  }

  private static final FabricBom FABRIC =
      new FabricBom(
          "ib",
          Topology.FAT_TREE,
          1.0,
          2,
          8_000,
          8_000,
          100,
          50,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          SWITCHES_USD,
          NICS_USD,
          TRANSCEIVERS_USD,
          CABLES_USD,
          0);

  private static final StorageSizing STORAGE =
      new StorageSizing("flash", STORAGE_PB, STORAGE_PB, 40, 80, 10_000, 1, 0);

  private static PowerReport power(int accelerators) {
    return new PowerReport(
        accelerators * ACCELERATOR_TDP_WATTS,
        0,
        0,
        0,
        IT_PEAK_WATTS,
        0,
        IT_AVERAGE_WATTS,
        0,
        PUE,
        false,
        0.75);
  }

  private static FinanceSpec finance(
      CloudBilling billing, FacilityOwnership ownership, OptionalDouble colocation) {
    return new FinanceSpec(
        HORIZON_YEARS, UTILIZATION, OptionalDouble.empty(), billing, ownership, colocation);
  }

  private static CostReport cost(
      Accelerator accelerator, FinanceSpec finance, OptionalDouble cloudUsdPerHour) {
    return cost(accelerator, finance, cloudUsdPerHour, ACCELERATORS);
  }

  private static CostReport cost(
      Accelerator accelerator, FinanceSpec finance, OptionalDouble cloudUsdPerHour, int count) {
    return cost(accelerator, finance, cloudUsdPerHour, count, ASSUMPTIONS);
  }

  private static CostReport cost(
      Accelerator accelerator,
      FinanceSpec finance,
      OptionalDouble cloudUsdPerHour,
      int count,
      Assumptions assumptions) {
    CostModel.Inputs inputs =
        new CostModel.Inputs(
            accelerator,
            SERVER,
            STORAGE_TIER,
            finance,
            USD_PER_KWH,
            CONSTRUCTION_USD_PER_MW,
            COLOCATION_USD_PER_KW_MONTH,
            cloudUsdPerHour,
            assumptions);
    return CostModel.cost(inputs, sizing(count), FABRIC, STORAGE, power(count));
  }

  private static CostReport owned(OptionalDouble cloudUsdPerHour) {
    return cost(
        OWNED,
        finance(CloudBilling.RESERVED, FacilityOwnership.BUILD, OptionalDouble.empty()),
        cloudUsdPerHour);
  }

  // Expected figures, derived once from the constants above.
  // Units are numbered from 1; a tier covers its minUnits-th unit up to the next tier's.
  private static final long UNITS_AT_LIST = SMALL_ORDER_UNITS - 1; // units 1..99
  private static final long UNITS_AT_SMALL_DISCOUNT =
      LARGE_ORDER_UNITS - SMALL_ORDER_UNITS; // units 100..999: 900
  private static final long UNITS_AT_LARGE_DISCOUNT =
      ACCELERATORS - LARGE_ORDER_UNITS + 1; // unit 1,000 alone
  private static final double ACCELERATORS_USD =
      ACCELERATOR_LIST_USD
          * (UNITS_AT_LIST
              + UNITS_AT_SMALL_DISCOUNT * (1 - SMALL_ORDER_DISCOUNT)
              + UNITS_AT_LARGE_DISCOUNT * (1 - LARGE_ORDER_DISCOUNT)); // $23,872,500
  private static final double DISCOUNT =
      1 - ACCELERATORS_USD / (ACCELERATORS * ACCELERATOR_LIST_USD); // 4.51% on average
  // Servers are priced per accelerator slot and take the same tiers counted in slots held.
  private static final long SERVER_SLOTS = SERVERS * PER_SERVER; // 125 × 8 = 1,000
  private static final double SERVER_USD_PER_SLOT = SERVER_USD / PER_SERVER; // $18,750
  private static final long SLOTS_AT_LARGE_DISCOUNT =
      SERVER_SLOTS - LARGE_ORDER_UNITS + 1; // slot 1,000 alone
  private static final double SERVERS_USD =
      SERVER_USD_PER_SLOT
          * (UNITS_AT_LIST
              + UNITS_AT_SMALL_DISCOUNT * (1 - SMALL_ORDER_DISCOUNT)
              + SLOTS_AT_LARGE_DISCOUNT * (1 - LARGE_ORDER_DISCOUNT)); // $17,904,375
  private static final double STORAGE_USD = STORAGE_PB * 1_000 * STORAGE_USD_PER_TB; // $0.4M
  private static final double IT_PEAK_MW = IT_PEAK_WATTS / 1e6;
  private static final double FACILITY_USD = IT_PEAK_MW * CONSTRUCTION_USD_PER_MW; // $15M
  private static final double HARDWARE_USD =
      ACCELERATORS_USD + SERVERS_USD + NETWORK_USD + STORAGE_USD; // $45,776,875
  private static final double CAPEX_USD = HARDWARE_USD + FACILITY_USD; // $60,776,875

  private static final double ELECTRICITY_USD_PER_YEAR =
      IT_AVERAGE_WATTS * PUE / 1e3 * HOURS_PER_YEAR * USD_PER_KWH; // $1,051,200
  private static final double STAFF_USD_PER_YEAR =
      (STAFF_FIXED_FTE + STAFF_FTE_PER_MW * IT_PEAK_MW) * STAFF_USD_PER_FTE; // $1.95M
  private static final double MAINTENANCE_USD_PER_YEAR =
      MAINTENANCE_FRACTION * HARDWARE_USD; // $2,288,843.75
  private static final double BANDWIDTH_USD_PER_YEAR =
      WAN_GBPS_PER_THOUSAND * ACCELERATORS / 1_000 * WAN_USD_PER_GBPS_MONTH * 12; // $60k
  private static final double OTHER_USD_PER_YEAR = OTHER_FRACTION * CAPEX_USD; // $607,768.75
  private static final double OPEX_USD_PER_YEAR =
      ELECTRICITY_USD_PER_YEAR
          + STAFF_USD_PER_YEAR
          + MAINTENANCE_USD_PER_YEAR
          + BANDWIDTH_USD_PER_YEAR
          + OTHER_USD_PER_YEAR; // $5,957,812.50

  private static final double DEPRECIATION_USD_PER_YEAR =
      ACCELERATORS_USD / LIFE_ACCELERATORS
          + SERVERS_USD / LIFE_SERVERS
          + NETWORK_USD / LIFE_NETWORK
          + STORAGE_USD / LIFE_STORAGE
          + FACILITY_USD / LIFE_FACILITY; // $10,829,000
  private static final double TCO_USD =
      DEPRECIATION_USD_PER_YEAR * HORIZON_YEARS
          + OPEX_USD_PER_YEAR * HORIZON_YEARS; // $50,360,437.50
  private static final double USEFUL_ACCELERATOR_HOURS =
      ACCELERATORS * HOURS_PER_YEAR * HORIZON_YEARS * UTILIZATION;

  @Test
  void volumeDiscountIsTheAverageOfTheGraduatedTiersOverTheOrder() {
    // 99 units pay list; the 100th is the first at 5% off; the 1,000th the first at 10% off.
    assertEquals(0, ASSUMPTIONS.volumeDiscountFraction(SMALL_ORDER_UNITS - 1), 0.0);
    assertEquals(
        SMALL_ORDER_DISCOUNT / SMALL_ORDER_UNITS,
        ASSUMPTIONS.volumeDiscountFraction(SMALL_ORDER_UNITS),
        FRACTION);
    assertEquals(
        UNITS_AT_SMALL_DISCOUNT * SMALL_ORDER_DISCOUNT / (LARGE_ORDER_UNITS - 1),
        ASSUMPTIONS.volumeDiscountFraction(LARGE_ORDER_UNITS - 1),
        FRACTION);
    assertEquals(DISCOUNT, ASSUMPTIONS.volumeDiscountFraction(LARGE_ORDER_UNITS), FRACTION);
    assertEquals(
        (900 * 0.05 + 1 * 0.10) / 1_000,
        ASSUMPTIONS.volumeDiscountFraction(LARGE_ORDER_UNITS),
        FRACTION);
    // A million units: 900 at 5% and 999,001 at 10%, so the average nears but never reaches 10%.
    long million = 1_000_000;
    double millionDiscount =
        (UNITS_AT_SMALL_DISCOUNT * SMALL_ORDER_DISCOUNT
                + (million - LARGE_ORDER_UNITS + 1) * LARGE_ORDER_DISCOUNT)
            / million;
    assertEquals(millionDiscount, ASSUMPTIONS.volumeDiscountFraction(million), FRACTION);
    assertTrue(ASSUMPTIONS.volumeDiscountFraction(million) < LARGE_ORDER_DISCOUNT);
    assertEquals(0, ASSUMPTIONS.volumeDiscountFraction(0), 0.0);
  }

  @Test
  void eachTierDiscountsOnlyTheUnitsFromItsThresholdToTheNextTiers() {
    // Tiers {1: 0%, 1,000: 5%, 10,000: 10%} at $30,000 list. Units 1..999 pay list, units
    // 1,000..9,999 pay $28,500 and units from the 10,000th on pay $27,000.
    double list = 30_000;
    double fivePercentOff = list * (1 - 0.05); // $28,500
    double tenPercentOff = list * (1 - 0.10); // $27,000
    Assumptions graduated =
        assumptions(
            List.of(
                new VolumeDiscount(1, 0.0),
                new VolumeDiscount(1_000, 0.05),
                new VolumeDiscount(10_000, 0.10)));

    // 12,000 units: 999 at list, 9,000 at 5% off and 2,001 at 10% off.
    double twelveThousand = 999 * list + 9_000 * fivePercentOff + 2_001 * tenPercentOff;
    assertEquals(340_497_000, twelveThousand, USD);
    assertEquals(twelveThousand, graduated.discountedPrice(12_000, list), USD);
    // Not 12,000 × $27,000 = $324M, the price had the whole order taken the top tier's discount.
    assertEquals(
        1 - twelveThousand / (12_000 * list), graduated.volumeDiscountFraction(12_000), FRACTION);

    // Either side of each threshold: the threshold unit itself is the first one discounted.
    assertEquals(999 * list, graduated.discountedPrice(999, list), USD); // $29,970,000
    assertEquals(999 * list + fivePercentOff, graduated.discountedPrice(1_000, list), USD);
    assertEquals(29_998_500, graduated.discountedPrice(1_000, list), USD);
    assertEquals(999 * list + 9_000 * fivePercentOff, graduated.discountedPrice(9_999, list), USD);
    assertEquals(286_470_000, graduated.discountedPrice(9_999, list), USD);
    assertEquals(
        999 * list + 9_000 * fivePercentOff + tenPercentOff,
        graduated.discountedPrice(10_000, list),
        USD);
    assertEquals(286_497_000, graduated.discountedPrice(10_000, list), USD);
    // Buying the 1,000th unit costs $28,500 more, not $1.47M less as a whole-order discount would.
    assertTrue(graduated.discountedPrice(1_000, list) > graduated.discountedPrice(999, list));
    assertEquals(0, graduated.discountedPrice(0, list), 0.0);
  }

  @Test
  void withoutTiersEveryUnitPaysList() {
    Assumptions none = assumptions(List.of());
    assertEquals(
        12_000 * ACCELERATOR_LIST_USD, none.discountedPrice(12_000, ACCELERATOR_LIST_USD), USD);
    assertEquals(0, none.volumeDiscountFraction(12_000), FRACTION);
  }

  /** Tiers for the price property, listed out of order: the record sorts them. */
  private static final List<VolumeDiscount> PROPERTY_TIERS =
      List.of(
          new VolumeDiscount(10_000, 0.12),
          new VolumeDiscount(16, 0.02),
          new VolumeDiscount(65_536, 0.20),
          new VolumeDiscount(1, 0.0),
          new VolumeDiscount(1_000, 0.08),
          new VolumeDiscount(256, 0.05));

  private static final double PROPERTY_MAX_FRACTION = 0.20;
  private static final int PROPERTY_MAX_UNITS = 100_000;

  @Test
  void discountedPriceNeverFallsAsUnitsGrowAndStaysBetweenListAndTheDeepestDiscount() {
    Assumptions graduated = assumptions(PROPERTY_TIERS);
    double list = ACCELERATOR_LIST_USD;
    // Every tier threshold and its neighbours, both ends of the range, and 150 random counts.
    TreeSet<Long> counts = new TreeSet<>(List.of(1L, (long) PROPERTY_MAX_UNITS));
    for (VolumeDiscount tier : PROPERTY_TIERS) {
      for (long n = tier.minUnits() - 1L; n <= tier.minUnits() + 1L; n++) {
        if (n >= 1 && n <= PROPERTY_MAX_UNITS) {
          counts.add(n);
        }
      }
    }
    Random random = new Random(20_250_301L);
    for (int i = 0; i < 150; i++) {
      counts.add(1L + random.nextInt(PROPERTY_MAX_UNITS));
    }

    double previous = 0;
    for (long units : counts) {
      double price = graduated.discountedPrice(units, list);
      assertTrue(price >= previous, units + " units: " + price + " < " + previous);
      // One more unit never makes the order cheaper.
      double oneMore = graduated.discountedPrice(units + 1, list);
      assertTrue(oneMore >= price, (units + 1) + " units: " + oneMore + " < " + price);
      double atList = list * units;
      assertTrue(price <= atList * (1 + RELATIVE), units + " units: " + price + " > list");
      double deepest = atList * (1 - PROPERTY_MAX_FRACTION);
      assertTrue(price >= deepest * (1 - RELATIVE), units + " units: " + price + " < " + deepest);
      previous = price;
    }
  }

  @Test
  void discountAppliesToAcceleratorsAndServersOnly() {
    CostReport small =
        cost(
            OWNED,
            finance(CloudBilling.RESERVED, FacilityOwnership.BUILD, OptionalDouble.empty()),
            OptionalDouble.empty(),
            SMALL_ORDER_UNITS);
    // 100 units: 99 at list and the 100th at 5% off, an average of 0.05%.
    double acceleratorsUsd =
        ACCELERATOR_LIST_USD * (UNITS_AT_LIST + (1 - SMALL_ORDER_DISCOUNT)); // $2,498,750
    double discount = 1 - acceleratorsUsd / (SMALL_ORDER_UNITS * ACCELERATOR_LIST_USD);
    assertEquals(SMALL_ORDER_DISCOUNT / SMALL_ORDER_UNITS, discount, FRACTION);
    assertEquals(discount, small.volumeDiscountFraction(), FRACTION);
    assertEquals(acceleratorsUsd, small.capex().acceleratorsUsd(), USD);
    assertEquals(2_498_750, small.capex().acceleratorsUsd(), USD);
    long smallOrderServers = (SMALL_ORDER_UNITS + PER_SERVER - 1) / PER_SERVER; // 13
    // The 13 servers hold 104 accelerator slots at $18,750 each: slots 1..99 pay list and
    // slots 100..104, five of them, 5% off (not the accelerators' 0.05% average over 13 servers).
    long smallOrderSlots = smallOrderServers * PER_SERVER; // 104
    double serversUsd =
        SERVER_USD_PER_SLOT
            * (UNITS_AT_LIST
                + (smallOrderSlots - SMALL_ORDER_UNITS + 1) * (1 - SMALL_ORDER_DISCOUNT));
    assertEquals(serversUsd, small.capex().serversUsd(), USD);
    assertEquals(18_750 * 103.75, small.capex().serversUsd(), USD);
    assertEquals(1_945_312.5, small.capex().serversUsd(), USD);
    assertEquals(NETWORK_USD, small.capex().networkUsd(), USD);
    assertEquals(STORAGE_USD, small.capex().storageUsd(), USD);
  }

  @Test
  void oneMoreAcceleratorAcrossATierThresholdNeverLowersCapex() {
    // Across each threshold the order pays one more unit at the new tier's price; it never
    // reprices the units before it. (The server count is the same either side of both.)
    FinanceSpec owned =
        finance(CloudBilling.RESERVED, FacilityOwnership.BUILD, OptionalDouble.empty());
    for (int threshold : new int[] {SMALL_ORDER_UNITS, LARGE_ORDER_UNITS}) {
      CostReport below = cost(OWNED, owned, OptionalDouble.empty(), threshold - 1);
      CostReport at = cost(OWNED, owned, OptionalDouble.empty(), threshold);
      assertTrue(at.capex().acceleratorsUsd() > below.capex().acceleratorsUsd(), "" + threshold);
      assertTrue(at.capexUsd() > below.capexUsd(), "" + threshold);
    }
  }

  @Test
  void serversArePricedByTheAcceleratorSlotsTheyHoldSoFillingOneCostsNothing() {
    // 993 to 1,000 accelerators all need 125 servers, 1,000 slots: the servers cost the same
    // $17,904,375 whichever (under the accelerator order's average discount they would fall as
    // it deepened). The 124 servers of 992 hold 992 slots; the 126 of 1,001 hold 1,008.
    FinanceSpec owned =
        finance(CloudBilling.RESERVED, FacilityOwnership.BUILD, OptionalDouble.empty());
    for (int count = 993; count <= ACCELERATORS; count++) {
      CostReport report = cost(OWNED, owned, OptionalDouble.empty(), count);
      assertEquals(SERVERS_USD, report.capex().serversUsd(), USD, count + " accelerators");
    }
    // 992 slots: 99 at list and 893 (slots 100..992) at 5% off.
    double ninetyTwo = SERVER_USD_PER_SLOT * (UNITS_AT_LIST + 893 * (1 - SMALL_ORDER_DISCOUNT));
    assertEquals(17_762_812.5, ninetyTwo, USD);
    assertEquals(
        ninetyTwo, cost(OWNED, owned, OptionalDouble.empty(), 992).capex().serversUsd(), USD);
    // 1,008 slots: 99 at list, 900 at 5% off and 9 (slots 1,000..1,008) at 10% off.
    double oneThousandEight =
        SERVER_USD_PER_SLOT
            * (UNITS_AT_LIST
                + UNITS_AT_SMALL_DISCOUNT * (1 - SMALL_ORDER_DISCOUNT)
                + 9 * (1 - LARGE_ORDER_DISCOUNT));
    assertEquals(18_039_375, oneThousandEight, USD);
    assertEquals(
        oneThousandEight,
        cost(OWNED, owned, OptionalDouble.empty(), 1_001).capex().serversUsd(),
        USD);
  }

  @Test
  void serverCapexNeverFallsAsAcceleratorsGrow() {
    Assumptions graduated = assumptions(PROPERTY_TIERS);
    FinanceSpec owned =
        finance(CloudBilling.RESERVED, FacilityOwnership.BUILD, OptionalDouble.empty());
    // Every tier threshold and its neighbours; the counts either side of the server that first
    // brings the slots held to the threshold; both ends of the range; and 150 random counts.
    TreeSet<Integer> counts = new TreeSet<>(List.of(1, PROPERTY_MAX_UNITS));
    for (VolumeDiscount tier : PROPERTY_TIERS) {
      int threshold = tier.minUnits();
      int lastBelow = PER_SERVER * ((threshold + PER_SERVER - 1) / PER_SERVER - 1);
      for (int n : new int[] {threshold - 1, threshold, threshold + 1, lastBelow, lastBelow + 1}) {
        if (n >= 1 && n <= PROPERTY_MAX_UNITS) {
          counts.add(n);
        }
      }
    }
    Random random = new Random(20_250_615L);
    for (int i = 0; i < 150; i++) {
      counts.add(1 + random.nextInt(PROPERTY_MAX_UNITS));
    }

    double previous = 0;
    int previousCount = 0;
    for (int count : counts) {
      double servers =
          cost(OWNED, owned, OptionalDouble.empty(), count, graduated).capex().serversUsd();
      assertTrue(
          servers >= previous,
          count + " accelerators: " + servers + " < " + previous + " at " + previousCount);
      // One more accelerator never makes the servers cheaper.
      double oneMore =
          cost(OWNED, owned, OptionalDouble.empty(), count + 1, graduated).capex().serversUsd();
      assertTrue(oneMore >= servers, (count + 1) + " accelerators: " + oneMore + " < " + servers);
      // Between list and the deepest tier's discount, for every server the count needs.
      double atList = ((count + PER_SERVER - 1) / PER_SERVER) * SERVER_USD;
      assertTrue(servers <= atList * (1 + RELATIVE), count + " accelerators: above list");
      double deepest = atList * (1 - PROPERTY_MAX_FRACTION);
      assertTrue(
          servers >= deepest * (1 - RELATIVE),
          count + " accelerators: " + servers + " < " + deepest);
      previous = servers;
      previousCount = count;
    }
  }

  @Test
  void capexIsTheSumOfItsComponents() {
    CostReport report = owned(OptionalDouble.empty());
    CapexBreakdown capex = report.capex();
    assertEquals(DISCOUNT, report.volumeDiscountFraction(), FRACTION);
    assertEquals(0.0451, report.volumeDiscountFraction(), FRACTION);
    assertEquals(ACCELERATORS_USD, capex.acceleratorsUsd(), USD);
    assertEquals(23_872_500, capex.acceleratorsUsd(), USD);
    assertEquals(17_904_375, capex.serversUsd(), USD);
    assertEquals(SERVERS_USD, capex.serversUsd(), USD);
    assertEquals(NETWORK_USD, capex.networkUsd(), USD);
    assertEquals(STORAGE_USD, capex.storageUsd(), USD);
    assertEquals(FACILITY_USD, capex.facilityUsd(), USD);
    assertEquals(HARDWARE_USD, capex.hardwareUsd(), USD);
    assertEquals(CAPEX_USD, report.capexUsd(), USD);
    assertEquals(60_776_875, report.capexUsd(), USD);
  }

  @Test
  void opexIsElectricityStaffMaintenanceBandwidthAndOther() {
    OpexBreakdown opex = owned(OptionalDouble.empty()).opex();
    assertEquals(ELECTRICITY_USD_PER_YEAR, opex.electricityUsdPerYear(), USD);
    assertEquals(1_051_200, opex.electricityUsdPerYear(), USD);
    assertEquals(STAFF_USD_PER_YEAR, opex.staffUsdPerYear(), USD);
    assertEquals(MAINTENANCE_USD_PER_YEAR, opex.maintenanceUsdPerYear(), USD);
    assertEquals(BANDWIDTH_USD_PER_YEAR, opex.bandwidthUsdPerYear(), USD);
    assertEquals(0, opex.colocationUsdPerYear(), 0.0);
    assertEquals(0, opex.cloudRentalUsdPerYear(), 0.0);
    assertEquals(OTHER_USD_PER_YEAR, opex.otherUsdPerYear(), USD);
    assertEquals(OPEX_USD_PER_YEAR, opex.totalUsdPerYear(), USD);
    assertEquals(5_957_812.5, opex.totalUsdPerYear(), USD);
  }

  @Test
  void tcoDepreciatesEachClassOverItsLifeAndAddsOpexOverTheHorizon() {
    CostReport report = owned(OptionalDouble.empty());
    assertEquals(DEPRECIATION_USD_PER_YEAR, report.depreciationUsdPerYear(), USD);
    assertEquals(10_829_000, report.depreciationUsdPerYear(), USD);
    assertEquals(HORIZON_YEARS, report.horizonYears(), 0.0);
    assertEquals(TCO_USD, report.tcoUsd(), USD);
    assertEquals(50_360_437.5, report.tcoUsd(), USD);
  }

  @Test
  void costPerAcceleratorHourIsTcoOverUsefulAcceleratorHours() {
    CostReport report = owned(OptionalDouble.empty());
    assertEquals(TCO_USD / USEFUL_ACCELERATOR_HOURS, report.usdPerAcceleratorHour(), RELATIVE);
    // $50,360,437.50 / (1,000 × 8,760 h × 3 y × 0.8) = $2.3954/h.
    assertEquals(2.3954, report.usdPerAcceleratorHour(), 5e-5);
  }

  @Test
  void breakEvenIsCapexOverMonthlySavingAgainstReservedCloud() {
    double cloudUsdPerHour = 2.50;
    CostReport report = owned(OptionalDouble.of(cloudUsdPerHour));
    double cloudPerYear = cloudUsdPerHour * ACCELERATORS * HOURS_PER_YEAR; // $21.9M, every hour
    double monthlySaving = (cloudPerYear - OPEX_USD_PER_YEAR) / 12;
    assertEquals(cloudPerYear * HORIZON_YEARS, report.cloudTcoUsd().getAsDouble(), USD);
    assertEquals(CAPEX_USD / monthlySaving, report.breakEvenMonths().getAsDouble(), 1e-9);
    // $60,776,875 / (($21.9M − $5,957,812.50) / 12) = 45.75 months.
    assertEquals(45.75, report.breakEvenMonths().getAsDouble(), 0.005);
    assertEquals(
        cloudPerYear * HORIZON_YEARS / TCO_USD, report.cloudToOwnCostRatio().getAsDouble(), 1e-12);
    assertEquals(cloudUsdPerHour, report.cloudUsdPerAcceleratorHour().getAsDouble(), 0.0);
  }

  @Test
  void noBreakEvenWhenTheCloudCostsLessThanRunningOurOwn() {
    // $0.50/h × 1,000 × 8,760 h = $4.38M a year, below our $5.96M opex: capex never pays back.
    CostReport report = owned(OptionalDouble.of(0.50));
    assertTrue(report.breakEvenMonths().isEmpty());
    assertTrue(report.cloudToOwnCostRatio().isPresent());
  }

  @Test
  void noCloudComparisonWithoutACloudPrice() {
    CostReport report = owned(OptionalDouble.empty());
    assertTrue(report.cloudTcoUsd().isEmpty());
    assertTrue(report.breakEvenMonths().isEmpty());
    assertTrue(report.cloudToOwnCostRatio().isEmpty());
  }

  @Test
  void onDemandBillsOnlyTheUsedHours() {
    double cloudUsdPerHour = 2.50;
    CostReport reserved = owned(OptionalDouble.of(cloudUsdPerHour));
    CostReport onDemand =
        cost(
            OWNED,
            finance(CloudBilling.ON_DEMAND, FacilityOwnership.BUILD, OptionalDouble.empty()),
            OptionalDouble.of(cloudUsdPerHour));
    double reservedTco = cloudUsdPerHour * ACCELERATORS * HOURS_PER_YEAR * HORIZON_YEARS;
    assertEquals(reservedTco, reserved.cloudTcoUsd().getAsDouble(), USD);
    assertEquals(reservedTco * UTILIZATION, onDemand.cloudTcoUsd().getAsDouble(), USD);
    // Owning costs the same either way.
    assertEquals(reserved.tcoUsd(), onDemand.tcoUsd(), 0.0);
  }

  @Test
  void cloudOnlyAcceleratorHasNoCapexAndCostsItsRent() {
    double rentUsdPerHour = 3.00;
    CostReport report =
        cost(
            CLOUD_ONLY,
            finance(CloudBilling.ON_DEMAND, FacilityOwnership.BUILD, OptionalDouble.empty()),
            OptionalDouble.of(rentUsdPerHour));
    double rentPerYear = rentUsdPerHour * ACCELERATORS * HOURS_PER_YEAR * UTILIZATION;
    assertTrue(report.cloudOnly());
    assertEquals(0, report.capexUsd(), 0.0);
    assertEquals(0, report.depreciationUsdPerYear(), 0.0);
    assertEquals(rentPerYear, report.opex().cloudRentalUsdPerYear(), USD);
    assertEquals(rentPerYear, report.opexUsdPerYear(), USD);
    assertEquals(rentPerYear * HORIZON_YEARS, report.tcoUsd(), USD);
    // Billed only for used hours, an accelerator-hour costs exactly the rent.
    assertEquals(rentUsdPerHour, report.usdPerAcceleratorHour(), 1e-12);
    assertEquals(1.0, report.cloudToOwnCostRatio().getAsDouble(), 0.0);
    assertTrue(report.breakEvenMonths().isEmpty());
  }

  @Test
  void reservedCloudOnlyAcceleratorSpreadsIdleHoursOverUsefulOnes() {
    double rentUsdPerHour = 3.00;
    CostReport report =
        cost(
            CLOUD_ONLY,
            finance(CloudBilling.RESERVED, FacilityOwnership.BUILD, OptionalDouble.empty()),
            OptionalDouble.of(rentUsdPerHour));
    assertEquals(rentUsdPerHour / UTILIZATION, report.usdPerAcceleratorHour(), 1e-12);
  }

  @Test
  void leasedHallHasNoFacilityCapexAndPaysColocationOnItKilowatts() {
    CostReport report =
        cost(
            OWNED,
            finance(CloudBilling.RESERVED, FacilityOwnership.LEASE, OptionalDouble.empty()),
            OptionalDouble.empty());
    double colocationPerYear = IT_PEAK_WATTS / 1e3 * COLOCATION_USD_PER_KW_MONTH * 12; // $2.7M
    assertEquals(0, report.capex().facilityUsd(), 0.0);
    assertEquals(HARDWARE_USD, report.capexUsd(), USD);
    assertEquals(colocationPerYear, report.opex().colocationUsdPerYear(), USD);
    assertEquals(2_700_000, report.opex().colocationUsdPerYear(), USD);
    assertEquals(OTHER_FRACTION * HARDWARE_USD, report.opex().otherUsdPerYear(), USD);
  }

  @Test
  void seedFigureIsAThousandH100AtPue1point5CostingNineHundredNineteenThousandEightHundredAYear() {
    // 1,000 × 700 W × 1.5 = 1.05 MW; 1,050 kW × 8,760 h × $0.10/kWh = $919,800 a year.
    PowerReport seed = new PowerReport(1_000 * 700.0, 0, 0, 0, 0, 0, 0, 0, 1.5, false, 0.75);
    CostModel.Inputs inputs =
        new CostModel.Inputs(
            OWNED,
            SERVER,
            STORAGE_TIER,
            finance(CloudBilling.RESERVED, FacilityOwnership.BUILD, OptionalDouble.empty()),
            0.10,
            CONSTRUCTION_USD_PER_MW,
            COLOCATION_USD_PER_KW_MONTH,
            OptionalDouble.empty(),
            ASSUMPTIONS);
    CostReport report = CostModel.cost(inputs, sizing(1_000), FABRIC, STORAGE, seed);
    assertEquals(1.05e6, seed.acceleratorOnlyFacilityWatts(), 1e-6);
    assertEquals(919_800, report.acceleratorOnlyElectricityUsdPerYear(), USD);
    assertFalse(report.cloudOnly());
  }

  @Test
  void capitalRecoveryFactorRepaysAPurchaseWithInterest() {
    // r / (1 − (1 + r)^−n): at 8% over 4 years 0.08 / (1 − 1.08^−4) = 0.301921; a $30,000 GPU
    // costs $9,057.6 a year, not the $7,500 of straight-line depreciation. At 0% it is 1/n.
    assertEquals(0.301921, CostModel.capitalRecoveryFactor(0.08, 4), 1e-6);
    assertEquals(0.25, CostModel.capitalRecoveryFactor(0, 4), 0.0);
    // Paying the annuity for n years repays the price at r: its present value is 1.
    double r = 0.11;
    double n = 6;
    double presentValue = 0;
    for (int year = 1; year <= n; year++) {
      presentValue += CostModel.capitalRecoveryFactor(r, n) / Math.pow(1 + r, year);
    }
    assertEquals(1, presentValue, 1e-12);
  }
}
