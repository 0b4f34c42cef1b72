package dev.ironworks.cli;

/** Exit codes of every command. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** An internal error, or validation cases outside their tolerance. */
  public static final int FAILURE = 1;

  /** Bad input: a scenario or catalog file, an option, an id. */
  public static final int BAD_INPUT = 2;

  /** Stopped by Ctrl-C (SIGINT, as a shell reports it) with what was done kept. */
  public static final int STOPPED = 130;

  private ExitCodes() {}
}
