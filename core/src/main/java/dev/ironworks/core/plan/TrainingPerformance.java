package dev.ironworks.core.plan;

import dev.ironworks.core.catalog.LeaveOutError;
import dev.ironworks.core.compute.StepEstimate;
import dev.ironworks.core.scenario.Precision;
import java.util.List;
import java.util.Optional;

/**
 * The predicted performance of a training run: the chosen parallel configuration and the
 * runners-up, the step's time and memory, and what they add up to.
 *
 * @param memoryBytesPerAccelerator memory of one accelerator: what the step's memory must fit in
 * @param flopsTotal model FLOPs of the whole run (all tokens)
 * @param mfu model FLOPs per second over the accelerators' dense peak at the training precision
 *     (Chowdhery et al. 2022), causal attention counted as computed
 * @param hfu executed FLOPs (recomputation included, an unfused kernel's masked scores too) per
 *     second over the same peak: never below {@code mfu}
 * @param achievedTflopsPerAccelerator hardware TFLOP/s per accelerator, as Megatron-LM reports
 * @param predictedDays tokens / tokens per second, in days
 * @param alternatives the next-fastest configurations that fit (at most four)
 * @param evaluated configurations the search estimated
 * @param calibration id of the calibration entry used
 * @param leaveOutError how far that entry's published runs were predicted, each with its
 *     publication left out of the fit: the error a new run on the hardware should expect (empty: no
 *     published run validates the family)
 */
public record TrainingPerformance(
    int globalBatchSequences,
    int sequenceLength,
    Precision precision,
    double peakFlopPerSecond,
    double memoryBytesPerAccelerator,
    double flopsTotal,
    StepEstimate best,
    double tokensPerSecond,
    double mfu,
    double hfu,
    double achievedTflopsPerAccelerator,
    double predictedDays,
    List<StepEstimate> alternatives,
    long evaluated,
    long fitting,
    String calibration,
    Optional<LeaveOutError> leaveOutError) {
  public TrainingPerformance {
    alternatives = List.copyOf(alternatives);
  }

  /** Tokens per second per accelerator the run uses. */
  public double tokensPerSecondPerAccelerator() {
    return tokensPerSecond / best.config().worldSize();
  }
}
