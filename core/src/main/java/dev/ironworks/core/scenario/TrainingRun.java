package dev.ironworks.core.scenario;

import dev.ironworks.core.units.Require;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A training run on the cluster. With a known duration the plan costs its energy, carbon and
 * dollars.
 *
 * @param model the model's name or catalog id, as given
 * @param tokens training tokens, when stated
 * @param durationDays measured or planned wall-clock duration
 */
public record TrainingRun(Optional<String> model, OptionalDouble tokens, double durationDays) {
  public TrainingRun {
    Require.present("workload.training.model", model);
    tokens.ifPresent(t -> Require.positive("workload.training.tokens", t));
    Require.positive("workload.training.durationDays", durationDays);
  }
}
