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

/**
 * Fat-tree, rail-optimized and dragonfly closed forms (docs/architecture.md, Fabric; Al-Fares et
 * al. 2008; Kim et al. 2008).
 */
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
  void theAdviceRaisesTheOversubscriptionOnlyWhereThatWouldHoldTheEndpoints() {
    int k = 64;
    // 100,000 single-port servers: three tiers hold k·(k/2)·d endpoints with d ports down a leaf,
    // so d = ⌈100,000 / 2,048⌉ = 49 is needed, o ≥ 49/15 = 3.2667 → 3.267.
    InfeasibleScenarioException fits =
        assertThrows(
            InfeasibleScenarioException.class,
            () -> FabricDesigner.design(fabric(k), Topology.FAT_TREE, NON_BLOCKING, 100_000, 1));
    assertTrue(
        fits.getMessage().contains("raise cluster.fabric.oversubscription to 3.267 or more"),
        fits.getMessage());
    assertTrue(fits.getMessage().contains("49 of a leaf's 64 ports down"), fits.getMessage());
    // That figure is enough: the fabric is then built.
    assertEquals(3, FabricDesigner.design(fabric(k), Topology.FAT_TREE, 3.267, 100_000, 1).tiers());

    // Already at the most allowed: no advice to raise it.
    InfeasibleScenarioException atMost =
        assertThrows(
            InfeasibleScenarioException.class,
            () ->
                FabricDesigner.design(
                    fabric(k),
                    Topology.FAT_TREE,
                    FabricDesigner.MAX_OVERSUBSCRIPTION,
                    1_000_000,
                    1));
    assertTrue(!atMost.getMessage().contains("raise"), atMost.getMessage());
    assertTrue(atMost.getMessage().contains("already the most allowed, 64"), atMost.getMessage());

    // Below it, but even 64 would not do (63 down: 129,024 endpoints at most).
    InfeasibleScenarioException beyond =
        assertThrows(
            InfeasibleScenarioException.class,
            () -> FabricDesigner.design(fabric(k), Topology.FAT_TREE, 2, 1_000_000, 1));
    assertTrue(!beyond.getMessage().contains("raise"), beyond.getMessage());
    assertTrue(
        beyond
            .getMessage()
            .contains("even the most oversubscription allowed, 64, holds at most 129024"),
        beyond.getMessage());
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
    // Bisection: half of 1,536 × 400 Gb/s, times up/down = 16/48, exactly 1/3 here.
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

  /**
   * Topology, radix, oversubscription and ports per server the properties sweep, with the leaf's
   * ports down to endpoints worked by hand: d = ⌊k·o/(1+o)⌋, clamped to [1, k − 1] (unused by a
   * dragonfly, which is sized by its radix alone).
   */
  private record Shape(
      Topology topology, int radix, double oversubscription, int portsPerServer, int down) {
    /** Largest server count that surely fits: k³/4 endpoints, the non-blocking three-tier cap. */
    long maxServers() {
      return (long) radix * radix * radix / 4 / portsPerServer;
    }

    /** Leaf ports up to the spines: the rest of the radix. */
    int up() {
      return radix - down;
    }
  }

  private static final Shape[] SHAPES = {
    new Shape(Topology.FAT_TREE, 64, 1.0, 1, 32), // 64 · 1/2 = 32 down, 32 up
    new Shape(Topology.FAT_TREE, 32, 3.0, 1, 24), // 32 · 3/4 = 24 down, 8 up
    new Shape(Topology.FAT_TREE, 64, 2.0, 8, 42), // ⌊64 · 2/3⌋ = ⌊42.67⌋ = 42 down, 22 up
    new Shape(Topology.RAIL_OPTIMIZED, 64, 1.0, 8, 32),
    new Shape(Topology.RAIL_OPTIMIZED, 16, 1.0, 4, 8),
    new Shape(Topology.RAIL_OPTIMIZED, 64, 2.0, 8, 42), // as the 2:1 fat-tree
    new Shape(Topology.DRAGONFLY, 64, 1.0, 1, 0),
    new Shape(Topology.DRAGONFLY, 16, 1.0, 8, 0),
  };

  @Test
  void shapesHandWorkedDownPortsMatchTheDesigner() {
    for (Shape shape : SHAPES) {
      if (shape.topology() != Topology.DRAGONFLY) {
        assertEquals(
            shape.down(),
            FabricDesigner.downPorts(shape.radix(), shape.oversubscription()),
            shape.toString());
      }
    }
  }

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

  /** Relative 1e-12: a few products and divisions of exact integers. */
  private static void assertBisection(double expected, FabricBom bom, String message) {
    assertEquals(expected, bom.bisectionBandwidthGbps(), expected * 1e-12, message);
  }

  @Test
  void treeBisectionIsHalfTheEndpointBandwidthTimesTheLeavesUpOverDown() {
    // Fat-trees and rail-optimized fabrics of two or three tiers: the spines (and core) carry
    // what the leaves send up, up/down of what they take in from their endpoints (never more
    // than all of it).
    Random random = new Random(7L);
    int checked = 0;
    for (int i = 0; checked < 100; i++) {
      Shape shape = SHAPES[i % SHAPES.length];
      if (shape.topology() == Topology.DRAGONFLY) {
        continue;
      }
      // More endpoints than one switch holds, so at least two tiers.
      long minServers = shape.radix() / shape.portsPerServer() + 1;
      long servers = minServers + (long) (random.nextDouble() * (shape.maxServers() - minServers));
      FabricBom bom =
          FabricDesigner.design(
              fabric(shape.radix()),
              shape.topology(),
              shape.oversubscription(),
              servers,
              shape.portsPerServer());
      assertTrue(bom.tiers() >= 2, shape + " at " + servers + " servers");
      double upOverDown = Math.min(1.0, (double) shape.up() / shape.down());
      double expected = bom.endpointCount() * PORT_GBPS / 2 * upOverDown;
      assertBisection(expected, bom, shape + " at " + servers + " servers");
      assertEquals(servers * shape.portsPerServer(), bom.endpointCount());
      assertEquals(2 * bom.opticalLinkCount(), bom.transceiverCount(), shape.toString());
      checked++;
    }
  }

  @Test
  void twoToOneTreeBisectionTakesTheRealTwentyTwoOverFortyTwoSplitNotOneHalf() {
    // Radix 64 at 2:1: d = ⌊64 · 2/3⌋ = ⌊42.67⌋ = 42 ports down and u = 64 − 42 = 22 up, so the
    // leaves pass 22/42 ≈ 0.524 of their endpoints' bandwidth up, a little more than the
    // nominal 1/2.
    int k = 64;
    double twoToOne = 2.0;
    int down = 42;
    int up = k - down;
    assertEquals(22, up);
    assertEquals(down, FabricDesigner.downPorts(k, twoToOne));

    // Two tiers: 420 endpoints on 420 / 42 = 10 full leaves.
    // 420 × 400 Gb/s / 2 = 84,000 Gb/s; × 22/42 = 44,000 Gb/s (1/2 would give 42,000).
    long twoTierEndpoints = 10L * down;
    FabricBom twoTier =
        FabricDesigner.design(fabric(k), Topology.FAT_TREE, twoToOne, twoTierEndpoints, 1);
    assertEquals(2, twoTier.tiers());
    assertEquals(10, twoTier.leafSwitchCount());
    double twoTierExpected = twoTierEndpoints * PORT_GBPS / 2 * up / down;
    assertEquals(44_000, twoTierExpected, EXACT);
    assertBisection(twoTierExpected, twoTier, "420 endpoints at 2:1");

    // Three tiers: 4,200 endpoints on 100 leaves, more than k = 64 leaves two tiers allow.
    // 4,200 × 400 / 2 = 840,000 Gb/s; × 22/42 = 440,000 Gb/s.
    long threeTierEndpoints = 100L * down;
    FabricBom threeTier =
        FabricDesigner.design(fabric(k), Topology.FAT_TREE, twoToOne, threeTierEndpoints, 1);
    assertEquals(3, threeTier.tiers());
    double threeTierExpected = threeTierEndpoints * PORT_GBPS / 2 * up / down;
    assertEquals(440_000, threeTierExpected, EXACT);
    assertBisection(threeTierExpected, threeTier, "4,200 endpoints at 2:1");

    // Rail-optimized: 100 eight-rail servers, 8 × ⌈100 / 42⌉ = 24 leaves, two tiers.
    // 800 × 400 / 2 = 160,000 Gb/s; × 22/42 = 83,809.52 Gb/s.
    long servers = 100;
    int rails = 8;
    FabricBom rail =
        FabricDesigner.design(fabric(k), Topology.RAIL_OPTIMIZED, twoToOne, servers, rails);
    assertEquals(2, rail.tiers());
    assertEquals(24, rail.leafSwitchCount());
    double railExpected = servers * rails * PORT_GBPS / 2 * up / down;
    assertEquals(160_000.0 * 22 / 42, railExpected, EXACT);
    assertBisection(railExpected, rail, "100 eight-rail servers at 2:1");
  }

  @Test
  void oneSwitchIsNonBlockingWhateverTheOversubscription() {
    // Radix 64 at 3:1 with 48 endpoints: all fit one switch, which switches every port at full
    // speed: 48 × 400 Gb/s / 2 = 9,600 Gb/s, not the 3,200 Gb/s a 3:1 tree would give.
    int k = 64;
    long endpoints = 48;
    FabricBom bom = FabricDesigner.design(fabric(k), Topology.FAT_TREE, 3.0, endpoints, 1);
    assertEquals(1, bom.tiers());
    assertEquals(1, bom.switchCount());
    assertBisection(endpoints * PORT_GBPS / 2, bom, "48 endpoints at 3:1");
    assertEquals(9_600, bom.bisectionBandwidthGbps(), EXACT);
    // Six eight-rail servers, rail-optimized at 4:1: the same 48 ports on one switch.
    FabricBom rail = FabricDesigner.design(fabric(k), Topology.RAIL_OPTIMIZED, 4.0, 6, 8);
    assertEquals(1, rail.tiers());
    assertEquals(9_600, rail.bisectionBandwidthGbps(), EXACT);
  }

  @Test
  void oneSwitchBisectionIsHalfTheEndpointBandwidthAtAnyOversubscription() {
    Random random = new Random(19L);
    int checked = 0;
    for (int i = 0; checked < 60; i++) {
      Shape shape = SHAPES[i % SHAPES.length];
      if (shape.topology() == Topology.DRAGONFLY) {
        continue;
      }
      // From 2 servers up to as many as one switch's k ports take, at 1:1 to 8:1.
      long maxServers = shape.radix() / shape.portsPerServer();
      long servers = 2 + (long) (random.nextDouble() * (maxServers - 1));
      double oversubscription = 1 + 7 * random.nextDouble();
      FabricBom bom =
          FabricDesigner.design(
              fabric(shape.radix()),
              shape.topology(),
              oversubscription,
              servers,
              shape.portsPerServer());
      String message = shape + " at " + servers + " servers, " + oversubscription + ":1";
      assertEquals(1, bom.tiers(), message);
      assertBisection(bom.endpointCount() * PORT_GBPS / 2, bom, message);
      checked++;
    }
  }

  @Test
  void dragonflyOfOneGroupCutsItsAllToAllRoutersInHalf() {
    // Radix 64: p = k/4 = 16 endpoints per router, a = k/2 = 32 routers per group. Inside one
    // group every pair of routers shares one local link, so a cut of r routers into ⌊r/2⌋ and
    // ⌈r/2⌉ crosses ⌊r/2⌋ · ⌈r/2⌉ links, whatever the oversubscription asked for.
    int k = 64;
    int p = k / 4;
    for (double oversubscription : new double[] {NON_BLOCKING, 2.0, 5.0}) {
      // 256 endpoints → 16 routers: 8 · 8 = 64 links × 400 Gb/s = 25,600 Gb/s, below half the
      // endpoints' 256 × 400 / 2 = 51,200 Gb/s.
      long evenEndpoints = 256;
      long evenRouters = evenEndpoints / p;
      FabricBom even =
          FabricDesigner.design(fabric(k), Topology.DRAGONFLY, oversubscription, evenEndpoints, 1);
      assertEquals(1, even.tiers());
      assertEquals(evenRouters, even.switchCount());
      double evenExpected = (evenRouters / 2) * (evenRouters / 2) * PORT_GBPS;
      assertEquals(25_600, evenExpected, EXACT);
      assertBisection(evenExpected, even, "16 routers at " + oversubscription + ":1");

      // 272 endpoints → 17 routers: 8 · 9 = 72 links × 400 Gb/s = 28,800 Gb/s, below
      // 272 × 400 / 2 = 54,400 Gb/s.
      long oddEndpoints = 272;
      long oddRouters = oddEndpoints / p;
      FabricBom odd =
          FabricDesigner.design(fabric(k), Topology.DRAGONFLY, oversubscription, oddEndpoints, 1);
      assertEquals(1, odd.tiers());
      assertEquals(17, odd.switchCount());
      double oddExpected = (oddRouters / 2) * (oddRouters / 2 + 1) * PORT_GBPS;
      assertEquals(28_800, oddExpected, EXACT);
      assertBisection(oddExpected, odd, "17 routers at " + oversubscription + ":1");
    }

    // Radix 8: p = 2, a = 4. Seven endpoints → ⌈7/2⌉ = 4 routers in one group, 2 · 2 = 4 local
    // links (1,600 Gb/s) across the cut; half the endpoints, 7 × 400 / 2 = 1,400 Gb/s, is less.
    FabricBom small = FabricDesigner.design(fabric(8), Topology.DRAGONFLY, NON_BLOCKING, 7, 1);
    assertEquals(1, small.tiers());
    assertEquals(4, small.switchCount());
    assertBisection(7 * PORT_GBPS / 2, small, "4 routers of radix 8");
    assertEquals(1_400, small.bisectionBandwidthGbps(), EXACT);
  }

  @Test
  void dragonflyOfTwoGroupsCarriesEveryGlobalLinkAcrossTheCut() {
    // Radix 64, 1,024 endpoints: 64 routers of p = 16 endpoints in G = 2 groups, each router
    // with h = 16 global ports, so 64 × 16 / 2 = 512 global links, all between the two groups.
    // Cutting between the groups crosses all of them: the share G/(2(G − 1)) = 2/2 = 1, so
    // 512 links × 400 Gb/s = 204,800 Gb/s, as much as half the endpoints' 1,024 × 400 / 2
    // (not the 102,400 Gb/s half of the global links would give), whatever the
    // oversubscription asked for (a dragonfly is sized by its radix alone).
    int k = 64;
    long endpoints = 1_024;
    long routers = endpoints / (k / 4);
    long groups = 2;
    long globalLinks = routers * (k / 4) / 2;
    assertEquals(512, globalLinks);
    double crossing =
        globalLinks
            * Math.floor(groups / 2.0)
            * Math.ceil(groups / 2.0)
            / (groups * (groups - 1) / 2.0);
    assertEquals(globalLinks, crossing, 0.0);
    double expected = Math.min(endpoints * PORT_GBPS / 2, crossing * PORT_GBPS);
    assertEquals(204_800, expected, EXACT);
    for (double oversubscription : new double[] {NON_BLOCKING, 2.0, 5.0}) {
      FabricBom bom =
          FabricDesigner.design(fabric(k), Topology.DRAGONFLY, oversubscription, endpoints, 1);
      assertEquals(2, bom.tiers());
      assertEquals(routers, bom.switchCount());
      assertEquals(globalLinks, bom.opticalLinkCount());
      assertBisection(expected, bom, oversubscription + ":1");
    }

    // One endpoint fewer: still 64 routers and 512 global links crossing (204,800 Gb/s), but
    // half the endpoints is 1,023 × 400 / 2 = 204,600 Gb/s, the lesser.
    FabricBom oneFewer =
        FabricDesigner.design(fabric(k), Topology.DRAGONFLY, NON_BLOCKING, endpoints - 1, 1);
    assertEquals(globalLinks, oneFewer.opticalLinkCount());
    assertBisection((endpoints - 1) * PORT_GBPS / 2, oneFewer, "1,023 endpoints");
    assertEquals(204_600, oneFewer.bisectionBandwidthGbps(), EXACT);
  }

  @Test
  void dragonflyOfFourGroupsCarriesTwoThirdsOfItsGlobalLinksAcrossTheCut() {
    // Radix 64, 2,048 endpoints: 128 routers in G = 4 groups of 32, 128 × 16 / 2 = 1,024 global
    // links spread over the 4 · 3 / 2 = 6 group pairs; a cut of 2 groups from 2 crosses 4 of
    // the 6 pairs: G/(2(G − 1)) = 4/6. 1,024 × 4/6 = 682.67 links × 400 Gb/s = 273,066.67
    // Gb/s, below half the endpoints' 2,048 × 400 / 2 = 409,600 Gb/s.
    int k = 64;
    long endpoints = 2_048;
    long routers = endpoints / (k / 4);
    long groups = routers / (k / 2);
    assertEquals(4, groups);
    long globalLinks = routers * (k / 4) / 2;
    assertEquals(1_024, globalLinks);
    double expected = globalLinks * 4.0 / 6.0 * PORT_GBPS;
    assertEquals(1_024 * 400 * 2 / 3.0, expected, EXACT);
    FabricBom bom =
        FabricDesigner.design(fabric(k), Topology.DRAGONFLY, NON_BLOCKING, endpoints, 1);
    assertEquals(2, bom.tiers());
    assertEquals(globalLinks, bom.opticalLinkCount());
    assertBisection(expected, bom, "4 groups");
  }

  @Test
  void dragonflyBisectionIsTheLesserOfHalfItsEndpointsAndTheGlobalLinksACutCrosses() {
    Random random = new Random(23L);
    int checked = 0;
    for (int i = 0; checked < 60; i++) {
      Shape shape = SHAPES[i % SHAPES.length];
      if (shape.topology() != Topology.DRAGONFLY) {
        continue;
      }
      int k = shape.radix();
      int p = k / 4;
      int a = k / 2;
      int h = k / 4;
      // More than one group's a·p endpoints, so routers in two or more groups.
      long minServers = (long) a * p / shape.portsPerServer() + 1;
      long servers = minServers + (long) (random.nextDouble() * (shape.maxServers() - minServers));
      long endpoints = servers * shape.portsPerServer();
      long routers = (endpoints + p - 1) / p;
      long groups = (routers + a - 1) / a;
      long globalLinks = routers * h / 2;
      double crossing =
          globalLinks
              * Math.floor(groups / 2.0)
              * Math.ceil(groups / 2.0)
              / (groups * (groups - 1) / 2.0);
      double expected = Math.min(endpoints / 2.0, crossing) * PORT_GBPS;
      double oversubscription = 1 + 7 * random.nextDouble();
      FabricBom bom =
          FabricDesigner.design(
              fabric(k), shape.topology(), oversubscription, servers, shape.portsPerServer());
      String message = shape + " at " + servers + " servers, " + oversubscription + ":1";
      assertTrue(groups >= 2, message);
      assertEquals(2, bom.tiers(), message);
      assertEquals(globalLinks, bom.opticalLinkCount(), message);
      assertBisection(expected, bom, message);
      assertEquals(2 * bom.opticalLinkCount(), bom.transceiverCount(), message);
      checked++;
    }
  }
}
