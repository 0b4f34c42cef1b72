package dev.ironworks.io.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plan as a report for people: self-contained HTML with its charts (ECharts and
 * ironworks-charts.js inline, the plan's JSON embedded, and the figures as plain tables for a
 * reader without JavaScript), or Markdown with the same tables. {@code plan} is the tree of {@link
 * PlanView#of}; {@code simulation}, when not null, the tree of {@link SimulationView#of}.
 * docs/reference/report.md describes the contents.
 */
public final class Report {
  /** The ECharts version of the WebJar on the classpath. */
  public static final String ECHARTS_VERSION = "5.3.1";

  /** Classpath resource of the ECharts bundle. */
  public static final String ECHARTS_RESOURCE =
      "/META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js";

  /** Classpath resource of the Ironworks charts. */
  public static final String CHARTS_RESOURCE = "/dev/ironworks/charts/ironworks-charts.js";

  private static final String STYLE =
      """
      body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2328;margin:0 auto;\
      max-width:1200px;padding:1em 2em 3em}
      h1{font-size:1.6em;margin-bottom:.2em}
      header p{color:#59636e;margin-top:0}
      .iw-table{border-collapse:collapse;margin:.75em 0;font-size:.9em}
      .iw-table th,.iw-table td{padding:.25em .75em;border-bottom:1px solid #eaecef;text-align:left}
      .iw-table td.num,.iw-table th.num{text-align:right}
      .iw-table tbody th{font-weight:600}
      .iw-figures td{text-align:right}
      .iw-section h2{font-size:1.25em;border-bottom:1px solid #d0d7de;padding-bottom:.25em}
      footer{color:#59636e;font-size:.85em;margin-top:3em}
      @media print{.iw-chart{break-inside:avoid}}
      """;

  private Report() {}

  /** A table of strings, with the column headers. */
  record Table(String name, List<String> headers, List<List<String>> rows) {
    Table {
      headers = List.copyOf(headers);
      rows = rows.stream().map(List::copyOf).toList();
    }
  }

  /** One section of the report: a title, sentences, a list of items and tables. */
  record Section(
      String id, String title, List<String> paragraphs, List<String> items, List<Table> tables) {
    Section {
      paragraphs = List.copyOf(paragraphs);
      items = List.copyOf(items);
      tables = List.copyOf(tables);
    }

    Section(String id, String title, List<String> paragraphs, List<Table> tables) {
      this(id, title, paragraphs, List.of(), tables);
    }
  }

  /** The report as a self-contained HTML page: works offline, no external URL. */
  public static String html(
      String title, Map<String, Object> plan, Map<String, Object> simulationOrNull) {
    StringBuilder out = new StringBuilder(1_200_000);
    out.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"Ironworks\">\n")
        .append("<title>")
        .append(escapeHtml(title))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<header>\n<h1>")
        .append(escapeHtml(title))
        .append("</h1>\n<p>")
        .append(escapeHtml(subtitle(plan, simulationOrNull)))
        .append("</p>\n</header>\n<main>\n")
        .append("<div id=\"iw-dashboard\"></div>\n")
        .append("<div id=\"iw-tables\">\n");
    for (Section s : sections(plan, simulationOrNull)) {
      out.append("<section class=\"iw-section\" data-section=\"")
          .append(s.id())
          .append("\">\n<h2>")
          .append(escapeHtml(s.title()))
          .append("</h2>\n");
      for (String p : s.paragraphs()) {
        out.append("<p>").append(escapeHtml(p)).append("</p>\n");
      }
      if (!s.items().isEmpty()) {
        out.append("<ul>\n");
        for (String item : s.items()) {
          out.append("<li>").append(escapeHtml(item)).append("</li>\n");
        }
        out.append("</ul>\n");
      }
      for (Table t : s.tables()) {
        htmlTable(out, t);
      }
      out.append("</section>\n");
    }
    out.append("</div>\n</main>\n<footer>Planned with Ironworks; charts drawn with Apache ECharts ")
        .append(ECHARTS_VERSION)
        .append(" (Apache License 2.0), included in this file.</footer>\n");
    out.append("<script type=\"application/json\" id=\"iw-plan\">")
        .append(embedJson(plan))
        .append("</script>\n");
    if (simulationOrNull != null) {
      out.append("<script type=\"application/json\" id=\"iw-simulation\">")
          .append(embedJson(simulationOrNull))
          .append("</script>\n");
    }
    out.append("<script>\n")
        .append(Scripts.ECHARTS)
        .append("\n</script>\n<script>\n")
        .append(Scripts.CHARTS)
        .append("\n</script>\n<script>\n")
        .append(
            """
            (function () {
              var read = function (id) {
                var node = document.getElementById(id);
                return node ? JSON.parse(node.textContent) : null;
              };
              IronworksCharts.dashboard(document.getElementById('iw-dashboard'), read('iw-plan'),
                { simulation: read('iw-simulation') });
              // The dashboard holds every table below; keep them for readers without scripts.
              document.getElementById('iw-tables').hidden = true;
            })();
            """)
        .append("</script>\n</body>\n</html>\n");
    return out.toString();
  }

  /** The report as Markdown: the same sections and tables as the HTML, without charts. */
  public static String markdown(
      String title, Map<String, Object> plan, Map<String, Object> simulationOrNull) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(markdownText(title)).append("\n\n");
    out.append(markdownText(subtitle(plan, simulationOrNull))).append("\n");
    for (Section s : sections(plan, simulationOrNull)) {
      out.append("\n## ").append(markdownText(s.title())).append("\n");
      for (String p : s.paragraphs()) {
        out.append('\n').append(markdownText(p)).append('\n');
      }
      if (!s.items().isEmpty()) {
        out.append('\n');
        for (String item : s.items()) {
          out.append("- ").append(markdownText(item)).append('\n');
        }
      }
      for (Table t : s.tables()) {
        out.append('\n');
        markdownTable(out, t);
      }
    }
    return out.toString();
  }

  private static String subtitle(Map<String, Object> plan, Map<String, Object> simulation) {
    StringBuilder s = new StringBuilder("Scenario ").append(text(plan, "scenario"));
    s.append(": ")
        .append(human(at(plan, "cluster.acceleratorCount")))
        .append(" × ")
        .append(text(plan, "cluster.accelerator"))
        .append(" in ")
        .append(text(plan, "site.region"))
        .append(", ")
        .append(text(plan, "site.cooling"));
    if (trainingSimulation(simulation)) {
      s.append("; ")
          .append(human(at(simulation, "simulation.trials")))
          .append(" simulated trials, seed ")
          .append(text(simulation, "simulation.seed"));
    } else if (simulation != null) {
      s.append("; ")
          .append(human(at(simulation, "simulation.requests")))
          .append(" simulated requests, seed ")
          .append(text(simulation, "simulation.seed"));
    }
    return s.append('.').toString();
  }

  // ------------------------------------------------------------------------------ the sections

  static List<Section> sections(Map<String, Object> plan, Map<String, Object> simulation) {
    List<Section> out = new ArrayList<>();
    out.add(headline(plan, simulation));
    out.add(capex(plan));
    out.add(tco(plan));
    out.add(power(plan));
    out.add(energy(plan));
    out.add(bom(plan));
    if (plan.get("training") instanceof Map<?, ?>) {
      out.add(training(plan));
    }
    if (plan.get("reliability") instanceof Map<?, ?>) {
      out.add(reliability(plan));
    }
    if (trainingSimulation(simulation)) {
      out.add(simulation(simulation));
    }
    if (plan.get("inference") instanceof Map<?, ?>) {
      out.add(inference(plan));
      if (simulation != null && !trainingSimulation(simulation)) {
        out.add(servingSimulation(simulation));
      }
    }
    if (plan.get("notes") instanceof List<?> notes && !notes.isEmpty()) {
      List<String> lines = new ArrayList<>();
      for (Object n : notes) {
        lines.add(String.valueOf(n));
      }
      out.add(new Section("notes", "Notes", List.of(), lines, List.of()));
    }
    return out;
  }

  private static Section headline(Map<String, Object> plan, Map<String, Object> simulation) {
    Rows r = new Rows();
    r.add("Accelerators", human(at(plan, "cluster.acceleratorCount")), "");
    r.add("Servers", human(at(plan, "cluster.serverCount")), "");
    r.add("Racks", human(at(plan, "cluster.rackCount")), "");
    r.add("Floor area", human(at(plan, "cluster.floorAreaM2")), "m²");
    r.add("IT power at peak", human(at(plan, "power.itPowerMw")), "MW");
    r.add("Facility power at peak", human(at(plan, "power.facilityPowerMw")), "MW");
    r.add("Capex", usd(at(plan, "cost.capexUsd")), "");
    r.add("Opex", usd(at(plan, "cost.opexUsdPerYear")), "per year");
    r.add("TCO over " + years(at(plan, "cost.horizonYears")), usd(at(plan, "cost.tcoUsd")), "");
    r.add("Cost per accelerator-hour", usd(at(plan, "cost.usdPerAcceleratorHour")), "");
    r.add("Cloud price per accelerator-hour", usd(at(plan, "cost.cloudUsdPerAcceleratorHour")), "");
    r.add("Break-even against renting", breakEven(plan), "");
    r.add("Energy", human(at(plan, "energy.energyMwhPerYear")), "MWh per year");
    r.add(
        "Operational emissions", human(at(plan, "energy.emissionsTco2ePerYear")), "tCO2e per year");
    if (plan.get("training") instanceof Map<?, ?>) {
      r.add("Training run", human(at(plan, "training.durationDays")), "days");
      r.add("Training cost", usd(at(plan, "training.costUsd")), "");
      r.add("Training energy", human(at(plan, "training.energyMwh")), "MWh");
    }
    if (plan.get("reliability") instanceof Map<?, ?>) {
      r.add("Wall-clock days with failures", human(at(plan, "reliability.wallClockDays")), "days");
      r.add("Goodput", human(at(plan, "reliability.goodput")), "");
    }
    if (trainingSimulation(simulation)) {
      r.add(
          "Simulated completion P10 / P50 / P90",
          human(at(simulation, "simulation.completionDays.p10"))
              + " / "
              + human(at(simulation, "simulation.completionDays.p50"))
              + " / "
              + human(at(simulation, "simulation.completionDays.p90")),
          "days");
    }
    if (plan.get("inference") instanceof Map<?, ?>) {
      r.add("Serving replicas", human(at(plan, "inference.replicas")), "");
      r.add("Cost per million tokens", usd(at(plan, "inference.usdPerMillionTokens")), "");
    }
    return new Section("headline", "Headline figures", List.of(), List.of(r.table("headline")));
  }

  private static String breakEven(Map<String, Object> plan) {
    Object months = at(plan, "cost.breakEvenMonths");
    if (months instanceof Number) {
      return human(months) + " months";
    }
    if (at(plan, "cost.cloudTcoUsd") instanceof Number
        && !Boolean.TRUE.equals(at(plan, "cost.cloudOnly"))) {
      return "never: renting stays cheaper";
    }
    return "—";
  }

  private static Section capex(Map<String, Object> plan) {
    double total = number(at(plan, "cost.capexUsd"));
    List<List<String>> rows = new ArrayList<>();
    boolean cloudOnly = Boolean.TRUE.equals(at(plan, "cost.cloudOnly"));
    if (!cloudOnly && at(plan, "cost.capexBreakdownUsd") instanceof Map<?, ?> parts) {
      for (Map.Entry<?, ?> e : parts.entrySet()) {
        double v = number(e.getValue());
        rows.add(
            List.of(
                String.valueOf(e.getKey()),
                usd(e.getValue()),
                total > 0 ? percent(v / total) : "—"));
      }
    }
    rows.add(List.of("total", usd(at(plan, "cost.capexUsd")), total > 0 ? "100%" : "—"));
    List<List<String>> opex = new ArrayList<>();
    if (at(plan, "cost.opexBreakdownUsdPerYear") instanceof Map<?, ?> parts) {
      for (Map.Entry<?, ?> e : parts.entrySet()) {
        opex.add(List.of(String.valueOf(e.getKey()), usd(e.getValue())));
      }
    }
    opex.add(List.of("total", usd(at(plan, "cost.opexUsdPerYear"))));
    List<String> text = new ArrayList<>();
    if (cloudOnly) {
      text.add("Rented accelerators: no capital; the cost is the rent.");
    }
    Rows other = new Rows();
    other.add("Hardware capex (without the facility)", usd(at(plan, "cost.hardwareCapexUsd")), "");
    other.add("Depreciation", usd(at(plan, "cost.depreciationUsdPerYear")), "per year");
    other.add(
        "Volume discount off list", percent(number(at(plan, "cost.volumeDiscountFraction"))), "");
    return new Section(
        "capex",
        "Capital and running cost",
        text,
        cloudOnly
            ? List.of(new Table("opex", List.of("opex by class", "USD per year"), opex))
            : List.of(
                new Table("capex", List.of("capex by class", "USD", "share"), rows),
                new Table("opex", List.of("opex by class", "USD per year"), opex),
                other.table("cost")));
  }

  /**
   * Cumulative cost at the end of each year, as the TCO chart draws it by month: owning in cash
   * (capex + opex · y), owning as TCO (depreciation + opex) · y, and renting (cloud TCO / horizon)
   * · y. The first and last cross at cost.breakEvenMonths.
   */
  private static Section tco(Map<String, Object> plan) {
    double horizon = number(at(plan, "cost.horizonYears"));
    double capex = number(at(plan, "cost.capexUsd"));
    double opex = number(at(plan, "cost.opexUsdPerYear"));
    double depreciation = number(at(plan, "cost.depreciationUsdPerYear"));
    boolean cloudOnly = Boolean.TRUE.equals(at(plan, "cost.cloudOnly"));
    Object cloudTco = at(plan, "cost.cloudTcoUsd");
    boolean rent = cloudTco instanceof Number && !cloudOnly;
    List<String> headers =
        rent
            ? List.of("end of year", "own: capex + opex", "own: TCO", "rent")
            : List.of("end of year", cloudOnly ? "rent" : "own: capex + opex", "own: TCO");
    List<List<String>> rows = new ArrayList<>();
    if (Double.isFinite(horizon) && horizon > 0) {
      int years = (int) Math.ceil(horizon);
      for (int y = 0; y <= years; y++) {
        double t = Math.min(y, horizon);
        List<String> row = new ArrayList<>();
        row.add(human(t));
        row.add(usd((cloudOnly ? 0 : capex) + opex * t));
        row.add(usd((depreciation + opex) * t));
        if (rent) {
          row.add(usd(number(cloudTco) / horizon * t));
        }
        rows.add(cloudOnly ? row.subList(0, 2) : row);
      }
    }
    Rows figures = new Rows();
    figures.add("Horizon", years(at(plan, "cost.horizonYears")), "");
    figures.add("TCO (depreciation + opex)", usd(at(plan, "cost.tcoUsd")), "");
    figures.add("Renting for the horizon", usd(cloudTco), "");
    figures.add("Cloud TCO / own TCO", human(at(plan, "cost.cloudToOwnCostRatio")), "");
    figures.add("Break-even", breakEven(plan), "");
    return new Section(
        "tco",
        "TCO over the horizon against renting",
        List.of(),
        List.of(
            figures.table("tco"),
            new Table("tco-years", cloudOnly ? headers.subList(0, 2) : headers, rows)));
  }

  private static Section power(Map<String, Object> plan) {
    double accelerators = number(at(plan, "power.acceleratorTdpMw"));
    double servers = number(at(plan, "power.serversPeakMw"));
    Rows r = new Rows();
    r.add("Accelerators (TDP)", human(at(plan, "power.acceleratorTdpMw")), "MW");
    r.add("Hosts (servers at peak − accelerators)", human(servers - accelerators), "MW");
    r.add("Network", human(at(plan, "power.networkMw")), "MW");
    r.add("Storage", human(at(plan, "power.storageMw")), "MW");
    r.add("IT at peak", human(at(plan, "power.itPowerMw")), "MW");
    r.add("Cooling and overhead at peak", human(at(plan, "power.coolingOverheadMw")), "MW");
    r.add("Facility at peak", human(at(plan, "power.facilityPowerMw")), "MW");
    r.add("PUE", human(at(plan, "power.pue")), "");
    r.add("IT average", human(at(plan, "power.itAveragePowerMw")), "MW");
    r.add("Facility average", human(at(plan, "power.facilityAveragePowerMw")), "MW");
    return new Section("power", "Power", List.of(), List.of(r.table("power")));
  }

  private static Section energy(Map<String, Object> plan) {
    Rows r = new Rows();
    r.add("Energy", human(at(plan, "energy.energyMwhPerYear")), "MWh per year");
    r.add("IT energy", human(at(plan, "energy.itEnergyMwhPerYear")), "MWh per year");
    r.add(
        "Operational emissions", human(at(plan, "energy.emissionsTco2ePerYear")), "tCO2e per year");
    r.add("Embodied emissions", human(at(plan, "energy.embodiedTco2e")), "tCO2e");
    r.add(
        "Embodied per year of life",
        human(at(plan, "energy.embodiedTco2ePerYear")),
        "tCO2e per year");
    r.add("Water", human(at(plan, "energy.waterM3PerYear")), "m³ per year");
    r.add("Grid intensity", human(at(plan, "site.gridKgCo2ePerKwh")), "kgCO2e/kWh");
    r.add("Carbon-free share", human(at(plan, "site.carbonFreeEnergyFraction")), "");
    r.add("Electricity", human(at(plan, "site.electricityUsdPerKwh")), "USD/kWh");
    return new Section("energy", "Energy and carbon", List.of(), List.of(r.table("energy")));
  }

  private static Section bom(Map<String, Object> plan) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "accelerators",
            text(plan, "cluster.accelerator"),
            human(at(plan, "cluster.acceleratorCount")),
            usd(at(plan, "cost.capexBreakdownUsd.accelerators"))));
    rows.add(
        List.of(
            "servers",
            text(plan, "cluster.server"),
            human(at(plan, "cluster.serverCount")),
            usd(at(plan, "cost.capexBreakdownUsd.servers"))));
    rows.add(
        List.of(
            "compute racks",
            "up to "
                + human(at(plan, "cluster.serversPerRack"))
                + " servers, "
                + human(at(plan, "cluster.computeRackPeakPowerKw"))
                + " kW",
            human(at(plan, "cluster.computeRackCount")),
            ""));
    rows.add(List.of("network racks", "", human(at(plan, "cluster.networkRackCount")), ""));
    rows.add(List.of("storage racks", "", human(at(plan, "cluster.storageRackCount")), ""));
    String fabric = text(plan, "network.fabric");
    if (number(at(plan, "network.nicCount")) > 0) {
      rows.add(
          List.of(
              "NICs",
              fabric,
              human(at(plan, "network.nicCount")),
              usd(at(plan, "network.capexBreakdownUsd.nics"))));
    }
    if (number(at(plan, "network.tiers")) > 0) {
      rows.add(
          List.of(
              "leaf switches",
              fabric + ", " + text(plan, "network.topology"),
              human(at(plan, "network.leafSwitchCount")),
              ""));
      rows.add(List.of("spine switches", "", human(at(plan, "network.spineSwitchCount")), ""));
      rows.add(List.of("core switches", "", human(at(plan, "network.coreSwitchCount")), ""));
      rows.add(
          List.of(
              "switches",
              human(at(plan, "network.tiers")) + " tiers",
              human(at(plan, "network.switchCount")),
              usd(at(plan, "network.capexBreakdownUsd.switches"))));
      rows.add(
          List.of(
              "transceivers",
              human(at(plan, "network.opticalLinkCount")) + " optical links",
              human(at(plan, "network.transceiverCount")),
              usd(at(plan, "network.capexBreakdownUsd.transceivers"))));
      rows.add(
          List.of(
              "cables",
              human(at(plan, "network.linkCount")) + " links",
              human(at(plan, "network.cableCount")),
              usd(at(plan, "network.capexBreakdownUsd.cables"))));
    }
    if (!"none".equals(text(plan, "storage.tier"))) {
      rows.add(
          List.of(
              "storage",
              text(plan, "storage.tier")
                  + ", "
                  + human(at(plan, "storage.capacityPetabytes"))
                  + " PB",
              human(at(plan, "storage.rackCount")) + " racks",
              usd(at(plan, "cost.capexBreakdownUsd.storage"))));
    }
    Rows r = new Rows();
    r.add(
        "Scale-up domains",
        human(at(plan, "cluster.scaleUpDomainCount")),
        "× "
            + human(at(plan, "cluster.scaleUpDomainSize"))
            + " accelerators ("
            + text(plan, "cluster.scaleUp")
            + ")");
    r.add("Floor area", human(at(plan, "cluster.floorAreaM2")), "m²");
    r.add("Bisection bandwidth", human(at(plan, "network.bisectionBandwidthTbps")), "Tb/s");
    r.add("Oversubscription", human(at(plan, "network.oversubscription")), ": 1");
    r.add("Network power", human(at(plan, "network.powerKw")), "kW");
    return new Section(
        "bom",
        "Bill of materials",
        List.of(),
        List.of(
            new Table("bom", List.of("item", "what", "count", "capex"), rows),
            r.table("bom-figures")));
  }

  private static Section training(Map<String, Object> plan) {
    Rows r = new Rows();
    r.add("Model", text(plan, "training.model"), "");
    r.add("Tokens", human(at(plan, "training.tokens")), "");
    r.add(
        "Duration",
        human(at(plan, "training.durationDays")),
        Boolean.TRUE.equals(at(plan, "training.durationPredicted"))
            ? "days (predicted)"
            : "days (given)");
    r.add("Accelerator-hours", human(at(plan, "training.acceleratorHours")), "");
    r.add("IT power while training", human(at(plan, "training.itPowerMw")), "MW");
    r.add("Energy", human(at(plan, "training.energyMwh")), "MWh");
    r.add("Emissions", human(at(plan, "training.emissionsTco2e")), "tCO2e");
    r.add("Cost", usd(at(plan, "training.costUsd")), "");
    List<Table> tables = new ArrayList<>();
    if (at(plan, "training.parallelism") instanceof Map<?, ?> p) {
      r.add("Predicted time to train", human(at(plan, "training.timeToTrainDays")), "days");
      r.add(
          "Parallelism",
          String.format(
              Locale.ROOT,
              "TP%s PP%s DP%s CP%s EP%s, micro-batch %s, interleave %s, ZeRO %s, recompute %s%s",
              p.get("tensor"),
              p.get("pipeline"),
              p.get("data"),
              p.get("context"),
              p.get("expert"),
              p.get("microBatch"),
              p.get("interleave"),
              p.get("zeroStage"),
              p.get("recompute"),
              Boolean.TRUE.equals(p.get("sequenceParallel")) ? ", sequence parallel" : ""),
          "");
      r.add("Iteration", human(at(plan, "training.iterationSeconds")), "s");
      r.add("Tokens per second", human(at(plan, "training.tokensPerSecond")), "");
      r.add("MFU", human(at(plan, "training.mfu")), "");
      r.add("HFU", human(at(plan, "training.hfu")), "");
      r.add(
          "Achieved per accelerator",
          human(at(plan, "training.achievedTflopsPerAccelerator")),
          "TFLOP/s");
      tables.add(r.table("training"));
      List<List<String>> time = new ArrayList<>();
      double iteration = number(at(plan, "training.iterationSeconds"));
      for (String[] part :
          new String[][] {
            {"compute", "training.timeBreakdownSeconds.compute"},
            {"tensor parallel", "training.communicationSeconds.tensorParallel"},
            {"pipeline sends", "training.communicationSeconds.pipelineSends"},
            {"data parallel (exposed)", "training.communicationSeconds.dataParallelExposed"},
            {"expert all-to-all", "training.communicationSeconds.expertAllToAll"},
            {"pipeline bubble", "training.timeBreakdownSeconds.bubble"},
          }) {
        double v = number(at(plan, part[1]));
        time.add(
            List.of(
                part[0], human(at(plan, part[1])), iteration > 0 ? percent(v / iteration) : "—"));
      }
      time.add(List.of("iteration", human(at(plan, "training.iterationSeconds")), "100%"));
      tables.add(new Table("training-time", List.of("one iteration", "s", "share"), time));
      List<List<String>> memory = new ArrayList<>();
      if (at(plan, "training.memoryBreakdownGib") instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
          memory.add(List.of(String.valueOf(e.getKey()), human(e.getValue())));
        }
      }
      memory.add(List.of("total", human(at(plan, "training.memoryPerAcceleratorGib"))));
      if (at(plan, "training.acceleratorMemoryGib") != null) {
        memory.add(List.of("device memory", human(at(plan, "training.acceleratorMemoryGib"))));
      }
      tables.add(new Table("memory", List.of("memory per accelerator", "GiB"), memory));
    } else {
      tables.add(r.table("training"));
    }
    return new Section("training", "Training run", List.of(), tables);
  }

  private static Section reliability(Map<String, Object> plan) {
    Rows r = new Rows();
    r.add("Failure rates", text(plan, "reliability.failureRates"), "");
    r.add("Failures per day", human(at(plan, "reliability.failuresPerDay")), "");
    r.add("Job MTBF", human(at(plan, "reliability.jobMtbfHours")), "h");
    r.add("Checkpoint", human(at(plan, "reliability.checkpointGib")), "GiB");
    r.add(
        "Checkpoint write",
        human(at(plan, "reliability.checkpointWriteSeconds")),
        Boolean.TRUE.equals(at(plan, "reliability.asyncCheckpoint")) ? "s (asynchronous)" : "s");
    r.add("Stall per checkpoint", human(at(plan, "reliability.checkpointStallSeconds")), "s");
    r.add("Young interval", human(at(plan, "reliability.youngIntervalMinutes")), "min");
    r.add("Daly interval", human(at(plan, "reliability.dalyIntervalMinutes")), "min");
    r.add(
        "Checkpoint interval used",
        human(at(plan, "reliability.checkpointIntervalMinutes")),
        "min");
    r.add("Restart", human(at(plan, "reliability.restartMinutes")), "min");
    r.add(
        "Planned interruptions",
        human(at(plan, "reliability.plannedInterruptionsPerDay")),
        "per day");
    r.add("Expected interruptions", human(at(plan, "reliability.expectedInterruptions")), "");
    r.add("Goodput", human(at(plan, "reliability.goodput")), "");
    r.add("Compute days", human(at(plan, "reliability.computeDays")), "days");
    r.add("Wall-clock days", human(at(plan, "reliability.wallClockDays")), "days");
    r.add("Spare servers", human(at(plan, "reliability.spareServers")), "");
    r.add("Extra cost", usd(at(plan, "reliability.extraCostUsd")), "");
    r.add("Extra energy", human(at(plan, "reliability.extraEnergyMwh")), "MWh");
    r.add("Extra emissions", human(at(plan, "reliability.extraEmissionsTco2e")), "tCO2e");
    List<List<String>> by = new ArrayList<>();
    if (at(plan, "reliability.failuresPerDayByComponent") instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        by.add(List.of(String.valueOf(e.getKey()), human(e.getValue())));
      }
    }
    List<List<String>> lost = new ArrayList<>();
    if (at(plan, "reliability.lostDays") instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        lost.add(List.of(String.valueOf(e.getKey()), human(e.getValue())));
      }
    }
    return new Section(
        "reliability",
        "Reliability",
        List.of(),
        List.of(
            r.table("reliability"),
            new Table("failures", List.of("failures per day by component", "per day"), by),
            new Table("lost-days", List.of("days lost to", "days"), lost)));
  }

  private static Section simulation(Map<String, Object> view) {
    List<List<String>> rows = new ArrayList<>();
    for (String[] f :
        new String[][] {
          {"completion (days)", "completionDays"},
          {"interruptions", "interruptions"},
          {"goodput", "goodput"},
          {"energy (MWh)", "energyMwh"},
          {"wait for a server (h)", "waitForServerHours"},
        }) {
      String p = "simulation." + f[1] + ".";
      rows.add(
          List.of(
              f[0],
              human(at(view, p + "p10")),
              human(at(view, p + "p50")),
              human(at(view, p + "p90")),
              human(at(view, p + "mean"))));
    }
    List<Table> tables = new ArrayList<>();
    tables.add(new Table("simulation", List.of("simulated", "P10", "P50", "P90", "mean"), rows));
    if (at(view, "simulation.completionDaysHistogram") instanceof List<?> bins && !bins.isEmpty()) {
      long most = 1;
      for (Object b : bins) {
        most = Math.max(most, (long) number(((Map<?, ?>) b).get("trials")));
      }
      List<List<String>> hist = new ArrayList<>();
      for (Object b : bins) {
        Map<?, ?> bin = (Map<?, ?>) b;
        long trials = (long) number(bin.get("trials"));
        hist.add(
            List.of(
                human(bin.get("fromDays")) + " – " + human(bin.get("toDays")),
                human(bin.get("trials")),
                "█".repeat((int) Math.round(30.0 * trials / most))));
      }
      tables.add(new Table("completion", List.of("completion days", "trials", ""), hist));
    }
    String text =
        String.format(
            Locale.ROOT,
            "%s trials from seed %s, %s incomplete; the analysis expects %s wall-clock days and"
                + " %s interruptions.",
            human(at(view, "simulation.trials")),
            text(view, "simulation.seed"),
            human(at(view, "simulation.incompleteTrials")),
            human(at(view, "analytical.wallClockDays")),
            human(at(view, "analytical.expectedInterruptions")));
    return new Section("simulation", "Simulated training run", List.of(text), tables);
  }

  private static Section inference(Map<String, Object> plan) {
    Rows r = new Rows();
    r.add("Model", text(plan, "inference.model"), "");
    r.add("Precision", text(plan, "inference.precision"), "");
    r.add("Replicas", human(at(plan, "inference.replicas")), "");
    r.add("Accelerators per replica", human(at(plan, "inference.acceleratorsPerReplica")), "");
    r.add("Accelerators", human(at(plan, "inference.acceleratorCount")), "");
    r.add("Batch", human(at(plan, "inference.batchSize")), "sequences");
    r.add(
        "Tokens per second per replica",
        human(at(plan, "inference.tokensPerSecondPerReplica")),
        "");
    r.add("Fleet tokens per second", human(at(plan, "inference.fleetTokensPerSecond")), "");
    r.add("Peak demand", human(at(plan, "inference.peakTokensPerSecond")), "tokens/s");
    r.add("Time to first token", human(at(plan, "inference.ttftMillis")), "ms");
    r.add("Time per output token", human(at(plan, "inference.tpotMillis")), "ms");
    r.add("Utilization", human(at(plan, "inference.utilization")), "");
    r.add("Meets targets", human(at(plan, "inference.meetsTargets")), "");
    r.add("Cost per million tokens", usd(at(plan, "inference.usdPerMillionTokens")), "");
    r.add("Energy per 1,000 tokens", human(at(plan, "inference.whPer1000Tokens")), "Wh");
    r.add(
        "Emissions per billion tokens",
        human(at(plan, "inference.tco2ePerBillionTokens")),
        "tCO2e");
    r.add("Fleet power", human(at(plan, "inference.averagePowerKw")), "kW");
    r.add("Targets at", text(plan, "inference.latencyPercentile"), "");
    r.add("Mode", text(plan, "inference.mode"), "");
    r.add("Replica load", human(at(plan, "inference.replicaLoad")), "");
    r.add("Tail headroom", human(at(plan, "inference.tailHeadroom")), "");
    r.add("Time to first token p99", human(at(plan, "inference.ttftPercentilesMillis.p99")), "ms");
    r.add(
        "Time per output token p99", human(at(plan, "inference.tpotPercentilesMillis.p99")), "ms");
    List<Table> tables = new ArrayList<>(List.of(r.table("inference")));
    if (at(plan, "inference.curve") instanceof List<?> curve && !curve.isEmpty()) {
      tables.add(
          new Table(
              "inference-curve",
              List.of("latency and throughput of one replica"),
              curve.stream().map(c -> List.of(String.valueOf(c))).toList()));
    }
    if (at(plan, "inference.loadCurve") instanceof List<?> load && !load.isEmpty()) {
      tables.add(
          new Table(
              "inference-load",
              List.of("one replica under Poisson arrivals"),
              load.stream().map(c -> List.of(String.valueOf(c))).toList()));
    }
    return new Section("inference", "Serving", List.of(), tables);
  }

  /** Whether a simulation tree is a training run's Monte Carlo (else a serving fleet's). */
  private static boolean trainingSimulation(Map<String, Object> simulation) {
    return simulation != null && at(simulation, "simulation.completionDays") != null;
  }

  /** A serving simulation's latency percentiles beside the queueing model's. */
  private static Section servingSimulation(Map<String, Object> simulation) {
    List<List<String>> rows = new ArrayList<>();
    for (String[] figure :
        new String[][] {
          {"time to first token (ms)", "ttftMillis"},
          {"time per output token (ms)", "tpotMillis"},
          {"end to end (ms)", "endToEndMillis"}
        }) {
      List<String> row = new ArrayList<>(List.of(figure[0]));
      for (String p : List.of("p50", "p90", "p99")) {
        row.add(human(at(simulation, "simulation." + figure[1] + "." + p)));
        row.add(human(at(simulation, "analytical." + figure[1] + "." + p)));
      }
      rows.add(row);
    }
    Table t =
        new Table(
            "serving-simulation",
            List.of(
                "simulated (model)", "p50", "model p50", "p90", "model p90", "p99", "model p99"),
            rows);
    return new Section("serving-simulation", "Simulated serving", List.of(), List.of(t));
  }

  // ------------------------------------------------------------------------------ rendering

  /** Figure rows: label, value and unit; rows whose value is absent are left out. */
  private static final class Rows {
    private final List<List<String>> rows = new ArrayList<>();

    void add(String label, String value, String unit) {
      if (value == null || value.equals("—") || value.equals("null")) {
        return;
      }
      rows.add(List.of(label, unit.isEmpty() ? value : value + " " + unit));
    }

    Table table(String name) {
      return new Table(name, List.of("figure", "value"), rows);
    }
  }

  private static void htmlTable(StringBuilder out, Table t) {
    out.append("<table class=\"iw-table\" data-table=\"")
        .append(t.name())
        .append("\">\n<thead><tr>");
    for (String h : t.headers()) {
      out.append("<th>").append(escapeHtml(h)).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    boolean figures = t.headers().equals(List.of("figure", "value"));
    for (List<String> row : t.rows()) {
      out.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        String tag = i == 0 ? "th" : "td";
        out.append('<').append(tag);
        if (i > 0 && (figures || numeric(row.get(i)))) {
          out.append(" class=\"num\"");
        }
        out.append('>').append(escapeHtml(row.get(i))).append("</").append(tag).append('>');
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n");
  }

  /** Whether every filled cell of column {@code i} reads as a number (right-aligned). */
  private static boolean numericColumn(Table t, int i) {
    boolean any = false;
    for (List<String> row : t.rows()) {
      String cell = i < row.size() ? row.get(i) : "";
      if (!cell.isEmpty()) {
        if (!numeric(cell)) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  private static boolean numeric(String cell) {
    return !cell.isEmpty()
        && (Character.isDigit(cell.charAt(0))
            || cell.charAt(0) == '$'
            || cell.charAt(0) == '-'
            || cell.charAt(0) == '—');
  }

  private static void markdownTable(StringBuilder out, Table t) {
    out.append('|');
    for (String h : t.headers()) {
      out.append(' ').append(markdownCell(h)).append(" |");
    }
    out.append("\n|");
    for (int i = 0; i < t.headers().size(); i++) {
      out.append(i > 0 && numericColumn(t, i) ? " ---: |" : " --- |");
    }
    out.append('\n');
    for (List<String> row : t.rows()) {
      out.append('|');
      for (String cell : row) {
        out.append(' ').append(markdownCell(cell)).append(" |");
      }
      out.append('\n');
    }
  }

  private static String markdownCell(String text) {
    return markdownText(text).replace("|", "\\|");
  }

  /** Text safe in Markdown: no raw HTML, one line. */
  static String markdownText(String text) {
    return text.replace("\r", " ")
        .replace("\n", " ")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;");
  }

  /** Text safe in HTML element content and double-quoted attributes. */
  static String escapeHtml(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * JSON for a {@code <script type="application/json">} element: {@code <}, {@code >} and {@code &}
   * written as Unicode escapes (they occur only inside JSON strings), so no text of the scenario
   * can close the element or open a comment; U+2028 and U+2029 likewise.
   */
  static String embedJson(Map<String, Object> tree) {
    String json = JsonRenderer.render(tree);
    StringBuilder out = new StringBuilder(json.length() + 64);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> out.append("\\u003c");
        case '>' -> out.append("\\u003e");
        case '&' -> out.append("\\u0026");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  // ------------------------------------------------------------------------------ values

  private static Object at(Map<String, Object> tree, String path) {
    return PlanView.at(tree, path);
  }

  private static String text(Map<String, Object> tree, String path) {
    Object v = at(tree, path);
    return v == null ? "—" : String.valueOf(v);
  }

  private static String human(Object value) {
    if (value instanceof Boolean b) {
      return b ? "yes" : "no";
    }
    return Numbers.human(value);
  }

  private static String years(Object value) {
    return human(value) + (number(value) == 1 ? " year" : " years");
  }

  private static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static String percent(double fraction) {
    if (!Double.isFinite(fraction)) {
      return "—";
    }
    return Numbers.human(fraction * 100) + "%";
  }

  /** Dollars for people: $69.81 M, $1.211 B, $15.73 k, $2.924. */
  static String usd(Object value) {
    if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      return "—";
    }
    double v = n.doubleValue();
    double a = Math.abs(v);
    if (a >= 1e9) {
      return String.format(Locale.ROOT, "$%.4g B", v / 1e9);
    }
    if (a >= 1e6) {
      return String.format(Locale.ROOT, "$%.4g M", v / 1e6);
    }
    if (a >= 1e3) {
      return String.format(Locale.ROOT, "$%.4g k", v / 1e3);
    }
    return "$" + Numbers.human(v);
  }

  /** The scripts a report inlines, read once from the classpath. */
  static final class Scripts {
    static final String ECHARTS = load(ECHARTS_RESOURCE);
    static final String CHARTS = load(CHARTS_RESOURCE);

    private Scripts() {}

    private static String load(String resource) {
      try (InputStream in = Report.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is not on the classpath");
        }
        String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        // Inline in a <script> element, the text must not close it.
        if (script.toLowerCase(Locale.ROOT).contains("</script")) {
          throw new IllegalStateException(resource + " contains </script and cannot be inlined");
        }
        return script;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** For tests: the section ids in order. */
  static List<String> sectionIds(Map<String, Object> plan, Map<String, Object> simulation) {
    return sections(plan, simulation).stream().map(Section::id).toList();
  }
}
