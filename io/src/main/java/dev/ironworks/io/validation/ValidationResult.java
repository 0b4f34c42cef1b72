package dev.ironworks.io.validation;

import java.util.OptionalDouble;

/**
 * A check's outcome.
 *
 * @param errorPercent (predicted − published) / published × 100, for point checks
 */
public record ValidationResult(
    ValidationCase validationCase,
    ValidationCase.Check check,
    OptionalDouble predicted,
    OptionalDouble errorPercent,
    boolean pass,
    String detail) {

  /** Whether the check misses and its case says why: reported, but not a failure. */
  public boolean knownMiss() {
    return !pass && validationCase.knownMiss().isPresent();
  }

  /** Whether the check fails the suite: outside tolerance unmarked, or marked but met. */
  public boolean fails() {
    return pass ? validationCase.knownMiss().isPresent() : validationCase.knownMiss().isEmpty();
  }

  /** ok, known miss, FAIL, or "met: drop knownMiss" for a mark the model has outgrown. */
  public String status() {
    if (pass) {
      return validationCase.knownMiss().isPresent() ? "met: drop knownMiss" : "ok";
    }
    return knownMiss() ? "known miss" : "FAIL";
  }

  /** The published figure as text: a value or a range. */
  public String publishedText() {
    if (check.published().isPresent()) {
      return dev.ironworks.io.render.Numbers.human(check.published().get());
    }
    return dev.ironworks.io.render.Numbers.human(check.min().orElse(Double.NEGATIVE_INFINITY))
        + " – "
        + dev.ironworks.io.render.Numbers.human(check.max().orElse(Double.POSITIVE_INFINITY));
  }
}
