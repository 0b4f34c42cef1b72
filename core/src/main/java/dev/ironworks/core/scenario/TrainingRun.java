package dev.ironworks.core.scenario;

import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.units.Require;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A training run on the cluster: a model trained on some tokens, whose time Ironworks predicts; or
 * a run of known duration, which it costs.
 *
 * @param model the model's catalog id or name, as given
 * @param architecture the architecture (from the model catalog or inline); empty when the model is
 *     only a name
 * @param tokens training tokens
 * @param globalBatchSequences sequences per iteration; empty takes ~4M tokens
 * @param sequenceLength training context; empty takes the model's
 * @param options the software's kernels and overlaps
 * @param durationDays measured duration: when given, the time prediction is skipped
 * @param measured a measured throughput or MFU, for calibration
 */
public record TrainingRun(
    Optional<String> model,
    Optional<TransformerModel> architecture,
    OptionalDouble tokens,
    OptionalInt globalBatchSequences,
    OptionalInt sequenceLength,
    Precision precision,
    ParallelismSpec parallelism,
    TrainingOptions options,
    OptionalDouble durationDays,
    Optional<Measured> measured) {
  public TrainingRun {
    Require.present("workload.training.model", model);
    Require.present("workload.training.architecture", architecture);
    tokens.ifPresent(t -> Require.positive("workload.training.tokens", t));
    globalBatchSequences.ifPresent(
        b -> Require.positive("workload.training.globalBatchSequences", b));
    sequenceLength.ifPresent(s -> Require.positive("workload.training.sequenceLength", s));
    Require.present("workload.training.precision", precision);
    Require.present("workload.training.parallelism", parallelism);
    Require.present("workload.training.options", options);
    durationDays.ifPresent(d -> Require.positive("workload.training.durationDays", d));
    Require.present("workload.training.measured", measured);
    if (durationDays.isEmpty() && (architecture.isEmpty() || tokens.isEmpty())) {
      throw new IllegalArgumentException(
          "workload.training needs durationDays, or a model architecture and tokens to predict it");
    }
  }

  /** A run of known duration, costed without a time prediction. */
  public TrainingRun(Optional<String> model, OptionalDouble tokens, double durationDays) {
    this(
        model,
        Optional.empty(),
        tokens,
        OptionalInt.empty(),
        OptionalInt.empty(),
        Precision.BF16,
        ParallelismSpec.auto(),
        TrainingOptions.defaults(),
        OptionalDouble.of(durationDays),
        Optional.empty());
  }

  /** Whether attention is computed by a fused (flash) kernel. */
  public boolean fusedAttention() {
    return options.attention().fused();
  }

  /** Whether Ironworks predicts the run's time (no measured duration given). */
  public boolean predictsTime() {
    return durationDays.isEmpty();
  }
}
