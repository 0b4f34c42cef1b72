package dev.ironworks.core.facility;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.Assumptions;
import dev.ironworks.core.catalog.CoolingType;
import dev.ironworks.core.catalog.ScaleUpInterconnect;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.catalog.StorageTier;
import dev.ironworks.core.network.FabricBom;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.StorageChoice;
import dev.ironworks.core.units.Units;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Racks, floor, storage and power. Server power = accelerators × TDP + host; IT = servers + network
 * + storage; facility = IT × PUE. Average server draw at utilization u is peak × (idle + (load −
 * idle) × u), the linear server power model of Barroso, Hölzle and Ranganathan (The Datacenter as a
 * Computer, 3rd ed., ch. 5).
 */
public final class FacilityModel {
  private FacilityModel() {}

  /** Servers needed for the accelerators: ⌈count / per server⌉. */
  public static long serverCount(int acceleratorCount, ServerSpec server) {
    return (acceleratorCount + (long) server.acceleratorsPerServer() - 1)
        / server.acceleratorsPerServer();
  }

  /** Sizes the storage tier: capacity is raised until it writes at the asked bandwidth. */
  public static StorageSizing storage(StorageChoice choice, StorageTier tier) {
    double requested = choice.capacityPetabytes();
    double forBandwidth =
        choice.writeGigabytesPerSecond().orElse(0) / tier.writeGigabytesPerSecondPerPetabyte();
    double capacity = Math.max(requested, forBandwidth);
    long racks = capacity > 0 ? (long) Math.ceil(capacity / tier.petabytesPerRack() - 1e-9) : 0;
    return new StorageSizing(
        tier.id(),
        requested,
        capacity,
        capacity * tier.writeGigabytesPerSecondPerPetabyte(),
        capacity * tier.readGigabytesPerSecondPerPetabyte(),
        capacity * tier.wattsPerPetabyte(),
        racks,
        capacity * tier.embodiedKgCo2ePerPetabyte());
  }

  /**
   * Lays the cluster out in racks under the cooling type's power limit.
   *
   * @throws InfeasibleScenarioException when a server needs liquid cooling the site lacks, or one
   *     server draws more than a rack of this cooling type removes
   */
  public static ClusterSizing size(
      int acceleratorCount,
      Accelerator accelerator,
      ServerSpec server,
      ScaleUpInterconnect scaleUp,
      CoolingType cooling,
      FabricBom fabric,
      int switchRackUnits,
      StorageSizing storage,
      Assumptions assumptions) {
    if (server.requiresLiquidCooling() && !cooling.liquid()) {
      throw new InfeasibleScenarioException(
          "site.cooling",
          "server '"
              + server.id()
              + "' requires liquid cooling; '"
              + cooling.id()
              + "' is not liquid: choose liquid-cold-plate, immersion or two-phase-immersion");
    }
    double serverPeak = server.peakPowerWatts(accelerator.tdpWatts());
    if (serverPeak > cooling.maxRackPowerWatts()) {
      throw new InfeasibleScenarioException(
          "site.cooling",
          String.format(
              Locale.ROOT,
              "server '%s' draws %.1f kW at peak, more than a '%s' rack removes (%.0f kW): "
                  + "choose a denser cooling type",
              server.id(),
              Units.wattsToKilowatts(serverPeak),
              cooling.id(),
              Units.wattsToKilowatts(cooling.maxRackPowerWatts())));
    }
    long servers = serverCount(acceleratorCount, server);
    int usableUnits = assumptions.usableRackUnits();
    int byUnits =
        server.rackUnits() >= usableUnits ? 1 : Math.max(1, usableUnits / server.rackUnits());
    int byPower = (int) Math.floor(cooling.maxRackPowerWatts() / serverPeak);
    int perRack = Math.max(1, Math.min(byUnits, byPower));
    long computeRacks = (servers + perRack - 1) / perRack;
    long switchUnits = fabric.switchCount() * switchRackUnits;
    long networkRacks = (switchUnits + usableUnits - 1) / usableUnits;
    long racks = computeRacks + networkRacks + storage.rackCount();
    int domainSize = Math.min(server.scaleUpDomainSize(), acceleratorCount);
    long domains = (acceleratorCount + (long) domainSize - 1) / domainSize;
    return new ClusterSizing(
        accelerator.id(),
        server.id(),
        acceleratorCount,
        servers,
        server.acceleratorsPerServer(),
        scaleUp.id(),
        domainSize,
        domains,
        accelerator.scaleUpBandwidthBytesPerSecond(),
        serverPeak,
        perRack,
        perRack * serverPeak,
        computeRacks,
        networkRacks,
        storage.rackCount(),
        racks * cooling.whiteSpaceM2PerRack());
  }

  /**
   * Power at peak and on average.
   *
   * @param measuredWattsPerAccelerator a measured all-in average IT power per accelerator
   */
  public static PowerReport power(
      int acceleratorCount,
      Accelerator accelerator,
      ServerSpec server,
      long serverCount,
      FabricBom fabric,
      StorageSizing storage,
      double pue,
      double utilization,
      OptionalDouble measuredWattsPerAccelerator,
      Assumptions assumptions) {
    double acceleratorTdp = acceleratorCount * accelerator.tdpWatts();
    double serversPeak = acceleratorTdp + serverCount * server.hostPowerWatts();
    double network = fabric.powerWatts();
    double storagePower = storage.powerWatts();
    double itPeak = serversPeak + network + storagePower;
    double idle = assumptions.idlePowerFractionOfPeak();
    double load = loadFraction(accelerator, assumptions);
    double serversAverage = serversPeak * (idle + (load - idle) * utilization);
    double serversBusy = serversPeak * load;
    boolean measured = measuredWattsPerAccelerator.isPresent();
    double itAverage =
        measured
            ? acceleratorCount * measuredWattsPerAccelerator.getAsDouble()
            : serversAverage + network + storagePower;
    double itBusy =
        measured
            ? acceleratorCount * measuredWattsPerAccelerator.getAsDouble()
            : serversBusy + network + storagePower;
    return new PowerReport(
        acceleratorTdp,
        serversPeak,
        network,
        storagePower,
        itPeak,
        serversAverage,
        itAverage,
        itBusy,
        pue,
        measured,
        load);
  }

  /**
   * The fraction of peak the servers draw busy training or serving: the accelerator's measured
   * figure where the catalog has one (its generation's), else the assumptions' — never below idle.
   */
  public static double loadFraction(Accelerator accelerator, Assumptions assumptions) {
    return Math.max(
        assumptions.idlePowerFractionOfPeak(),
        accelerator.loadPowerFractionOfPeak().orElse(assumptions.loadPowerFractionOfPeak()));
  }
}
