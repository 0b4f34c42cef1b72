package dev.ironworks.core.scenario;

/**
 * A scenario that is well formed but cannot be built as asked (a server too hot for the cooling, a
 * fabric too small for the endpoints). Names the scenario field to change.
 */
public final class InfeasibleScenarioException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public InfeasibleScenarioException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** Dotted path of the scenario field that has to change. */
  public String field() {
    return field;
  }
}
