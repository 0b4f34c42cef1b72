package dev.ironworks.core.network;

import dev.ironworks.core.scenario.Topology;

/**
 * Bill of materials of a scale-out fabric.
 *
 * @param tiers switch tiers: 0 (a single server, no fabric), 1, 2 or 3; dragonfly reports 2 (local
 *     and global)
 * @param endpointCount NIC ports on the fabric
 * @param leafSwitchCount first-tier switches (dragonfly: all routers)
 * @param spineSwitchCount second-tier (aggregation) switches
 * @param coreSwitchCount third-tier switches
 * @param opticalLinkCount links carried on optics (two transceivers each)
 * @param bisectionBandwidthGbps bandwidth across the worst half/half cut: half the endpoints'
 *     bandwidth for one switch, times up/down of the leaves' port split for a fat-tree, the local
 *     or global links across the cut for a dragonfly
 */
public record FabricBom(
    String fabricId,
    Topology topology,
    double oversubscription,
    int tiers,
    long endpointCount,
    long nicCount,
    long leafSwitchCount,
    long spineSwitchCount,
    long coreSwitchCount,
    long linkCount,
    long opticalLinkCount,
    long transceiverCount,
    long cableCount,
    double bisectionBandwidthGbps,
    double switchPowerWatts,
    double transceiverPowerWatts,
    double switchesCostUsd,
    double nicsCostUsd,
    double transceiversCostUsd,
    double cablesCostUsd,
    double embodiedKgCo2e) {

  public long switchCount() {
    return leafSwitchCount + spineSwitchCount + coreSwitchCount;
  }

  /** IT power of the fabric: switches and optics (NIC silicon is in the servers' host power). */
  public double powerWatts() {
    return switchPowerWatts + transceiverPowerWatts;
  }

  public double capexUsd() {
    return switchesCostUsd + nicsCostUsd + transceiversCostUsd + cablesCostUsd;
  }
}
