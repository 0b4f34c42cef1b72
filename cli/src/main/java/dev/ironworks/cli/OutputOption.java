package dev.ironworks.cli;

import dev.ironworks.io.yaml.InputException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file a command writes, which it replaces only when told to with --force. */
final class OutputOption {
  private OutputOption() {}

  /**
   * Refuses {@code file}, given as {@code option}, when it exists and {@code force} is not set:
   * checked before any work is done.
   */
  static void refuseExisting(Path file, String option, boolean force) {
    if (file != null && Files.exists(file) && !force) {
      throw exists(file, option);
    }
  }

  /** The problem of a file that exists already. */
  static InputException exists(Path file, String option) {
    return InputException.of(
        file.toString(), "", "exists; choose another " + option + " or add --force to replace it");
  }
}
