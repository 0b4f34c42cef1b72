package dev.ironworks.core.plan;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A training run of known duration, costed.
 *
 * @param itPowerWatts busy IT draw during the run (measured all-in figure when given)
 * @param costUsd accelerator-hours × the plan's cost per accelerator-hour
 * @param durationPredicted whether the duration is Ironworks' prediction rather than given
 * @param performance the predicted step, throughput and memory, when the architecture is known
 */
public record TrainingReport(
    Optional<String> model,
    OptionalDouble tokens,
    double durationDays,
    double acceleratorHours,
    double itPowerWatts,
    double energyMwh,
    double emissionsTco2e,
    double costUsd,
    boolean durationPredicted,
    Optional<TrainingPerformance> performance) {

  /** What a million of the run's tokens cost: cost / tokens × 10^6; empty without the tokens. */
  public OptionalDouble usdPerMillionTokens() {
    return tokens.isPresent()
        ? OptionalDouble.of(costUsd / tokens.getAsDouble() * 1e6)
        : OptionalDouble.empty();
  }
}
