package dev.ironworks.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.carbon.EnergyReport;
import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.AcceleratorKind;
import dev.ironworks.core.catalog.Assumptions;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.CoolingType;
import dev.ironworks.core.catalog.Fabric;
import dev.ironworks.core.catalog.FabricKind;
import dev.ironworks.core.catalog.Lifetimes;
import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.catalog.Region;
import dev.ironworks.core.catalog.ScaleUpInterconnect;
import dev.ironworks.core.catalog.ScaleUpTopology;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.catalog.StorageTier;
import dev.ironworks.core.catalog.VolumeDiscount;
import dev.ironworks.core.cost.CostReport;
import dev.ironworks.core.facility.PowerReport;
import dev.ironworks.core.scenario.CloudBilling;
import dev.ironworks.core.scenario.ClusterSpec;
import dev.ironworks.core.scenario.FabricChoice;
import dev.ironworks.core.scenario.FacilityOwnership;
import dev.ironworks.core.scenario.FinanceSpec;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.scenario.SiteSpec;
import dev.ironworks.core.scenario.StorageChoice;
import dev.ironworks.core.scenario.Topology;
import dev.ironworks.core.scenario.TrainingRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The planner end to end, on a small catalog made here (core tests do not read catalog files).
 *
 * <p>The story: a lab buys 64 XPUs (500 W, $20,000 each) in eight 8-way boxes (2 kW host, $100,000,
 * 4U, eight 400 Gb/s rails). The boxes stand in an air-cooled hall in Testland (30 kW racks, PUE
 * 1.5, $0.10/kWh, 0.4 kgCO2e/kWh, 1 L/kWh of water, $10M per MW to build). Checkpoints need 50 GB/s
 * of writes, so the 1 PB of flash asked for grows to 2 PB (the tier writes 25 GB/s per PB). The lab
 * owns it for three years at 75% utilization and trains one model for 30 days. One 64-port
 * InfiniBand switch takes all 64 rail ports; rail links leave the rack, so each is optical with two
 * transceivers.
 */
class PlannerTest {
  private static final Provenance TEST = new Provenance("estimate: test", "2025-01", "");

  // The parts.
  private static final int ACCELERATORS = 64;
  private static final double ACCELERATOR_WATTS = 500;
  private static final double ACCELERATOR_USD = 20_000;
  private static final double ACCELERATOR_CLOUD_USD_PER_HOUR = 2.00;
  private static final double ACCELERATOR_EMBODIED_KG = 100;
  private static final double SERVER_EMBODIED_KG = 2_000;
  private static final int PER_SERVER = 8;
  private static final double HOST_WATTS = 2_000;
  private static final double SERVER_USD = 100_000;
  private static final int SERVER_RACK_UNITS = 4;
  private static final int RAILS = 8;
  private static final double RAIL_GBPS = 400;

  private static final int SWITCH_RADIX = 64;
  private static final double SWITCH_WATTS = 1_000;
  private static final double SWITCH_USD = 20_000;
  private static final double SWITCH_EMBODIED_KG = 500;
  private static final double NIC_USD = 1_000;
  private static final double TRANSCEIVER_WATTS = 15;
  private static final double TRANSCEIVER_USD = 500;
  private static final double CABLE_USD = 100;

  private static final double STORAGE_ASKED_PB = 1;
  private static final double STORAGE_WRITE_GBPS = 50;
  private static final double TIER_WRITE_GBPS_PER_PB = 25;
  private static final double TIER_WATTS_PER_PB = 5_000;
  private static final double TIER_USD_PER_TB = 300;
  private static final double TIER_PB_PER_RACK = 2;
  private static final double TIER_EMBODIED_KG_PER_PB = 10_000;

  // The site.
  private static final double AIR_RACK_WATTS = 30_000;
  private static final double AIR_PUE = 1.5;
  private static final double M2_PER_RACK = 2.5;
  private static final double USD_PER_KWH = 0.10;
  private static final double GRID_KG_PER_KWH = 0.4;
  private static final double WUE_L_PER_KWH = 1.0;
  private static final double CONSTRUCTION_USD_PER_MW = 10_000_000;
  private static final int RACK_UNITS = 42;
  private static final int RESERVED_RACK_UNITS = 6;

  // Assumptions and finance.
  private static final double IDLE_FRACTION = 0.3;
  private static final double LOAD_FRACTION = 0.9;
  private static final double LIFE_ACCELERATORS = 4;
  private static final double LIFE_SERVERS = 5;
  private static final double LIFE_NETWORK = 8;
  private static final double LIFE_STORAGE = 5;
  private static final double HORIZON_YEARS = 3;
  private static final double UTILIZATION = 0.75;
  private static final double TRAINING_DAYS = 30;

  private static final double HOURS_PER_YEAR = 8_760;

  /**
   * Watts, dollars and MWh here are sums of a few dozen products of exact constants, so they sit
   * within a few roundings of the hand figure: 1e-12 relative (1e-6 absolute near zero) leaves room
   * for that and is far below any figure's display precision.
   */
  private static final double EXACT = 1e-6;

  private static final double RELATIVE = 1e-12;

  private static void assertClose(double expected, double actual) {
    assertEquals(expected, actual, Math.max(EXACT, Math.abs(expected) * RELATIVE));
  }

  // ---- The catalog, built from hand-made records. ----

  private static Accelerator accelerator(
      String id, OptionalDouble listUsd, OptionalDouble cloud, String server) {
    return new Accelerator(
        id,
        id.toUpperCase(Locale.ROOT),
        "Test",
        AcceleratorKind.GPU,
        2024,
        OptionalDouble.empty(),
        OptionalDouble.of(1e15),
        OptionalDouble.of(1e15),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        96e9,
        "HBM3",
        4e12,
        "xlink",
        450e9,
        ACCELERATOR_WATTS,
        listUsd,
        cloud,
        ACCELERATOR_EMBODIED_KG,
        server,
        "ga",
        1,
        TEST,
        2024,
        List.of(),
        OptionalDouble.empty());
  }

  private static ServerSpec server(
      String id, String acceleratorId, boolean liquidOnly, double portGbps) {
    return new ServerSpec(
        id,
        id,
        acceleratorId,
        PER_SERVER,
        HOST_WATTS,
        OptionalDouble.empty(),
        SERVER_USD,
        SERVER_RACK_UNITS,
        PER_SERVER,
        RAILS,
        portGbps,
        liquidOnly,
        SERVER_EMBODIED_KG,
        TEST,
        1);
  }

  private static Fabric fabric(String id, FabricKind kind, double gbps) {
    return new Fabric(
        id,
        id,
        kind,
        gbps,
        "switch",
        SWITCH_RADIX,
        SWITCH_WATTS,
        SWITCH_USD,
        1,
        SWITCH_EMBODIED_KG,
        "nic",
        25,
        NIC_USD,
        "osfp",
        TRANSCEIVER_WATTS,
        TRANSCEIVER_USD,
        CABLE_USD,
        130,
        TEST);
  }

  private static List<Accelerator> accelerators() {
    return List.of(
        accelerator(
            "xpu",
            OptionalDouble.of(ACCELERATOR_USD),
            OptionalDouble.of(ACCELERATOR_CLOUD_USD_PER_HOUR),
            "xpu-box"),
        accelerator("rented-xpu", OptionalDouble.empty(), OptionalDouble.empty(), "rented-box"),
        accelerator(
            "hot-xpu", OptionalDouble.of(ACCELERATOR_USD), OptionalDouble.empty(), "hot-box"));
  }

  private static List<ServerSpec> servers() {
    return List.of(
        server("xpu-box", "xpu", false, RAIL_GBPS),
        server("rented-box", "rented-xpu", false, RAIL_GBPS),
        server("hot-box", "hot-xpu", true, RAIL_GBPS),
        server("fast-box", "xpu", false, 1_600));
  }

  private static List<Fabric> fabrics() {
    return List.of(
        fabric("eth-400", FabricKind.ETHERNET, 400),
        fabric("ib-400", FabricKind.INFINIBAND, 400),
        fabric("ib-800", FabricKind.INFINIBAND, 800));
  }

  private static List<CoolingType> coolingTypes() {
    return List.of(
        new CoolingType(
            "air", "air", 1.3, 1.6, AIR_PUE, AIR_RACK_WATTS, false, false, M2_PER_RACK, TEST),
        new CoolingType(
            "liquid", "liquid", 1.1, 1.2, 1.15, 130_000, true, false, M2_PER_RACK, TEST));
  }

  private static List<Region> regions() {
    return List.of(
        new Region(
            "testland",
            "Testland",
            USD_PER_KWH,
            GRID_KG_PER_KWH,
            WUE_L_PER_KWH,
            CONSTRUCTION_USD_PER_MW,
            150,
            TEST),
        new Region("elsewhere", "Elsewhere", 0.2, 0.1, 0.5, 12_000_000, 200, TEST));
  }

  private static List<StorageTier> storageTiers() {
    return List.of(
        new StorageTier(
            "flash",
            "flash",
            TIER_USD_PER_TB,
            50,
            TIER_WRITE_GBPS_PER_PB,
            TIER_WATTS_PER_PB,
            TIER_PB_PER_RACK,
            TIER_EMBODIED_KG_PER_PB,
            TEST),
        new StorageTier("disk", "disk", 50, 10, 5, 2_000, 10, 3_000, TEST));
  }

  private static Assumptions assumptions(List<VolumeDiscount> discounts) {
    return new Assumptions(
        "default",
        new Lifetimes(LIFE_ACCELERATORS, LIFE_SERVERS, LIFE_NETWORK, LIFE_STORAGE, 20),
        0.05,
        2,
        1,
        100_000,
        10,
        500,
        0.01,
        discounts,
        IDLE_FRACTION,
        LOAD_FRACTION,
        RACK_UNITS,
        RESERVED_RACK_UNITS,
        TEST);
  }

  private static final List<VolumeDiscount> NO_DISCOUNTS = List.of();

  /** Graduated tiers: 2% off from the 16th unit, 5% from the 256th, 8% from the 1,024th. */
  private static final List<VolumeDiscount> DISCOUNT_TIERS =
      List.of(
          new VolumeDiscount(16, 0.02),
          new VolumeDiscount(256, 0.05),
          new VolumeDiscount(1_024, 0.08));

  /** The catalog; with a random source, every list of entries arrives shuffled. */
  private static Catalog catalog(List<VolumeDiscount> discounts, Random shuffle) {
    return new Catalog(
        Catalog.byId(shuffled(accelerators(), shuffle), Accelerator::id),
        Catalog.byId(shuffled(servers(), shuffle), ServerSpec::id),
        Catalog.byId(
            shuffled(
                List.of(
                    new ScaleUpInterconnect(
                        "xlink", "XLink", 450e9, 8, ScaleUpTopology.SWITCHED, TEST)),
                shuffle),
            ScaleUpInterconnect::id),
        Catalog.byId(shuffled(fabrics(), shuffle), Fabric::id),
        Catalog.byId(shuffled(storageTiers(), shuffle), StorageTier::id),
        Catalog.byId(shuffled(coolingTypes(), shuffle), CoolingType::id),
        Catalog.byId(shuffled(regions(), shuffle), Region::id),
        Catalog.byId(List.of(assumptions(shuffled(discounts, shuffle))), Assumptions::id));
  }

  private static Catalog catalog() {
    return catalog(NO_DISCOUNTS, null);
  }

  private static <T> List<T> shuffled(List<T> list, Random shuffle) {
    List<T> copy = new ArrayList<>(list);
    if (shuffle != null) {
      Collections.shuffle(copy, shuffle);
    }
    return copy;
  }

  // ---- Scenarios. ----

  /** What a scenario varies in these tests; everything else is the story's. */
  private record Ask(
      String acceleratorId,
      int count,
      Optional<String> serverId,
      OptionalDouble measuredWatts,
      FabricChoice fabric,
      String coolingId,
      OptionalDouble pue,
      double utilization,
      double trainingDays) {
    static Ask story() {
      return new Ask(
          "xpu",
          ACCELERATORS,
          Optional.empty(),
          OptionalDouble.empty(),
          FabricChoice.defaults(),
          "air",
          OptionalDouble.empty(),
          UTILIZATION,
          TRAINING_DAYS);
    }

    /** The same ask for another accelerator in a hall of another cooling type. */
    Ask cooled(String accelerator, String cooling) {
      return new Ask(
          accelerator,
          count,
          serverId,
          measuredWatts,
          fabric,
          cooling,
          pue,
          utilization,
          trainingDays);
    }

    Ask count(int n) {
      return new Ask(
          acceleratorId,
          n,
          serverId,
          measuredWatts,
          fabric,
          coolingId,
          pue,
          utilization,
          trainingDays);
    }

    Scenario scenario() {
      return new Scenario(
          "story",
          new ClusterSpec(
              acceleratorId,
              count,
              serverId,
              measuredWatts,
              fabric,
              Optional.of(
                  new StorageChoice(
                      "flash", STORAGE_ASKED_PB, OptionalDouble.of(STORAGE_WRITE_GBPS)))),
          new SiteSpec(
              "testland",
              coolingId,
              pue,
              OptionalDouble.empty(),
              OptionalDouble.empty(),
              OptionalDouble.empty(),
              0),
          new FinanceSpec(
              HORIZON_YEARS,
              utilization,
              OptionalDouble.empty(),
              CloudBilling.RESERVED,
              FacilityOwnership.BUILD,
              OptionalDouble.empty()),
          Optional.of(
              new TrainingRun(Optional.of("test-model"), OptionalDouble.of(1e12), trainingDays)));
    }
  }

  private static Plan plan(Ask ask) {
    return Planner.plan(ask.scenario(), catalog());
  }

  // ---- The story's expectations, derived from the constants. ----

  private static final long SERVERS = ACCELERATORS / PER_SERVER; // 8
  private static final long ENDPOINTS = SERVERS * RAILS; // 64: one 64-port switch
  private static final long TRANSCEIVERS = 2 * ENDPOINTS; // every rail link is optical
  private static final double NETWORK_WATTS = SWITCH_WATTS + TRANSCEIVERS * TRANSCEIVER_WATTS;
  private static final double NETWORK_USD =
      SWITCH_USD + ENDPOINTS * NIC_USD + TRANSCEIVERS * TRANSCEIVER_USD + ENDPOINTS * CABLE_USD;

  private static final double STORAGE_PB = STORAGE_WRITE_GBPS / TIER_WRITE_GBPS_PER_PB; // 2
  private static final double STORAGE_WATTS = STORAGE_PB * TIER_WATTS_PER_PB;
  private static final double STORAGE_USD = STORAGE_PB * 1_000 * TIER_USD_PER_TB;

  private static final double SERVER_PEAK_WATTS = PER_SERVER * ACCELERATOR_WATTS + HOST_WATTS;
  private static final double SERVERS_PEAK_WATTS =
      ACCELERATORS * ACCELERATOR_WATTS + SERVERS * HOST_WATTS; // 48 kW
  private static final double IT_PEAK_WATTS = SERVERS_PEAK_WATTS + NETWORK_WATTS + STORAGE_WATTS;
  private static final double SERVERS_AVERAGE_WATTS =
      SERVERS_PEAK_WATTS * (IDLE_FRACTION + (LOAD_FRACTION - IDLE_FRACTION) * UTILIZATION);
  private static final double IT_AVERAGE_WATTS =
      SERVERS_AVERAGE_WATTS + NETWORK_WATTS + STORAGE_WATTS;
  private static final double IT_BUSY_WATTS =
      SERVERS_PEAK_WATTS * LOAD_FRACTION + NETWORK_WATTS + STORAGE_WATTS;

  @Test
  void storyBuildsEightServersInTwoAirRacksWithOneSwitch() {
    Plan plan = plan(Ask.story());
    // 30 kW / 6 kW = 5 servers a rack by power; 36U / 4U = 9 by space: power binds.
    int serversPerRack = (int) (AIR_RACK_WATTS / SERVER_PEAK_WATTS);
    long computeRacks = (SERVERS + serversPerRack - 1) / serversPerRack;
    long racks = computeRacks + 1 + 1; // one network rack, one storage rack (2 PB at 2 PB each)

    assertEquals(SERVERS, plan.cluster().serverCount());
    assertEquals(serversPerRack, plan.cluster().serversPerRack());
    assertEquals(2, computeRacks);
    assertEquals(racks, plan.cluster().rackCount());
    assertClose(racks * M2_PER_RACK, plan.cluster().floorAreaM2());

    assertEquals("ib-400", plan.network().fabricId());
    assertEquals(Topology.RAIL_OPTIMIZED, plan.network().topology());
    assertEquals(1, plan.network().switchCount());
    assertEquals(ENDPOINTS, plan.network().endpointCount());
    assertEquals(TRANSCEIVERS, plan.network().transceiverCount());
  }

  @Test
  void storageGrowsToWriteCheckpointsAtFiftyGigabytesPerSecond() {
    Plan plan = plan(Ask.story());
    assertClose(STORAGE_ASKED_PB, plan.storage().requestedPetabytes());
    assertClose(STORAGE_PB, plan.storage().capacityPetabytes());
    assertTrue(
        plan.notes().stream().anyMatch(n -> n.startsWith("storage raised")),
        plan.notes().toString());
  }

  @Test
  void storyDrawsItsPartsAtPeakAndAtItsUtilization() {
    PowerReport power = plan(Ask.story()).power();
    assertClose(SERVERS_PEAK_WATTS, power.serversPeakWatts());
    assertClose(NETWORK_WATTS, power.networkWatts());
    assertClose(STORAGE_WATTS, power.storageWatts());
    assertClose(IT_PEAK_WATTS, power.itPeakWatts());
    assertClose(60_920, power.itPeakWatts());
    assertClose(IT_AVERAGE_WATTS, power.itAverageWatts());
    assertClose(48_920, power.itAverageWatts());
    assertClose(IT_BUSY_WATTS, power.itBusyWatts());
    assertClose(IT_PEAK_WATTS * AIR_PUE, power.facilityPeakWatts());
  }

  @Test
  void storyCostsItsPartsAndAHallSizedForItsPeak() {
    CostReport cost = plan(Ask.story()).cost();
    assertEquals(0, cost.volumeDiscountFraction(), 0.0);
    assertClose(ACCELERATORS * ACCELERATOR_USD, cost.capex().acceleratorsUsd());
    assertClose(SERVERS * SERVER_USD, cost.capex().serversUsd());
    assertClose(NETWORK_USD, cost.capex().networkUsd());
    assertClose(STORAGE_USD, cost.capex().storageUsd());
    assertClose(IT_PEAK_WATTS / 1e6 * CONSTRUCTION_USD_PER_MW, cost.capex().facilityUsd());
    assertClose(
        IT_AVERAGE_WATTS * AIR_PUE / 1e3 * HOURS_PER_YEAR * USD_PER_KWH,
        cost.opex().electricityUsdPerYear());
    double usefulHours = ACCELERATORS * HOURS_PER_YEAR * HORIZON_YEARS * UTILIZATION;
    assertClose(cost.tcoUsd() / usefulHours, cost.usdPerAcceleratorHour());
    // With no cloud price in the scenario, the catalog's rental price is the comparison.
    assertClose(ACCELERATOR_CLOUD_USD_PER_HOUR, cost.cloudUsdPerAcceleratorHour().getAsDouble());
  }

  @Test
  void storyYearOfEnergyCarbonAndWaterFollowsTheAverageDraw() {
    EnergyReport energy = plan(Ask.story()).energy();
    double itMwh = IT_AVERAGE_WATTS * HOURS_PER_YEAR / 1e6;
    assertClose(itMwh, energy.itEnergyMwhPerYear());
    assertClose(itMwh * AIR_PUE, energy.energyMwhPerYear());
    assertClose(itMwh * AIR_PUE * GRID_KG_PER_KWH, energy.emissionsTco2ePerYear());
    assertClose(itMwh * WUE_L_PER_KWH, energy.waterM3PerYear());
    // Embodied: accelerators, the servers' hosts, switches and storage.
    double acceleratorsKg = ACCELERATORS * ACCELERATOR_EMBODIED_KG;
    double serversKg = SERVERS * SERVER_EMBODIED_KG;
    double switchKg = SWITCH_EMBODIED_KG;
    double storageKg = STORAGE_PB * TIER_EMBODIED_KG_PER_PB;
    assertClose((acceleratorsKg + serversKg + switchKg + storageKg) / 1e3, energy.embodiedTco2e());
    assertClose(
        (acceleratorsKg / LIFE_ACCELERATORS
                + serversKg / LIFE_SERVERS
                + switchKg / LIFE_NETWORK
                + storageKg / LIFE_STORAGE)
            / 1e3,
        energy.embodiedTco2ePerYear());
  }

  @Test
  void thirtyDayRunUsesTheBusyDrawAndTheOwnedHourlyCost() {
    Plan plan = plan(Ask.story());
    TrainingReport run = plan.training().orElseThrow();
    double hours = TRAINING_DAYS * 24;
    assertClose(ACCELERATORS * hours, run.acceleratorHours());
    assertClose(IT_BUSY_WATTS, run.itPowerWatts());
    assertClose(IT_BUSY_WATTS * AIR_PUE * hours / 1e6, run.energyMwh());
    assertClose(run.energyMwh() * GRID_KG_PER_KWH, run.emissionsTco2e());
    assertClose(ACCELERATORS * hours * plan.cost().usdPerAcceleratorHour(), run.costUsd());
  }

  @Test
  void measuredPowerPerAcceleratorReplacesTheModelledAverage() {
    double measuredWatts = 700;
    Ask ask = Ask.story();
    Plan plan =
        plan(
            new Ask(
                ask.acceleratorId(),
                ask.count(),
                ask.serverId(),
                OptionalDouble.of(measuredWatts),
                ask.fabric(),
                ask.coolingId(),
                ask.pue(),
                ask.utilization(),
                ask.trainingDays()));
    assertTrue(plan.power().measuredAverage());
    assertClose(ACCELERATORS * measuredWatts, plan.power().itAverageWatts());
    assertClose(ACCELERATORS * measuredWatts, plan.training().orElseThrow().itPowerWatts());
    assertClose(IT_PEAK_WATTS, plan.power().itPeakWatts());
  }

  @Test
  void scenarioPueOutsideTheCoolingRangeIsUsedAndNoted() {
    Ask ask = Ask.story();
    Plan plan =
        plan(
            new Ask(
                ask.acceleratorId(),
                ask.count(),
                ask.serverId(),
                ask.measuredWatts(),
                ask.fabric(),
                ask.coolingId(),
                OptionalDouble.of(1.9),
                ask.utilization(),
                ask.trainingDays()));
    assertEquals(1.9, plan.site().pue(), 0.0);
    assertTrue(plan.site().pueFromScenario());
    assertClose(IT_PEAK_WATTS * 1.9, plan.power().facilityPeakWatts());
    assertTrue(
        plan.notes().stream().anyMatch(n -> n.startsWith("PUE 1.9")), plan.notes().toString());
  }

  @Test
  void namedFabricFasterThanTheServersNicsIsUsedAndNoted() {
    Ask ask = Ask.story();
    Plan plan =
        plan(
            new Ask(
                ask.acceleratorId(),
                ask.count(),
                ask.serverId(),
                ask.measuredWatts(),
                new FabricChoice(Optional.of("ib-800"), Optional.of(Topology.FAT_TREE), 1.0),
                ask.coolingId(),
                ask.pue(),
                ask.utilization(),
                ask.trainingDays()));
    assertEquals("ib-800", plan.network().fabricId());
    assertEquals(Topology.FAT_TREE, plan.network().topology());
    assertTrue(
        plan.notes().stream().anyMatch(n -> n.contains("slower speed")), plan.notes().toString());
  }

  @Test
  void serverHoldingAnotherAcceleratorIsInfeasibleOnTheClusterServer() {
    Ask ask = Ask.story();
    Ask wrongServer =
        new Ask(
            ask.acceleratorId(),
            ask.count(),
            Optional.of("rented-box"),
            ask.measuredWatts(),
            ask.fabric(),
            ask.coolingId(),
            ask.pue(),
            ask.utilization(),
            ask.trainingDays());
    InfeasibleScenarioException e =
        assertThrows(InfeasibleScenarioException.class, () -> plan(wrongServer));
    assertEquals("cluster.server", e.field());
  }

  @Test
  void liquidOnlyServerInAnAirHallIsInfeasibleOnTheSiteCooling() {
    Ask ask = Ask.story();
    Ask hot = ask.cooled("hot-xpu", "air");
    InfeasibleScenarioException e =
        assertThrows(InfeasibleScenarioException.class, () -> plan(hot));
    assertEquals("site.cooling", e.field());
    Ask cooled = ask.cooled("hot-xpu", "liquid");
    assertEquals(1.15, plan(cooled).site().pue(), 0.0);
  }

  @Test
  void autoCoolingIsAirWhereTheServerAllowsItAndLiquidWhereItMust() {
    Ask ask = Ask.story();
    Ask story = ask.cooled(ask.acceleratorId(), SiteSpec.COOLING_AUTO);
    Plan air = plan(story);
    assertEquals("air", air.site().coolingId());
    assertTrue(
        air.notes().stream().noneMatch(n -> n.contains("site.cooling")), air.notes()::toString);
    Ask hot = ask.cooled("hot-xpu", SiteSpec.COOLING_AUTO);
    Plan liquid = plan(hot);
    assertEquals("liquid", liquid.site().coolingId());
    assertTrue(
        liquid.notes().stream()
            .anyMatch(
                n ->
                    n.startsWith("site.cooling not given: 'liquid'")
                        && n.contains("requires liquid")),
        liquid.notes()::toString);
  }

  @Test
  void serverFasterThanEveryFabricIsInfeasibleOnTheClusterFabric() {
    Ask ask = Ask.story();
    Ask fast =
        new Ask(
            ask.acceleratorId(),
            ask.count(),
            Optional.of("fast-box"),
            ask.measuredWatts(),
            ask.fabric(),
            ask.coolingId(),
            ask.pue(),
            ask.utilization(),
            ask.trainingDays());
    InfeasibleScenarioException e =
        assertThrows(InfeasibleScenarioException.class, () -> plan(fast));
    assertEquals("cluster.fabric", e.field());
  }

  @Test
  void cloudOnlyAcceleratorWithoutARentalPriceIsInfeasibleOnTheCloudPrice() {
    Ask ask = Ask.story();
    Ask rented =
        new Ask(
            "rented-xpu",
            ask.count(),
            ask.serverId(),
            ask.measuredWatts(),
            ask.fabric(),
            ask.coolingId(),
            ask.pue(),
            ask.utilization(),
            ask.trainingDays());
    InfeasibleScenarioException e =
        assertThrows(InfeasibleScenarioException.class, () -> plan(rented));
    assertEquals("finance.cloudUsdPerAcceleratorHour", e.field());
  }

  @Test
  void cloudOnlyAcceleratorAtAGivenRentHasNoCapex() {
    double rent = 3.0;
    Scenario base =
        new Ask(
                "rented-xpu",
                ACCELERATORS,
                Optional.empty(),
                OptionalDouble.empty(),
                FabricChoice.defaults(),
                "air",
                OptionalDouble.empty(),
                UTILIZATION,
                TRAINING_DAYS)
            .scenario();
    Scenario rented =
        new Scenario(
            base.name(),
            base.cluster(),
            base.site(),
            new FinanceSpec(
                HORIZON_YEARS,
                UTILIZATION,
                OptionalDouble.of(rent),
                CloudBilling.ON_DEMAND,
                FacilityOwnership.BUILD,
                OptionalDouble.empty()),
            base.training());
    Plan plan = Planner.plan(rented, catalog());
    assertTrue(plan.cost().cloudOnly());
    assertEquals(0, plan.cost().capexUsd(), 0.0);
    assertClose(rent, plan.cost().usdPerAcceleratorHour());
    assertTrue(plan.notes().stream().anyMatch(n -> n.contains("cloud only")));
  }

  // ---- Properties (STYLE rule 17). ----

  /** A random but valid variation of the story. */
  private static Ask randomAsk(Random random) {
    Ask story = Ask.story();
    int count = 1 + random.nextInt(2_000);
    double utilization = 0.05 + 0.95 * random.nextDouble();
    OptionalDouble pue =
        random.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(1 + random.nextDouble());
    String cooling = random.nextBoolean() ? "air" : "liquid";
    double days = 1 + random.nextInt(90);
    return new Ask(
        story.acceleratorId(),
        count,
        story.serverId(),
        story.measuredWatts(),
        story.fabric(),
        cooling,
        pue,
        utilization,
        days);
  }

  @Test
  void energyIsTheSumOfEachPartsPowerTimesTime() {
    Random random = new Random(42L);
    for (int i = 0; i < 60; i++) {
      Ask ask = randomAsk(random);
      Plan plan = plan(ask);
      PowerReport power = plan.power();
      double pue = plan.site().pue();
      double averageParts =
          power.serversAverageWatts() + power.networkWatts() + power.storageWatts();
      assertClose(averageParts * pue * HOURS_PER_YEAR / 1e6, plan.energy().energyMwhPerYear());
      double busyParts =
          power.serversPeakWatts() * LOAD_FRACTION + power.networkWatts() + power.storageWatts();
      double hours = ask.trainingDays() * 24;
      assertClose(busyParts * pue * hours / 1e6, plan.training().orElseThrow().energyMwh());
    }
  }

  @Test
  void facilityPowerIsItPowerTimesPue() {
    Random random = new Random(15L);
    for (int i = 0; i < 60; i++) {
      Plan plan = plan(randomAsk(random));
      double pue = plan.site().pue();
      assertClose(plan.power().itPeakWatts() * pue, plan.power().facilityPeakWatts());
      assertClose(plan.power().itAverageWatts() * pue, plan.power().facilityAverageWatts());
      assertClose(plan.energy().itEnergyMwhPerYear() * pue, plan.energy().energyMwhPerYear());
    }
  }

  @Test
  void sameScenarioAndCatalogGiveEqualPlans() {
    Random random = new Random(7L);
    for (int i = 0; i < 40; i++) {
      Ask ask = randomAsk(random);
      Plan first = Planner.plan(ask.scenario(), catalog());
      Plan second = Planner.plan(ask.scenario(), catalog());
      assertEquals(first, second);
      assertEquals(first.hashCode(), second.hashCode());
    }
  }

  @Test
  void moreAcceleratorsNeverLowerCapex() {
    Random random = new Random(11L);
    int count = 0;
    double previousCapex = 0;
    for (int i = 0; i < 120; i++) {
      count += 1 + random.nextInt(40);
      double capex = plan(Ask.story().count(count)).cost().capexUsd();
      assertTrue(capex >= previousCapex, count + " accelerators: " + capex + " < " + previousCapex);
      previousCapex = capex;
    }
  }

  @Test
  void capexNeverFallsAsAcceleratorsGrowAcrossDiscountTiers() {
    // Were the whole order priced at the highest tier it reaches, 256 XPUs (32 servers either
    // way) would cost 256 × $19,000 = $4.864M against 255 × $19,600 = $4.998M for one fewer.
    Catalog discounted = catalog(DISCOUNT_TIERS, null);
    TreeSet<Integer> counts = new TreeSet<>();
    for (VolumeDiscount tier : DISCOUNT_TIERS) {
      for (int n = tier.minUnits() - 1; n <= tier.minUnits() + 1; n++) {
        counts.add(n);
      }
    }
    Random random = new Random(29L);
    for (int i = 0; i < 60; i++) {
      counts.add(1 + random.nextInt(2_000));
    }
    int previousCount = 0;
    double previousCapex = 0;
    double previousAccelerators = 0;
    for (int count : counts) {
      CostReport cost = Planner.plan(Ask.story().count(count).scenario(), discounted).cost();
      assertTrue(
          cost.capexUsd() >= previousCapex,
          count
              + " accelerators: "
              + cost.capexUsd()
              + " < "
              + previousCapex
              + " at "
              + previousCount);
      assertTrue(
          cost.capex().acceleratorsUsd() > previousAccelerators,
          count
              + " accelerators: "
              + cost.capex().acceleratorsUsd()
              + " <= "
              + previousAccelerators
              + " at "
              + previousCount);
      assertTrue(cost.volumeDiscountFraction() < 0.08, count + " accelerators");
      previousCount = count;
      previousCapex = cost.capexUsd();
      previousAccelerators = cost.capex().acceleratorsUsd();
    }
  }

  @Test
  void planDoesNotDependOnTheOrderOfCatalogEntries() {
    List<VolumeDiscount> tiers = DISCOUNT_TIERS;
    Random random = new Random(3L);
    Catalog ordered = catalog(tiers, null);
    for (int i = 0; i < 20; i++) {
      Ask ask = randomAsk(random);
      Catalog shuffled = catalog(tiers, new Random(random.nextLong()));
      assertEquals(Planner.plan(ask.scenario(), ordered), Planner.plan(ask.scenario(), shuffled));
    }
    // The default fabric is chosen by speed, then InfiniBand, then id: never by list order.
    assertEquals("ib-400", Planner.plan(Ask.story().scenario(), ordered).network().fabricId());
    assertFalse(
        Planner.plan(Ask.story().scenario(), ordered).notes().stream()
            .anyMatch(n -> n.contains("slower speed")));
  }
}
