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
import org.junit.jupiter.api.Test;

/**
 * Capex, opex, TCO, cost per accelerator-hour and the cloud comparison (DESIGN.md, Cost).
 *
 * <p>The cluster: 1,000 accelerators at $25,000 list in 125 eight-way servers at $150,000, a
 * $3.6M fabric, 2 PB of $200/TB storage and a 1.5 MW (IT peak) hall at $10M/MW; it averages
 * 1 MW of IT at PUE 1.2 and $0.10/kWh, and is owned for three years at 80% utilization.
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
  private static final double NETWORK_USD =
      SWITCHES_USD + NICS_USD + TRANSCEIVERS_USD + CABLES_USD;

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

  private static final Assumptions ASSUMPTIONS =
      new Assumptions(
          "default",
          new Lifetimes(LIFE_ACCELERATORS, LIFE_SERVERS, LIFE_NETWORK, LIFE_STORAGE, LIFE_FACILITY),
          MAINTENANCE_FRACTION,
          STAFF_FIXED_FTE,
          STAFF_FTE_PER_MW,
          STAFF_USD_PER_FTE,
          WAN_GBPS_PER_THOUSAND,
          WAN_USD_PER_GBPS_MONTH,
          OTHER_FRACTION,
          // Listed largest first: the record sorts tiers by size.
          List.of(
              new VolumeDiscount(LARGE_ORDER_UNITS, LARGE_ORDER_DISCOUNT),
              new VolumeDiscount(SMALL_ORDER_UNITS, SMALL_ORDER_DISCOUNT)),
          0.3,
          0.9,
          42,
          4,
          TEST);

  private static Accelerator accelerator(OptionalDouble listPriceUsd) {
    return new Accelerator(
        "xpu", "XPU", "Test", AcceleratorKind.GPU, 2024,
        OptionalDouble.empty(), OptionalDouble.of(1e15), OptionalDouble.empty(),
        OptionalDouble.empty(), OptionalDouble.empty(),
        80e9, "HBM3", 3e12, "link", 450e9, ACCELERATOR_TDP_WATTS,
        listPriceUsd, OptionalDouble.empty(), 100, "xpu-box", "ga", TEST);
  }

  private static final Accelerator OWNED = accelerator(OptionalDouble.of(ACCELERATOR_LIST_USD));
  private static final Accelerator CLOUD_ONLY = accelerator(OptionalDouble.empty());

  private static final ServerSpec SERVER =
      new ServerSpec(
          "xpu-box", "XPU box", "xpu", PER_SERVER, 4_000, OptionalDouble.empty(), SERVER_USD, 8,
          8, 8, 400, false, 1_000, TEST);

  private static final StorageTier STORAGE_TIER =
      new StorageTier("flash", "flash", STORAGE_USD_PER_TB, 40, 20, 5_000, 2, 0, TEST);

  private static ClusterSizing sizing(int accelerators) {
    long servers = (accelerators + PER_SERVER - 1) / PER_SERVER;
    return new ClusterSizing(
        "xpu", "xpu-box", accelerators, servers, PER_SERVER, "link", 8, servers, 450e9, 10_000,
        4, 40_000, servers / 4, 1, 1, 100);
  }

  private static final FabricBom FABRIC =
      new FabricBom(
          "ib", Topology.FAT_TREE, 1.0, 2, 8_000, 8_000, 100, 50, 0, 0, 0, 0, 0, 0, 0, 0,
          SWITCHES_USD, NICS_USD, TRANSCEIVERS_USD, CABLES_USD, 0);

  private static final StorageSizing STORAGE =
      new StorageSizing("flash", STORAGE_PB, STORAGE_PB, 40, 80, 10_000, 1, 0);

  private static PowerReport power(int accelerators) {
    return new PowerReport(
        accelerators * ACCELERATOR_TDP_WATTS, 0, 0, 0, IT_PEAK_WATTS, 0, IT_AVERAGE_WATTS, 0,
        PUE, false);
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
    CostModel.Inputs inputs =
        new CostModel.Inputs(
            accelerator, SERVER, STORAGE_TIER, finance, USD_PER_KWH, CONSTRUCTION_USD_PER_MW,
            COLOCATION_USD_PER_KW_MONTH, cloudUsdPerHour, ASSUMPTIONS);
    return CostModel.cost(inputs, sizing(count), FABRIC, STORAGE, power(count));
  }

  private static CostReport owned(OptionalDouble cloudUsdPerHour) {
    return cost(
        OWNED,
        finance(CloudBilling.RESERVED, FacilityOwnership.BUILD, OptionalDouble.empty()),
        cloudUsdPerHour);
  }

  // Expected figures, derived once from the constants above.
  private static final double DISCOUNT = LARGE_ORDER_DISCOUNT; // 1,000 units reach the top tier
  private static final double ACCELERATORS_USD =
      ACCELERATORS * ACCELERATOR_LIST_USD * (1 - DISCOUNT); // $22.5M
  private static final double SERVERS_USD = SERVERS * SERVER_USD * (1 - DISCOUNT); // $16.875M
  private static final double STORAGE_USD = STORAGE_PB * 1_000 * STORAGE_USD_PER_TB; // $0.4M
  private static final double IT_PEAK_MW = IT_PEAK_WATTS / 1e6;
  private static final double FACILITY_USD = IT_PEAK_MW * CONSTRUCTION_USD_PER_MW; // $15M
  private static final double HARDWARE_USD =
      ACCELERATORS_USD + SERVERS_USD + NETWORK_USD + STORAGE_USD; // $43.375M
  private static final double CAPEX_USD = HARDWARE_USD + FACILITY_USD; // $58.375M

  private static final double ELECTRICITY_USD_PER_YEAR =
      IT_AVERAGE_WATTS * PUE / 1e3 * HOURS_PER_YEAR * USD_PER_KWH; // $1,051,200
  private static final double STAFF_USD_PER_YEAR =
      (STAFF_FIXED_FTE + STAFF_FTE_PER_MW * IT_PEAK_MW) * STAFF_USD_PER_FTE; // $1.95M
  private static final double MAINTENANCE_USD_PER_YEAR = MAINTENANCE_FRACTION * HARDWARE_USD;
  private static final double BANDWIDTH_USD_PER_YEAR =
      WAN_GBPS_PER_THOUSAND * ACCELERATORS / 1_000 * WAN_USD_PER_GBPS_MONTH * 12; // $60k
  private static final double OTHER_USD_PER_YEAR = OTHER_FRACTION * CAPEX_USD;
  private static final double OPEX_USD_PER_YEAR =
      ELECTRICITY_USD_PER_YEAR
          + STAFF_USD_PER_YEAR
          + MAINTENANCE_USD_PER_YEAR
          + BANDWIDTH_USD_PER_YEAR
          + OTHER_USD_PER_YEAR; // $5,813,700

  private static final double DEPRECIATION_USD_PER_YEAR =
      ACCELERATORS_USD / LIFE_ACCELERATORS
          + SERVERS_USD / LIFE_SERVERS
          + NETWORK_USD / LIFE_NETWORK
          + STORAGE_USD / LIFE_STORAGE
          + FACILITY_USD / LIFE_FACILITY; // $10.28M
  private static final double TCO_USD =
      DEPRECIATION_USD_PER_YEAR * HORIZON_YEARS + OPEX_USD_PER_YEAR * HORIZON_YEARS;
  private static final double USEFUL_ACCELERATOR_HOURS =
      ACCELERATORS * HOURS_PER_YEAR * HORIZON_YEARS * UTILIZATION;

  @Test
  void volumeDiscountIsTheHighestTierAnOrderReaches() {
    assertEquals(0, ASSUMPTIONS.volumeDiscountFraction(SMALL_ORDER_UNITS - 1), 0.0);
    assertEquals(SMALL_ORDER_DISCOUNT, ASSUMPTIONS.volumeDiscountFraction(SMALL_ORDER_UNITS), 0.0);
    assertEquals(SMALL_ORDER_DISCOUNT, ASSUMPTIONS.volumeDiscountFraction(LARGE_ORDER_UNITS - 1), 0);
    assertEquals(LARGE_ORDER_DISCOUNT, ASSUMPTIONS.volumeDiscountFraction(LARGE_ORDER_UNITS), 0.0);
    assertEquals(LARGE_ORDER_DISCOUNT, ASSUMPTIONS.volumeDiscountFraction(1_000_000), 0.0);
  }

  @Test
  void discountAppliesToAcceleratorsAndServersOnly() {
    CostReport small =
        cost(
            OWNED,
            finance(CloudBilling.RESERVED, FacilityOwnership.BUILD, OptionalDouble.empty()),
            OptionalDouble.empty(),
            SMALL_ORDER_UNITS);
    assertEquals(SMALL_ORDER_DISCOUNT, small.volumeDiscountFraction(), 0.0);
    assertEquals(
        SMALL_ORDER_UNITS * ACCELERATOR_LIST_USD * (1 - SMALL_ORDER_DISCOUNT),
        small.capex().acceleratorsUsd(),
        USD);
    long smallOrderServers = (SMALL_ORDER_UNITS + PER_SERVER - 1) / PER_SERVER; // 13
    assertEquals(
        smallOrderServers * SERVER_USD * (1 - SMALL_ORDER_DISCOUNT),
        small.capex().serversUsd(),
        USD);
    assertEquals(NETWORK_USD, small.capex().networkUsd(), USD);
  }

  @Test
  void capexIsTheSumOfItsComponents() {
    CostReport report = owned(OptionalDouble.empty());
    CapexBreakdown capex = report.capex();
    assertEquals(DISCOUNT, report.volumeDiscountFraction(), 0.0);
    assertEquals(ACCELERATORS_USD, capex.acceleratorsUsd(), USD);
    assertEquals(22_500_000, capex.acceleratorsUsd(), USD);
    assertEquals(SERVERS_USD, capex.serversUsd(), USD);
    assertEquals(NETWORK_USD, capex.networkUsd(), USD);
    assertEquals(STORAGE_USD, capex.storageUsd(), USD);
    assertEquals(FACILITY_USD, capex.facilityUsd(), USD);
    assertEquals(HARDWARE_USD, capex.hardwareUsd(), USD);
    assertEquals(CAPEX_USD, report.capexUsd(), USD);
    assertEquals(58_375_000, report.capexUsd(), USD);
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
    assertEquals(5_813_700, opex.totalUsdPerYear(), USD);
  }

  @Test
  void tcoDepreciatesEachClassOverItsLifeAndAddsOpexOverTheHorizon() {
    CostReport report = owned(OptionalDouble.empty());
    assertEquals(DEPRECIATION_USD_PER_YEAR, report.depreciationUsdPerYear(), USD);
    assertEquals(10_280_000, report.depreciationUsdPerYear(), USD);
    assertEquals(HORIZON_YEARS, report.horizonYears(), 0.0);
    assertEquals(TCO_USD, report.tcoUsd(), USD);
    assertEquals(48_281_100, report.tcoUsd(), USD);
  }

  @Test
  void costPerAcceleratorHourIsTcoOverUsefulAcceleratorHours() {
    CostReport report = owned(OptionalDouble.empty());
    assertEquals(TCO_USD / USEFUL_ACCELERATOR_HOURS, report.usdPerAcceleratorHour(), RELATIVE);
    // $48,281,100 / (1,000 × 8,760 h × 3 y × 0.8) = $2.2965/h.
    assertEquals(2.2965, report.usdPerAcceleratorHour(), 5e-5);
  }

  @Test
  void breakEvenIsCapexOverMonthlySavingAgainstReservedCloud() {
    double cloudUsdPerHour = 2.50;
    CostReport report = owned(OptionalDouble.of(cloudUsdPerHour));
    double cloudPerYear = cloudUsdPerHour * ACCELERATORS * HOURS_PER_YEAR; // $21.9M, every hour
    double monthlySaving = (cloudPerYear - OPEX_USD_PER_YEAR) / 12;
    assertEquals(cloudPerYear * HORIZON_YEARS, report.cloudTcoUsd().getAsDouble(), USD);
    assertEquals(CAPEX_USD / monthlySaving, report.breakEvenMonths().getAsDouble(), 1e-9);
    assertEquals(43.55, report.breakEvenMonths().getAsDouble(), 0.005);
    assertEquals(
        cloudPerYear * HORIZON_YEARS / TCO_USD, report.cloudToOwnCostRatio().getAsDouble(), 1e-12);
    assertEquals(cloudUsdPerHour, report.cloudUsdPerAcceleratorHour().getAsDouble(), 0.0);
  }

  @Test
  void noBreakEvenWhenTheCloudCostsLessThanRunningOurOwn() {
    // $0.50/h × 1,000 × 8,760 h = $4.38M a year, below our $5.81M opex: capex never pays back.
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
    PowerReport seed = new PowerReport(1_000 * 700.0, 0, 0, 0, 0, 0, 0, 0, 1.5, false);
    CostModel.Inputs inputs =
        new CostModel.Inputs(
            OWNED, SERVER, STORAGE_TIER,
            finance(CloudBilling.RESERVED, FacilityOwnership.BUILD, OptionalDouble.empty()),
            0.10, CONSTRUCTION_USD_PER_MW, COLOCATION_USD_PER_KW_MONTH, OptionalDouble.empty(),
            ASSUMPTIONS);
    CostReport report = CostModel.cost(inputs, sizing(1_000), FABRIC, STORAGE, seed);
    assertEquals(1.05e6, seed.acceleratorOnlyFacilityWatts(), 1e-6);
    assertEquals(919_800, report.acceleratorOnlyElectricityUsdPerYear(), USD);
    assertFalse(report.cloudOnly());
  }
}
