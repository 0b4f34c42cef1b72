package dev.ironworks.io.explore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's tables in Parquet, and SQL over them through an embedded DuckDB.
 *
 * <p>{@code points} holds every evaluated design and {@code front} the Pareto front, both with the
 * columns of points.csv: {@code id}, one column per axis (named by its path), one per figure (named
 * with its unit), {@code feasible} and {@code excludedBecause}. Column names hold dots, so SQL
 * quotes them: {@code select id, "cost.tcoUsd" from front}.
 */
public final class SweepTables {
  private SweepTables() {}

  /** Receives a query's result: its column names once, then each row. */
  public interface Sink {
    void columns(List<String> names);

    void row(List<Object> values);
  }

  /** Wrong SQL, or a folder that holds no sweep: a message for the user, no stack trace. */
  public static final class QueryException extends Exception {
    private static final long serialVersionUID = 1L;

    public QueryException(String message) {
      super(message);
    }
  }

  /** SQL types of a sweep's columns: numbers where every axis value is one, text otherwise. */
  public static Map<String, String> columnTypes(SweepSpec spec, List<String> metrics) {
    Map<String, String> types = new LinkedHashMap<>();
    types.put("id", "BIGINT");
    spec.space().axes().forEach(a -> types.put(a.path(), sqlType(a.values())));
    metrics.forEach(m -> types.put(m, "DOUBLE"));
    types.put("feasible", "BOOLEAN");
    types.put("excludedBecause", "VARCHAR");
    return types;
  }

  static String sqlType(List<String> values) {
    boolean integers = true;
    for (String v : values) {
      try {
        double d = Double.parseDouble(v);
        if (!Double.isFinite(d)) {
          return "VARCHAR";
        }
        integers &= v.matches("-?\\d{1,18}");
      } catch (NumberFormatException e) {
        return "VARCHAR";
      }
    }
    return integers ? "BIGINT" : "DOUBLE";
  }

  /** Converts a sweep CSV to Parquet (zstd), replacing {@code parquet} only once it is whole. */
  public static void toParquet(Path csv, Path parquet, Map<String, String> types)
      throws IOException {
    Path dir = parquet.toAbsolutePath().getParent();
    Path tmp =
        dir.resolve(".ironworks-" + ProcessHandle.current().pid() + "-" + parquet.getFileName());
    StringBuilder columns = new StringBuilder("{");
    types.forEach(
        (name, type) -> {
          if (columns.length() > 1) {
            columns.append(", ");
          }
          columns.append(literal(name)).append(": ").append(literal(type));
        });
    columns.append('}');
    String sql =
        "COPY (SELECT * FROM read_csv("
            + literal(csv.toAbsolutePath().toString())
            + ", header = true, delim = ',', quote = '\"', escape = '\"', nullstr = '',"
            + " auto_detect = false, columns = "
            + columns
            + ")) TO "
            + literal(tmp.toString())
            + " (FORMAT parquet, COMPRESSION zstd)";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      Files.deleteIfExists(tmp);
      throw new IOException("could not write " + parquet + ": " + firstLine(e.getMessage()), e);
    }
    Files.move(tmp, parquet, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Runs {@code sql} over the sweep in {@code dir}: tables {@code points} (points.parquet, or the
   * points.csv of a sweep still running or stopped; a folder of part files from the Spark executor)
   * and {@code front} (front.parquet or front.csv).
   */
  public static void query(Path dir, String sql, Sink sink) throws QueryException {
    Map<String, String> views = new LinkedHashMap<>();
    for (String table : List.of("points", "front")) {
      Path parquet = dir.resolve(table + ".parquet");
      Path csv = dir.resolve(table + ".csv");
      if (Files.isRegularFile(parquet)) {
        views.put(table, "read_parquet(" + literal(parquet.toAbsolutePath().toString()) + ")");
      } else if (Files.isDirectory(parquet)) {
        // The Spark executor writes a folder of part files.
        views.put(
            table,
            "read_parquet("
                + literal(parquet.toAbsolutePath().resolve("*.parquet").toString())
                + ")");
      } else if (Files.isRegularFile(csv)) {
        views.put(
            table,
            "read_csv("
                + literal(csv.toAbsolutePath().toString())
                + ", header = true, quote = '\"', escape = '\"', sample_size = -1)");
      }
    }
    if (!views.containsKey("points")) {
      throw new QueryException(
          dir + " holds no sweep (no points.parquet or points.csv): run ironworks sweep first");
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      for (Map.Entry<String, String> v : views.entrySet()) {
        s.execute("CREATE VIEW " + v.getKey() + " AS SELECT * FROM " + v.getValue());
      }
      boolean hasRows = s.execute(sql);
      if (!hasRows) {
        sink.columns(List.of());
        return;
      }
      try (ResultSet r = s.getResultSet()) {
        ResultSetMetaData md = r.getMetaData();
        int n = md.getColumnCount();
        List<String> names = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          names.add(md.getColumnLabel(i));
        }
        sink.columns(names);
        while (r.next()) {
          List<Object> row = new ArrayList<>(n);
          for (int i = 1; i <= n; i++) {
            row.add(value(r.getObject(i)));
          }
          sink.row(row);
        }
      }
    } catch (SQLException e) {
      throw new QueryException("query failed: " + firstLine(e.getMessage()));
    }
  }

  private static Object value(Object o) {
    if (o == null || o instanceof Number || o instanceof Boolean || o instanceof String) {
      return o;
    }
    return o.toString();
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    String m = message.strip();
    int nl = m.indexOf('\n');
    String line =
        nl < 0 ? m : m.substring(0, nl) + " " + m.substring(nl + 1).strip().split("\n")[0];
    return line.strip();
  }
}
