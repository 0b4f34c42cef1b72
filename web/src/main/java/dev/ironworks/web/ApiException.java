package dev.ironworks.web;

import dev.ironworks.io.yaml.Problem;
import java.util.List;

/** A request the server refuses: the HTTP status and what is wrong, field by field. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final transient List<Problem> problems;

  ApiException(int status, List<Problem> problems) {
    super(problems.isEmpty() ? "error" : problems.get(0).message());
    this.status = status;
    this.problems = List.copyOf(problems);
  }

  /** One problem with no place in the body. */
  static ApiException of(int status, String path, String message) {
    return new ApiException(status, List.of(new Problem("request", 0, 0, path, message)));
  }

  int status() {
    return status;
  }

  List<Problem> problems() {
    return problems;
  }
}
