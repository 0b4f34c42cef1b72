package dev.ironworks.io.render;

import dev.ironworks.core.units.Units;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
        out.add(servingSimulation(plan, simulation));
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
    r.figure("Accelerators", plan, "cluster.acceleratorCount");
    r.figure("Servers", plan, "cluster.serverCount");
    r.figure("Racks", plan, "cluster.rackCount");
    r.figure("Floor area", plan, "cluster.floorAreaM2");
    r.figure("IT power at peak", plan, "power.itPeakPowerMw");
    r.figure("Facility power at peak", plan, "power.facilityPeakPowerMw");
    r.figure("Capex", plan, "cost.capexUsd");
    r.figure("Opex", plan, "cost.opexUsdPerYear");
    r.figure("TCO over " + years(at(plan, "cost.horizonYears")), plan, "cost.tcoUsd");
    r.figure("Cost per accelerator-hour", plan, "cost.usdPerAcceleratorHour");
    r.figure("Cloud price per accelerator-hour", plan, "cost.cloudUsdPerAcceleratorHour");
    r.add("Break-even against renting", breakEven(plan), "");
    r.figure("Energy", plan, "energy.energyMwhPerYear");
    r.figure("Operational emissions", plan, "energy.emissionsTco2ePerYear");
    if (plan.get("training") instanceof Map<?, ?>) {
      r.figure("Training run", plan, "training.durationDays");
      r.figure("Training cost", plan, "training.costUsd");
      r.figure("Training energy", plan, "training.energyMwh");
    }
    if (plan.get("reliability") instanceof Map<?, ?>) {
      r.figure("Wall-clock days with failures", plan, "reliability.wallClockDays");
      r.figure("Goodput", plan, "reliability.goodput");
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
      r.figure("Serving replicas", plan, "inference.replicas");
      r.figure("Cost per million tokens", plan, "inference.usdPerMillionTokens");
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
    other.figure("Hardware capex (without the facility)", plan, "cost.hardwareCapexUsd");
    other.figure("Depreciation", plan, "cost.depreciationUsdPerYear");
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
   * Cumulative cost at the end of each year of the horizon (cost.cumulativeUsdByYear, the points
   * the TCO chart draws): owning in cash, owning as TCO, and renting.
   */
  private static Section tco(Map<String, Object> plan) {
    double horizon = number(at(plan, "cost.horizonYears"));
    boolean cloudOnly = Boolean.TRUE.equals(at(plan, "cost.cloudOnly"));
    boolean rent = at(plan, "cost.cloudTcoUsd") instanceof Number && !cloudOnly;
    List<String> headers =
        rent
            ? List.of("end of year", "own: capex + opex", "own: TCO", "rent")
            : List.of("end of year", cloudOnly ? "rent" : "own: capex + opex", "own: TCO");
    List<List<String>> rows = new ArrayList<>();
    if (at(plan, "cost.cumulativeUsdByYear") instanceof List<?> points) {
      for (Object p : points) {
        Map<?, ?> point = (Map<?, ?>) p;
        double years = number(point.get("months")) / Units.MONTHS_PER_YEAR;
        if (years > horizon * (1 + 1e-12)) {
          break;
        }
        List<String> row = new ArrayList<>();
        row.add(human(years));
        row.add(usd(point.get("ownUsd")));
        row.add(usd(point.get("ownTcoUsd")));
        if (rent) {
          row.add(usd(point.get("rentUsd")));
        }
        rows.add(cloudOnly ? row.subList(0, 2) : row);
      }
    }
    Rows figures = new Rows();
    figures.add("Horizon", years(at(plan, "cost.horizonYears")), "");
    figures.figure("TCO (capital charge + opex)", plan, "cost.tcoUsd");
    figures.figure("Renting for the horizon", plan, "cost.cloudTcoUsd");
    figures.figure("Cloud TCO / own TCO", plan, "cost.cloudToOwnCostRatio");
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
    Rows r = new Rows();
    r.figure("Accelerators (TDP)", plan, "power.acceleratorTdpMw");
    r.figure("Hosts (servers at peak − accelerators)", plan, "power.hostsPeakMw");
    r.figure("Network", plan, "power.networkMw");
    r.figure("Storage", plan, "power.storageMw");
    r.figure("IT at peak", plan, "power.itPeakPowerMw");
    r.figure("Cooling and overhead at peak", plan, "power.coolingOverheadPeakMw");
    r.figure("Facility at peak", plan, "power.facilityPeakPowerMw");
    r.figure("PUE", plan, "power.pue");
    r.figure("IT average", plan, "power.itAveragePowerMw");
    r.figure("Facility average", plan, "power.facilityAveragePowerMw");
    return new Section("power", "Power", List.of(), List.of(r.table("power")));
  }

  private static Section energy(Map<String, Object> plan) {
    Rows r = new Rows();
    r.figure("Energy", plan, "energy.energyMwhPerYear");
    r.figure("IT energy", plan, "energy.itEnergyMwhPerYear");
    r.figure("Operational emissions", plan, "energy.emissionsTco2ePerYear");
    r.figure("Embodied emissions", plan, "energy.embodiedTco2e");
    r.figure("Embodied per year of life", plan, "energy.embodiedTco2ePerYear");
    r.figure("Water", plan, "energy.waterM3PerYear");
    r.figure("Grid intensity", plan, "site.gridKgCo2ePerKwh");
    r.figure("Carbon-free share", plan, "site.carbonFreeEnergyFraction");
    r.figure("Electricity", plan, "site.electricityUsdPerKwh");
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
    r.figure("Floor area", plan, "cluster.floorAreaM2");
    r.figure("Bisection bandwidth", plan, "network.bisectionBandwidthTbps");
    r.figure("Oversubscription", plan, "network.oversubscription", ": 1");
    r.figure("Network power", plan, "network.powerKw");
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
    r.figure("Model", plan, "training.model");
    r.figure("Tokens", plan, "training.tokens", "");
    r.add(
        "Duration",
        human(at(plan, "training.durationDays")),
        Boolean.TRUE.equals(at(plan, "training.durationPredicted"))
            ? "days (predicted)"
            : "days (given)");
    r.figure("Accelerator-hours", plan, "training.acceleratorHours", "");
    r.figure("IT power while training", plan, "training.itBusyPowerMw");
    r.figure("Energy", plan, "training.energyMwh");
    r.figure("Emissions", plan, "training.emissionsTco2e");
    r.figure("Cost", plan, "training.costUsd");
    List<Table> tables = new ArrayList<>();
    if (at(plan, "training.parallelism") instanceof Map<?, ?> p) {
      r.figure("Predicted time to train", plan, "training.timeToTrainDays");
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
      r.figure("Iteration", plan, "training.iterationSeconds");
      r.figure("Tokens per second", plan, "training.tokensPerSecond", "");
      r.figure("MFU", plan, "training.mfu");
      r.figure("HFU", plan, "training.hfu");
      r.figure("Achieved per accelerator", plan, "training.achievedTflopsPerAccelerator");
      if (at(plan, "training.leaveOutErrorPercent") != null) {
        r.add(
            "Throughput error to expect",
            human(at(plan, "training.leaveOutErrorPercent"))
                + "% mean, "
                + human(at(plan, "training.leaveOutWorstErrorPercent"))
                + "% worst, over "
                + human(at(plan, "training.leaveOutRuns"))
                + " published runs on this hardware, each predicted without its source",
            "");
      }
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
    r.figure("Failure rates", plan, "reliability.failureRates");
    r.figure("Failures per day", plan, "reliability.failuresPerDay", "");
    r.figure("Job MTBF", plan, "reliability.jobMtbfHours");
    r.figure("Checkpoint", plan, "reliability.checkpointGib");
    r.add(
        "Checkpoint write",
        human(at(plan, "reliability.checkpointWriteSeconds")),
        Boolean.TRUE.equals(at(plan, "reliability.asyncCheckpoint")) ? "s (asynchronous)" : "s");
    r.figure("Stall per checkpoint", plan, "reliability.checkpointStallSeconds");
    r.figure("Young interval", plan, "reliability.youngIntervalMinutes");
    r.figure("Daly interval", plan, "reliability.dalyIntervalMinutes");
    r.figure("Checkpoint interval used", plan, "reliability.checkpointIntervalMinutes");
    r.figure("Restart", plan, "reliability.restartMinutes");
    r.figure("Planned interruptions", plan, "reliability.plannedInterruptionsPerDay");
    r.figure("Expected interruptions", plan, "reliability.expectedInterruptions");
    r.figure("Goodput", plan, "reliability.goodput");
    r.figure("Compute days", plan, "reliability.computeDays");
    r.figure("Wall-clock days", plan, "reliability.wallClockDays");
    r.figure("Spare servers", plan, "reliability.spareServers");
    r.figure("Extra cost", plan, "reliability.extraCostUsd");
    r.figure("Extra energy", plan, "reliability.extraEnergyMwh");
    r.figure("Extra emissions", plan, "reliability.extraEmissionsTco2e");
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
    r.figure("Model", plan, "inference.model");
    r.figure("Precision", plan, "inference.precision");
    r.figure("Replicas", plan, "inference.replicas");
    r.figure("Accelerators per replica", plan, "inference.acceleratorsPerReplica");
    r.figure("Accelerators", plan, "inference.acceleratorCount");
    r.figure("Batch", plan, "inference.batchSize");
    r.figure("Tokens per second per replica", plan, "inference.tokensPerSecondPerReplica", "");
    r.figure("Fleet tokens per second", plan, "inference.fleetTokensPerSecond", "");
    r.figure("Peak demand", plan, "inference.peakTokensPerSecond");
    r.figure("Time to first token", plan, "inference.ttftMillis");
    r.figure("Time per output token", plan, "inference.tpotMillis");
    r.figure("Utilization", plan, "inference.utilization");
    r.figure("Meets targets", plan, "inference.meetsTargets");
    r.figure("Cost per million tokens", plan, "inference.usdPerMillionTokens");
    r.figure("Energy per 1,000 tokens", plan, "inference.whPer1000Tokens");
    r.figure("Emissions per billion tokens", plan, "inference.tco2ePerBillionTokens");
    r.figure("Fleet power", plan, "inference.averagePowerKw");
    r.figure("Targets at", plan, "inference.latencyPercentile");
    r.figure("Mode", plan, "inference.mode");
    r.figure("Replica load", plan, "inference.replicaLoad");
    r.figure("Tail headroom", plan, "inference.tailHeadroom");
    r.figure("Time to first token p99", plan, "inference.ttftPercentilesMillis.p99");
    r.figure("Time per output token p99", plan, "inference.tpotPercentilesMillis.p99");
    List<Table> tables = new ArrayList<>(List.of(r.table("inference")));
    if (at(plan, "inference.curve") instanceof List<?> curve && !curve.isEmpty()) {
      List<List<String>> points = new ArrayList<>();
      for (Object p : curve) {
        Map<?, ?> point = (Map<?, ?>) p;
        points.add(
            List.of(
                human(point.get("batch")),
                human(point.get("tpotMillis")),
                human(point.get("tokensPerSecond")),
                human(point.get("ttftMillis"))));
      }
      tables.add(
          new Table(
              "inference-curve",
              List.of("batch", "ms per token", "tokens/s", "first token (ms)"),
              points));
    }
    if (at(plan, "inference.loadCurve") instanceof List<?> load && !load.isEmpty()) {
      List<List<String>> points = new ArrayList<>();
      for (Object p : load) {
        Map<?, ?> point = (Map<?, ?>) p;
        points.add(
            List.of(
                human(point.get("utilization")),
                human(point.get("tokensPerSecond")),
                human(point.get("ttftP50Millis")),
                human(point.get("ttftP99Millis")),
                human(point.get("tpotP50Millis")),
                human(point.get("tpotP99Millis"))));
      }
      tables.add(
          new Table(
              "inference-load",
              List.of(
                  "load",
                  "tokens/s",
                  "first token p50 (ms)",
                  "first token p99 (ms)",
                  "per token p50 (ms)",
                  "per token p99 (ms)"),
              points));
    }
    return new Section("inference", "Serving", List.of(), tables);
  }

  /** Whether a simulation tree is a training run's Monte Carlo (else a serving fleet's). */
  private static boolean trainingSimulation(Map<String, Object> simulation) {
    return simulation != null && at(simulation, "simulation.completionDays") != null;
  }

  /**
   * A serving simulation's latency percentiles beside the queueing model's, with the rate it ran at
   * and, when the plan's demand loads the replicas beyond what they complete, that it ran below it.
   */
  private static Section servingSimulation(
      Map<String, Object> plan, Map<String, Object> simulation) {
    List<String> paragraphs = new ArrayList<>();
    Object arrivals = at(simulation, "simulation.arrivalsPerSecond");
    Object load = at(simulation, "analytical.replicaLoad");
    if (arrivals != null) {
      String text =
          human(at(simulation, "simulation.requests"))
              + " requests arriving at "
              + human(arrivals)
              + " a second"
              + (load != null ? ", each replica at " + human(load) + " of its capacity" : "")
              + ".";
      if (at(plan, "inference.replicaLoad") instanceof Number demand && demand.doubleValue() > 1) {
        text +=
            " The plan's demand loads the replicas to "
                + human(demand)
                + " of their capacity, where the queue grows without bound: the simulation runs"
                + " the fleet at the most it completes within its targets (90% of its capacity"
                + " without targets) instead.";
      }
      paragraphs.add(text);
    }
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
    return new Section("serving-simulation", "Simulated serving", paragraphs, List.of(t));
  }

  // ------------------------------------------------------------------------------ rendering

  /** Figure rows: label, value and unit; rows whose value is absent are left out. */
  private static final class Rows {
    private final List<List<String>> rows = new ArrayList<>();

    /** The figure at {@code path}, in dollars or as a number as its unit says, with its unit. */
    void figure(String label, Map<String, Object> plan, String path) {
      figure(label, plan, path, unit(declared(path).unit()));
    }

    /** The figure at {@code path}, with a unit of its own (where the label already says it). */
    void figure(String label, Map<String, Object> plan, String path, String unit) {
      Object value = at(plan, path);
      add(label, MONEY.contains(declared(path).unit()) ? usd(value) : human(value), unit);
    }

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

  /** Units of plan figures in dollars: shown as $69.81 M. */
  private static final Set<String> MONEY = Set.of("USD", "USD/year", "USD/h");

  /** The registry's figure at {@code path}: every figure a report shows is a plan figure. */
  private static PlanFigure declared(String path) {
    return PlanFigures.figure(path)
        .orElseThrow(() -> new IllegalArgumentException("not a plan figure: " + path));
  }

  /**
   * A figure's unit as the report writes it after the value: none for counts, fractions, ratios and
   * dollars (the value says $), "per year" for a yearly figure.
   */
  static String unit(String declared) {
    return switch (declared) {
      case "", "count", "fraction", "ratio", "bool", "USD", "USD/h" -> "";
      case "USD/year" -> "per year";
      case "1/day" -> "per day";
      default ->
          declared.endsWith("/year")
              ? declared.substring(0, declared.length() - "/year".length()) + " per year"
              : declared;
    };
  }

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

    static String load(String resource) {
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
