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
