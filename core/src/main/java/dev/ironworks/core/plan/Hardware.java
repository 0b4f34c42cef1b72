package dev.ironworks.core.plan;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.Assumptions;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.CoolingType;
import dev.ironworks.core.catalog.Fabric;
import dev.ironworks.core.catalog.FabricKind;
import dev.ironworks.core.catalog.Region;
import dev.ironworks.core.catalog.ScaleUpInterconnect;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.catalog.StorageTier;
import dev.ironworks.core.scenario.ClusterSpec;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.scenario.SiteSpec;
import dev.ironworks.core.scenario.StorageChoice;
import dev.ironworks.core.scenario.Topology;
import dev.ironworks.core.units.Units;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The first stage of a plan: the catalog entries the scenario names, resolved (accelerator, server,
 * scale-up interconnect, fabric and its topology, storage tier, cooling, region and the
 * assumptions), and the site's figures after the scenario's overrides.
 *
 * @param site the PUE, prices and intensities the plan uses
 */
record Hardware(
    Accelerator accelerator,
    ServerSpec server,
    ScaleUpInterconnect scaleUp,
    Fabric fabric,
    Topology topology,
    StorageTier storageTier,
    CoolingType cooling,
    Region region,
    SiteFigures site,
    Assumptions assumptions) {

  /**
   * Resolves the scenario's hardware.
   *
   * @throws InfeasibleScenarioException when the server does not hold the accelerator, or no
   *     catalog fabric runs the server's ports
   */
  static Hardware resolve(Scenario scenario, Catalog catalog, Notes notes) {
    ClusterSpec spec = scenario.cluster();
    Accelerator accelerator = catalog.accelerator(spec.acceleratorId());
    ServerSpec server = server(spec, accelerator, catalog);
    Fabric fabric = fabric(spec, server, catalog);
    if (fabric.portGbps() != server.scaleOutPortGbps() && server.scaleOutPorts() > 0) {
      notes.format(
          "fabric '%s' runs %.0f Gb/s ports; server '%s' has %.0f Gb/s NICs: links run at"
              + " the slower speed",
          fabric.id(), fabric.portGbps(), server.id(), server.scaleOutPortGbps());
    }
    CoolingType cooling = cooling(scenario.site().coolingId(), accelerator, server, catalog, notes);
    Region region = catalog.region(scenario.site().regionId());
    return new Hardware(
        accelerator,
        server,
        catalog.scaleUp(server.scaleUpId(accelerator)),
        fabric,
        topology(spec, server),
        catalog.storageTier(
            spec.storage().map(StorageChoice::tierId).orElse(StorageChoice.DEFAULT_TIER)),
        cooling,
        region,
        site(scenario.site(), cooling, region, notes),
        catalog.defaultAssumptions());
  }

  /**
   * The cooling type the site names; for {@link SiteSpec#COOLING_AUTO}, the one the server needs:
   * air where the server allows it (no liquid required, its peak within an air-cooled rack), else
   * the liquid type with the least rack power that removes the server's peak, immersion aside
   * (servers must be qualified for a tank); with none, the densest, which the facility model then
   * refuses by name.
   */
  static CoolingType cooling(
      String coolingId, Accelerator accelerator, ServerSpec server, Catalog catalog, Notes notes) {
    if (!coolingId.equals(SiteSpec.COOLING_AUTO)) {
      return catalog.cooling(coolingId);
    }
    double serverPeakWatts = server.peakPowerWatts(accelerator.tdpWatts());
    List<CoolingType> dry =
        catalog.coolingTypes().values().stream().filter(c -> !c.immersion()).toList();
    List<CoolingType> types = dry.isEmpty() ? List.copyOf(catalog.coolingTypes().values()) : dry;
    CoolingType chosen =
        types.stream()
            .filter(c -> c.liquid() || !server.requiresLiquidCooling())
            .filter(c -> c.maxRackPowerWatts() >= serverPeakWatts)
            .min(
                Comparator.comparing(CoolingType::liquid)
                    .thenComparingDouble(CoolingType::maxRackPowerWatts)
                    .thenComparing(CoolingType::id))
            .orElseGet(
                () ->
                    types.stream()
                        .max(
                            Comparator.comparing(CoolingType::liquid)
                                .thenComparingDouble(CoolingType::maxRackPowerWatts))
                        .orElseThrow());
    if (chosen.liquid()) {
      notes.format(
          "site.cooling not given: '%s', as server '%s' %s",
          chosen.id(),
          server.id(),
          server.requiresLiquidCooling()
              ? String.format(
                  Locale.ROOT,
                  "requires liquid cooling (%.1f kW at peak)",
                  Units.wattsToKilowatts(serverPeakWatts))
              : String.format(
                  Locale.ROOT,
                  "draws %.1f kW at peak, more than an air-cooled rack removes",
                  Units.wattsToKilowatts(serverPeakWatts)));
    }
    return chosen;
  }

  /**
   * The server the scenario names, else the accelerator's default; it must hold the accelerator.
   */
  static ServerSpec server(ClusterSpec spec, Accelerator accelerator, Catalog catalog) {
    ServerSpec server = catalog.server(spec.serverId().orElse(accelerator.defaultServerId()));
    if (!server.acceleratorId().equals(accelerator.id())) {
      throw new InfeasibleScenarioException(
          "cluster.server",
          "server '"
              + server.id()
              + "' holds '"
              + server.acceleratorId()
              + "', not '"
              + accelerator.id()
              + "'");
    }
    return server;
  }

  /**
   * The fabric the scenario names, else the InfiniBand fabric at the server's port speed, else the
   * slowest fabric at least that fast.
   */
  static Fabric fabric(ClusterSpec spec, ServerSpec server, Catalog catalog) {
    if (spec.fabric().fabricId().isPresent()) {
      return catalog.fabric(spec.fabric().fabricId().get());
    }
    double gbps = server.scaleOutPortGbps();
    return catalog.fabrics().values().stream()
        .filter(f -> f.portGbps() >= gbps)
        .min(
            Comparator.comparingDouble(Fabric::portGbps)
                .thenComparing(f -> f.kind() == FabricKind.INFINIBAND ? 0 : 1)
                .thenComparing(Fabric::id))
        .orElseThrow(
            () ->
                new InfeasibleScenarioException(
                    "cluster.fabric",
                    String.format(
                        Locale.ROOT,
                        "no catalog fabric runs %.0f Gb/s ports for server '%s': name one in"
                            + " cluster.fabric.kind",
                        gbps,
                        server.id())));
  }

  /** The topology the scenario names, else rail-optimized for multi-port servers. */
  static Topology topology(ClusterSpec spec, ServerSpec server) {
    return spec.fabric()
        .topology()
        .orElse(server.scaleOutPorts() > 1 ? Topology.RAIL_OPTIMIZED : Topology.FAT_TREE);
  }

  /**
   * The site's figures: the scenario's where it gives them, else the cooling type's and region's.
   */
  private static SiteFigures site(SiteSpec site, CoolingType cooling, Region region, Notes notes) {
    double pue = site.pue().orElse(cooling.pueDefault());
    if (site.pue().isPresent() && (pue < cooling.pueMin() || pue > cooling.pueMax())) {
      notes.format(
          "PUE %.3g lies outside the %.3g–%.3g typical of '%s' cooling",
          pue, cooling.pueMin(), cooling.pueMax(), cooling.id());
    }
    return new SiteFigures(
        region.id(),
        cooling.id(),
        pue,
        site.pue().isPresent(),
        site.electricityUsdPerKwh().orElse(region.electricityUsdPerKwh()),
        site.gridKgCo2ePerKwh().orElse(region.gridKgCo2ePerKwh()),
        site.wueLitersPerKwh().orElse(region.wueLitersPerKwh()),
        site.carbonFreeEnergyFraction());
  }
}
