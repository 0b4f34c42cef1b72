package dev.ironworks.core.facility;

/**
 * Servers, scale-up domains, racks and floor area of a cluster.
 *
 * @param serverPeakPowerWatts one fully populated server at peak
 * @param serversPerRack the lesser of the rack's power limit and its rack units allow
 * @param computeRackPeakPowerWatts one full compute rack at peak
 */
public record ClusterSizing(
    String acceleratorId,
    String serverId,
    int acceleratorCount,
    long serverCount,
    int acceleratorsPerServer,
    String scaleUpId,
    int scaleUpDomainSize,
    long scaleUpDomainCount,
    double scaleUpBandwidthBytesPerSecondPerAccelerator,
    double serverPeakPowerWatts,
    int serversPerRack,
    double computeRackPeakPowerWatts,
    long computeRackCount,
    long networkRackCount,
    long storageRackCount,
    double floorAreaM2) {

  public long rackCount() {
    return computeRackCount + networkRackCount + storageRackCount;
  }
}
