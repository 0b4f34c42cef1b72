package dev.ironworks.cli;

/** Exit codes of every command. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** An internal error, or validation cases outside their tolerance. */
  public static final int FAILURE = 1;

  /** Bad input: a scenario or catalog file, an option, an id. */
  public static final int BAD_INPUT = 2;

  private ExitCodes() {}
}
