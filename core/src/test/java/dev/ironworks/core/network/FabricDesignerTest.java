package dev.ironworks.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Fabric;
import dev.ironworks.core.catalog.FabricKind;
import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.Topology;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Fat-tree, rail-optimized and dragonfly closed forms (DESIGN.md, Fabric; Al-Fares et al. 2008). */
class FabricDesignerTest {
  private static final double PORT_GBPS = 400;
  private static final double SWITCH_WATTS = 1_500;
  private static final double SWITCH_USD = 30_000;
  private static final double NIC_USD = 1_200;
  private static final double TRANSCEIVER_WATTS = 15;
  private static final double TRANSCEIVER_USD = 800;
  private static final double CABLE_USD = 100;
  private static final double SWITCH_KG_CO2E = 900;
  private static final double NON_BLOCKING = 1.0;

  /** Dollar, watt and gigabit figures are sums of a few thousand exact products: 1e-6 is ample. */
  private static final double EXACT = 1e-6;

  static Fabric fabric(int radix) {
    return new Fabric(
        "ib-" + radix,
        "test fabric, radix " + radix,
        FabricKind.INFINIBAND,
        PORT_GBPS,
        "switch",
        radix,
        SWITCH_WATTS,
        SWITCH_USD,
        1,
        SWITCH_KG_CO2E,
        "nic",
        25,
        NIC_USD,
        "osfp",
        TRANSCEIVER_WATTS,
        TRANSCEIVER_USD,
        CABLE_USD,
        130,
        new Provenance("estimate: test", "2025-01", ""));
  }

  @Test
  void twoNonBlockingTiersHoldHalfRadixSquaredEndpointsOnKLeavesAndHalfKSpines() {
    int k = 64;
    long endpoints = (long) k * k / 2; // 2,048
    FabricBom bom = FabricDesigner.design(fabric(k), Topology.FAT_TREE, NON_BLOCKING, endpoints, 1);

    assertEquals(2, bom.tiers());
    assertEquals(endpoints, bom.endpointCount());
    assertEquals(k, bom.leafSwitchCount());
    assertEquals(k / 2, bom.spineSwitchCount());
    assertEquals(0, bom.coreSwitchCount());
    // Every leaf sends k/2 uplinks to the spines; endpoint links stay in the rack (copper).
    long leafUplinks = (long) k * (k / 2);
    assertEquals(endpoints + leafUplinks, bom.linkCount());
    assertEquals(leafUplinks, bom.opticalLinkCount());
  }

  @Test
  void oneEndpointMoreThanTwoTiersHoldNeedsAThirdTier() {
    int k = 64;
    long endpoints = (long) k * k / 2 + 1;
    FabricBom bom = FabricDesigner.design(fabric(k), Topology.FAT_TREE, NON_BLOCKING, endpoints, 1);
    assertEquals(3, bom.tiers());
    assertTrue(bom.coreSwitchCount() > 0);
  }

  @Test
  void threeNonBlockingTiersHoldRadixCubedOverFourEndpointsWithFiveRadixSquaredOverFourSwitches() {
    int k = 64;
    long endpoints = (long) k * k * k / 4;
    FabricBom bom = FabricDesigner.design(fabric(k), Topology.FAT_TREE, NON_BLOCKING, endpoints, 1);

    assertEquals(65_536, endpoints);
    assertEquals(3, bom.tiers());
    assertEquals(5L * k * k / 4, bom.switchCount());
    assertEquals(5_120, bom.switchCount());
    // k pods of k/2 leaves and k/2 aggregation switches; (k/2)² core switches.
    assertEquals((long) k * k / 2, bom.leafSwitchCount());
    assertEquals((long) k * k / 2, bom.spineSwitchCount());
    assertEquals((long) k * k / 4, bom.coreSwitchCount());
  }

  @Test
  void endpointsBeyondThreeTiersAreInfeasibleOnTheClusterFabric() {
    int k = 64;
    long tooMany = (long) k * k * k / 4 + 1;
    InfeasibleScenarioException e =
        assertThrows(
            InfeasibleScenarioException.class,
            () -> FabricDesigner.design(fabric(k), Topology.FAT_TREE, NON_BLOCKING, tooMany, 1));
    assertEquals("cluster.fabric", e.field());
    assertTrue(e.getMessage().contains("65536"), e.getMessage());
  }

  @Test
  void aSingleServerNeedsNoSwitches() {
    FabricBom bom = FabricDesigner.design(fabric(64), Topology.RAIL_OPTIMIZED, NON_BLOCKING, 1, 8);
    assertEquals(0, bom.tiers());
    assertEquals(0, bom.switchCount());
    assertEquals(0, bom.linkCount());
    assertEquals(0, bom.transceiverCount());
    assertEquals(0, bom.bisectionBandwidthGbps(), 0.0);
    assertEquals(0, bom.powerWatts(), 0.0);
  }

  @Test
  void endpointsThatFitOneSwitchUseOneSwitch() {
    int k = 64;
    FabricBom bom = FabricDesigner.design(fabric(k), Topology.FAT_TREE, NON_BLOCKING, k, 1);
    assertEquals(1, bom.tiers());
    assertEquals(1, bom.switchCount());
    assertEquals(k, bom.linkCount());
  }

  @Test
  void railOptimizedGivesEachRailItsOwnLeavesForServersTimesRailsEndpoints() {
    // 100 eight-rail servers on radix 64: a leaf takes k/2 = 32 servers of one rail, so each of
    // the 8 rails needs ⌈100 / 32⌉ = 4 leaves; a plain fat-tree packs 800 ports into 25.
    int k = 64;
    int rails = 8;
    long servers = 100;
    long leavesPerRail = (servers + k / 2 - 1) / (k / 2);
    FabricBom rail =
        FabricDesigner.design(fabric(k), Topology.RAIL_OPTIMIZED, NON_BLOCKING, servers, rails);
    FabricBom fatTree =
        FabricDesigner.design(fabric(k), Topology.FAT_TREE, NON_BLOCKING, servers, rails);

    assertEquals(servers * rails, rail.endpointCount());
    assertEquals(servers * rails, rail.nicCount());
    assertEquals(rails * leavesPerRail, rail.leafSwitchCount());
    assertEquals(32, rail.leafSwitchCount());
    assertEquals(25, fatTree.leafSwitchCount());
    // Spines take the leaves' k/2 uplinks each: 32 × 32 / 64.
    assertEquals(16, rail.spineSwitchCount());
    // Rail leaves sit outside the compute racks: endpoint links are optical too.
    long leafUplinks = rail.leafSwitchCount() * (k / 2);
    assertEquals(servers * rails + leafUplinks, rail.opticalLinkCount());
  }

  @Test
  void threeToOneOversubscriptionCutsTheSpines() {
    // Radix 64 at 3:1: a leaf gives 48 ports down and 16 up. 1,536 endpoints need 32 leaves
    // and 32 × 16 / 64 = 8 spines, against 48 leaves and 48 × 32 / 64 = 24 spines non-blocking.
    int k = 64;
    long endpoints = 1_536;
    FabricBom oversubscribed =
        FabricDesigner.design(fabric(k), Topology.FAT_TREE, 3.0, endpoints, 1);
    FabricBom nonBlocking =
        FabricDesigner.design(fabric(k), Topology.FAT_TREE, NON_BLOCKING, endpoints, 1);

    assertEquals(32, oversubscribed.leafSwitchCount());
    assertEquals(8, oversubscribed.spineSwitchCount());
    assertEquals(48, nonBlocking.leafSwitchCount());
    assertEquals(24, nonBlocking.spineSwitchCount());
    assertEquals(endpoints * PORT_GBPS / 2 / 3.0, oversubscribed.bisectionBandwidthGbps(), EXACT);
  }

  @Test
  void balancedDragonflyCountsRoutersLocalAndGlobalLinks() {
    // Radix 64 (Kim et al. 2008, balanced): p = k/4 = 16 endpoints, a = k/2 = 32 routers per
    // group, h = k/4 = 16 global ports per router. 1,024 endpoints → 64 routers in 2 groups;
    // each group is all-to-all (32·31/2 local links); every router has h global links, each
    // shared by two routers.
    int k = 64;
    long endpoints = 1_024;
    int p = k / 4;
    int a = k / 2;
    int h = k / 4;
    long routers = endpoints / p;
    long groups = routers / a;
    long localLinks = groups * a * (a - 1) / 2;
    long globalLinks = routers * h / 2;
    FabricBom bom =
        FabricDesigner.design(fabric(k), Topology.DRAGONFLY, NON_BLOCKING, endpoints, 1);

    assertEquals(2, bom.tiers());
    assertEquals(routers, bom.leafSwitchCount());
    assertEquals(64, bom.switchCount());
    assertEquals(endpoints + localLinks + globalLinks, bom.linkCount());
    assertEquals(1_024 + 992 + 512, bom.linkCount());
    assertEquals(globalLinks, bom.opticalLinkCount());
  }

  @Test
  void dragonflyOfOneGroupHasNoGlobalLinks() {
    int k = 64;
    long endpoints = 256; // 16 routers, one group
    FabricBom bom =
        FabricDesigner.design(fabric(k), Topology.DRAGONFLY, NON_BLOCKING, endpoints, 1);
    assertEquals(1, bom.tiers());
    assertEquals(16, bom.switchCount());
    assertEquals(endpoints + 16 * 15 / 2, bom.linkCount());
    assertEquals(0, bom.opticalLinkCount());
  }

  @Test
  void dragonflyBeyondAhPlusOneGroupsIsInfeasible() {
    // At most a·h + 1 = 513 groups of 32 routers of 16 endpoints = 262,656 endpoints.
    int k = 64;
    long max = (32L * 16 + 1) * 32 * 16;
    FabricBom largest = FabricDesigner.design(fabric(k), Topology.DRAGONFLY, NON_BLOCKING, max, 1);
    assertEquals(max / 16, largest.switchCount());
    InfeasibleScenarioException e =
        assertThrows(
            InfeasibleScenarioException.class,
            () -> FabricDesigner.design(fabric(k), Topology.DRAGONFLY, NON_BLOCKING, max + 1, 1));
    assertEquals("cluster.fabric", e.field());
  }

  @Test
  void partsArePricedAndPoweredPerUnit() {
    int k = 64;
    FabricBom bom = FabricDesigner.design(fabric(k), Topology.RAIL_OPTIMIZED, NON_BLOCKING, 100, 8);
    assertEquals(2 * bom.opticalLinkCount(), bom.transceiverCount());
    assertEquals(bom.linkCount(), bom.cableCount());
    assertEquals(bom.switchCount() * SWITCH_WATTS, bom.switchPowerWatts(), EXACT);
    assertEquals(bom.transceiverCount() * TRANSCEIVER_WATTS, bom.transceiverPowerWatts(), EXACT);
    assertEquals(bom.switchPowerWatts() + bom.transceiverPowerWatts(), bom.powerWatts(), EXACT);
    assertEquals(
        bom.switchCount() * SWITCH_USD
            + bom.nicCount() * NIC_USD
            + bom.transceiverCount() * TRANSCEIVER_USD
            + bom.cableCount() * CABLE_USD,
        bom.capexUsd(),
        EXACT);
    assertEquals(bom.switchCount() * SWITCH_KG_CO2E, bom.embodiedKgCo2e(), EXACT);
  }

  /** Topology, radix and oversubscription triples the properties sweep. */
  private record Shape(Topology topology, int radix, double oversubscription, int portsPerServer) {
    /** Largest server count that surely fits: k³/4 endpoints, the non-blocking three-tier cap. */
    long maxServers() {
      return (long) radix * radix * radix / 4 / portsPerServer;
    }
  }

  private static final Shape[] SHAPES = {
    new Shape(Topology.FAT_TREE, 64, 1.0, 1),
    new Shape(Topology.FAT_TREE, 32, 3.0, 1),
    new Shape(Topology.FAT_TREE, 64, 2.0, 8),
    new Shape(Topology.RAIL_OPTIMIZED, 64, 1.0, 8),
    new Shape(Topology.RAIL_OPTIMIZED, 16, 1.0, 4),
    new Shape(Topology.DRAGONFLY, 64, 1.0, 1),
    new Shape(Topology.DRAGONFLY, 16, 1.0, 8),
  };

  @Test
  void switchCountNeverFallsAsEndpointsGrow() {
    Random random = new Random(20_240_601L);
    for (Shape shape : SHAPES) {
      long servers = 0;
      long previousSwitches = 0;
      // Sorted random sizes from 1 up to the shape's largest: 25 steps per shape.
      for (int i = 0; i < 25; i++) {
        long step = 1 + (long) (random.nextDouble() * shape.maxServers() / 25);
        servers = Math.min(shape.maxServers(), servers + step);
        FabricBom bom =
            FabricDesigner.design(
                fabric(shape.radix()),
                shape.topology(),
                shape.oversubscription(),
                servers,
                shape.portsPerServer());
        assertTrue(
            bom.switchCount() >= previousSwitches,
            shape + " at " + servers + " servers: " + bom.switchCount() + " < " + previousSwitches);
        previousSwitches = bom.switchCount();
      }
    }
  }

  @Test
  void bisectionIsHalfTheEndpointBandwidthOverOversubscription() {
    Random random = new Random(7L);
    for (int i = 0; i < 140; i++) {
      Shape shape = SHAPES[i % SHAPES.length];
      long servers = 2 + (long) (random.nextDouble() * (shape.maxServers() - 2));
      FabricBom bom =
          FabricDesigner.design(
              fabric(shape.radix()),
              shape.topology(),
              shape.oversubscription(),
              servers,
              shape.portsPerServer());
      double expected = bom.endpointCount() * PORT_GBPS / 2 / shape.oversubscription();
      // Relative 1e-12: one product and two divisions of exact integers.
      assertEquals(expected, bom.bisectionBandwidthGbps(), expected * 1e-12, shape.toString());
      assertEquals(servers * shape.portsPerServer(), bom.endpointCount());
      assertEquals(2 * bom.opticalLinkCount(), bom.transceiverCount(), shape.toString());
    }
  }
}
