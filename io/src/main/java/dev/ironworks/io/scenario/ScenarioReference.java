package dev.ironworks.io.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables of the scenario reference (docs/reference/scenario.md): one row per key, with its
 * unit, default, allowed values and meaning, as Markdown text.
 */
public final class ScenarioReference {
  /** A key's row; empty cells are empty strings. */
  public record Row(String key, String unit, String defaultValue, String allowed, String meaning) {}

  /** The reference documents the keys of an inline model once, under the training run's. */
  private static final String SERVED_MODEL = "workload.inference.model.";

  private static final String TRAINED_MODEL = "workload.training.model.";

  private static final Pattern ROW =
      Pattern.compile("(?m)^\\| `([A-Za-z0-9.]+)` \\|(.*)\\|[ \\t]*$");

  private final Map<String, Row> rows;

  private ScenarioReference(Map<String, Row> rows) {
    this.rows = Collections.unmodifiableMap(rows);
  }

  /**
   * Reads the rows of the reference's Markdown: {@code | `key` | unit | default | allowed | meaning
   * |}.
   */
  public static ScenarioReference parse(String markdown) {
    Map<String, Row> rows = new LinkedHashMap<>();
    Matcher m = ROW.matcher(markdown);
    while (m.find()) {
      String[] cells = m.group(2).split("\\|", -1);
      if (cells.length != 4) {
        throw new IllegalArgumentException(
            "the row of `" + m.group(1) + "` has " + (cells.length + 1) + " cells, not 5");
      }
      rows.put(
          m.group(1),
          new Row(
              m.group(1), cells[0].strip(), cells[1].strip(), cells[2].strip(), cells[3].strip()));
    }
    return new ScenarioReference(rows);
  }

  /** Every row by key, in the reference's order. */
  public Map<String, Row> rows() {
    return rows;
  }

  /**
   * The row of a key; a key of an inline {@code workload.inference.model} has the row of the same
   * key of {@code workload.training.model}.
   */
  public Optional<Row> row(String path) {
    Row row = rows.get(path);
    if (row == null && path.startsWith(SERVED_MODEL)) {
      row = rows.get(TRAINED_MODEL + path.substring(SERVED_MODEL.length()));
    }
    return Optional.ofNullable(row);
  }
}
