package dev.ironworks.cli;

import dev.ironworks.io.explore.SweepTables;
import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problem;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** ironworks query DIR SQL: SQL over a sweep's points and front through an embedded DuckDB. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Answers SQL over a sweep's results with an embedded DuckDB: table points (every design)",
      "and table front (the Pareto front), with the columns of points.csv. Quote column names",
      "that hold dots: select id, \"cost.tcoUsd\" from front order by 2 limit 5"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:answered", "1:internal error", "2:bad input or SQL"})
final class QueryCommand implements Callable<Integer> {
  /** Output formats of a query. */
  enum QueryFormat {
    table,
    csv,
    json
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Folder a sweep wrote (--out).")
  Path dir;

  @Parameters(index = "1", paramLabel = "SQL", description = "The query.")
  String sql;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  QueryFormat format;

  @Override
  public Integer call() {
    if (!Files.isDirectory(dir)) {
      throw new InputException(
          List.of(new Problem(dir.toString(), 0, 0, "DIR", "is not a folder a sweep wrote")));
    }
    List<String> columns = new ArrayList<>();
    List<List<Object>> rows = new ArrayList<>();
    PrintWriter o = spec.commandLine().getOut();
    SweepTables.Sink sink =
        new SweepTables.Sink() {
          @Override
          public void columns(List<String> names) {
            columns.addAll(names);
            if (format == QueryFormat.csv) {
              o.print(dev.ironworks.io.explore.SweepFiles.csvLine(names));
            }
          }

          @Override
          public void row(List<Object> values) {
            if (format == QueryFormat.csv) {
              o.print(
                  dev.ironworks.io.explore.SweepFiles.csvLine(
                      values.stream().map(QueryCommand::plain).toList()));
            } else {
              rows.add(values);
            }
          }
        };
    try {
      SweepTables.query(dir, sql, sink);
    } catch (SweepTables.QueryException e) {
      throw new InputException(List.of(new Problem(dir.toString(), 0, 0, "SQL", e.getMessage())));
    }
    switch (format) {
      case csv -> {}
      case json -> o.print(JsonRenderer.render(json(columns, rows)));
      case table -> o.print(table(columns, rows));
    }
    o.flush();
    return ExitCodes.OK;
  }

  private static Map<String, Object> json(List<String> columns, List<List<Object>> rows) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("columns", columns);
    List<Object> out = new ArrayList<>();
    for (List<Object> r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        m.put(columns.get(i), jsonValue(r.get(i)));
      }
      out.add(m);
    }
    root.put("rows", out);
    return root;
  }

  private static Object jsonValue(Object v) {
    if (v instanceof BigDecimal || v instanceof java.math.BigInteger) {
      return ((Number) v).doubleValue();
    }
    return v;
  }

  /** Aligned columns; numbers right-aligned with up to six significant figures. */
  static String table(List<String> columns, List<List<Object>> rows) {
    if (columns.isEmpty()) {
      return "";
    }
    List<String[]> cells = new ArrayList<>();
    cells.add(columns.toArray(String[]::new));
    for (List<Object> r : rows) {
      cells.add(r.stream().map(QueryCommand::human).toArray(String[]::new));
    }
    int[] width = new int[columns.size()];
    for (String[] c : cells) {
      for (int i = 0; i < c.length; i++) {
        width[i] = Math.max(width[i], c[i].length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (int row = 0; row < cells.size(); row++) {
      String[] c = cells.get(row);
      for (int i = 0; i < c.length; i++) {
        boolean number = row > 0 && rows.get(row - 1).get(i) instanceof Number;
        String pad = " ".repeat(width[i] - c[i].length());
        b.append(i == 0 ? "" : "  ").append(number ? pad + c[i] : c[i] + pad);
      }
      b.setLength(b.length() - trailing(b));
      b.append('\n');
      if (row == 0) {
        for (int i = 0; i < width.length; i++) {
          b.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        }
        b.append('\n');
      }
    }
    b.append(rows.size()).append(rows.size() == 1 ? " row\n" : " rows\n");
    return b.toString();
  }

  private static int trailing(StringBuilder b) {
    int n = 0;
    while (n < b.length() && b.charAt(b.length() - 1 - n) == ' ') {
      n++;
    }
    return n;
  }

  private static String human(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
      double d = ((Number) v).doubleValue();
      if (Math.abs(d) >= 1e4 && Math.abs(d) < 1e15) {
        return String.format(Locale.ROOT, "%,.0f", d);
      }
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return String.format(Locale.ROOT, "%d", (long) d);
      }
      return String.format(Locale.ROOT, "%.6g", d).replaceAll("\\.?0+(e|$)", "$1");
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short) {
      return String.format(Locale.ROOT, "%d", ((Number) v).longValue());
    }
    return v.toString();
  }

  private static String plain(Object v) {
    return v == null ? "" : v.toString();
  }
}
