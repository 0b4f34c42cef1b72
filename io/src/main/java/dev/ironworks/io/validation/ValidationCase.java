package dev.ironworks.io.validation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A published figure and how Ironworks reproduces it: either a scenario to plan, or a catalog entry
 * to read, and the checks on the result.
 *
 * @param scenarioYaml the inline scenario, as YAML text, when the case plans one
 * @param catalogId the catalog entry, when the case reads one
 * @param formula a model equation on published inputs, when the case evaluates one
 * @param formulaOfInputs whether the published figure is itself a formula of the case's own inputs
 *     (a projection such as 8·T·P/(n·X)): reproducing it proves little, so it does not count toward
 *     the throughput error
 * @param knownMiss why the model misses the case beyond its tolerance, when it is known to: the
 *     case still counts toward the error, is reported as a known miss, and fails the suite once the
 *     model meets it (so that the mark cannot outlive the miss)
 */
public record ValidationCase(
    String id,
    String family,
    String title,
    String source,
    String kind,
    Optional<String> scenarioYaml,
    Optional<String> catalogId,
    Optional<Formula> formula,
    boolean formulaOfInputs,
    Optional<String> knownMiss,
    List<Check> checks) {

  /**
   * A model equation evaluated directly on published inputs (the memory formulas).
   *
   * @param name {@code modelStates} or {@code activationsPerLayer}
   * @param inputs the inputs by name: numbers, or words such as a model id or a recompute mode
   */
  public record Formula(String name, Map<String, String> inputs) {}

  /**
   * One check: a value at a path (or the sum of paths joined by " + ") against a published figure
   * within a tolerance, or within a published range.
   *
   * @param tolerancePercent allowed |predicted − published| / published, in percent
   * @param why the reason for the tolerance and what the published figure counts
   */
  public record Check(
      String path,
      Optional<Double> published,
      double tolerancePercent,
      Optional<Double> min,
      Optional<Double> max,
      String why) {}
}
