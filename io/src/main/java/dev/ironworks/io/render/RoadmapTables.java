package dev.ironworks.io.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A roadmap view ({@link RoadmapView}) as aligned text or Markdown: the strategies side by side,
 * then the first plan year by year (money in $M, energy in GWh, emissions in kt), its fleet by
 * generation and site, and its MW by site and source against each site's limit.
 */
public final class RoadmapTables {
  private RoadmapTables() {}

  /** One table: a header and rows of cells, right-aligned but for the first column. */
  private record Table(String title, List<String> header, List<List<String>> rows) {}

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  private static double num(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static String millions(Object usd) {
    return fmt(num(usd) / 1e6);
  }

  private static String fmt(double v) {
    return Numbers.human(v);
  }

  private static String percent(double share) {
    return Double.isNaN(share) ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  private static List<Table> tables(Map<String, Object> view) {
    List<Table> out = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (Object o : list(view.get("strategies"))) {
      Map<String, Object> s = map(o);
      Map<String, Object> solver = s.containsKey("solver") ? map(s.get("solver")) : null;
      rows.add(
          List.of(
              String.valueOf(s.get("name")),
              millions(s.get("npvCostUsd")),
              millions(s.get("capexUsd")),
              millions(s.get("opexUsd")),
              fmt(num(s.get("peakAccelerators"))),
              fmt(num(s.get("energyMwh")) / 1e3),
              fmt(num(s.get("emissionsTco2e")) / 1e3),
              fmt(num(s.get("embodiedTco2e")) / 1e3),
              percent(num(s.get("cloudShare"))),
              percent(num(s.get("unservedShare"))),
              solver == null
                  ? "rule"
                  : solver.get("state") + " " + percent(num(solver.get("gap")))));
    }
    out.add(
        new Table(
            "strategies",
            List.of(
                "strategy",
                "NPV $M",
                "capex $M",
                "opex $M",
                "peak accel.",
                "GWh",
                "ktCO2e op.",
                "ktCO2e emb.",
                "cloud",
                "unserved",
                "solver, gap"),
            rows));
    Map<String, Object> plans = map(view.get("plans"));
    if (plans.isEmpty()) {
      return out;
    }
    String first = plans.keySet().iterator().next();
    Map<String, Object> plan = map(plans.get(first));
    out.add(years(first, plan));
    out.add(fleet(first, plan));
    out.add(power(first, plan));
    return out;
  }

  private static Table years(String name, Map<String, Object> plan) {
    List<List<String>> rows = new ArrayList<>();
    for (Object o : list(plan.get("years"))) {
      Map<String, Object> y = map(o);
      Map<String, Object> money = map(y.get("money"));
      double peak = 0;
      double limit = 0;
      for (Object s : map(y.get("sites")).values()) {
        peak += num(map(s).get("peakMw"));
        limit += num(map(s).get("limitMw"));
      }
      double work = 0;
      double cloud = 0;
      double unserved = 0;
      List<String> unit = new ArrayList<>();
      for (Map.Entry<String, Object> d : map(y.get("demands")).entrySet()) {
        Map<String, Object> dm = map(d.getValue());
        if (num(dm.get("work")) > 0) {
          work += 1;
          cloud += num(dm.get("cloudWork")) / num(dm.get("work"));
          unserved += num(dm.get("unservedWork")) / num(dm.get("work"));
        }
        Object perToken = dm.get("usdPerMillionTokens");
        unit.add(
            perToken != null
                ? "$" + fmt(num(perToken)) + "/Mtok"
                : dm.get("usdPerRun") != null
                    ? "$" + fmt(num(dm.get("usdPerRun")) / 1e6) + "M/run"
                    : "—");
      }
      rows.add(
          List.of(
              String.valueOf(y.get("year")),
              fmt(num(y.get("accelerators"))),
              fmt(peak),
              fmt(limit),
              millions(money.get("capexUsd")),
              millions(money.get("opexUsd")),
              millions(money.get("depreciationUsd")),
              millions(money.get("cashFlowUsd")),
              millions(money.get("cumulativeCashFlowUsd")),
              fmt(num(y.get("energyMwh")) / 1e3),
              fmt(num(y.get("emissionsTco2e")) / 1e3),
              fmt(num(y.get("embodiedTco2e")) / 1e3),
              String.join(" ", unit),
              percent(work > 0 ? cloud / work : 0),
              percent(work > 0 ? unserved / work : 0),
              fmt(num(y.get("strandedAcceleratorYears"))),
              fmt(num(y.get("strandedMw")))));
    }
    return new Table(
        name + ": year by year",
        List.of(
            "year",
            "accel.",
            "peak MW",
            "limit MW",
            "capex $M",
            "opex $M",
            "depr. $M",
            "cash $M",
            "cum. $M",
            "GWh",
            "ktCO2e",
            "kt emb.",
            "unit cost",
            "cloud",
            "unserved",
            "stranded acc-y",
            "stranded MW"),
        rows);
  }

  private static Table fleet(String name, Map<String, Object> plan) {
    List<String> columns = new ArrayList<>();
    for (Object o : list(plan.get("years"))) {
      for (Map.Entry<String, Object> g : map(map(o).get("fleet")).entrySet()) {
        for (String site : map(g.getValue()).keySet()) {
          String c = g.getKey() + " @ " + site;
          if (!columns.contains(c)) {
            columns.add(c);
          }
        }
      }
    }
    List<List<String>> rows = new ArrayList<>();
    for (Object o : list(plan.get("years"))) {
      Map<String, Object> y = map(o);
      List<String> row = new ArrayList<>();
      row.add(String.valueOf(y.get("year")));
      for (String c : columns) {
        String[] parts = c.split(" @ ");
        Object g = map(y.get("fleet")).get(parts[0]);
        row.add(g == null || map(g).get(parts[1]) == null ? "0" : fmt(num(map(g).get(parts[1]))));
      }
      rows.add(row);
    }
    List<String> header = new ArrayList<>();
    header.add("year");
    header.addAll(columns);
    return new Table(name + ": accelerators by generation and site", header, rows);
  }

  private static Table power(String name, Map<String, Object> plan) {
    List<List<String>> rows = new ArrayList<>();
    for (Object o : list(plan.get("years"))) {
      Map<String, Object> y = map(o);
      for (Map.Entry<String, Object> e : map(y.get("sites")).entrySet()) {
        Map<String, Object> s = map(e.getValue());
        Map<String, Object> energy = map(s.get("energyMwhBySource"));
        rows.add(
            List.of(
                String.valueOf(y.get("year")),
                e.getKey(),
                fmt(num(s.get("peakMw"))),
                fmt(num(s.get("limitMw"))),
                fmt(num(s.get("gridMw"))),
                fmt(num(s.get("gasMw"))),
                fmt(num(s.get("nuclearMw"))),
                fmt(num(s.get("batteryFirmMw"))),
                fmt(num(s.get("solarMw"))),
                fmt(num(s.get("hallMw"))),
                fmt(num(energy.get("grid")) / 1e3),
                fmt(num(energy.get("ppa")) / 1e3),
                fmt(num(energy.get("gas")) / 1e3),
                fmt(num(energy.get("solar")) / 1e3),
                fmt(num(energy.get("nuclear")) / 1e3)));
      }
    }
    return new Table(
        name + ": MW by site and source (facility power) and GWh by source",
        List.of(
            "year",
            "site",
            "peak MW",
            "limit MW",
            "grid MW",
            "gas MW",
            "nuclear MW",
            "battery MW",
            "solar MW",
            "hall MW",
            "grid GWh",
            "PPA GWh",
            "gas GWh",
            "solar GWh",
            "nuclear GWh"),
        rows);
  }

  /** The years, how the plan was made and the cost of capital: "2026–2035, optimised, ...". */
  private static String span(Map<String, Object> view) {
    return view.get("fromYear")
        + "–"
        + view.get("toYear")
        + (Boolean.TRUE.equals(view.get("optimised")) ? ", optimised" : ", by rule")
        + ", cost of capital "
        + percent(num(view.get("costOfCapital")));
  }

  /** Aligned plain text. */
  public static String table(Map<String, Object> view) {
    StringBuilder out = new StringBuilder();
    out.append("roadmap: ")
        .append(view.get("scenario"))
        .append(", ")
        .append(span(view))
        .append('\n');
    for (Table t : tables(view)) {
      out.append('\n').append(t.title()).append('\n');
      int[] width = new int[t.header().size()];
      for (int i = 0; i < width.length; i++) {
        width[i] = t.header().get(i).length();
        for (List<String> row : t.rows()) {
          width[i] = Math.max(width[i], row.get(i).length());
        }
      }
      appendRow(out, t.header(), width);
      for (List<String> row : t.rows()) {
        appendRow(out, row, width);
      }
    }
    List<Object> notes = list(view.get("notes"));
    if (!notes.isEmpty()) {
      out.append("\nnotes\n");
      for (Object n : notes) {
        out.append("  - ").append(n).append('\n');
      }
    }
    return out.toString();
  }

  private static void appendRow(StringBuilder out, List<String> cells, int[] width) {
    out.append(' ');
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      String pad = " ".repeat(width[i] - c.length());
      out.append(' ').append(i == 0 ? c + pad : pad + c).append(' ');
    }
    out.append('\n');
  }

  /** Markdown: a heading and one table per section. */
  public static String markdown(String title, Map<String, Object> view) {
    StringBuilder out = new StringBuilder("# ").append(title).append('\n');
    out.append('\n').append(span(view)).append(".\n");
    for (Table t : tables(view)) {
      out.append("\n## ").append(t.title()).append("\n\n| ");
      out.append(String.join(" | ", t.header())).append(" |\n|");
      for (int i = 0; i < t.header().size(); i++) {
        out.append(i == 0 ? " --- |" : " ---: |");
      }
      out.append('\n');
      for (List<String> row : t.rows()) {
        out.append("| ").append(String.join(" | ", row)).append(" |\n");
      }
    }
    List<Object> notes = list(view.get("notes"));
    if (!notes.isEmpty()) {
      out.append("\n## notes\n\n");
      for (Object n : notes) {
        out.append("- ").append(n).append('\n');
      }
    }
    return out.toString();
  }
}
