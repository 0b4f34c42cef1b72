package dev.ironworks.cli;

/** Output formats. */
enum Format {
  table,
  json,
  markdown
}
