package dev.ironworks.core.cost;

/** Capital cost by component class, in US dollars. */
public record CapexBreakdown(
    double acceleratorsUsd,
    double serversUsd,
    double networkUsd,
    double storageUsd,
    double facilityUsd) {

  /** Everything but the building: the cluster's hardware. */
  public double hardwareUsd() {
    return acceleratorsUsd + serversUsd + networkUsd + storageUsd;
  }

  public double totalUsd() {
    return hardwareUsd() + facilityUsd;
  }
}
