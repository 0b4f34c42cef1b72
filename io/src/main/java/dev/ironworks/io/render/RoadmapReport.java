package dev.ironworks.io.render;

import java.util.Locale;
import java.util.Map;

/**
 * A roadmap as a report for people: self-contained HTML with its charts (ECharts,
 * ironworks-charts.js and ironworks-roadmap-charts.js inline, the roadmap's JSON embedded, and its
 * tables as text for a reader without JavaScript), or Markdown with the same tables. {@code
 * roadmap} is the tree of {@link RoadmapView#of}; docs/reference/report.md describes the contents.
 */
public final class RoadmapReport {
  /** Classpath resource of the roadmap charts. */
  public static final String CHARTS_RESOURCE = "/dev/ironworks/charts/ironworks-roadmap-charts.js";

  private static final String STYLE =
      """
      body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2328;margin:0 auto;\
      max-width:1200px;padding:1em 2em 3em}
      h1{font-size:1.6em;margin-bottom:.2em}
      header p{color:#59636e;margin-top:0}
      pre{font-size:.8em;overflow-x:auto}
      .iw-table{border-collapse:collapse;margin:.75em 0;font-size:.9em}
      .iw-table th,.iw-table td{padding:.25em .75em;border-bottom:1px solid #eaecef;text-align:left}
      .iw-table td.num{text-align:right}
      .iw-section h2{font-size:1.25em;border-bottom:1px solid #d0d7de;padding-bottom:.25em}
      footer{color:#59636e;font-size:.85em;margin-top:3em}
      @media print{.iw-chart{break-inside:avoid}}
      """;

  private RoadmapReport() {}

  /** The report as a self-contained HTML page: works offline, no external URL. */
  public static String html(String title, Map<String, Object> roadmap) {
    StringBuilder out = new StringBuilder(1_200_000);
    out.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"Ironworks\">\n")
        .append("<title>")
        .append(Report.escapeHtml(title))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<header>\n<h1>")
        .append(Report.escapeHtml(title))
        .append("</h1>\n<p>")
        .append(Report.escapeHtml(subtitle(roadmap)))
        .append("</p>\n</header>\n<main>\n")
        .append("<div id=\"iw-roadmap\"></div>\n")
        .append("<pre id=\"iw-tables\">")
        .append(Report.escapeHtml(RoadmapTables.table(roadmap)))
        .append(
            "</pre>\n</main>\n<footer>Planned with Ironworks; charts drawn with Apache ECharts ")
        .append(Report.ECHARTS_VERSION)
        .append(" (Apache License 2.0), included in this file.</footer>\n")
        .append("<script type=\"application/json\" id=\"iw-roadmap-data\">")
        .append(Report.embedJson(roadmap))
        .append("</script>\n<script>\n")
        .append(Report.Scripts.ECHARTS)
        .append("\n</script>\n<script>\n")
        // The plan charts first: the roadmap charts use their formats and element builder.
        .append(Report.Scripts.CHARTS)
        .append("\n</script>\n<script>\n")
        .append(Scripts.CHARTS)
        .append("\n</script>\n<script>\n")
        .append(
            """
            (function () {
              var data = JSON.parse(document.getElementById('iw-roadmap-data').textContent);
              IronworksRoadmapCharts.dashboard(document.getElementById('iw-roadmap'), data);
              // The dashboard holds the strategies' table; the text tables stay for readers
              // without scripts.
              document.getElementById('iw-tables').hidden = true;
            })();
            """)
        .append("</script>\n</body>\n</html>\n");
    return out.toString();
  }

  /** The report as Markdown: the roadmap's tables, without charts. */
  public static String markdown(String title, Map<String, Object> roadmap) {
    return RoadmapTables.markdown(Report.markdownText(title), roadmap);
  }

  private static String subtitle(Map<String, Object> roadmap) {
    return String.format(
        Locale.ROOT,
        "%s to %s, %s, cost of capital %.1f%%",
        roadmap.get("fromYear"),
        roadmap.get("toYear"),
        Boolean.TRUE.equals(roadmap.get("optimised")) ? "optimised by the solver" : "by rule",
        100 * ((Number) roadmap.get("costOfCapital")).doubleValue());
  }

  /** The roadmap charts, read once from the classpath. */
  static final class Scripts {
    static final String CHARTS = Report.Scripts.load(CHARTS_RESOURCE);

    private Scripts() {}
  }
}
