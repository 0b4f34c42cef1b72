package dev.ironworks.io.render;

import dev.ironworks.core.carbon.EnergyReport;
import dev.ironworks.core.compute.StepEstimate;
import dev.ironworks.core.cost.CapexBreakdown;
import dev.ironworks.core.cost.CostReport;
import dev.ironworks.core.cost.OpexBreakdown;
import dev.ironworks.core.facility.ClusterSizing;
import dev.ironworks.core.facility.PowerReport;
import dev.ironworks.core.facility.StorageSizing;
import dev.ironworks.core.inference.InferenceModel;
import dev.ironworks.core.inference.InferenceReport;
import dev.ironworks.core.inference.LatencyQuantiles;
import dev.ironworks.core.inference.LoadPoint;
import dev.ironworks.core.inference.ServingConfig;
import dev.ironworks.core.inference.ServingFigures;
import dev.ironworks.core.network.FabricBom;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.SiteFigures;
import dev.ironworks.core.plan.TrainingPerformance;
import dev.ironworks.core.plan.TrainingReport;
import dev.ironworks.core.reliability.ReliabilityReport;
import dev.ironworks.core.scenario.ParallelConfig;
import dev.ironworks.core.scenario.ServingMode;
import dev.ironworks.core.units.Units;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The registry of plan figures: every figure a plan shows is declared here once, with its path,
 * unit, meaning and how it is read from the {@link Plan} in its display unit. Everything that names
 * a figure reads it from here: {@link PlanView} builds the tree the JSON, table and Markdown
 * renderers print; sweeps read figures straight from the plan through {@link #direct}; the report
 * ({@link Report}) takes its figures' units from here; docs/reference/plan-output.md is written
 * from it ({@link PlanOutputReference}, checked by a test). Old paths of renamed figures are read
 * as their new ones for one release ({@link #canonical}).
 *
 * <p>Adding a figure: declare it in its section below, reading a value the model computes.
 */
public final class PlanFigures {
  private PlanFigures() {}

  private static final String TRAINING_INTRO =
      "The run's duration is predicted from the model, tokens and cluster"
          + " (`training.durationPredicted` true) unless the scenario gives"
          + " `workload.training.durationDays`; when the model's architecture is known the"
          + " performance fields below the first table are present either way.";

  private static final String RELIABILITY_INTRO =
      "Present when the training run's architecture is known (a catalog model or inline), or when"
          + " `reliability.checkpoint.writeSeconds` is given; the scenario's `reliability` section"
          + " is optional.\n\n"
          + "Failures, checkpoints and restarts, analytically (`ironworks simulate` runs the same"
          + " inputs as a Monte Carlo). Rates come from `reliability.failureRates` (default: the"
          + " `default` catalog set, derived from Llama 3's Table 5).";

  private static final String INFERENCE_INTRO =
      "The serving fleet of `workload.inference` (docs/reference/scenario.md): the configuration"
          + " the search chose for one replica, the fleet of replicas, what they carry within the"
          + " latency targets at their percentile, and what the tokens cost. With continuous"
          + " batching (the default) a replica is a queue under Poisson arrivals"
          + " (docs/architecture.md, Inference model): its throughput is the most it carries while"
          + " the targets' percentile holds, and its latencies are percentiles at the rate it runs"
          + " — the peak demand over the replicas, or that most when no demand is given or the"
          + " demand exceeds it. \"Tokens\" are output tokens. A serving fleet beside a training"
          + " run is part of `cluster.acceleratorCount`, and the cost, power and energy sections"
          + " cover both.";

  /** The plan's figures, in the order the tree shows them. */
  static final FigureGroup<Plan> ROOT =
      new FigureGroup<Plan>()
          .text("scenario", "", "the scenario's name", Plan::scenarioName)
          .section(
              "cluster",
              "servers, scale-up domains, racks, floor",
              "",
              Plan::cluster,
              PlanFigures::cluster)
          .section(
              "network",
              "the scale-out fabric's bill of materials",
              "",
              Plan::network,
              PlanFigures::network)
          .section("storage", "", "", Plan::storage, PlanFigures::storage)
          .section(
              "site",
              "the figures used, after scenario overrides",
              "",
              Plan::site,
              PlanFigures::site)
          .section(
              "power",
              "peak sizes the plant, average sets energy",
              "",
              Plan::power,
              PlanFigures::power)
          .section("cost", "", "", Plan::cost, PlanFigures::cost)
          .section("energy", "a year of operation", "", Plan::energy, PlanFigures::energy)
          .sectionIfPresent(
              "training",
              "present when the scenario has a training run",
              TRAINING_INTRO,
              Plan::training,
              PlanFigures::training)
          .sectionIfPresent(
              "reliability",
              "present with a training run whose checkpoint size is known",
              RELIABILITY_INTRO,
              Plan::reliability,
              PlanFigures::reliability)
          .sectionIfPresent(
              "inference",
              "present when the scenario serves a model",
              INFERENCE_INTRO,
              Plan::inference,
              PlanFigures::inference)
          .heading(
              "notes",
              "",
              g ->
                  g.list(
                      "notes",
                      "",
                      "sentences about choices the planner made or doubts it has (a PUE outside the"
                          + " cooling type's range, storage raised to meet bandwidth, a break-even"
                          + " beyond the hardware's life, a serving fleet added to a training"
                          + " cluster or missing its targets, spares that may run out); empty when"
                          + " there is nothing to say",
                      Plan::notes));

  private static final List<PlanFigure> FIGURES = new ArrayList<>();
  private static final Map<String, PlanFigure> BY_PATH = new LinkedHashMap<>();
  private static final Map<String, String> ALIASES = new LinkedHashMap<>();

  static {
    collect(ROOT, "", new ArrayList<>());
  }

  /** Every figure, in the order the tree shows them. */
  public static List<PlanFigure> all() {
    return Collections.unmodifiableList(FIGURES);
  }

  /** The figure at {@code path} (or at the path it was renamed to). */
  public static Optional<PlanFigure> figure(String path) {
    return Optional.ofNullable(BY_PATH.get(canonical(path)));
  }

  /**
   * A reader of the number at {@code path} (or at the path it was renamed to) straight from the
   * plan, without building the tree: the value {@link PlanView} shows there, NaN where it shows
   * none. Empty for a path that is no number.
   */
  public static Optional<ToDoubleFunction<Plan>> direct(String path) {
    return figure(path).map(PlanFigure::number);
  }

  /** Every path with a number, and so a {@link #direct} reader. */
  public static Set<String> paths() {
    Set<String> paths = new TreeSet<>();
    for (PlanFigure f : FIGURES) {
      if (f.number() != null) {
        paths.add(f.path());
      }
    }
    return Collections.unmodifiableSet(paths);
  }

  /** The path a figure has now: {@code path} itself, or the new path of a renamed figure. */
  public static String canonical(String path) {
    return ALIASES.getOrDefault(path, path);
  }

  /** Old paths of renamed figures, read as the new ones for one release: old → new. */
  public static Map<String, String> aliases() {
    return Collections.unmodifiableMap(ALIASES);
  }

  /** The tree of the plan's figures, of the top-level sections {@code wanted} accepts. */
  static Map<String, Object> tree(Plan plan, Predicate<String> wanted) {
    Map<String, Object> root = new LinkedHashMap<>();
    ROOT.fill(root, plan, wanted);
    return root;
  }

  private static void collect(FigureGroup<?> group, String prefix, List<FigureGroup.Sub> groups) {
    for (FigureGroup.Entry entry : group.entries()) {
      if (entry instanceof FigureGroup.Leaf leaf) {
        PlanFigure figure = PlanFigure.of(prefix + leaf.key(), leaf, groups);
        FIGURES.add(figure);
        BY_PATH.put(figure.path(), figure);
        for (String old : figure.formerly()) {
          ALIASES.put(old, figure.path());
        }
      } else if (entry instanceof FigureGroup.Sub sub) {
        List<FigureGroup.Sub> inner = new ArrayList<>(groups);
        inner.add(sub);
        collect(sub.group(), sub.key() == null ? prefix : prefix + sub.key() + ".", inner);
      }
    }
  }

  // ------------------------------------------------------------------------------ the sections

  private static void cluster(FigureGroup<ClusterSizing> g) {
    g.text("accelerator", "", "accelerator id", ClusterSizing::acceleratorId)
        .count("acceleratorCount", "count", "accelerators built", ClusterSizing::acceleratorCount)
        .text(
            "server",
            "",
            "server id (the scenario's, else the accelerator's default)",
            ClusterSizing::serverId)
        .count("serverCount", "count", "⌈accelerators / per server⌉", ClusterSizing::serverCount)
        .count("acceleratorsPerServer", "count", "", ClusterSizing::acceleratorsPerServer)
        .text("scaleUp", "", "scale-up interconnect id (NVLink, ICI …)", ClusterSizing::scaleUpId)
        .count(
            "scaleUpDomainSize",
            "count",
            "accelerators per NVLink/ICI domain",
            ClusterSizing::scaleUpDomainSize)
        .count(
            "scaleUpDomainCount",
            "count",
            "⌈accelerators / domain size⌉",
            ClusterSizing::scaleUpDomainCount)
        .number(
            "scaleUpBandwidthGbPerSecondPerAccelerator",
            "GB/s",
            "scale-up bandwidth of one accelerator",
            c ->
                Units.bytesPerSecondToGigabytesPerSecond(
                    c.scaleUpBandwidthBytesPerSecondPerAccelerator()))
        .number(
            "serverPeakPowerKw",
            "kW",
            "accelerators × TDP + host power of one full server",
            c -> Units.wattsToKilowatts(c.serverPeakPowerWatts()))
        .count(
            "serversPerRack",
            "count",
            "min(⌊rack kW limit / server kW⌋, ⌊usable U / server U⌋)",
            ClusterSizing::serversPerRack)
        .number(
            "computeRackPeakPowerKw",
            "kW",
            "one full compute rack at peak",
            c -> Units.wattsToKilowatts(c.computeRackPeakPowerWatts()))
        .count("computeRackCount", "count", "racks of servers", ClusterSizing::computeRackCount)
        .count(
            "networkRackCount",
            "count",
            "racks of switches (switch U / usable U per rack)",
            ClusterSizing::networkRackCount)
        .count(
            "storageRackCount",
            "count",
            "racks of storage (capacity / PB per rack)",
            ClusterSizing::storageRackCount)
        .count("rackCount", "count", "all racks", ClusterSizing::rackCount)
        .number(
            "floorAreaM2",
            "m²",
            "racks × white space per rack of the cooling type",
            ClusterSizing::floorAreaM2);
  }

  private static void network(FigureGroup<FabricBom> g) {
    g.text("fabric", "", "fabric id", FabricBom::fabricId)
        .text("topology", "", "`fat-tree`, `rail-optimized` or `dragonfly`", n -> n.topology().id())
        .number("oversubscription", "ratio", "leaf down:up bandwidth", FabricBom::oversubscription)
        .count("tiers", "count", "switch tiers (0 for a single server)", FabricBom::tiers)
        .count(
            "endpointCount",
            "count",
            "NIC ports on the fabric (servers × scale-out ports)",
            FabricBom::endpointCount)
        .count("nicCount", "count", "NICs (one per endpoint port)", FabricBom::nicCount)
        .count(
            "leafSwitchCount",
            "count",
            "first-tier switches (dragonfly: all routers)",
            FabricBom::leafSwitchCount)
        .count(
            "spineSwitchCount",
            "count",
            "second-tier (spine/aggregation) switches",
            FabricBom::spineSwitchCount)
        .count("coreSwitchCount", "count", "third-tier switches", FabricBom::coreSwitchCount)
        .count("switchCount", "count", "all switches", FabricBom::switchCount)
        .count("linkCount", "count", "endpoint and switch-to-switch links", FabricBom::linkCount)
        .count("opticalLinkCount", "count", "links on optics", FabricBom::opticalLinkCount)
        .count("transceiverCount", "count", "two per optical link", FabricBom::transceiverCount)
        .count("cableCount", "count", "one per link (fibre or copper)", FabricBom::cableCount)
        .number(
            "bisectionBandwidthTbps",
            "Tb/s",
            "across the worst half/half cut: endpoints × port speed / 2, times up/down of the leaves' real port split (fat-tree, 2-3 tiers); the links across the cut for a dragonfly",
            n -> Units.gigabitsToTerabits(n.bisectionBandwidthGbps()))
        .number(
            "powerKw",
            "kW",
            "switches and transceivers",
            n -> Units.wattsToKilowatts(n.powerWatts()))
        .group(
            "capexBreakdownUsd",
            n -> n,
            g1 ->
                g1.number("switches", "USD", "", FabricBom::switchesCostUsd)
                    .number("nics", "USD", "", FabricBom::nicsCostUsd)
                    .number("transceivers", "USD", "", FabricBom::transceiversCostUsd)
                    .number("cables", "USD", "", FabricBom::cablesCostUsd))
        .number("capexUsd", "USD", "the four above", FabricBom::capexUsd);
  }

  private static void storage(FigureGroup<StorageSizing> g) {
    g.text("tier", "", "storage tier id, `none` without storage", StorageSizing::tierId)
        .number(
            "requestedPetabytes",
            "PB",
            "capacity the scenario asked for",
            StorageSizing::requestedPetabytes)
        .number(
            "capacityPetabytes",
            "PB",
            "capacity built: raised until the tier writes at the asked bandwidth",
            StorageSizing::capacityPetabytes)
        .number(
            "writeGigabytesPerSecond",
            "GB/s",
            "aggregate write bandwidth built",
            StorageSizing::writeGigabytesPerSecond)
        .number(
            "readGigabytesPerSecond",
            "GB/s",
            "aggregate read bandwidth built",
            StorageSizing::readGigabytesPerSecond)
        .number("powerKw", "kW", "", s -> Units.wattsToKilowatts(s.powerWatts()))
        .count("rackCount", "count", "", StorageSizing::rackCount);
  }

  private static void site(FigureGroup<SiteFigures> g) {
    g.text("region", "", "region id", SiteFigures::regionId)
        .text("cooling", "", "cooling type id", SiteFigures::coolingId)
        .number(
            "pue", "ratio", "the scenario's PUE, else the cooling type's default", SiteFigures::pue)
        .number("electricityUsdPerKwh", "USD/kWh", "", SiteFigures::electricityUsdPerKwh)
        .number("gridKgCo2ePerKwh", "kgCO2e/kWh", "", SiteFigures::gridKgCo2ePerKwh)
        .number("wueLitersPerKwh", "L/kWh", "", SiteFigures::wueLitersPerKwh)
        .number(
            "carbonFreeEnergyFraction",
            "fraction",
            "contracted carbon-free share of energy",
            SiteFigures::carbonFreeEnergyFraction);
  }

  private static void power(FigureGroup<PowerReport> g) {
    g.number(
            "acceleratorTdpMw",
            "MW",
            "accelerators × TDP alone (the seed's simplification)",
            p -> Units.wattsToMegawatts(p.acceleratorTdpWatts()))
        .number(
            "acceleratorOnlyFacilityMw",
            "MW",
            "the seed's figure: accelerators × TDP × PUE",
            p -> Units.wattsToMegawatts(p.acceleratorOnlyFacilityWatts()))
        .number(
            "serversPeakMw",
            "MW",
            "accelerators × TDP + servers × host power",
            p -> Units.wattsToMegawatts(p.serversPeakWatts()))
        .number(
            "hostsPeakMw",
            "MW",
            "servers × host power (CPUs, memory, NICs, fans): `power.serversPeakMw` − `power.acceleratorTdpMw`",
            p -> Units.wattsToMegawatts(p.hostsPeakWatts()))
        .number(
            "networkMw",
            "MW",
            "fabric switches and optics",
            p -> Units.wattsToMegawatts(p.networkWatts()))
        .number("storageMw", "MW", "", p -> Units.wattsToMegawatts(p.storageWatts()))
        .number(
            "itPeakPowerMw",
            "MW",
            "peak IT power: servers + network + storage",
            p -> Units.wattsToMegawatts(p.itPeakWatts()))
        .formerly("itPowerMw")
        .number("pue", "ratio", "", PowerReport::pue)
        .number(
            "facilityPeakPowerMw",
            "MW",
            "peak facility power: IT × PUE",
            p -> Units.wattsToMegawatts(p.facilityPeakWatts()))
        .formerly("facilityPowerMw")
        .number(
            "coolingOverheadPeakMw",
            "MW",
            "facility − IT at peak",
            p -> Units.wattsToMegawatts(p.overheadPeakWatts()))
        .formerly("coolingOverheadMw")
        .number(
            "itAveragePowerMw",
            "MW",
            "servers at peak × (idle + (load − idle) × utilization) + network + storage; or accelerators × `cluster.averagePowerWattsPerAccelerator` when given",
            p -> Units.wattsToMegawatts(p.itAverageWatts()))
        .number(
            "facilityAveragePowerMw",
            "MW",
            "average IT × PUE",
            p -> Units.wattsToMegawatts(p.facilityAverageWatts()))
        .number(
            "coolingOverheadAverageMw",
            "MW",
            "facility − IT on average",
            p -> Units.wattsToMegawatts(p.overheadAverageWatts()))
        .flag(
            "measuredAverage",
            "bool",
            "whether the average comes from `cluster.averagePowerWattsPerAccelerator`",
            PowerReport::measuredAverage)
        .number(
            "loadFractionOfPeak",
            "fraction",
            "what the servers draw busy training or serving over their peak: the accelerator's"
                + " `loadPowerFractionOfPeak` (measured per generation: V100 0.754, H100/H200 0.82,"
                + " TPU v3 0.84, TPU v4 0.885; docs/reference/catalog.md), else the assumptions'"
                + " 0.75",
            PowerReport::loadFractionOfPeak);
  }

  private static void cost(FigureGroup<CostReport> g) {
    g.flag(
            "cloudOnly",
            "bool",
            "the accelerator cannot be bought: capex is 0 and the cost is the rent",
            CostReport::cloudOnly)
        .number(
            "volumeDiscountFraction",
            "fraction",
            "average discount off list of the accelerator order under graduated tiers (each tier's discount applies to the units beyond its threshold)",
            CostReport::volumeDiscountFraction)
        .number("capexUsd", "USD", "all capital: the five parts below", CostReport::capexUsd)
        .group(
            "capexBreakdownUsd",
            CostReport::capex,
            g1 ->
                g1.number(
                        "accelerators",
                        "USD",
                        "count × list price under graduated volume discounts",
                        CapexBreakdown::acceleratorsUsd)
                    .number(
                        "servers",
                        "USD",
                        "servers × price without accelerators, under the same tiers counted in accelerators",
                        CapexBreakdown::serversUsd)
                    .number("network", "USD", "`network.capexUsd`", CapexBreakdown::networkUsd)
                    .number("storage", "USD", "TB × $/TB", CapexBreakdown::storageUsd)
                    .number(
                        "facility",
                        "USD",
                        "peak IT MW × construction $/MW; 0 when leased",
                        CapexBreakdown::facilityUsd))
        .number(
            "hardwareCapexUsd", "USD", "capex without the facility", c -> c.capex().hardwareUsd())
        .number("opexUsdPerYear", "USD/year", "the parts below", CostReport::opexUsdPerYear)
        .group(
            "opexBreakdownUsdPerYear",
            CostReport::opex,
            g1 ->
                g1.number(
                        "electricity",
                        "USD/year",
                        "average facility kW × 8,760 h × $/kWh",
                        OpexBreakdown::electricityUsdPerYear)
                    .number(
                        "staff",
                        "USD/year",
                        "(fixed FTE + FTE per MW × IT MW) × $ per FTE",
                        OpexBreakdown::staffUsdPerYear)
                    .number(
                        "maintenance",
                        "USD/year",
                        "fraction of hardware capex",
                        OpexBreakdown::maintenanceUsdPerYear)
                    .number(
                        "bandwidth",
                        "USD/year",
                        "WAN Gb/s × $ per Gb/s-month × 12",
                        OpexBreakdown::bandwidthUsdPerYear)
                    .number(
                        "colocation",
                        "USD/year",
                        "leased facility: peak IT kW × $/kW-month × 12",
                        OpexBreakdown::colocationUsdPerYear)
                    .number(
                        "cloudRental",
                        "USD/year",
                        "cloud-only accelerators: the rent",
                        OpexBreakdown::cloudRentalUsdPerYear)
                    .number(
                        "other",
                        "USD/year",
                        "insurance, property tax: fraction of capex",
                        OpexBreakdown::otherUsdPerYear))
        .number(
            "depreciationUsdPerYear",
            "USD/year",
            "Σ capex of each class / its lifetime",
            CostReport::depreciationUsdPerYear)
        .number(
            "costOfCapital", "fraction/year", "`finance.costOfCapital`", CostReport::costOfCapital)
        .number(
            "capitalChargeUsdPerYear",
            "USD/year",
            "Σ capex of each class × r / (1 − (1 + r)^−life): the level payment that repays it with"
                + " interest at the cost of capital r over its lifetime (the annuity formula; equal"
                + " to the depreciation when r = 0)",
            CostReport::capitalChargeUsdPerYear)
        .number("horizonYears", "years", "", CostReport::horizonYears)
        .number(
            "tcoUsd",
            "USD",
            "capital charge × horizon + opex × horizon: the capital consumed, with its interest,"
                + " and the running cost",
            CostReport::tcoUsd)
        .number(
            "usdPerAcceleratorHour",
            "USD/h",
            "TCO / (accelerators × 8,760 h × horizon × utilization)",
            CostReport::usdPerAcceleratorHour)
        .optional(
            "cloudUsdPerAcceleratorHour",
            "USD/h",
            "the cloud price compared with (scenario, else catalog); null when none",
            CostReport::cloudUsdPerAcceleratorHour)
        .optional(
            "cloudTcoUsd",
            "USD",
            "rent × accelerators × 8,760 h × horizon (× utilization when billed on demand); null without a price",
            CostReport::cloudTcoUsd)
        .optional(
            "breakEvenMonths",
            "months",
            "capex / ((cloud rent − opex) / 12); null when renting stays cheaper",
            CostReport::breakEvenMonths)
        .optional(
            "cloudToOwnCostRatio",
            "ratio",
            "cloud TCO / our TCO: the cloud's cost per useful accelerator-hour over ours",
            CostReport::cloudToOwnCostRatio)
        .number(
            "acceleratorOnlyElectricityUsdPerYear",
            "USD/year",
            "the seed's figure: accelerators' TDP × PUE × 8,760 h × $/kWh",
            CostReport::acceleratorOnlyElectricityUsdPerYear)
        .list(
            "cumulativeUsdByYear",
            "",
            "cumulative cost at the end of each year of the horizon, and on by whole years to the first year past a later break-even (at most twice the horizon), as points `{months, ownUsd, ownTcoUsd, rentUsd}`: owning in cash, capex + opex × years (the rent alone when cloud only); owning as TCO, (capital charge + opex) × years; renting, `cost.cloudTcoUsd` / horizon × years (null without a cloud price). Owning in cash and renting cross at `cost.breakEvenMonths`",
            PlanFigures::cumulativeCost);
  }

  private static void energy(FigureGroup<EnergyReport> g) {
    g.number(
            "energyMwhPerYear",
            "MWh/year",
            "average facility power × 8,760 h",
            EnergyReport::energyMwhPerYear)
        .number(
            "itEnergyMwhPerYear",
            "MWh/year",
            "average IT power × 8,760 h",
            EnergyReport::itEnergyMwhPerYear)
        .number(
            "coolingOverheadEnergyMwhPerYear",
            "MWh/year",
            "facility − IT energy: cooling and power distribution",
            EnergyReport::overheadEnergyMwhPerYear)
        .number(
            "emissionsTco2ePerYear",
            "tCO2e/year",
            "energy × grid intensity × (1 − carbon-free share)",
            EnergyReport::emissionsTco2ePerYear)
        .number(
            "embodiedTco2e",
            "tCO2e",
            "manufacturing emissions of accelerators (boards and packages), servers (hosts: CPUs,"
                + " memory, storage, chassis), switches and storage",
            EnergyReport::embodiedTco2e)
        .number(
            "embodiedTco2ePerYear",
            "tCO2e/year",
            "each class over its lifetime",
            EnergyReport::embodiedTco2ePerYear)
        .number("waterM3PerYear", "m³/year", "WUE × IT energy", EnergyReport::waterM3PerYear);
  }

  private static void training(FigureGroup<TrainingReport> g) {
    g.text("model", "", "the model as named", t -> t.model().orElse(null))
        .optional("tokens", "tokens", "as given, or null", TrainingReport::tokens)
        .number(
            "durationDays",
            "days",
            "the predicted `training.timeToTrainDays`, or the given duration",
            TrainingReport::durationDays)
        .number(
            "acceleratorHours", "h", "accelerators × duration", TrainingReport::acceleratorHours)
        .number(
            "itBusyPowerMw",
            "MW",
            "busy IT draw: servers at their load fraction of peak + network + storage, or the measured figure",
            t -> Units.wattsToMegawatts(t.itPowerWatts()))
        .formerly("itPowerMw")
        .number(
            "energyMwh",
            "MWh",
            "IT power × hours × PUE (Patterson et al. 2021)",
            TrainingReport::energyMwh)
        .number(
            "emissionsTco2e",
            "tCO2e",
            "energy × grid intensity × (1 − carbon-free share)",
            TrainingReport::emissionsTco2e)
        .number(
            "costUsd",
            "USD",
            "accelerator-hours × `cost.usdPerAcceleratorHour`",
            TrainingReport::costUsd)
        .optional(
            "usdPerMillionTokens",
            "USD",
            "`training.costUsd` / `training.tokens` × 10^6: what a million training tokens cost;"
                + " null without the tokens",
            TrainingReport::usdPerMillionTokens)
        .flag(
            "durationPredicted",
            "bool",
            "whether `training.durationDays` is Ironworks' prediction",
            TrainingReport::durationPredicted)
        .whenPresent(
            "Performance (present when the architecture is known, from the model catalog or inline):",
            TrainingReport::performance,
            g1 ->
                g1.number(
                        "timeToTrainDays",
                        "days",
                        "tokens / `training.tokensPerSecond`",
                        TrainingPerformance::predictedDays)
                    .count(
                        "globalBatchSequences",
                        "sequences",
                        "per iteration (given, else ~4M tokens)",
                        TrainingPerformance::globalBatchSequences)
                    .count("sequenceLength", "tokens", "", TrainingPerformance::sequenceLength)
                    .text(
                        "precision", "", "`fp32`, `fp16`, `bf16` or `fp8`", f -> f.precision().id())
                    .number(
                        "flopsTotal",
                        "FLOPs",
                        "model FLOPs of all tokens (forward and backward, no recomputation)",
                        TrainingPerformance::flopsTotal)
                    .number(
                        "iterationSeconds",
                        "s",
                        "one iteration of the chosen configuration",
                        f -> f.best().iterationSeconds())
                    .number(
                        "tokensPerSecond",
                        "tokens/s",
                        "batch × sequence / iteration time",
                        TrainingPerformance::tokensPerSecond)
                    .number(
                        "tokensPerSecondPerAccelerator",
                        "tokens/s",
                        "`training.tokensPerSecond` / `training.acceleratorsUsed`: the figure published training benchmarks quote",
                        TrainingPerformance::tokensPerSecondPerAccelerator)
                    .number(
                        "mfu",
                        "fraction",
                        "model FLOPs per second / (accelerators used × dense peak of the linear layers' format: the FP8 peak for `fp8` and `mxfp8`, the FP4 peak for `nvfp4`); model FLOPs count forward and backward, no recomputation, and the attention scores a causal model needs (half the s × s matrix; a sliding-window layer's window)",
                        TrainingPerformance::mfu)
                    .number(
                        "hfu",
                        "fraction",
                        "executed FLOPs per second / the same peak: model FLOPs plus what recomputation repeats, and the masked half of the scores where an unfused kernel computes it. Never below `training.mfu`",
                        TrainingPerformance::hfu)
                    .number(
                        "achievedTflopsPerAccelerator",
                        "TFLOP/s",
                        "hardware FLOPs per second per accelerator used, as Megatron-LM reports them: model FLOPs plus recomputation, with the whole score matrix",
                        TrainingPerformance::achievedTflopsPerAccelerator)
                    .number(
                        "memoryPerAcceleratorGib",
                        "GiB",
                        "the fuller of the first and last pipeline stages",
                        f -> Units.bytesToGibibytes(f.best().memory().totalBytes()))
                    .number(
                        "acceleratorMemoryGib",
                        "GiB",
                        "memory of one accelerator: `training.memoryPerAcceleratorGib` must fit in it",
                        f -> Units.bytesToGibibytes(f.memoryBytesPerAccelerator()))
                    .group(
                        "memoryBreakdownGib",
                        f -> f.best().memory(),
                        g2 ->
                            g2.number(
                                    "weights",
                                    "GiB",
                                    "after ZeRO sharding",
                                    m -> Units.bytesToGibibytes(m.weightsBytes()))
                                .number(
                                    "gradients",
                                    "GiB",
                                    "after ZeRO sharding",
                                    m -> Units.bytesToGibibytes(m.gradientsBytes()))
                                .number(
                                    "optimizer",
                                    "GiB",
                                    "Adam state and fp32 master weights, after ZeRO sharding",
                                    m -> Units.bytesToGibibytes(m.optimizerBytes()))
                                .number(
                                    "activations",
                                    "GiB",
                                    "Korthikanti et al. 2022, for the micro-batches in flight",
                                    m -> Units.bytesToGibibytes(m.activationsBytes()))
                                .number(
                                    "other",
                                    "GiB",
                                    "reserved by the runtime, ZeRO-3 prefetch buffers",
                                    m -> Units.bytesToGibibytes(m.otherBytes())))
                    .group(
                        "parallelism",
                        f -> f.best().config(),
                        g2 ->
                            g2.count("tensor", "", "tensor-parallel degree", ParallelConfig::tensor)
                                .count("pipeline", "", "pipeline stages", ParallelConfig::pipeline)
                                .count("data", "", "data-parallel degree", ParallelConfig::data)
                                .count(
                                    "context",
                                    "",
                                    "context-parallel degree",
                                    ParallelConfig::context)
                                .count(
                                    "expert",
                                    "",
                                    "expert-parallel degree (within data parallel)",
                                    ParallelConfig::expert)
                                .count(
                                    "microBatch",
                                    "sequences",
                                    "per micro-batch",
                                    ParallelConfig::microBatch)
                                .count(
                                    "interleave",
                                    "",
                                    "virtual pipeline chunks per device",
                                    ParallelConfig::interleave)
                                .count("zeroStage", "", "0-3", ParallelConfig::zeroStage)
                                .text(
                                    "recompute",
                                    "",
                                    "`none`, `selective` or `full`",
                                    c -> c.recompute().id())
                                .flag(
                                    "sequenceParallel",
                                    "bool",
                                    "",
                                    ParallelConfig::sequenceParallel)
                                .count(
                                    "shardGroup",
                                    "ranks",
                                    "ranks ZeRO-3 shards the model states over: the data-parallel degree, or fewer with hybrid sharding (HSDP)",
                                    ParallelConfig::shardGroup)
                                .count(
                                    "expertTensor",
                                    "ranks",
                                    "tensor-parallel degree of the experts: 1 keeps each expert whole and folds the tensor-parallel ranks into the expert-parallel group (Megatron-Core's MoE parallel folding); equal to `training.parallelism.tensor` splits experts like the dense layers",
                                    ParallelConfig::expertTensor))
                    .count(
                        "acceleratorsUsed",
                        "count",
                        "tensor × pipeline × data × context: accelerators the run uses (the rest idle)",
                        f -> f.best().config().worldSize())
                    .count(
                        "microBatches",
                        "count",
                        "per iteration per pipeline: batch / (data × micro-batch)",
                        f -> f.best().microBatches())
                    .group(
                        "timeBreakdownSeconds",
                        TrainingPerformance::best,
                        g2 ->
                            g2.number(
                                    "compute",
                                    "s",
                                    "kernels of the slowest stage, all micro-batches, and the optimizer",
                                    StepEstimate::computeSeconds)
                                .number(
                                    "exposedCommunication",
                                    "s",
                                    "communication not hidden behind compute",
                                    StepEstimate::exposedCommunicationSeconds)
                                .number(
                                    "bubble",
                                    "s",
                                    "pipeline fill and drain: (p − 1)/v stage times",
                                    StepEstimate::bubbleSeconds)
                                .number(
                                    "host",
                                    "s",
                                    "the accelerators waiting on the host: layers that run faster than the host issues their kernels, and mixture-of-experts layers waiting for token counts. Iteration = compute + exposed communication + bubble + host",
                                    StepEstimate::hostSeconds))
                    .group(
                        "communicationSeconds",
                        TrainingPerformance::best,
                        g2 ->
                            g2.number(
                                    "tensorParallel",
                                    "s",
                                    "tensor-parallel collectives (on the critical path)",
                                    StepEstimate::tensorParallelSeconds)
                                .number(
                                    "pipelineSends",
                                    "s",
                                    "activations and gradients between stages",
                                    StepEstimate::pipelineSendSeconds)
                                .number(
                                    "dataParallelExposed",
                                    "s",
                                    "gradient reduction and ZeRO gathers left after overlap",
                                    StepEstimate::dataParallelExposedSeconds)
                                .number(
                                    "expertAllToAll",
                                    "s",
                                    "MoE dispatch and combine (or, with `expertOverlap`, what overlapping them costs)",
                                    StepEstimate::expertAllToAllSeconds)
                                .number(
                                    "contextParallel",
                                    "s",
                                    "context-parallel key/value exchange left after the attention core hides it",
                                    StepEstimate::contextParallelSeconds))
                    .count(
                        "configurationsEvaluated",
                        "count",
                        "configurations the search estimated",
                        TrainingPerformance::evaluated)
                    .count(
                        "configurationsFitting",
                        "count",
                        "of those, the ones that fit in memory",
                        TrainingPerformance::fitting)
                    .text(
                        "calibration",
                        "",
                        "the calibration entry used (the accelerator's, else `default`)",
                        TrainingPerformance::calibration)
                    .optional(
                        "leaveOutErrorPercent",
                        "%",
                        "mean absolute error of the published throughput of the runs on that entry's accelerators, each predicted with its publication left out of the fit (`leaveOutError` in `calibration.yaml`, from `ironworks validate --fit`): the error a new run on this hardware should expect; null where no published run validates the entry",
                        p -> p.leaveOutError().stream().mapToDouble(e -> e.meanPercent()).findAny())
                    .optional(
                        "leaveOutWorstErrorPercent",
                        "%",
                        "the largest of those errors",
                        p ->
                            p.leaveOutError().stream().mapToDouble(e -> e.worstPercent()).findAny())
                    .optional(
                        "leaveOutRuns",
                        "runs",
                        "published runs behind those errors",
                        p -> p.leaveOutError().stream().mapToDouble(e -> e.runs()).findAny())
                    .list(
                        "alternatives",
                        "",
                        "the next-fastest configurations that fit: label, seconds per iteration, GiB",
                        PlanFigures::alternatives));
  }

  private static void reliability(FigureGroup<ReliabilityReport> g) {
    g.text("failureRates", "", "the rate set used", ReliabilityReport::failureRates)
        .number(
            "failuresPerDay",
            "1/day",
            "λ = Σ components / MTBF over everything in the job's blast radius",
            ReliabilityReport::failuresPerDay)
        .group(
            "failuresPerDayByComponent",
            r -> r,
            g1 ->
                g1.number(
                        "accelerator",
                        "1/day",
                        "accelerators / their MTBF",
                        ReliabilityReport::acceleratorFailuresPerDay)
                    .number(
                        "host",
                        "1/day",
                        "hosts of the servers the job uses (`reliability.hostsPerServer` each) /"
                            + " host MTBF",
                        ReliabilityReport::hostFailuresPerDay)
                    .number(
                        "nic",
                        "1/day",
                        "scale-out ports / NIC MTBF",
                        ReliabilityReport::nicFailuresPerDay)
                    .number(
                        "switch",
                        "1/day",
                        "fabric switches / switch MTBF",
                        ReliabilityReport::switchFailuresPerDay)
                    .number(
                        "software",
                        "1/day",
                        "accelerators / software MTBF",
                        ReliabilityReport::softwareFailuresPerDay)
                    .number(
                        "link",
                        "1/day",
                        "link flaps that interrupt the job",
                        ReliabilityReport::linkFailuresPerDay))
        .number(
            "clusterFailuresPerDay",
            "1/day",
            "the same sum over every component of the training cluster, in the job's blast radius"
                + " or not: the failures operators repair each day (the seed's \"10,000 GPUs at a"
                + " 3-year MTBF fail 9–10 times a day\" is this figure)",
            ReliabilityReport::clusterFailuresPerDay)
        .count(
            "hostsPerServer",
            "count",
            "hosts whose failure takes a server down: 1 for a box; a rack-scale system's compute"
                + " and NVLink switch trays (27 in an NVL72 rack), the whole rack being one failure"
                + " domain that is repaired and spared as a unit",
            r -> r.counts().servers() > 0 ? r.counts().hosts() / r.counts().servers() : 1)
        .number("jobMtbfHours", "h", "24 / failures per day", ReliabilityReport::jobMtbfHours)
        .number(
            "checkpointGib",
            "GiB",
            "parameters × (weights + optimizer bytes): 14 bytes per parameter in bf16 with Adam",
            r -> Units.bytesToGibibytes(r.checkpointBytes()))
        .number(
            "checkpointWriteSeconds",
            "s",
            "checkpoint / storage write bandwidth (or `reliability.checkpoint.writeSeconds`)",
            ReliabilityReport::checkpointWriteSeconds)
        .number(
            "checkpointStallSeconds",
            "s",
            "the job's stop per checkpoint: the write, or the copy to host memory when asynchronous",
            ReliabilityReport::checkpointStallSeconds)
        .flag("asyncCheckpoint", "bool", "", ReliabilityReport::asyncCheckpoint)
        .number(
            "youngIntervalMinutes", "min", "Young 1974: √(2δM)", r -> r.youngIntervalSeconds() / 60)
        .number(
            "dalyIntervalMinutes",
            "min",
            "Daly 2006: √(2δM)[1 + ⅓√(δ/2M) + (δ/2M)/9] − δ",
            r -> r.dalyIntervalSeconds() / 60)
        .number(
            "checkpointIntervalMinutes",
            "min",
            "the interval used: given, else Daly's",
            r -> r.checkpointIntervalSeconds() / 60)
        .number("restartMinutes", "min", "detect, reschedule, reload", r -> r.restartSeconds() / 60)
        .number(
            "plannedInterruptionsPerDay",
            "1/day",
            "planned maintenance",
            ReliabilityReport::plannedInterruptionsPerDay)
        .number("goodput", "fraction", "compute time / wall-clock time", ReliabilityReport::goodput)
        .number(
            "computeDays",
            "days",
            "failure-free time (`training.durationDays`)",
            ReliabilityReport::computeDays)
        .number(
            "wallClockDays",
            "days",
            "with checkpoints, failures, restarts and maintenance: Daly 2006 eq. 13 for synchronous checkpoints, compute / (1 − first-order waste) for asynchronous ones, then ÷ (1 − the share of the day planned stops take)",
            ReliabilityReport::wallClockDays)
        .number(
            "expectedInterruptions",
            "count",
            "failures and planned stops over the run",
            ReliabilityReport::expectedInterruptions)
        .group(
            "lostDays",
            r -> r,
            g1 ->
                g1.number(
                        "checkpoints",
                        "days",
                        "stalled writing checkpoints",
                        ReliabilityReport::checkpointDays)
                    .number("restarts", "days", "restarting", ReliabilityReport::restartDays)
                    .number(
                        "rework",
                        "days",
                        "recomputing work lost since the last checkpoint",
                        ReliabilityReport::reworkDays))
        .count(
            "spareServers",
            "count",
            "hot spares: given, else the 99.9% Poisson quantile of server failures during one repair",
            ReliabilityReport::spareServers)
        .number(
            "serverFailuresPerRepair",
            "count",
            "expected server failures during one repair time",
            ReliabilityReport::serverFailuresPerRepair)
        .number(
            "extraCostUsd",
            "USD",
            "(wall-clock − compute) hours × accelerators × `cost.usdPerAcceleratorHour`",
            ReliabilityReport::extraCostUsd)
        .number(
            "extraEnergyMwh",
            "MWh",
            "checkpoints and rework at busy power, restarts at idle power, × PUE",
            ReliabilityReport::extraEnergyMwh)
        .number(
            "extraEmissionsTco2e",
            "tCO2e",
            "extra energy × grid intensity × (1 − carbon-free share)",
            ReliabilityReport::extraEmissionsTco2e);
  }

  private static void inference(FigureGroup<InferenceReport> g) {
    g.text(
            "model",
            "",
            "the model as named: the catalog id, or the inline `name`",
            InferenceReport::model)
        .text(
            "precision",
            "",
            "the weights' format: given, else searched among fp8 (where the accelerator has an FP8 peak) and bf16",
            i -> i.chosen().config().precision().id())
        .count(
            "replicas",
            "count",
            "sized: ⌈peak requests per second / the requests one replica carries within the targets⌉ (at least 1), prefill and decode replicas together when disaggregated; a given fleet: ⌊`cluster.count` / accelerators per replica⌋",
            InferenceReport::replicas)
        .count(
            "acceleratorCount",
            "count",
            "the serving fleet: replicas × accelerators per replica, or the given `cluster.count`",
            InferenceReport::acceleratorCount)
        .count(
            "acceleratorsPerReplica",
            "count",
            "tensor × pipeline",
            i -> i.chosen().config().acceleratorsPerReplica())
        .group(
            "parallelism",
            i -> i.chosen().config(),
            g1 ->
                g1.count("tensor", "", "tensor-parallel degree of a replica", ServingConfig::tensor)
                    .count("pipeline", "", "pipeline stages of a replica", ServingConfig::pipeline)
                    .count(
                        "expert",
                        "",
                        "min(tensor, experts) for a MoE model, else 1; no figure depends on it (experts are split over the tensor ranks)",
                        ServingConfig::expert))
        .count(
            "batchSize",
            "sequences",
            "sequences a replica runs at most (the scheduler's `maxSequences`, given or searched); more wait",
            i -> i.chosen().config().batch())
        .count(
            "maxBatchSize",
            "sequences",
            "sequences the replica's KV cache holds: at their mean running context, the 99th percentile of their sum within the pool (paged), or each the model's whole context (contiguous), and within the step's token budget; disaggregated, a decode replica's (no prompt in flight beside them)",
            i -> i.chosen().maxBatch())
        .number(
            "tokensPerSecondPerReplica",
            "tokens/s",
            "output tokens per second one replica carries: within the targets at their percentile (continuous batching, aggregated); its capacity with every slot busy without targets; the fleet's rate over its replicas when disaggregated; batch × output / (batch prefills + output decode steps) with static batching",
            i -> i.chosen().tokensPerSecond())
        .number(
            "fleetTokensPerSecond",
            "tokens/s",
            "replicas × `inference.tokensPerSecondPerReplica`: MLPerf's server figure with targets, its offline figure without",
            i -> i.chosen().tokensPerSecond() * i.replicas())
        .number(
            "ttftMillis",
            "ms",
            "time to first token at the targets' percentile at the rate a replica runs (static batching: batch × one prefill)",
            i -> i.chosen().ttftSeconds() * 1e3)
        .number(
            "tpotMillis",
            "ms",
            "time per output token after the first at the targets' percentile at that rate (static batching: the decode step)",
            i -> i.chosen().tpotSeconds() * 1e3)
        .number(
            "singleStreamTpotMillis",
            "ms",
            "time per output token of one sequence alone (batch 1) on the chosen replica shape;"
                + " disaggregated, on a decode replica, where no prompt is prefilled beside it",
            i -> i.singleStreamTpotSeconds() * 1e3)
        .number(
            "singleStreamTokensPerSecond",
            "tokens/s",
            "1 / `inference.singleStreamTpotMillis`: one user's speed",
            i -> 1 / i.singleStreamTpotSeconds())
        .number(
            "maxTokensPerSecondPerReplica",
            "tokens/s",
            "the replica's most output tokens per second over the batches of `inference.curve` (its plateau); disaggregated, a decode replica's with every slot decoding",
            InferenceReport::maxTokensPerSecondPerReplica)
        .number(
            "weightsGibPerAccelerator",
            "GiB",
            "the model's `parameters` × bytes per value / accelerators per replica",
            i -> Units.bytesToGibibytes(i.chosen().weightBytesPerDevice()))
        .number(
            "kvCacheGibPerReplica",
            "GiB",
            "the KV pool: (90% of memory − weights − the calibration's reserve) × accelerators per replica",
            i -> Units.bytesToGibibytes(i.chosen().kvBytesPerReplica()))
        .number(
            "kvCacheBytesPerToken",
            "bytes",
            "every layer's cache of one token: 2 (keys and values) × layers × KV heads × head dimension × bytes per value of `workload.inference.kvCachePrecision`, or layers × (latent + rotary key) × bytes under multi-head latent attention",
            InferenceReport::kvBytesPerToken)
        .number(
            "averageTokensPerSecond",
            "tokens/s",
            "the demand: `workload.inference.tokensPerDay` / 86,400, or requests per second × output tokens; 0 without a demand",
            InferenceReport::averageTokensPerSecond)
        .number(
            "peakTokensPerSecond",
            "tokens/s",
            "average × `workload.inference.peakToAverage`: what the fleet is sized for",
            InferenceReport::peakTokensPerSecond)
        .number(
            "capacityTokensPerDay",
            "tokens/day",
            "the average demand the fleet carries with its peak inside capacity: fleet tokens per second × 86,400 / peak-to-average",
            InferenceReport::capacityTokensPerDay)
        .number(
            "utilization",
            "fraction",
            "tokens served / fleet tokens per second; served = min(average demand, fleet capacity), or without a demand fleet capacity / peak-to-average",
            InferenceReport::utilization)
        .flag(
            "meetsTargets",
            "bool",
            "the chosen configuration meets the latency targets at their percentile and the fleet carries the peak demand; false only for a given fleet, with a note",
            InferenceReport::meetsTargets)
        .number(
            "usdPerMillionTokens",
            "USD",
            "fleet × the TCO per accelerator-hour of all hours (`cost.tcoUsd` / (`cluster.acceleratorCount` × 8,760 h × horizon)) / tokens served per hour × 10^6",
            InferenceReport::usdPerMillionTokens)
        .number(
            "whPer1000Tokens",
            "Wh",
            "`inference.averagePowerKw` / tokens served per second / 3,600 × 1,000",
            InferenceReport::whPer1000Tokens)
        .number(
            "tco2ePerBillionTokens",
            "tCO2e",
            "Wh per 1,000 tokens × grid intensity × (1 − carbon-free share): tonnes per 10^9 tokens",
            InferenceReport::tco2ePerBillionTokens)
        .number(
            "averagePowerKw",
            "kW",
            "facility power of the fleet: accelerators × (server peak per accelerator × (idle + (load − idle) × `inference.utilization`) + network and storage per accelerator) × PUE",
            i -> Units.wattsToKilowatts(i.averagePowerWatts()))
        .list(
            "curve",
            "",
            "the chosen replica shape's latency–throughput trade-off at batches 1, 2, 4 … up to `inference.maxBatchSize`, every slot busy, as points `{batch, tpotMillis, tokensPerSecond, ttftMillis}`: sequences in flight, time per output token, output tokens per second of the replica, time to first token. Disaggregated, the decode replica's at 1, 2, 4 … requests up to its slots (`inference.batchSize`), every step decoding only, and a prefill replica's time to first token for a prompt that finds it idle",
            PlanFigures::curve);
    serving(g);
  }

  /** The queueing figures of {@code inference.*}: percentiles, load, headroom and mode. */
  private static void serving(FigureGroup<InferenceReport> g) {
    g.text(
            "latencyPercentile",
            "",
            "`p50`, `p90` or `p99`: the share of requests the targets hold for (`workload.inference.latency.percentile`)",
            i -> i.serving().percentile().id())
        .text(
            "mode",
            "",
            "`aggregated` or `disaggregated`: how the fleet serves, given or the cheaper of the two",
            i -> i.serving().mode().id())
        .whenPresent(
            "When the fleet serves disaggregated:",
            i ->
                i.serving().mode() == ServingMode.DISAGGREGATED
                    ? Optional.of(i.serving())
                    : Optional.empty(),
            d ->
                d.count(
                        "prefillReplicas",
                        "count",
                        "replicas that prefill prompts and produce first tokens",
                        ServingFigures::prefillReplicas)
                    .count(
                        "decodeReplicas",
                        "count",
                        "replicas that decode",
                        ServingFigures::decodeReplicas)
                    .number(
                        "kvTransferMillis",
                        "ms",
                        "moving one prompt's KV cache to a decode replica, each tensor rank's shard over its share of the server's scale-out bandwidth, plus one transfer latency",
                        s -> s.kvTransferSeconds() * 1e3))
        .whenPresent(
            "When a replica has a rate (continuous batching):",
            i -> i.serving().ratePerReplica() > 0 ? Optional.of(i) : Optional.empty(),
            r ->
                r.number(
                        "requestsPerSecondPerReplica",
                        "requests/s",
                        "the most requests a second a replica carries within the targets at their percentile (its capacity without targets)",
                        i -> i.serving().ratePerReplica())
                    .number(
                        "capacityTokensPerSecondPerReplica",
                        "tokens/s",
                        "what a replica completes with every slot busy (the queue's saturation): MLPerf's offline rate per replica",
                        i -> i.serving().capacityPerReplica() * outputTokensPerRequest(i))
                    .number(
                        "tailHeadroom",
                        "fraction",
                        "1 − `inference.requestsPerSecondPerReplica` / capacity: the share of a replica's capacity held back so the percentile meets the targets",
                        i -> i.serving().tailHeadroom()))
        .whenPresent(
            "Sized fleets with targets at p90 or p99:",
            i -> i.serving().medianAccelerators() > 0 ? Optional.of(i) : Optional.empty(),
            t ->
                t.count(
                        "medianTargetAccelerators",
                        "count",
                        "the accelerators the same targets need at the median",
                        i -> i.serving().medianAccelerators())
                    .count(
                        "tailExtraAccelerators",
                        "count",
                        "`inference.acceleratorCount` − `inference.medianTargetAccelerators`: what holding the targets at the percentile rather than the median costs",
                        i -> i.acceleratorCount() - i.serving().medianAccelerators()))
        .number(
            "speculativeTokensPerStep",
            "tokens",
            "output tokens a sequence gains per step: (1 − α^(γ+1)) / (1 − α) with speculative decoding, else 1",
            i -> i.serving().tokensPerStep())
        .number(
            "prefixCacheHitRate",
            "fraction",
            "share of prompt tokens served from the prefix cache (`workload.inference.prefixCacheHitRate`)",
            i -> i.serving().prefixCacheHitRate())
        .whenPresent(
            "At the rate a replica runs (continuous batching):",
            i -> i.serving().load(),
            l ->
                l.number(
                        "replicaLoad",
                        "fraction",
                        "the rate a replica runs at (the peak demand over the replicas, or the most within the targets) over its capacity: the utilisation the queue runs at. Above 1 the demand outpaces what the replica completes: the queue has no steady state, every slot runs, and the wait for a slot (with `meanQueuedRequests` and the time to first token) is unbounded, ∞ (null in JSON)",
                        LoadPoint::utilization)
                    .number(
                        "meanRunningSequences",
                        "sequences",
                        "sequences a replica runs on average at that rate",
                        LoadPoint::meanRunning)
                    .number(
                        "meanQueuedRequests",
                        "requests",
                        "requests waiting for a slot on average at that rate",
                        LoadPoint::meanWaiting)
                    .number(
                        "queueingProbability",
                        "fraction",
                        "share of requests that find every slot busy and wait",
                        LoadPoint::waitProbability)
                    .number(
                        "goodput",
                        "fraction",
                        "share of requests meeting both targets at that rate (the queueing model's; `ironworks simulate` measures it)",
                        LoadPoint::goodput)
                    .group(
                        "ttftPercentilesMillis",
                        LoadPoint::ttft,
                        q -> quantiles(q, "time to first token"))
                    .group(
                        "tpotPercentilesMillis",
                        LoadPoint::tpot,
                        q -> quantiles(q, "time per output token after the first"))
                    .group(
                        "endToEndPercentilesMillis",
                        LoadPoint::endToEnd,
                        q -> quantiles(q, "arrival to last token")))
        .list(
            "loadCurve",
            "",
            "continuous batching only (else empty): one replica at 10% … 98% of its capacity, as points `{utilization, tokensPerSecond, ttftP50Millis, ttftP99Millis, tpotP50Millis, tpotP99Millis}`: the latency–throughput curve with its tail. Disaggregated, the fleet at those shares of its slower pool's capacity, each request through a prefill and a decode replica (its time per token carrying the KV transfer), tokens per second per replica of either pool and utilization the busier pool's",
            PlanFigures::loadCurve);
  }

  private static void quantiles(FigureGroup<LatencyQuantiles> g, String what) {
    g.number("p50", "ms", what + ", median, at that rate", q -> q.p50Seconds() * 1e3)
        .number("p90", "ms", what + ", 90th percentile", q -> q.p90Seconds() * 1e3)
        .number("p99", "ms", what + ", 99th percentile", q -> q.p99Seconds() * 1e3)
        .number("mean", "ms", what + ", mean", q -> q.meanSeconds() * 1e3);
  }

  // ------------------------------------------------------------------------------ lists

  /**
   * Cumulative cost at the end of each year of the horizon (and at the horizon), then on by whole
   * years to the first past a later break-even, at most twice the horizon.
   */
  static List<?> cumulativeCost(CostReport c) {
    double horizon = c.horizonYears();
    List<Map<String, Object>> points = new ArrayList<>();
    if (!Double.isFinite(horizon) || horizon <= 0) {
      return points;
    }
    double end = horizon;
    OptionalDouble breakEven = c.breakEvenMonths();
    if (breakEven.isPresent() && breakEven.getAsDouble() / Units.MONTHS_PER_YEAR > horizon) {
      end = Math.min(2 * horizon, Math.ceil(breakEven.getAsDouble() / Units.MONTHS_PER_YEAR));
    }
    for (int y = 0; y <= Math.ceil(end); y++) {
      if (end > horizon && y > horizon && y - 1 < horizon) {
        points.add(costPoint(c, horizon));
      }
      points.add(costPoint(c, Math.min(y, end)));
    }
    return points;
  }

  private static Map<String, Object> costPoint(CostReport c, double years) {
    Map<String, Object> point = new LinkedHashMap<>();
    point.put("months", years * Units.MONTHS_PER_YEAR);
    point.put("ownUsd", c.ownUsdAfter(years));
    point.put("ownTcoUsd", c.ownTcoUsdAfter(years));
    OptionalDouble rent = c.rentUsdAfter(years);
    point.put("rentUsd", rent.isPresent() ? (Object) rent.getAsDouble() : null);
    return point;
  }

  /** The runners-up: label, seconds per iteration and GiB of each. */
  static List<?> alternatives(TrainingPerformance p) {
    List<String> alternatives = new ArrayList<>();
    for (StepEstimate alt : p.alternatives()) {
      alternatives.add(
          String.format(
              Locale.ROOT,
              "%s: %.4g s/iteration, %.4g GiB",
              alt.config().label(),
              alt.iterationSeconds(),
              Units.bytesToGibibytes(alt.memory().totalBytes())));
    }
    return alternatives;
  }

  /** One replica's latencies at each load of its curve. */
  static List<?> loadCurve(InferenceReport r) {
    List<Map<String, Object>> points = new ArrayList<>();
    double output = outputTokensPerRequest(r);
    for (LoadPoint point : r.serving().loadCurve()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("utilization", point.utilization());
      m.put("tokensPerSecond", point.requestsPerSecond() * output);
      m.put("ttftP50Millis", point.ttft().p50Seconds() * 1e3);
      m.put("ttftP99Millis", point.ttft().p99Seconds() * 1e3);
      m.put("tpotP50Millis", point.tpot().p50Seconds() * 1e3);
      m.put("tpotP99Millis", point.tpot().p99Seconds() * 1e3);
      points.add(m);
    }
    return points;
  }

  /** Output tokens of a request: the chosen replica's tokens per second over its requests. */
  private static double outputTokensPerRequest(InferenceReport r) {
    return r.chosen().tokensPerSecond() / Math.max(r.serving().ratePerReplica(), 1e-300);
  }

  /** The chosen replica shape at each batch of its curve. */
  static List<?> curve(InferenceReport r) {
    List<Map<String, Object>> points = new ArrayList<>();
    for (InferenceModel.Estimate e : r.curve()) {
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("batch", (long) e.config().batch());
      point.put("tpotMillis", e.tpotSeconds() * 1e3);
      point.put("tokensPerSecond", e.tokensPerSecond());
      point.put("ttftMillis", e.ttftSeconds() * 1e3);
      points.add(point);
    }
    return points;
  }
}
