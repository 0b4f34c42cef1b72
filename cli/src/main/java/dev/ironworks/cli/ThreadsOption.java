package dev.ironworks.cli;

import picocli.CommandLine.Option;

/** The --threads option of the commands whose results do not depend on how many threads run. */
final class ThreadsOption {
  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Worker threads (default: the processors available); results do not depend on it.")
  Integer threads;

  /** The threads to run: as given (at least one), else one per processor. */
  int workers() {
    return threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
  }
}
