package dev.ironworks.io.yaml;

/**
 * One thing wrong with an input file.
 *
 * @param line 1-based, 0 when the problem has no single place
 * @param column 1-based, 0 when unknown
 * @param field dotted path of the field, empty for the whole file
 */
public record Problem(String file, int line, int column, String field, String message) {

  /** "file:line:column: field: message", the form editors and CI logs link. */
  public String format() {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line);
      if (column > 0) {
        out.append(':').append(column);
      }
    }
    out.append(": ");
    if (!field.isEmpty()) {
      out.append(field).append(": ");
    }
    return out.append(message).toString();
  }
}
