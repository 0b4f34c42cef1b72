package dev.ironworks.core.cost;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.Assumptions;
import dev.ironworks.core.catalog.Lifetimes;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.catalog.StorageTier;
import dev.ironworks.core.facility.ClusterSizing;
import dev.ironworks.core.facility.PowerReport;
import dev.ironworks.core.facility.StorageSizing;
import dev.ironworks.core.network.FabricBom;
import dev.ironworks.core.scenario.CloudBilling;
import dev.ironworks.core.scenario.FacilityOwnership;
import dev.ironworks.core.scenario.FinanceSpec;
import dev.ironworks.core.units.Units;
import java.util.OptionalDouble;

/**
 * Capex, opex, depreciation, TCO, cost per accelerator-hour, and the cloud comparison
 * (docs/architecture.md, Cost).
 */
public final class CostModel {
  private CostModel() {}

  /** Prices, rates and rules the cost model reads. */
  public record Inputs(
      Accelerator accelerator,
      ServerSpec server,
      StorageTier storageTier,
      FinanceSpec finance,
      double electricityUsdPerKwh,
      double constructionUsdPerMw,
      double colocationUsdPerKwMonth,
      OptionalDouble cloudUsdPerAcceleratorHour,
      Assumptions assumptions) {}

  /**
   * The capital recovery factor: the level yearly payment per dollar that repays it with interest
   * {@code rate} over {@code years}, r / (1 − (1 + r)^−n) (Brealey, Myers and Allen, Principles of
   * Corporate Finance, ch. 2, the annuity formula); 1/n when r = 0.
   */
  public static double capitalRecoveryFactor(double rate, double years) {
    if (rate == 0) {
      return 1 / years;
    }
    return rate / (1 - Math.pow(1 + rate, -years));
  }

  public static CostReport cost(
      Inputs in, ClusterSizing sizing, FabricBom fabric, StorageSizing storage, PowerReport power) {
    FinanceSpec finance = in.finance();
    Assumptions a = in.assumptions();
    int count = sizing.acceleratorCount();
    double horizonYears = finance.horizonYears();
    double hoursPerYear = Units.HOURS_PER_YEAR;
    double usefulHours = count * hoursPerYear * horizonYears * finance.utilization();
    double seedElectricity =
        Units.wattsToKilowatts(power.acceleratorOnlyFacilityWatts())
            * hoursPerYear
            * in.electricityUsdPerKwh();
    OptionalDouble cloudRate = in.cloudUsdPerAcceleratorHour();
    double billedFraction =
        finance.cloudBilling() == CloudBilling.RESERVED ? 1.0 : finance.utilization();
    OptionalDouble cloudPerYear =
        cloudRate.isPresent()
            ? OptionalDouble.of(cloudRate.getAsDouble() * count * hoursPerYear * billedFraction)
            : OptionalDouble.empty();
    OptionalDouble cloudTco =
        cloudPerYear.isPresent()
            ? OptionalDouble.of(cloudPerYear.getAsDouble() * horizonYears)
            : OptionalDouble.empty();

    if (in.accelerator().cloudOnly()) {
      double rent = cloudPerYear.orElseThrow();
      CapexBreakdown none = new CapexBreakdown(0, 0, 0, 0, 0);
      OpexBreakdown opex = new OpexBreakdown(0, 0, 0, 0, 0, rent, 0);
      double tco = rent * horizonYears;
      return new CostReport(
          true,
          0,
          none,
          opex,
          0,
          finance.costOfCapital(),
          0,
          horizonYears,
          tco,
          tco / usefulHours,
          cloudRate,
          cloudTco,
          OptionalDouble.empty(),
          OptionalDouble.of(1.0),
          seedElectricity);
    }

    double discount = a.volumeDiscountFraction(count);
    double accelerators = a.discountedPrice(count, in.accelerator().listPriceUsd().getAsDouble());
    // Servers take the same graduated tiers, counted in the accelerators they hold.
    double perServer = sizing.acceleratorsPerServer();
    double servers =
        a.discountedPrice(
            (long) (sizing.serverCount() * perServer),
            in.server().priceUsdExcludingAccelerators() / perServer);
    double network = fabric.capexUsd();
    double storageUsd =
        Units.petabytesToTerabytes(storage.capacityPetabytes()) * in.storageTier().usdPerTerabyte();
    double itPeakMw = Units.wattsToMegawatts(power.itPeakWatts());
    boolean build = finance.facility() == FacilityOwnership.BUILD;
    double facility = build ? itPeakMw * in.constructionUsdPerMw() : 0;
    CapexBreakdown capex = new CapexBreakdown(accelerators, servers, network, storageUsd, facility);

    double electricity =
        Units.wattsToKilowatts(power.facilityAverageWatts())
            * hoursPerYear
            * in.electricityUsdPerKwh();
    double staff = (a.staffFixedFte() + a.staffFtePerMwIt() * itPeakMw) * a.staffUsdPerFtePerYear();
    double maintenance = a.maintenanceFractionOfHardwarePerYear() * capex.hardwareUsd();
    double wanGbps = a.wanGbpsPerThousandAccelerators() * count / 1000.0;
    double bandwidth = wanGbps * a.wanUsdPerGbpsMonth() * Units.MONTHS_PER_YEAR;
    double colocation =
        build
            ? 0
            : Units.wattsToKilowatts(power.itPeakWatts())
                * in.colocationUsdPerKwMonth()
                * Units.MONTHS_PER_YEAR;
    double other = a.otherOpexFractionOfCapexPerYear() * capex.totalUsd();
    OpexBreakdown opex =
        new OpexBreakdown(electricity, staff, maintenance, bandwidth, colocation, 0, other);

    Lifetimes life = a.lifetimes();
    double depreciation =
        accelerators / life.acceleratorsYears()
            + servers / life.serversYears()
            + network / life.networkYears()
            + storageUsd / life.storageYears()
            + facility / life.facilityYears();
    double r = finance.costOfCapital();
    double capitalCharge =
        accelerators * capitalRecoveryFactor(r, life.acceleratorsYears())
            + servers * capitalRecoveryFactor(r, life.serversYears())
            + network * capitalRecoveryFactor(r, life.networkYears())
            + storageUsd * capitalRecoveryFactor(r, life.storageYears())
            + facility * capitalRecoveryFactor(r, life.facilityYears());
    double tco = capitalCharge * horizonYears + opex.totalUsdPerYear() * horizonYears;
    double usdPerHour = tco / usefulHours;

    OptionalDouble breakEven = OptionalDouble.empty();
    OptionalDouble ratio = OptionalDouble.empty();
    if (cloudPerYear.isPresent()) {
      double monthlySaving =
          (cloudPerYear.getAsDouble() - opex.totalUsdPerYear()) / Units.MONTHS_PER_YEAR;
      if (monthlySaving > 0) {
        breakEven = OptionalDouble.of(capex.totalUsd() / monthlySaving);
      }
      ratio = OptionalDouble.of(cloudTco.getAsDouble() / tco);
    }
    return new CostReport(
        false,
        discount,
        capex,
        opex,
        depreciation,
        r,
        capitalCharge,
        horizonYears,
        tco,
        usdPerHour,
        cloudRate,
        cloudTco,
        breakEven,
        ratio,
        seedElectricity);
  }
}
