package dev.ironworks.io.yaml;

import java.util.List;
import java.util.stream.Collectors;

/** Bad input: every problem found in a file, reported together. */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public InputException(List<Problem> problems) {
    super(problems.stream().map(Problem::format).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** Bad input with one problem that has no line: a file, an option, an argument. */
  public static InputException of(String file, String field, String message) {
    return new InputException(List.of(new Problem(file, 0, 0, field, message)));
  }

  public List<Problem> problems() {
    return problems;
  }
}
