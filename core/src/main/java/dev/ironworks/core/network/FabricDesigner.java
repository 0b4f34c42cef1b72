package dev.ironworks.core.network;

import dev.ironworks.core.catalog.Fabric;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.Topology;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Sizes a scale-out fabric from k-port switches.
 *
 * <p>Fat-tree (Al-Fares et al. 2008): a leaf with k ports gives d = k·o/(1+o) ports down to
 * endpoints and u = k − d up (o the oversubscription; d = u = k/2 when non-blocking). Two tiers
 * hold up to k·d endpoints with ⌈L·u/k⌉ spines for L leaves; three tiers group k/2 leaves into a
 * pod with u aggregation switches each and ⌈A/2⌉ core switches for A aggregation switches, up to
 * k³/4 endpoints and 5k²/4 switches when non-blocking. Rail-optimized gives every rail (NIC index)
 * its own leaves. Dragonfly (Kim et al. 2008, balanced): k/4 endpoints, k/2 − 1 local and k/4
 * global ports per router, k/2 routers per group.
 */
public final class FabricDesigner {
  /** The most oversubscription a scenario may ask for (leaf down:up bandwidth). */
  public static final double MAX_OVERSUBSCRIPTION = 64;

  private FabricDesigner() {}

  /**
   * Designs the fabric for {@code servers} servers with {@code portsPerServer} ports each.
   *
   * @throws InfeasibleScenarioException when the endpoints exceed what the topology builds from
   *     this radix
   */
  public static FabricBom design(
      Fabric fabric, Topology topology, double oversubscription, long servers, int portsPerServer) {
    long endpoints = servers * (long) portsPerServer;
    int k = fabric.switchRadix();
    if (servers <= 1 || endpoints == 0) {
      return bom(fabric, topology, oversubscription, 0, endpoints, 0, 0, 0, 0, 0);
    }
    if (topology == Topology.DRAGONFLY) {
      return dragonfly(fabric, oversubscription, endpoints);
    }
    int down = downPorts(k, oversubscription);
    int up = k - down;
    long leaves;
    if (endpoints <= k) {
      // One switch holds every endpoint at full bandwidth.
      return bom(
          fabric,
          topology,
          oversubscription,
          1,
          endpoints,
          1,
          0,
          0,
          endpoints,
          opticalEndpointLinks(topology, endpoints));
    }
    if (topology == Topology.RAIL_OPTIMIZED) {
      leaves = portsPerServer * ceilDiv(servers, down);
    } else {
      leaves = ceilDiv(endpoints, down);
    }
    long endpointOptical = opticalEndpointLinks(topology, endpoints);
    if (leaves <= k) {
      long leafUplinks = leaves * up;
      long spines = ceilDiv(leafUplinks, k);
      long links = endpoints + leafUplinks;
      return bom(
          fabric,
          topology,
          oversubscription,
          2,
          endpoints,
          leaves,
          spines,
          0,
          links,
          endpointOptical + leafUplinks);
    }
    long leavesPerPod = k / 2;
    long pods = ceilDiv(leaves, leavesPerPod);
    if (pods > k) {
      long maxEndpoints = (long) k * leavesPerPod * down;
      throw new InfeasibleScenarioException(
          "cluster.fabric",
          String.format(
              Locale.ROOT,
              "%d endpoints exceed a three-tier %s of %s (radix %d): at most %d endpoints at "
                  + "oversubscription %.3g; %s",
              endpoints,
              topology.id(),
              fabric.id(),
              k,
              maxEndpoints,
              oversubscription,
              remedy(k, topology, oversubscription, servers, portsPerServer, endpoints)));
    }
    long aggregation = pods * up;
    long leafUplinks = leaves * up;
    long aggregationUplinks = aggregation * (k / 2);
    long core = ceilDiv(aggregationUplinks, k);
    long links = endpoints + leafUplinks + aggregationUplinks;
    return bom(
        fabric,
        topology,
        oversubscription,
        3,
        endpoints,
        leaves,
        aggregation,
        core,
        links,
        endpointOptical + leafUplinks + aggregationUplinks);
  }

  /**
   * What to change when three tiers do not hold the endpoints: the least oversubscription that
   * would (a leaf with d ports down needs o ≥ d/(k − d)), when one within {@link
   * #MAX_OVERSUBSCRIPTION} does and is above the one given; else only the radix or the count.
   */
  private static String remedy(
      int k,
      Topology topology,
      double oversubscription,
      long servers,
      int portsPerServer,
      long endpoints) {
    String otherwise = "choose a higher-radix fabric or use fewer accelerators";
    int most = downPorts(k, MAX_OVERSUBSCRIPTION);
    for (int d = downPorts(k, oversubscription) + 1; d <= most; d++) {
      long leaves =
          topology == Topology.RAIL_OPTIMIZED
              ? portsPerServer * ceilDiv(servers, d)
              : ceilDiv(endpoints, d);
      if (ceilDiv(leaves, k / 2) <= k) {
        double needed = (double) d / (k - d);
        return String.format(
            Locale.ROOT,
            "raise cluster.fabric.oversubscription to %s or more (%d of a leaf's %d ports down),"
                + " %s",
            // Rounded up, so that the figure shown is enough.
            BigDecimal.valueOf(Math.ceil(needed * 1000) / 1000)
                .stripTrailingZeros()
                .toPlainString(),
            d,
            k,
            otherwise);
      }
    }
    if (oversubscription >= MAX_OVERSUBSCRIPTION) {
      return otherwise
          + " (the oversubscription is already the most allowed, "
          + plain(MAX_OVERSUBSCRIPTION)
          + ")";
    }
    return String.format(
        Locale.ROOT,
        "even the most oversubscription allowed, %s, holds at most %d; %s",
        plain(MAX_OVERSUBSCRIPTION),
        (long) k * (k / 2) * most,
        otherwise);
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** Leaf ports facing endpoints: k·o/(1+o), at least 1 and leaving at least 1 uplink. */
  public static int downPorts(int radix, double oversubscription) {
    int down = (int) Math.floor(radix * oversubscription / (1 + oversubscription) + 1e-9);
    return Math.max(1, Math.min(radix - 1, down));
  }

  /** Rail-optimized leaves sit outside the compute racks: every endpoint link is optical. */
  private static long opticalEndpointLinks(Topology topology, long endpoints) {
    return topology == Topology.RAIL_OPTIMIZED ? endpoints : 0;
  }

  private static FabricBom dragonfly(Fabric fabric, double oversubscription, long endpoints) {
    int k = fabric.switchRadix();
    int terminals = Math.max(1, k / 4);
    int groupSize = Math.max(2, k / 2);
    int global = Math.max(1, k / 4);
    long routers = ceilDiv(endpoints, terminals);
    long groups = ceilDiv(routers, groupSize);
    long maxGroups = (long) groupSize * global + 1;
    if (groups > maxGroups) {
      throw new InfeasibleScenarioException(
          "cluster.fabric",
          String.format(
              Locale.ROOT,
              "%d endpoints exceed a balanced dragonfly of %s (radix %d): at most %d groups of"
                  + " %d routers; choose a higher-radix fabric or use fewer accelerators",
              endpoints,
              fabric.id(),
              k,
              maxGroups,
              groupSize));
    }
    long fullGroups = routers / groupSize;
    long lastGroup = routers % groupSize;
    long localLinks =
        fullGroups * (long) groupSize * (groupSize - 1) / 2 + lastGroup * (lastGroup - 1) / 2;
    long globalLinks = groups > 1 ? routers * global / 2 : 0;
    long links = endpoints + localLinks + globalLinks;
    return bom(
        fabric,
        Topology.DRAGONFLY,
        oversubscription,
        groups > 1 ? 2 : 1,
        endpoints,
        routers,
        0,
        0,
        links,
        globalLinks);
  }

  private static FabricBom bom(
      Fabric f,
      Topology topology,
      double oversubscription,
      int tiers,
      long endpoints,
      long leaves,
      long spines,
      long core,
      long links,
      long opticalLinks) {
    long switches = leaves + spines + core;
    long transceivers = 2 * opticalLinks;
    long cables = links;
    double bisectionGbps =
        bisectionGbps(f, topology, oversubscription, tiers, endpoints, leaves, opticalLinks);
    return new FabricBom(
        f.id(),
        topology,
        oversubscription,
        tiers,
        endpoints,
        endpoints,
        leaves,
        spines,
        core,
        links,
        opticalLinks,
        transceivers,
        cables,
        tiers == 0 ? 0 : bisectionGbps,
        switches * f.switchPowerWatts(),
        transceivers * f.transceiverPowerWatts(),
        switches * f.switchPriceUsd(),
        endpoints * f.nicPriceUsd(),
        transceivers * f.transceiverPriceUsd(),
        cables * f.cablePriceUsd(),
        switches * f.switchEmbodiedKgCo2e());
  }

  /**
   * Bandwidth across the worst half/half cut. A single switch is non-blocking. A fat-tree's leaves
   * pass up/down of their endpoints' bandwidth (the real split of the radix, not the nominal
   * ratio). A dragonfly group of r all-to-all routers has ⌊r/2⌋·⌈r/2⌉ local links across its cut
   * (one router is a single switch); between G groups the cut carries the share ⌊G/2⌋·⌈G/2⌉ /
   * (G(G−1)/2) of the global links, spread evenly over the group pairs.
   */
  private static double bisectionGbps(
      Fabric f,
      Topology topology,
      double oversubscription,
      int tiers,
      long endpoints,
      long routers,
      long globalLinks) {
    double half = endpoints * f.portGbps() / 2.0;
    if (tiers == 0) {
      return 0;
    }
    if (topology == Topology.DRAGONFLY) {
      int groupSize = Math.max(2, f.switchRadix() / 2);
      long groups = ceilDiv(routers, groupSize);
      if (routers <= 1) {
        return half;
      }
      // Global links spread evenly over group pairs; the best cut splits ⌊G/2⌋ from ⌈G/2⌉.
      double links =
          groups <= 1
              ? Math.floor(routers / 2.0) * Math.ceil(routers / 2.0)
              : globalLinks
                  * Math.floor(groups / 2.0)
                  * Math.ceil(groups / 2.0)
                  / (groups * (groups - 1) / 2.0);
      return Math.min(half, links * f.portGbps());
    }
    if (tiers == 1) {
      return half;
    }
    int down = downPorts(f.switchRadix(), oversubscription);
    int up = f.switchRadix() - down;
    return half * Math.min(1.0, (double) up / down);
  }

  static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
