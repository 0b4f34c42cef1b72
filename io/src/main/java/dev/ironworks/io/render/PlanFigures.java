package dev.ironworks.io.render;

import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.TrainingPerformance;
import dev.ironworks.core.plan.TrainingReport;
import dev.ironworks.core.units.Units;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Numeric figures of a plan read straight from its records, without building the {@link PlanView}
 * tree: a sweep reads a dozen figures of millions of plans. Each figure is the value {@link
 * PlanView} shows at the same path, in the same unit (NaN where the view has none); {@code
 * PlanFiguresTest} checks every one against the view on every example scenario.
 */
public final class PlanFigures {
  private PlanFigures() {}

  private static final Map<String, ToDoubleFunction<Plan>> DIRECT = new LinkedHashMap<>();

  static {
    cost();
    power();
    energy();
    cluster();
    training();
    reliability();
    inference();
  }

  /** A reader of the figure at {@code path}, when there is one. */
  public static Optional<ToDoubleFunction<Plan>> direct(String path) {
    return Optional.ofNullable(DIRECT.get(path));
  }

  /** Every path with a direct reader. */
  public static java.util.Set<String> paths() {
    return java.util.Collections.unmodifiableSet(DIRECT.keySet());
  }

  private static void put(String path, ToDoubleFunction<Plan> reader) {
    DIRECT.put(path, reader);
  }

  private static double of(OptionalDouble v) {
    return v.isPresent() ? v.getAsDouble() : Double.NaN;
  }

  private static void cost() {
    put("cost.capexUsd", p -> p.cost().capexUsd());
    put("cost.capexBreakdownUsd.accelerators", p -> p.cost().capex().acceleratorsUsd());
    put("cost.capexBreakdownUsd.servers", p -> p.cost().capex().serversUsd());
    put("cost.capexBreakdownUsd.network", p -> p.cost().capex().networkUsd());
    put("cost.capexBreakdownUsd.storage", p -> p.cost().capex().storageUsd());
    put("cost.capexBreakdownUsd.facility", p -> p.cost().capex().facilityUsd());
    put("cost.hardwareCapexUsd", p -> p.cost().capex().hardwareUsd());
    put("cost.opexUsdPerYear", p -> p.cost().opexUsdPerYear());
    put("cost.opexBreakdownUsdPerYear.electricity", p -> p.cost().opex().electricityUsdPerYear());
    put("cost.depreciationUsdPerYear", p -> p.cost().depreciationUsdPerYear());
    put("cost.horizonYears", p -> p.cost().horizonYears());
    put("cost.tcoUsd", p -> p.cost().tcoUsd());
    put("cost.usdPerAcceleratorHour", p -> p.cost().usdPerAcceleratorHour());
    put("cost.cloudUsdPerAcceleratorHour", p -> of(p.cost().cloudUsdPerAcceleratorHour()));
    put("cost.cloudTcoUsd", p -> of(p.cost().cloudTcoUsd()));
    put("cost.breakEvenMonths", p -> of(p.cost().breakEvenMonths()));
    put("cost.cloudToOwnCostRatio", p -> of(p.cost().cloudToOwnCostRatio()));
  }

  private static void power() {
    put("power.itPowerMw", p -> Units.wattsToMegawatts(p.power().itPeakWatts()));
    put("power.pue", p -> p.power().pue());
    put("power.facilityPowerMw", p -> Units.wattsToMegawatts(p.power().facilityPeakWatts()));
    put("power.coolingOverheadMw", p -> Units.wattsToMegawatts(p.power().overheadPeakWatts()));
    put("power.itAveragePowerMw", p -> Units.wattsToMegawatts(p.power().itAverageWatts()));
    put(
        "power.facilityAveragePowerMw",
        p -> Units.wattsToMegawatts(p.power().facilityAverageWatts()));
  }

  private static void energy() {
    put("energy.energyMwhPerYear", p -> p.energy().energyMwhPerYear());
    put("energy.itEnergyMwhPerYear", p -> p.energy().itEnergyMwhPerYear());
    put("energy.emissionsTco2ePerYear", p -> p.energy().emissionsTco2ePerYear());
    put("energy.embodiedTco2e", p -> p.energy().embodiedTco2e());
    put("energy.waterM3PerYear", p -> p.energy().waterM3PerYear());
  }

  private static void cluster() {
    put("cluster.acceleratorCount", p -> p.cluster().acceleratorCount());
    put("cluster.serverCount", p -> p.cluster().serverCount());
    put("cluster.rackCount", p -> p.cluster().rackCount());
    put("cluster.floorAreaM2", p -> p.cluster().floorAreaM2());
    put("network.switchCount", p -> p.network().switchCount());
    put("network.capexUsd", p -> p.network().capexUsd());
  }

  private static void training() {
    trained("training.durationDays", TrainingReport::durationDays);
    trained("training.acceleratorHours", TrainingReport::acceleratorHours);
    trained("training.itPowerMw", t -> Units.wattsToMegawatts(t.itPowerWatts()));
    trained("training.energyMwh", TrainingReport::energyMwh);
    trained("training.emissionsTco2e", TrainingReport::emissionsTco2e);
    trained("training.costUsd", TrainingReport::costUsd);
    performed("training.timeToTrainDays", TrainingPerformance::predictedDays);
    performed("training.iterationSeconds", f -> f.best().iterationSeconds());
    performed("training.tokensPerSecond", TrainingPerformance::tokensPerSecond);
    performed(
        "training.tokensPerSecondPerAccelerator",
        TrainingPerformance::tokensPerSecondPerAccelerator);
    performed("training.mfu", TrainingPerformance::mfu);
    performed("training.hfu", TrainingPerformance::hfu);
    performed(
        "training.memoryPerAcceleratorGib",
        f -> Units.bytesToGibibytes(f.best().memory().totalBytes()));
  }

  private static void trained(String path, ToDoubleFunction<TrainingReport> reader) {
    put(
        path,
        p -> p.training().isPresent() ? reader.applyAsDouble(p.training().get()) : Double.NaN);
  }

  private static void performed(String path, ToDoubleFunction<TrainingPerformance> reader) {
    Function<Plan, Optional<TrainingPerformance>> performance =
        p -> p.training().flatMap(TrainingReport::performance);
    put(
        path,
        p -> {
          Optional<TrainingPerformance> f = performance.apply(p);
          return f.isPresent() ? reader.applyAsDouble(f.get()) : Double.NaN;
        });
  }

  private static void reliability() {
    put(
        "reliability.failuresPerDay",
        p -> p.reliability().map(r -> r.failuresPerDay()).orElse(Double.NaN));
    put("reliability.goodput", p -> p.reliability().map(r -> r.goodput()).orElse(Double.NaN));
    put(
        "reliability.wallClockDays",
        p -> p.reliability().map(r -> r.wallClockDays()).orElse(Double.NaN));
    put(
        "reliability.checkpointIntervalMinutes",
        p -> p.reliability().map(r -> r.checkpointIntervalSeconds() / 60).orElse(Double.NaN));
  }

  private static void inference() {
    put(
        "inference.usdPerMillionTokens",
        p -> p.inference().map(r -> r.usdPerMillionTokens()).orElse(Double.NaN));
    put(
        "inference.whPer1000Tokens",
        p -> p.inference().map(r -> r.whPer1000Tokens()).orElse(Double.NaN));
    put(
        "inference.tco2ePerBillionTokens",
        p -> p.inference().map(r -> r.tco2ePerBillionTokens()).orElse(Double.NaN));
    put(
        "inference.acceleratorCount",
        p -> p.inference().map(r -> (double) r.acceleratorCount()).orElse(Double.NaN));
    put(
        "inference.replicas",
        p -> p.inference().map(r -> (double) r.replicas()).orElse(Double.NaN));
  }
}
