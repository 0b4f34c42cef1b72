package dev.ironworks.io.explore;

import dev.ironworks.core.explore.Uncertainty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every sweep executor writes, in one form: the columns of points.csv and front.csv, CSV
 * lines, and the tree of front.json.
 */
public final class SweepFiles {
  private SweepFiles() {}

  /**
   * Texts of recent figures per thread, by their bits: a slot holds the last value hashed to it.
   */
  private static final int TEXTS = 1 << 12;

  private static final ThreadLocal<long[]> BITS = ThreadLocal.withInitial(() -> new long[TEXTS]);
  private static final ThreadLocal<String[]> TEXT =
      ThreadLocal.withInitial(() -> new String[TEXTS]);

  /**
   * {@code Double.toString(v)}, remembered: designs share many figures (every design of one cluster
   * in one hall has its capex and power), and formatting a double is the dearest part of writing a
   * row. A slot is used only when its bits equal {@code v}'s, so the text is always v's own.
   */
  static String text(double v) {
    long bits = Double.doubleToRawLongBits(v);
    long mixed = bits * 0x9E3779B97F4A7C15L;
    int slot = (int) (mixed >>> 52) & (TEXTS - 1);
    long[] keys = BITS.get();
    String[] texts = TEXT.get();
    String known = texts[slot];
    if (known != null && keys[slot] == bits) {
      return known;
    }
    String fresh = Double.toString(v);
    keys[slot] = bits;
    texts[slot] = fresh;
    return fresh;
  }

  public static List<String> header(SweepSpec sweep, List<String> metrics) {
    List<String> h = new ArrayList<>();
    h.add("id");
    sweep.space().axes().forEach(a -> h.add(a.path()));
    h.addAll(metrics);
    h.add("feasible");
    h.add("excludedBecause");
    return h;
  }

  public static List<String> cells(SweepRow row, List<String> metrics) {
    List<String> c = new ArrayList<>();
    c.add(Long.toString(row.id()));
    c.addAll(row.axisValues());
    for (String m : metrics) {
      double v = row.figures().get(m);
      c.add(Double.isNaN(v) ? "" : text(v));
    }
    c.add(Boolean.toString(row.feasible()));
    c.add(String.join("; ", row.violations()));
    return c;
  }

  public static String csvLine(List<String> cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      String c = cells.get(i);
      if (c.contains(",") || c.contains("\"") || c.contains("\n")) {
        b.append('"').append(c.replace("\"", "\"\"").replace('\n', ' ')).append('"');
      } else {
        b.append(c);
      }
    }
    return b.append('\n').toString();
  }

  public static List<String> parseCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    out.add(cell.toString());
    return out;
  }

  public static String frontCsv(List<String> header, Sweep.Result result, List<String> metrics) {
    StringBuilder b = new StringBuilder(csvLine(header));
    for (SweepRow r : result.front()) {
      b.append(csvLine(cells(r, metrics)));
    }
    return b.toString();
  }

  public static Map<String, Object> frontJson(SweepSpec sweep, Sweep.Result result) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("designs", sweep.space().size());
    root.put("evaluated", result.evaluated());
    root.put("feasible", result.feasible());
    root.put("objectives", sweep.objectives());
    List<Object> front = new ArrayList<>();
    for (SweepRow r : result.front()) {
      front.add(row(sweep, r, result.frontUncertainty().get(r.id())));
    }
    root.put("front", front);
    Map<String, Object> top = new LinkedHashMap<>();
    result.top().forEach((k, rows) -> top.put(k, rows.stream().map(SweepRow::id).toList()));
    root.put("topIds", top);
    root.put("excluded", new LinkedHashMap<>(result.exclusions()));
    List<Object> tornado = new ArrayList<>();
    for (Uncertainty.Bar bar : result.tornado()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("input", bar.input());
      m.put("atP10", bar.atP10());
      m.put("atP90", bar.atP90());
      m.put("swing", bar.swing());
      tornado.add(m);
    }
    root.put("tornado", tornado);
    return root;
  }

  private static Map<String, Object> row(
      SweepSpec sweep, SweepRow r, Map<String, Uncertainty.Summary> uncertainty) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    Map<String, Object> axes = new LinkedHashMap<>();
    for (int i = 0; i < r.axisValues().size(); i++) {
      axes.put(sweep.space().axes().get(i).path(), r.axisValues().get(i));
    }
    m.put("axes", axes);
    m.put("figures", new LinkedHashMap<String, Object>(r.figures()));
    if (uncertainty != null) {
      Map<String, Object> u = new LinkedHashMap<>();
      uncertainty.forEach(
          (k, s) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("p10", s.p10());
            p.put("p50", s.p50());
            p.put("p90", s.p90());
            u.put(k, p);
          });
      m.put("uncertainty", u);
    }
    return m;
  }
}
