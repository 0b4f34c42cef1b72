package dev.ironworks.io.scenario;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.plan.InferencePlanner;
import dev.ironworks.core.scenario.Precision;
import dev.ironworks.core.scenario.roadmap.GenerationChoice;
import dev.ironworks.core.scenario.roadmap.Growth;
import dev.ironworks.core.scenario.roadmap.PowerOptions;
import dev.ironworks.core.scenario.roadmap.RefreshRange;
import dev.ironworks.core.scenario.roadmap.RoadmapFinance;
import dev.ironworks.core.scenario.roadmap.RoadmapLimits;
import dev.ironworks.core.scenario.roadmap.RoadmapSpec;
import dev.ironworks.core.scenario.roadmap.ServingDemand;
import dev.ironworks.core.scenario.roadmap.SiteOption;
import dev.ironworks.core.scenario.roadmap.Strategy;
import dev.ironworks.core.scenario.roadmap.TrainingDemand;
import dev.ironworks.core.scenario.roadmap.YearValue;
import dev.ironworks.io.yaml.Problems;
import dev.ironworks.io.yaml.YamlMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a scenario's {@code roadmap} section (docs/reference/scenario.md, "roadmap"), every key
 * checked as {@link ScenarioReader} checks its own, every problem reported at once.
 */
final class RoadmapReader {
  /** Years a calendar year may take. */
  private static final int FIRST_YEAR = 2000;

  private static final int LAST_YEAR = 2100;

  /** Defaults, each documented in the reference with its source. */
  static final int DEFAULT_BLOCK = 1024;

  /** A site's halls, chosen before the generations they will hold: air unless named. */
  static final String SITE_COOLING = "air";

  static final double DEFAULT_UTILIZATION = 0.85;
  static final double DEFAULT_DEADLINE_DAYS = 90;
  static final double DEFAULT_LEAD_YEARS = 2;
  static final double GAS_USD_PER_KW = 1100;
  static final double GAS_FUEL_USD_PER_MWH = 12;
  static final double GAS_HEAT_RATE = 8500;
  static final double GAS_KG_PER_MWH_FUEL = 181;
  static final int GAS_LEAD_YEARS = 2;
  static final double GAS_AVAILABILITY = 0.92;
  static final double SOLAR_USD_PER_KW = 1100;
  static final double SOLAR_CAPACITY_FACTOR = 0.25;
  static final double BATTERY_USD_PER_KWH = 300;
  static final double BATTERY_HOURS = 4;
  static final double NUCLEAR_CAPACITY_FACTOR = 0.93;
  static final double LEASE_FRACTION = 0.35;

  /** Resale value by age when none is given (estimate; docs/reference/scenario.md). */
  static final List<YearValue> DEFAULT_RESALE =
      List.of(
          new YearValue(1, 0.6),
          new YearValue(2, 0.4),
          new YearValue(3, 0.25),
          new YearValue(4, 0.15),
          new YearValue(5, 0.08),
          new YearValue(6, 0.04));

  private RoadmapReader() {}

  private static <E extends Enum<E>> Map<String, E> words(E[] values, Function<E, String> id) {
    return Arrays.stream(values)
        .collect(Collectors.toMap(id, v -> v, (a, b) -> a, LinkedHashMap::new));
  }

  /** The section, or null after reporting its problems. */
  static RoadmapSpec read(YamlMap r, Catalog catalog) {
    Problems problems = r.problems();
    int before = problems.list().size();
    int from = r.integer("fromYear", FIRST_YEAR, LAST_YEAR).orElse(0);
    int to = r.integer("toYear", FIRST_YEAR, LAST_YEAR).orElse(0);
    for (String key : List.of("fromYear", "toYear")) {
      if (!r.has(key)) {
        problems.add(r.node(), r.field(key), "required: a calendar year");
      }
    }
    if (from > 0 && to > 0 && (to < from || to - from + 1 > RoadmapSpec.MAX_YEARS)) {
      problems.add(
          r.value("toYear").orElse(r.node()),
          r.field("toYear"),
          "must be from fromYear ("
              + from
              + ") to fromYear + "
              + (RoadmapSpec.MAX_YEARS - 1)
              + ", got "
              + to);
    }
    int block = r.integer("blockAccelerators", 1, 10_000_000).orElse(DEFAULT_BLOCK);
    double utilization =
        r.number("utilization", 0, true, 1, "share of an accelerator-year the demand can use")
            .orElse(DEFAULT_UTILIZATION);
    RefreshRange refresh = r.map("refresh").map(RoadmapReader::refresh).orElse(null);
    if (refresh == null && !r.has("refresh")) {
      refresh = RefreshRange.defaults();
    }
    List<GenerationChoice> generations = generations(r, catalog);
    List<TrainingDemand> training = new ArrayList<>();
    List<ServingDemand> serving = new ArrayList<>();
    Optional<YamlMap> demand = r.map("demand");
    if (demand.isPresent()) {
      for (YamlMap t : demand.get().maps("training")) {
        training(t, catalog, from).ifPresent(training::add);
      }
      for (YamlMap s : demand.get().maps("serving")) {
        serving(s, catalog, from).ifPresent(serving::add);
      }
      demand.get().finish();
    }
    if (training.isEmpty()
        && serving.isEmpty()
        && problems.list().size() == before
        && demand.map(d -> !d.has("training") && !d.has("serving")).orElse(true)) {
      problems.add(
          demand.map(YamlMap::node).orElse(r.node()),
          r.field("demand"),
          "required: a training or a serving demand (demand.training, demand.serving)");
    }
    List<SiteOption> sites = sites(r, catalog);
    List<String> generationIds = generations.stream().map(GenerationChoice::acceleratorId).toList();
    RoadmapFinance finance =
        r.map("finance").map(f -> finance(f, catalog, generationIds)).orElse(null);
    if (finance == null && !r.has("finance")) {
      finance = defaultFinance();
    }
    RoadmapLimits limits = r.map("limits").map(RoadmapReader::limits).orElse(null);
    if (limits == null && !r.has("limits")) {
      limits = RoadmapLimits.none();
    }
    List<Strategy> strategies = strategies(r);
    r.finish();
    if (problems.list().size() > before
        || refresh == null
        || finance == null
        || limits == null
        || from == 0
        || to == 0) {
      return null;
    }
    try {
      return new RoadmapSpec(
          from,
          to,
          generations,
          block,
          utilization,
          refresh,
          training,
          serving,
          sites,
          finance,
          limits,
          strategies);
    } catch (IllegalArgumentException e) {
      problems.add(r.node(), "roadmap", e.getMessage());
      return null;
    }
  }

  private static RefreshRange refresh(YamlMap m) {
    RefreshRange d = RefreshRange.defaults();
    int min = m.integer("minYears", 1, RoadmapSpec.MAX_YEARS).orElse(d.minYears());
    int max = m.integer("maxYears", 1, RoadmapSpec.MAX_YEARS).orElse(d.maxYears());
    m.finish();
    if (max < min) {
      m.problems()
          .add(
              m.value("maxYears").orElse(m.node()),
              m.field("maxYears"),
              "must be at least minYears (" + min + "), got " + max);
      return null;
    }
    return new RefreshRange(min, max);
  }

  private static List<GenerationChoice> generations(YamlMap r, Catalog catalog) {
    List<GenerationChoice> out = new ArrayList<>();
    List<YamlMap> items = r.maps("generations");
    if (!r.has("generations")) {
      r.problems()
          .add(r.node(), r.field("generations"), "required: the accelerators that may be bought");
    }
    Set<String> seen = new HashSet<>();
    for (YamlMap g : items) {
      Optional<String> accelerator =
          g.id("accelerator", catalog.accelerators().keySet(), "accelerator");
      if (!g.has("accelerator")) {
        g.problems().add(g.node(), g.field("accelerator"), "required: an accelerator id");
      }
      Optional<String> server = g.id("server", catalog.servers().keySet(), "server");
      g.finish();
      if (accelerator.isEmpty()) {
        continue;
      }
      var a = catalog.accelerator(accelerator.get());
      if (a.cloudOnly()) {
        g.problems()
            .add(
                g.value("accelerator").orElse(g.node()),
                g.field("accelerator"),
                "'" + a.id() + "' is cloud only: a roadmap buys what it plans");
        continue;
      }
      if (server.isPresent()
          && !catalog.server(server.get()).acceleratorId().equals(accelerator.get())) {
        g.problems()
            .add(
                g.value("server").orElse(g.node()),
                g.field("server"),
                "server '"
                    + server.get()
                    + "' holds '"
                    + catalog.server(server.get()).acceleratorId()
                    + "', not '"
                    + accelerator.get()
                    + "'");
        continue;
      }
      if (!seen.add(accelerator.get() + "/" + server.orElse(""))) {
        g.problems()
            .add(g.node(), g.field("accelerator"), "'" + accelerator.get() + "' is listed twice");
        continue;
      }
      out.add(new GenerationChoice(accelerator.get(), server));
    }
    return out;
  }

  /** byYear: [{year, KEY}] of a demand. */
  private static List<YearValue> byYear(YamlMap d, String valueKey, String meaning) {
    List<YearValue> out = new ArrayList<>();
    for (YamlMap y : d.maps("byYear")) {
      int year = y.requiredInteger("year", FIRST_YEAR, LAST_YEAR);
      OptionalDouble v = y.number(valueKey, 0, false, 1e20, meaning);
      if (!y.has(valueKey)) {
        y.problems().add(y.node(), y.field(valueKey), "required");
      }
      y.finish();
      if (year > 0 && v.isPresent()) {
        out.add(new YearValue(year, v.getAsDouble()));
      }
    }
    return out;
  }

  private static Optional<TrainingDemand> training(YamlMap t, Catalog catalog, int roadmapFrom) {
    Problems problems = t.problems();
    int before = problems.list().size();
    Optional<String> name = t.text("name");
    Optional<String> model = t.id("model", catalog.models().keySet(), "model");
    if (!t.has("model")) {
      problems.add(t.node(), t.field("model"), "required: a catalog model id");
    }
    OptionalDouble tokens = t.number("tokens", 0, true, 1e17, "tokens of one run");
    double growth =
        t.number("growthPerYear", 0, true, 1000, "the run's tokens year over year").orElse(1);
    int from = t.integer("fromYear", FIRST_YEAR, LAST_YEAR).orElse(roadmapFrom);
    List<YearValue> byYear = byYear(t, "tokens", "tokens of one run");
    double runs = t.number("runsPerYear", 0, true, 1000, "runs started a year").orElse(1);
    double deadline =
        t.number("deadlineDays", 0, true, 3650, "days a run may take")
            .orElse(DEFAULT_DEADLINE_DAYS);
    Precision precision =
        t.choice("precision", words(Precision.values(), Precision::id)).orElse(Precision.BF16);
    t.finish();
    if (tokens.isEmpty() && byYear.isEmpty() && !t.has("tokens") && !t.has("byYear")) {
      problems.add(t.node(), t.field("tokens"), "required: tokens of one run, or byYear");
    }
    if (problems.list().size() > before || model.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new TrainingDemand(
            name.orElse(model.get()),
            model.get(),
            catalog.model(model.get()),
            new Growth(tokens.orElse(0), from, growth, byYear),
            runs,
            deadline,
            precision));
  }

  private static Optional<ServingDemand> serving(YamlMap s, Catalog catalog, int roadmapFrom) {
    Problems problems = s.problems();
    int before = problems.list().size();
    Optional<String> name = s.text("name");
    Optional<String> model = s.id("model", catalog.models().keySet(), "model");
    if (!s.has("model")) {
      problems.add(s.node(), s.field("model"), "required: a catalog model id");
    }
    OptionalDouble perDay = s.number("tokensPerDay", 0, true, 1e18, "output tokens a day");
    double growth =
        s.number("growthPerYear", 0, true, 1000, "tokens a day year over year").orElse(1);
    int from = s.integer("fromYear", FIRST_YEAR, LAST_YEAR).orElse(roadmapFrom);
    List<YearValue> byYear = byYear(s, "tokensPerDay", "output tokens a day");
    double prompt =
        s.number("promptTokens", 1, false, 10_000_000, "mean input tokens").orElse(1000);
    double output =
        s.number("outputTokens", 1, false, 10_000_000, "mean output tokens").orElse(250);
    double peak = s.number("peakToAverage", 1, false, 1000, "peak demand over average").orElse(1);
    Optional<Precision> precision = s.choice("precision", words(Precision.values(), Precision::id));
    OptionalDouble ttft = OptionalDouble.empty();
    OptionalDouble tpot = OptionalDouble.empty();
    Optional<YamlMap> latency = s.map("latency");
    if (latency.isPresent()) {
      ttft = latency.get().positive("ttftMillis");
      tpot = latency.get().positive("tpotMillis");
      latency.get().finish();
    }
    s.finish();
    if (perDay.isEmpty() && byYear.isEmpty() && !s.has("tokensPerDay") && !s.has("byYear")) {
      problems.add(s.node(), s.field("tokensPerDay"), "required: tokens a day, or byYear");
    }
    if (model.isPresent()) {
      InferencePlanner.contextProblem(catalog.model(model.get()), prompt, output)
          .ifPresent(p -> problems.add(s.node(), s.field("promptTokens"), p));
    }
    if (problems.list().size() > before || model.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ServingDemand(
            name.orElse(model.get()),
            model.get(),
            catalog.model(model.get()),
            new Growth(perDay.orElse(0), from, growth, byYear),
            prompt,
            output,
            peak,
            precision,
            ttft,
            tpot));
  }

  private static List<SiteOption> sites(YamlMap r, Catalog catalog) {
    List<SiteOption> out = new ArrayList<>();
    List<YamlMap> items = r.maps("sites");
    if (!r.has("sites")) {
      r.problems().add(r.node(), r.field("sites"), "required: at least one site");
    }
    Set<String> ids = new HashSet<>();
    for (YamlMap s : items) {
      Problems problems = s.problems();
      int before = problems.list().size();
      String id = s.requiredText("id");
      String region =
          s.id("region", catalog.regions().keySet(), "region")
              .orElse(ScenarioReader.DEFAULT_REGION);
      String cooling =
          s.id("cooling", catalog.coolingTypes().keySet(), "cooling type").orElse(SITE_COOLING);
      OptionalDouble pue = s.number("pue", 1, false, 3, "facility power / IT power, at least 1");
      List<YearValue> grid = new ArrayList<>();
      for (YamlMap step : s.maps("grid")) {
        int year = step.requiredInteger("fromYear", FIRST_YEAR, LAST_YEAR);
        OptionalDouble mw = step.number("megawatts", 0, false, 1e6, "MW of grid connection");
        if (!step.has("megawatts")) {
          problems.add(step.node(), step.field("megawatts"), "required");
        }
        step.finish();
        if (year > 0 && mw.isPresent()) {
          grid.add(new YearValue(year, mw.getAsDouble()));
        }
      }
      double existing =
          s.number("existingMegawatts", 0, false, 1e6, "MW of facility power built").orElse(0);
      OptionalDouble max =
          s.number("maxMegawatts", 0, false, 1e6, "MW of facility power the site can hold");
      if (!s.has("maxMegawatts")) {
        problems.add(s.node(), s.field("maxMegawatts"), "required: the most MW the site can hold");
      }
      OptionalDouble floor =
          s.number("maxFloorAreaM2", 0, true, 1e9, "square metres of white space");
      OptionalDouble construction =
          s.number("constructionUsdPerMw", 0, false, 1e9, "US dollars per MW of critical IT");
      int lead = s.integer("leadTimeYears", 0, 20).orElse((int) DEFAULT_LEAD_YEARS);
      double opening = s.number("openingUsd", 0, false, 1e12, "US dollars").orElse(0);
      PowerOptions power = s.map("power").map(RoadmapReader::power).orElse(null);
      if (power == null && !s.has("power")) {
        power = noPower();
      }
      s.finish();
      if (!id.isEmpty() && !ids.add(id)) {
        problems.add(s.value("id").orElse(s.node()), s.field("id"), "'" + id + "' is used twice");
      }
      if (max.isPresent() && existing > max.getAsDouble()) {
        problems.add(
            s.value("existingMegawatts").orElse(s.node()),
            s.field("existingMegawatts"),
            "must be at most maxMegawatts (" + YamlMap.plain(max.getAsDouble()) + ")");
      }
      if (problems.list().size() > before || power == null || max.isEmpty() || id.isEmpty()) {
        continue;
      }
      out.add(
          new SiteOption(
              id,
              region,
              cooling,
              pue,
              grid,
              existing,
              max.getAsDouble(),
              floor,
              construction,
              lead,
              opening,
              power));
    }
    return out;
  }

  private static PowerOptions noPower() {
    return new PowerOptions(
        new PowerOptions.GridTariff(OptionalDouble.empty(), OptionalDouble.empty()),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static PowerOptions power(YamlMap p) {
    Problems problems = p.problems();
    int before = problems.list().size();
    PowerOptions.GridTariff grid =
        new PowerOptions.GridTariff(OptionalDouble.empty(), OptionalDouble.empty());
    Optional<YamlMap> g = p.map("grid");
    if (g.isPresent()) {
      grid =
          new PowerOptions.GridTariff(
              g.get().number("usdPerMwh", 0, false, 10_000, "US dollars per MWh"),
              g.get().number("kgCo2ePerKwh", 0, false, 2, "kg CO2e per kWh"));
      g.get().finish();
    }
    List<PowerOptions.Ppa> ppas = new ArrayList<>();
    int index = 0;
    for (YamlMap c : p.maps("ppa")) {
      String name = c.text("name").orElse("ppa-" + (index + 1));
      OptionalDouble price = c.number("usdPerMwh", 0, false, 10_000, "US dollars per MWh");
      double cfe =
          c.number("carbonFreeFraction", 0, false, 1, "share of its energy carbon-free").orElse(1);
      OptionalInt from = c.integer("fromYear", FIRST_YEAR, LAST_YEAR);
      OptionalDouble mw = c.number("megawatts", 0, true, 1e6, "MW of plant contracted");
      double cf =
          c.number("capacityFactor", 0, true, 1, "share of the year the plant produces").orElse(1);
      for (String key : List.of("usdPerMwh", "fromYear", "megawatts")) {
        if (!c.has(key)) {
          problems.add(c.node(), c.field(key), "required");
        }
      }
      c.finish();
      if (price.isPresent() && from.isPresent() && mw.isPresent()) {
        ppas.add(
            new PowerOptions.Ppa(
                name, price.getAsDouble(), cfe, from.getAsInt(), mw.getAsDouble(), cf));
      }
      index++;
    }
    Optional<PowerOptions.GasTurbines> gas = p.map("gas").flatMap(RoadmapReader::gas);
    Optional<PowerOptions.Solar> solar = p.map("solar").flatMap(RoadmapReader::solar);
    Optional<PowerOptions.Battery> battery = p.map("battery").flatMap(RoadmapReader::battery);
    Optional<PowerOptions.NuclearContract> nuclear =
        p.map("nuclear").flatMap(RoadmapReader::nuclear);
    p.finish();
    if (problems.list().size() > before) {
      return null;
    }
    return new PowerOptions(grid, ppas, gas, solar, battery, nuclear);
  }

  private static OptionalDouble required(YamlMap m, String key, double max, String meaning) {
    OptionalDouble v = m.number(key, 0, false, max, meaning);
    if (!m.has(key)) {
      m.problems().add(m.node(), m.field(key), "required");
    }
    return v;
  }

  private static Optional<PowerOptions.GasTurbines> gas(YamlMap m) {
    double usdPerKw =
        m.number("usdPerKw", 0, false, 100_000, "US dollars per kW").orElse(GAS_USD_PER_KW);
    double fuel =
        m.number("fuelUsdPerMwh", 0, false, 10_000, "US dollars per MWh of fuel energy")
            .orElse(GAS_FUEL_USD_PER_MWH);
    double heat =
        m.number("heatRateBtuPerKwh", 3412.14, false, 30_000, "BTU of fuel per kWh generated")
            .orElse(GAS_HEAT_RATE);
    double kg =
        m.number("kgCo2ePerMwhFuel", 0, false, 1000, "kg CO2e per MWh of fuel energy")
            .orElse(GAS_KG_PER_MWH_FUEL);
    OptionalDouble max = required(m, "maxMegawatts", 1e6, "MW of turbines the site may add");
    int lead = m.integer("leadTimeYears", 0, 20).orElse(GAS_LEAD_YEARS);
    double availability =
        m.number("availability", 0, true, 1, "share of the year the turbines can run")
            .orElse(GAS_AVAILABILITY);
    m.finish();
    return max.isPresent()
        ? Optional.of(
            new PowerOptions.GasTurbines(
                usdPerKw, fuel, heat, kg, max.getAsDouble(), lead, availability))
        : Optional.empty();
  }

  private static Optional<PowerOptions.Solar> solar(YamlMap m) {
    double usdPerKw =
        m.number("usdPerKw", 0, false, 100_000, "US dollars per kW").orElse(SOLAR_USD_PER_KW);
    double cf =
        m.number("capacityFactor", 0, true, 1, "share of the year at full output")
            .orElse(SOLAR_CAPACITY_FACTOR);
    OptionalDouble max = required(m, "maxMegawatts", 1e6, "MW of solar the site may add");
    m.finish();
    return max.isPresent()
        ? Optional.of(new PowerOptions.Solar(usdPerKw, cf, max.getAsDouble()))
        : Optional.empty();
  }

  private static Optional<PowerOptions.Battery> battery(YamlMap m) {
    double usdPerKwh =
        m.number("usdPerKwh", 0, false, 100_000, "US dollars per kWh of storage")
            .orElse(BATTERY_USD_PER_KWH);
    double hours =
        m.number("hours", 0, true, 1000, "hours of storage at full power").orElse(BATTERY_HOURS);
    OptionalDouble max = required(m, "maxMegawattHours", 1e7, "MWh of storage the site may add");
    m.finish();
    return max.isPresent()
        ? Optional.of(new PowerOptions.Battery(usdPerKwh, hours, max.getAsDouble()))
        : Optional.empty();
  }

  private static Optional<PowerOptions.NuclearContract> nuclear(YamlMap m) {
    OptionalDouble price = required(m, "usdPerMwh", 10_000, "US dollars per MWh");
    OptionalDouble mw = m.number("megawatts", 0, true, 1e5, "MW contracted");
    if (!m.has("megawatts")) {
      m.problems().add(m.node(), m.field("megawatts"), "required");
    }
    OptionalInt from = m.integer("fromYear", FIRST_YEAR, LAST_YEAR);
    if (!m.has("fromYear")) {
      m.problems().add(m.node(), m.field("fromYear"), "required: the first year it can deliver");
    }
    double cf =
        m.number("capacityFactor", 0, true, 1, "share of the year at full output")
            .orElse(NUCLEAR_CAPACITY_FACTOR);
    m.finish();
    return price.isPresent() && mw.isPresent() && from.isPresent()
        ? Optional.of(
            new PowerOptions.NuclearContract(
                price.getAsDouble(), mw.getAsDouble(), from.getAsInt(), cf))
        : Optional.empty();
  }

  static RoadmapFinance defaultFinance() {
    return new RoadmapFinance(
        dev.ironworks.core.scenario.FinanceSpec.DEFAULT_COST_OF_CAPITAL,
        RoadmapFinance.Depreciation.STRAIGHT_LINE,
        defaultLives(),
        DEFAULT_RESALE,
        RoadmapFinance.Acquisition.BUY,
        LEASE_FRACTION,
        1,
        List.of());
  }

  private static RoadmapFinance.AssetLives defaultLives() {
    return new RoadmapFinance.AssetLives(5, 6, 20, 20);
  }

  private static RoadmapFinance finance(YamlMap f, Catalog catalog, List<String> generations) {
    Problems problems = f.problems();
    int before = problems.list().size();
    RoadmapFinance d = defaultFinance();
    double rate =
        f.number("costOfCapital", 0, false, 1, "interest a year, as a fraction")
            .orElse(d.costOfCapital());
    RoadmapFinance.Depreciation method = d.depreciation();
    RoadmapFinance.AssetLives lives = d.lives();
    Optional<YamlMap> dep = f.map("depreciation");
    if (dep.isPresent()) {
      method =
          dep.get()
              .choice(
                  "method",
                  words(RoadmapFinance.Depreciation.values(), RoadmapFinance.Depreciation::id))
              .orElse(method);
      Optional<YamlMap> l = dep.get().map("lifeYears");
      if (l.isPresent()) {
        lives =
            new RoadmapFinance.AssetLives(
                l.get().number("compute", 0, true, 50, "years").orElse(lives.computeYears()),
                l.get().number("network", 0, true, 50, "years").orElse(lives.networkYears()),
                l.get().number("facility", 0, true, 100, "years").orElse(lives.facilityYears()),
                l.get().number("power", 0, true, 100, "years").orElse(lives.powerYears()));
        l.get().finish();
      }
      dep.get().finish();
    }
    List<YearValue> resale = new ArrayList<>();
    for (YamlMap a : f.maps("resaleByAge")) {
      int age = a.requiredInteger("ageYears", 1, 50);
      OptionalDouble fraction = a.number("fraction", 0, false, 1, "of the purchase price");
      if (!a.has("fraction")) {
        problems.add(a.node(), a.field("fraction"), "required");
      }
      a.finish();
      if (age > 0 && fraction.isPresent()) {
        resale.add(new YearValue(age, fraction.getAsDouble()));
      }
    }
    if (!f.has("resaleByAge")) {
      resale = d.resaleByAge();
    }
    RoadmapFinance.Acquisition acquisition =
        f.choice(
                "acquisition",
                words(RoadmapFinance.Acquisition.values(), RoadmapFinance.Acquisition::id))
            .orElse(d.acquisition());
    double lease =
        f.number(
                "leaseFractionOfPricePerYear",
                0,
                true,
                2,
                "a lease's yearly payment over the purchase price")
            .orElse(d.leaseFractionOfPricePerYear());
    double priceFactor =
        f.number(
                "acceleratorPriceFactor",
                0,
                true,
                100,
                "a multiplier on every generation's catalog price path")
            .orElse(d.acceleratorPriceFactor());
    List<RoadmapFinance.CloudOffer> cloud = new ArrayList<>();
    for (YamlMap o : f.maps("cloudBurst")) {
      Optional<String> accelerator =
          o.id("accelerator", catalog.accelerators().keySet(), "accelerator");
      if (!o.has("accelerator")) {
        problems.add(o.node(), o.field("accelerator"), "required: one of roadmap.generations");
      }
      OptionalDouble price =
          o.number("usdPerAcceleratorHour", 0, true, 10_000, "US dollars an accelerator-hour");
      if (!o.has("usdPerAcceleratorHour")) {
        problems.add(o.node(), o.field("usdPerAcceleratorHour"), "required");
      }
      o.finish();
      if (accelerator.isPresent() && !generations.contains(accelerator.get())) {
        problems.add(
            o.value("accelerator").orElse(o.node()),
            o.field("accelerator"),
            "'"
                + accelerator.get()
                + "' is not one of roadmap.generations ("
                + String.join(", ", generations)
                + "): the cloud rents what the roadmap knows how to run");
      } else if (accelerator.isPresent() && price.isPresent()) {
        cloud.add(new RoadmapFinance.CloudOffer(accelerator.get(), price.getAsDouble()));
      }
    }
    f.finish();
    if (problems.list().size() > before) {
      return null;
    }
    return new RoadmapFinance(rate, method, lives, resale, acquisition, lease, priceFactor, cloud);
  }

  private static RoadmapLimits limits(YamlMap m) {
    RoadmapLimits limits =
        new RoadmapLimits(
            m.number("budgetUsdPerYear", 0, true, 1e15, "US dollars of capital a year"),
            m.number("carbonCapTco2ePerYear", 0, false, 1e12, "tonnes CO2e a year"),
            m.number("carbonPriceUsdPerTonne", 0, false, 100_000, "US dollars per tonne CO2e")
                .orElse(0));
    m.finish();
    return limits;
  }

  private static List<Strategy> strategies(YamlMap r) {
    List<Strategy> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YamlMap s : r.maps("strategies")) {
      String name = s.requiredText("name");
      OptionalInt refresh = s.integer("refreshYears", 1, RoadmapSpec.MAX_YEARS);
      boolean ppa = s.bool("ppa").orElse(true);
      boolean gas = s.bool("gas").orElse(true);
      boolean solar = s.bool("solar").orElse(true);
      boolean battery = s.bool("battery").orElse(true);
      boolean nuclear = s.bool("nuclear").orElse(true);
      boolean cloud = s.bool("cloudBurst").orElse(true);
      Optional<RoadmapFinance.Acquisition> acquisition =
          s.choice(
              "acquisition",
              words(RoadmapFinance.Acquisition.values(), RoadmapFinance.Acquisition::id));
      s.finish();
      if (name.isEmpty()) {
        continue;
      }
      if (!names.add(name) || name.equals("optimal") || name.equals("rule")) {
        s.problems()
            .add(
                s.value("name").orElse(s.node()),
                s.field("name"),
                "'" + name + "' is taken (names are unique; 'optimal' and 'rule' are Ironworks')");
        continue;
      }
      out.add(new Strategy(name, refresh, ppa, gas, solar, battery, nuclear, cloud, acquisition));
    }
    return out;
  }
}
