package dev.ironworks.core.plan;

import dev.ironworks.core.facility.ClusterSizing;
import dev.ironworks.core.facility.FacilityModel;
import dev.ironworks.core.facility.PowerReport;
import dev.ironworks.core.facility.StorageSizing;
import dev.ironworks.core.network.FabricBom;
import dev.ironworks.core.network.FabricDesigner;
import dev.ironworks.core.scenario.ClusterSpec;
import dev.ironworks.core.scenario.Scenario;

/**
 * The third stage of a plan: what the fleet takes to build. The fabric's bill of materials ({@link
 * FabricDesigner}), the storage, the servers, racks and floor, and the power at peak and on average
 * ({@link FacilityModel}).
 */
record Build(ClusterSizing cluster, FabricBom network, StorageSizing storage, PowerReport power) {

  static Build of(Scenario scenario, Hardware hardware, Fleet fleet, Notes notes) {
    ClusterSpec spec = scenario.cluster();
    int count = fleet.acceleratorCount();
    long servers = FacilityModel.serverCount(count, hardware.server());
    emptySlots(count, servers, hardware, notes);
    FabricBom network =
        FabricDesigner.design(
            hardware.fabric(),
            hardware.topology(),
            spec.fabric().oversubscription(),
            servers,
            hardware.server().scaleOutPorts());
    StorageSizing storage = storage(spec, hardware, notes);
    ClusterSizing sizing =
        FacilityModel.size(
            count,
            hardware.accelerator(),
            hardware.server(),
            hardware.scaleUp(),
            hardware.cooling(),
            network,
            hardware.fabric().switchRackUnits(),
            storage,
            hardware.assumptions());
    PowerReport power =
        FacilityModel.power(
            count,
            hardware.accelerator(),
            hardware.server(),
            servers,
            network,
            storage,
            hardware.site().pue(),
            scenario.finance().utilization(),
            spec.averagePowerWattsPerAccelerator(),
            hardware.assumptions());
    return new Build(sizing, network, storage, power);
  }

  private static void emptySlots(int count, long servers, Hardware hardware, Notes notes) {
    long slots = servers * hardware.server().acceleratorsPerServer();
    if (slots > count) {
      notes.add(
          servers
              + " × "
              + hardware.server().id()
              + " hold "
              + slots
              + " accelerators: "
              + (slots - count)
              + " slots stay empty (power and price are for the"
              + " accelerators installed and whole servers)");
    }
  }

  /** The storage the scenario asks for, raised until it writes at the asked bandwidth. */
  private static StorageSizing storage(ClusterSpec spec, Hardware hardware, Notes notes) {
    StorageSizing storage =
        spec.storage()
            .map(s -> FacilityModel.storage(s, hardware.storageTier()))
            .orElse(StorageSizing.none());
    if (storage.capacityPetabytes() > storage.requestedPetabytes() + 1e-9) {
      notes.format(
          "storage raised from %.3g PB to %.3g PB to write at %.4g GB/s",
          storage.requestedPetabytes(),
          storage.capacityPetabytes(),
          storage.writeGigabytesPerSecond());
    }
    return storage;
  }
}
