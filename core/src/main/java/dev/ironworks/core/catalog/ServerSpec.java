package dev.ironworks.core.catalog;

import dev.ironworks.core.units.Require;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The unit that is bought, racked and powered: an 8-GPU HGX/DGX server, a GB200 NVL72 rack, a TPU
 * host, a CS-3 system.
 *
 * @param hostPowerWatts everything but the accelerators at full load (CPUs, memory, NICs,
 *     NVSwitches, fans, power-supply loss)
 * @param priceUsdExcludingAccelerators price without accelerators and without scale-out NICs
 * @param scaleUpDomainSize accelerators in one NVLink/ICI domain
 * @param scaleOutPorts compute-fabric NIC ports per server
 * @param hostsPerServer hosts whose failure takes the server down: 1 for a box, the compute and
 *     NVLink switch trays of a rack-scale system, whose whole rack is one failure domain
 * @param scaleUpId the scale-up interconnect the server wires its accelerators with, where it is
 *     not the accelerator's own (a DGX-2 joins sixteen V100 through NVSwitch, where the V100's
 *     NVLink 2.0 otherwise forms an eight-GPU mesh); empty for the accelerator's
 */
public record ServerSpec(
    String id,
    String name,
    String acceleratorId,
    int acceleratorsPerServer,
    double hostPowerWatts,
    OptionalDouble maxPowerWatts,
    double priceUsdExcludingAccelerators,
    int rackUnits,
    int scaleUpDomainSize,
    int scaleOutPorts,
    double scaleOutPortGbps,
    boolean requiresLiquidCooling,
    double embodiedKgCo2e,
    Provenance provenance,
    int hostsPerServer,
    Optional<String> scaleUpId)
    implements CatalogEntry {
  public ServerSpec {
    Require.text("id", id);
    Require.text("accelerator", acceleratorId);
    Require.positive("acceleratorsPerServer", acceleratorsPerServer);
    Require.nonNegative("hostPowerWatts", hostPowerWatts);
    maxPowerWatts.ifPresent(p -> Require.positive("maxPowerWatts", p));
    Require.nonNegative("priceUsdExcludingAccelerators", priceUsdExcludingAccelerators);
    Require.positive("rackUnits", rackUnits);
    Require.positive("scaleUpDomainSize", scaleUpDomainSize);
    Require.nonNegative("scaleOutPorts", scaleOutPorts);
    Require.nonNegative("scaleOutPortGbps", scaleOutPortGbps);
    Require.nonNegative("embodiedKgCo2e", embodiedKgCo2e);
    Require.present("provenance", provenance);
    Require.positive("hostsPerServer", hostsPerServer);
    Require.present("scaleUpId", scaleUpId);
  }

  /** A server wired with its accelerator's own scale-up interconnect. */
  public ServerSpec(
      String id,
      String name,
      String acceleratorId,
      int acceleratorsPerServer,
      double hostPowerWatts,
      OptionalDouble maxPowerWatts,
      double priceUsdExcludingAccelerators,
      int rackUnits,
      int scaleUpDomainSize,
      int scaleOutPorts,
      double scaleOutPortGbps,
      boolean requiresLiquidCooling,
      double embodiedKgCo2e,
      Provenance provenance,
      int hostsPerServer) {
    this(
        id,
        name,
        acceleratorId,
        acceleratorsPerServer,
        hostPowerWatts,
        maxPowerWatts,
        priceUsdExcludingAccelerators,
        rackUnits,
        scaleUpDomainSize,
        scaleOutPorts,
        scaleOutPortGbps,
        requiresLiquidCooling,
        embodiedKgCo2e,
        provenance,
        hostsPerServer,
        Optional.empty());
  }

  /**
   * The scale-up interconnect between the server's accelerators: its own, else the accelerator's.
   */
  public String scaleUpId(Accelerator accelerator) {
    return scaleUpId.orElse(accelerator.scaleUpId());
  }

  /** Peak power of the server: accelerators at TDP plus the host (docs/architecture.md, Power). */
  public double peakPowerWatts(double acceleratorTdpWatts) {
    return acceleratorsPerServer * acceleratorTdpWatts + hostPowerWatts;
  }
}
