package dev.ironworks.web;

import dev.ironworks.io.yaml.Excerpt;

/**
 * An exception as the server log shows it: every message in its chain cut to an excerpt (a message
 * may quote a request's 100,000-character id), the class names and stack traces whole.
 */
final class LoggedError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The longest message logged whole. */
  static final int MAX_MESSAGE_CHARS = 500;

  private LoggedError(Throwable original, Throwable cause) {
    super(
        original.getClass().getName()
            + (original.getMessage() == null
                ? ""
                : ": " + Excerpt.of(original.getMessage(), MAX_MESSAGE_CHARS)),
        cause,
        false,
        true);
    setStackTrace(original.getStackTrace());
  }

  /** The original's class and message, so the log names the exception that was thrown. */
  @Override
  public String toString() {
    return getMessage();
  }

  /** {@code e} with its chain's messages cut; causes deeper than 8 are left out. */
  static Throwable of(Throwable e) {
    return of(e, 0);
  }

  private static Throwable of(Throwable e, int depth) {
    Throwable cause = e.getCause() == null || depth >= 8 ? null : of(e.getCause(), depth + 1);
    return new LoggedError(e, cause);
  }
}
