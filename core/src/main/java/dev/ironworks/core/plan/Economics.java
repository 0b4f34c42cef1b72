package dev.ironworks.core.plan;

import dev.ironworks.core.carbon.CarbonModel;
import dev.ironworks.core.carbon.EnergyReport;
import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.Lifetimes;
import dev.ironworks.core.cost.CostModel;
import dev.ironworks.core.cost.CostReport;
import dev.ironworks.core.scenario.FinanceSpec;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.units.Units;
import java.util.OptionalDouble;

/**
 * The fourth stage of a plan: what the build costs to own and to rent ({@link CostModel}: capex,
 * opex, depreciation, TCO, the cloud comparison), and a year's energy, emissions and water ({@link
 * CarbonModel}).
 */
record Economics(CostReport cost, EnergyReport energy) {

  /**
   * Costs the build.
   *
   * @throws InfeasibleScenarioException when the accelerator is rented only and no price is known
   */
  static Economics of(
      FinanceSpec finance, Hardware hardware, Fleet fleet, Build build, Notes notes) {
    return new Economics(cost(finance, hardware, build, notes), energy(hardware, fleet, build));
  }

  private static CostReport cost(FinanceSpec finance, Hardware hardware, Build build, Notes notes) {
    Accelerator accelerator = hardware.accelerator();
    OptionalDouble cloudRate =
        finance.cloudUsdPerAcceleratorHour().isPresent()
            ? finance.cloudUsdPerAcceleratorHour()
            : accelerator.cloudUsdPerHour();
    if (accelerator.cloudOnly() && cloudRate.isEmpty()) {
      throw new InfeasibleScenarioException(
          "finance.cloudUsdPerAcceleratorHour",
          "'"
              + accelerator.id()
              + "' is cloud only and the catalog has no rental price for it:"
              + " give finance.cloudUsdPerAcceleratorHour");
    }
    if (accelerator.cloudOnly()) {
      notes.add(
          "'"
              + accelerator.id()
              + "' is cloud only: cost is the rent; power, energy and carbon"
              + " are those of the provider's hardware at this site");
    }
    CostModel.Inputs inputs =
        new CostModel.Inputs(
            accelerator,
            hardware.server(),
            hardware.storageTier(),
            finance,
            hardware.site().electricityUsdPerKwh(),
            hardware.region().constructionUsdPerMw(),
            finance.colocationUsdPerKwMonth().orElse(hardware.region().colocationUsdPerKwMonth()),
            cloudRate,
            hardware.assumptions());
    CostReport cost =
        CostModel.cost(inputs, build.cluster(), build.network(), build.storage(), build.power());
    double lifeYears = hardware.assumptions().lifetimes().acceleratorsYears();
    if (cost.breakEvenMonths().isPresent()
        && cost.breakEvenMonths().getAsDouble() > lifeYears * Units.MONTHS_PER_YEAR) {
      notes.format(
          "break-even after %.0f months comes after the accelerators' %.0f-year life",
          cost.breakEvenMonths().getAsDouble(), lifeYears);
    }
    return cost;
  }

  /**
   * A year's energy at the average IT power, and the embodied emissions of the hardware, whole and
   * spread over each class's life.
   */
  private static EnergyReport energy(Hardware hardware, Fleet fleet, Build build) {
    Lifetimes life = hardware.assumptions().lifetimes();
    // The accelerators' figures hold their boards and packages; the servers' their hosts (CPUs,
    // memory, storage, switches, chassis), which published server LCAs count beside them.
    double accelerators = fleet.acceleratorCount() * hardware.accelerator().embodiedKgCo2e();
    double servers = build.cluster().serverCount() * hardware.server().embodiedKgCo2e();
    double network = build.network().embodiedKgCo2e();
    double storage = build.storage().embodiedKgCo2e();
    double perYear =
        accelerators / life.acceleratorsYears()
            + servers / life.serversYears()
            + network / life.networkYears()
            + storage / life.storageYears();
    SiteFigures site = hardware.site();
    return CarbonModel.annual(
        build.power().itAverageWatts(),
        site.pue(),
        site.gridKgCo2ePerKwh(),
        site.carbonFreeEnergyFraction(),
        site.wueLitersPerKwh(),
        accelerators + servers + network + storage,
        perYear);
  }
}
