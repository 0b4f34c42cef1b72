package dev.ironworks.cli;

import picocli.CommandLine.Option;

/**
 * The --format option of the commands that print a table, JSON or Markdown. Its description names
 * the formats each command prints and comes from {@link HelpTexts}, keyed by the command.
 */
final class FormatOption {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      descriptionKey = "format")
  Format format;
}
