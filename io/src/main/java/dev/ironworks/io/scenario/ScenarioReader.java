package dev.ironworks.io.scenario;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.FailureRates;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.scenario.AttentionKernel;
import dev.ironworks.core.scenario.CheckpointSpec;
import dev.ironworks.core.scenario.CloudBilling;
import dev.ironworks.core.scenario.ClusterSpec;
import dev.ironworks.core.scenario.FabricChoice;
import dev.ironworks.core.scenario.FacilityOwnership;
import dev.ironworks.core.scenario.FinanceSpec;
import dev.ironworks.core.scenario.GradientReduce;
import dev.ironworks.core.scenario.InferenceWorkload;
import dev.ironworks.core.scenario.LatencyPercentile;
import dev.ironworks.core.scenario.LengthDistribution;
import dev.ironworks.core.scenario.Measured;
import dev.ironworks.core.scenario.ParallelismSpec;
import dev.ironworks.core.scenario.PipelineSchedule;
import dev.ironworks.core.scenario.Precision;
import dev.ironworks.core.scenario.Recompute;
import dev.ironworks.core.scenario.ReliabilitySpec;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.scenario.ServingMode;
import dev.ironworks.core.scenario.ServingSpec;
import dev.ironworks.core.scenario.ShardedGathers;
import dev.ironworks.core.scenario.SiteSpec;
import dev.ironworks.core.scenario.SpeculativeDecoding;
import dev.ironworks.core.scenario.StorageChoice;
import dev.ironworks.core.scenario.Topology;
import dev.ironworks.core.scenario.TrainingOptions;
import dev.ironworks.core.scenario.TrainingRun;
import dev.ironworks.core.scenario.roadmap.RoadmapSpec;
import dev.ironworks.io.catalog.EntryReaders;
import dev.ironworks.io.yaml.Problem;
import dev.ironworks.io.yaml.Problems;
import dev.ironworks.io.yaml.Suggest;
import dev.ironworks.io.yaml.TextFiles;
import dev.ironworks.io.yaml.YamlMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a scenario file into a {@link Scenario}, checking every field against its allowed values
 * and the catalog; all problems are reported together. The format is documented field by field in
 * docs/reference/scenario.md.
 */
public final class ScenarioReader {
  /** Region used when a scenario names none. */
  public static final String DEFAULT_REGION = "us-average";

  /** Cooling used when a scenario names none. */
  public static final String DEFAULT_COOLING = SiteSpec.COOLING_AUTO;

  private ScenarioReader() {}

  /** A scenario and where each of its fields was read, to place later problems on a line. */
  public record Result(Scenario scenario, Problems source) {
    /** A problem about a field found after reading (by the planner), placed at the field. */
    public Problem problemAt(String field, String message) {
      return source.at(field, message);
    }
  }

  public static Result read(Path file, Catalog catalog) {
    return read(file.toString(), TextFiles.read(file), catalog, defaultName(file));
  }

  /** Reads scenario text; {@code fileName} labels problems. */
  public static Result read(String fileName, String text, Catalog catalog) {
    return read(fileName, text, catalog, defaultName(Path.of(fileName)));
  }

  private static String defaultName(Path file) {
    Path name = file.getFileName();
    String base = name == null ? "scenario" : name.toString();
    int dot = base.lastIndexOf('.');
    return dot > 0 ? base.substring(0, dot) : base;
  }

  /**
   * Reads a scenario already composed into YAML nodes (a sweep builds them from a tree, without
   * text); problems carry no line numbers then.
   */
  public static Result read(String fileName, Node root, Catalog catalog) {
    return read(new Problems(fileName), Optional.of(root), catalog, defaultName(Path.of(fileName)));
  }

  private static Result read(String fileName, String text, Catalog catalog, String defaultName) {
    Problems problems = new Problems(fileName);
    return read(problems, YamlMap.parse(text, problems), catalog, defaultName);
  }

  /**
   * Reads parsed YAML, with problems (and, when it keeps one, the log of keys asked) in {@code
   * problems}.
   */
  static Result read(
      Problems problems, Optional<Node> parsed, Catalog catalog, String defaultName) {
    Optional<YamlMap> root = parsed.flatMap(node -> YamlMap.root(node, problems));
    if (root.isEmpty()) {
      problems.throwIfAny();
    }
    YamlMap m = root.orElseThrow();
    String name = m.text("name").orElse(defaultName);
    m.text("description");
    Optional<YamlMap> clusterMap = m.map("cluster");
    // Whether a roadmap is given, without asking for the key (the schema learns it in order).
    boolean roadmapGiven = m.keys().contains("roadmap");
    if (clusterMap.isEmpty() && !m.has("cluster") && !roadmapGiven) {
      problems.add(m.node(), "cluster", "required: what is built (accelerator and count)");
    }
    ClusterSpec cluster = clusterMap.map(c -> cluster(c, catalog)).orElse(null);
    SiteSpec site = m.map("site").map(s -> site(s, catalog)).orElse(null);
    if (site == null && !m.has("site")) {
      site = defaultSite();
    }
    FinanceSpec finance = m.map("finance").map(ScenarioReader::finance).orElse(null);
    if (finance == null && !m.has("finance")) {
      finance = FinanceSpec.defaults();
    }
    Optional<TrainingRun> training = Optional.empty();
    Optional<InferenceWorkload> inference = Optional.empty();
    Optional<YamlMap> workload = m.map("workload");
    if (workload.isPresent()) {
      Optional<YamlMap> trainingMap = workload.get().map("training");
      training = trainingMap.flatMap(tm -> training(tm, catalog));
      inference = workload.get().map("inference").flatMap(im -> inference(im, catalog));
      workload.get().finish();
    }
    // Whether a workload was given, not whether it read: a serving workload with a problem of its
    // own (a demand out of range) still sizes the fleet once fixed, so the count is not missing.
    boolean trainingGiven = workload.map(w -> w.has("training")).orElse(false);
    boolean inferenceGiven = workload.map(w -> w.has("inference")).orElse(false);
    if (clusterMap.isPresent()
        && cluster != null
        && cluster.acceleratorCount() == 0
        && (!inferenceGiven || trainingGiven)
        && !(roadmapGiven && !trainingGiven && !inferenceGiven)) {
      problems.add(
          clusterMap.get().node(),
          "cluster.count",
          trainingGiven
              ? "required for a training run (a serving fleet is sized from its demand and added)"
              : "required: how many accelerators (it may be left out only to size a serving fleet)");
    }
    Optional<ReliabilitySpec> reliability = m.map("reliability").map(r -> reliability(r, catalog));
    if (reliability.isPresent()
        && training.isEmpty()
        && workload.map(w -> !w.has("training")).orElse(true)) {
      problems.add(
          m.value("reliability").orElse(m.node()),
          "reliability",
          "needs a workload.training run to analyse (serving fleets are not analysed)");
    }
    Optional<RoadmapSpec> roadmap =
        m.map("roadmap")
            .map(r -> Optional.ofNullable(RoadmapReader.read(r, catalog)))
            .orElse(Optional.empty());
    m.finish();
    problems.throwIfAny();
    if (cluster == null && clusterMap.isEmpty() && roadmap.isPresent()) {
      // A roadmap alone: the cluster section's choices (fabric, storage) take their defaults.
      cluster =
          new ClusterSpec(
              roadmap.get().generations().get(0).acceleratorId(),
              0,
              Optional.empty(),
              OptionalDouble.empty(),
              FabricChoice.defaults(),
              Optional.empty());
    }
    try {
      return new Result(
          new Scenario(name, cluster, site, finance, training, reliability, inference, roadmap),
          problems);
    } catch (IllegalArgumentException e) {
      problems.add(m.node(), "", e.getMessage());
      problems.throwIfAny();
      throw e;
    }
  }

  private static SiteSpec defaultSite() {
    return new SiteSpec(
        DEFAULT_REGION,
        DEFAULT_COOLING,
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        0);
  }

  private static <E extends Enum<E>> Map<String, E> words(E[] values, Function<E, String> id) {
    return Arrays.stream(values)
        .collect(Collectors.toMap(id, v -> v, (a, b) -> a, LinkedHashMap::new));
  }

  private static ClusterSpec cluster(YamlMap c, Catalog catalog) {
    Problems problems = c.problems();
    Optional<String> accelerator =
        c.id("accelerator", catalog.accelerators().keySet(), "accelerator");
    if (!c.has("accelerator")) {
      problems.add(
          c.node(), c.field("accelerator"), "required: an accelerator id from the catalog");
    }
    int count = 0;
    boolean countGiven = c.has("count");
    if (countGiven) {
      count = c.integer("count", 1, 1_000_000).orElse(-1);
    }
    Optional<String> server = c.id("server", catalog.servers().keySet(), "server");
    if (server.isPresent() && accelerator.isPresent()) {
      String holds = catalog.server(server.get()).acceleratorId();
      if (!holds.equals(accelerator.get())) {
        problems.add(
            c.value("server").orElseThrow(),
            c.field("server"),
            "server '"
                + server.get()
                + "' holds '"
                + holds
                + "', not '"
                + accelerator.get()
                + "'; servers for it: "
                + serversFor(catalog, accelerator.get()));
      }
    }
    OptionalDouble measured =
        c.number("averagePowerWattsPerAccelerator", 0, true, 100_000, "watts per accelerator");
    FabricChoice fabric = c.map("fabric").map(f -> fabric(f, catalog)).orElse(null);
    if (fabric == null) {
      fabric = FabricChoice.defaults();
    }
    Optional<StorageChoice> storage = c.map("storage").map(s -> storage(s, catalog));
    c.finish();
    if (accelerator.isEmpty() || count < 0) {
      return null;
    }
    return new ClusterSpec(accelerator.get(), count, server, measured, fabric, storage);
  }

  private static String serversFor(Catalog catalog, String acceleratorId) {
    return catalog.servers().values().stream()
        .filter(s -> s.acceleratorId().equals(acceleratorId))
        .map(s -> s.id())
        .collect(Collectors.joining(", "));
  }

  private static FabricChoice fabric(YamlMap f, Catalog catalog) {
    Optional<String> kind = f.id("kind", catalog.fabrics().keySet(), "fabric");
    Optional<Topology> topology = f.choice("topology", words(Topology.values(), Topology::id));
    double oversubscription =
        f.number(
                "oversubscription",
                1,
                false,
                dev.ironworks.core.network.FabricDesigner.MAX_OVERSUBSCRIPTION,
                "leaf down:up bandwidth, 1 is non-blocking")
            .orElse(1);
    f.finish();
    return new FabricChoice(kind, topology, oversubscription);
  }

  private static StorageChoice storage(YamlMap s, Catalog catalog) {
    String tier =
        s.id("tier", catalog.storageTiers().keySet(), "storage tier")
            .orElse(StorageChoice.DEFAULT_TIER);
    double capacity = s.number("capacityPetabytes", 0, false, 1e6, "petabytes").orElse(0);
    OptionalDouble write = s.number("writeGigabytesPerSecond", 0, false, 1e8, "GB/s");
    s.finish();
    return new StorageChoice(tier, capacity, write);
  }

  private static SiteSpec site(YamlMap s, Catalog catalog) {
    String region = s.id("region", catalog.regions().keySet(), "region").orElse(DEFAULT_REGION);
    String cooling =
        s.id("cooling", coolingChoices(catalog), "cooling type").orElse(DEFAULT_COOLING);
    OptionalDouble pue = s.number("pue", 1, false, 3, "facility power / IT power, at least 1");
    OptionalDouble price = s.number("electricityUsdPerKwh", 0, false, 5, "US dollars per kWh");
    OptionalDouble grid = s.number("gridKgCo2ePerKwh", 0, false, 2, "kg CO2e per kWh");
    OptionalDouble wue = s.number("wueLitersPerKwh", 0, false, 20, "litres per kWh of IT energy");
    double cfe =
        s.number("carbonFreeEnergyFraction", 0, false, 1, "share of energy contracted carbon-free")
            .orElse(0);
    s.finish();
    return new SiteSpec(region, cooling, pue, price, grid, wue, cfe);
  }

  /** The catalog's cooling types, and {@code auto}: what the server needs. */
  private static List<String> coolingChoices(Catalog catalog) {
    List<String> ids = new ArrayList<>();
    ids.add(SiteSpec.COOLING_AUTO);
    ids.addAll(catalog.coolingTypes().keySet());
    return ids;
  }

  private static FinanceSpec finance(YamlMap f) {
    FinanceSpec d = FinanceSpec.defaults();
    double horizon = f.number("horizonYears", 0, true, 50, "years").orElse(d.horizonYears());
    double utilization =
        f.number("utilization", 0, true, 1, "share of hours doing useful work")
            .orElse(d.utilization());
    OptionalDouble cloud =
        f.number("cloudUsdPerAcceleratorHour", 0, true, 10_000, "US dollars per hour");
    CloudBilling billing =
        f.choice("cloudBilling", words(CloudBilling.values(), CloudBilling::id))
            .orElse(d.cloudBilling());
    FacilityOwnership facility =
        f.choice("facility", words(FacilityOwnership.values(), FacilityOwnership::id))
            .orElse(d.facility());
    OptionalDouble colocation =
        f.number("colocationUsdPerKwMonth", 0, true, 100_000, "US dollars per kW-month");
    double costOfCapital =
        f.number("costOfCapital", 0, false, 1, "interest a year, as a fraction")
            .orElse(d.costOfCapital());
    f.finish();
    return new FinanceSpec(
        horizon, utilization, cloud, billing, facility, colocation, costOfCapital);
  }

  private static Optional<TrainingRun> training(YamlMap t, Catalog catalog) {
    Problems problems = t.problems();
    int before = problems.list().size();
    Optional<String> modelName = Optional.empty();
    Optional<TransformerModel> architecture = Optional.empty();
    Optional<org.yaml.snakeyaml.nodes.Node> modelNode = t.value("model");
    if (modelNode.isPresent() && modelNode.get() instanceof org.yaml.snakeyaml.nodes.MappingNode) {
      Optional<YamlMap> inline = t.map("model");
      if (inline.isPresent()) {
        int beforeModel = problems.list().size();
        try {
          TransformerModel model = EntryReaders.model(inline.get(), "inline-model");
          inline.get().finish();
          if (problems.list().size() == beforeModel) {
            architecture = Optional.of(model);
            modelName = Optional.of(model.name());
          }
        } catch (IllegalArgumentException e) {
          inline.get().finish();
          if (problems.list().size() == beforeModel) {
            problems.add(inline.get().node(), t.field("model"), e.getMessage());
          }
        }
      }
    } else {
      modelName = t.text("model", catalog.models().keySet(), "model");
      if (modelName.isPresent() && catalog.models().containsKey(modelName.get())) {
        architecture = Optional.of(catalog.model(modelName.get()));
      }
    }
    OptionalDouble tokens = t.number("tokens", 0, true, 1e17, "training tokens");
    OptionalInt batch = t.integer("globalBatchSequences", 1, 100_000_000);
    OptionalInt sequence = t.integer("sequenceLength", 1, 100_000_000);
    Precision precision =
        t.choice("precision", words(Precision.values(), Precision::id)).orElse(Precision.BF16);
    ParallelismSpec parallelism = parallelism(t, architecture);
    TrainingOptions options = options(t);
    if (options.pipelineSchedule() == PipelineSchedule.ZERO_BUBBLE
        && parallelism.interleave().isPresent()
        && parallelism.interleave().getAsInt() > 1) {
      problems.add(
          t.value("pipelineSchedule").orElse(t.node()),
          t.field("pipelineSchedule"),
          "zero-bubble is not interleaved: give parallelism.interleave 1 (or leave it out), or"
              + " pipelineSchedule 1f1b for "
              + parallelism.interleave().getAsInt()
              + " interleaved chunks");
    }
    OptionalDouble days = t.number("durationDays", 0, true, 36_525, "days, at most a century");
    Optional<Measured> measured = t.map("measured").flatMap(ScenarioReader::measured);
    if (days.isEmpty() && !t.has("durationDays")) {
      if (architecture.isEmpty()) {
        problems.add(
            t.node(),
            t.field(modelName.isPresent() ? "model" : "durationDays"),
            modelName.isPresent()
                ? "'"
                    + modelName.get()
                    + "' is not a catalog model"
                    + Suggest.didYouMean(modelName.get(), catalog.models().keySet())
                    + "; name one, give the architecture inline, or give durationDays"
                : "required: durationDays, or a model and tokens to predict it");
      } else if (tokens.isEmpty() && !t.has("tokens")) {
        problems.add(
            t.node(),
            t.field("tokens"),
            "required to predict the run's time (or give durationDays)");
      }
    }
    t.finish();
    if (problems.list().size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new TrainingRun(
            modelName,
            architecture,
            tokens,
            batch,
            sequence,
            precision,
            parallelism,
            options,
            days,
            measured));
  }

  private static ReliabilitySpec reliability(YamlMap r, Catalog catalog) {
    FailureRates rates = catalog.failureRates().get(FailureRates.DEFAULT);
    Optional<org.yaml.snakeyaml.nodes.Node> ratesNode = r.value("failureRates");
    if (ratesNode.isPresent()) {
      if (ratesNode.get() instanceof org.yaml.snakeyaml.nodes.MappingNode) {
        Optional<YamlMap> inline = r.map("failureRates");
        if (inline.isPresent()) {
          rates =
              EntryReaders.failureRates(
                  inline.get(),
                  new dev.ironworks.core.catalog.Provenance(
                      "the scenario's own rates", "scenario", ""));
          inline.get().finish();
        }
      } else {
        Optional<String> id =
            r.id("failureRates", catalog.failureRates().keySet(), "failure-rate set");
        if (id.isPresent()) {
          rates = catalog.failureRates(id.get());
        }
      }
    }
    double restart =
        r.number(
                "restartMinutes", 0, false, 10_080, "detect, reschedule and reload; a week at most")
            .orElse(10);
    CheckpointSpec checkpoint = CheckpointSpec.auto();
    Optional<org.yaml.snakeyaml.nodes.Node> checkpointNode = r.value("checkpoint");
    if (checkpointNode.isPresent()) {
      if (checkpointNode.get() instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
        r.choice("checkpoint", Map.of("auto", true));
      } else {
        Optional<YamlMap> c = r.map("checkpoint");
        if (c.isPresent()) {
          checkpoint =
              new CheckpointSpec(
                  c.get().number("intervalMinutes", 0.01, false, 1e7, "minutes of compute"),
                  c.get().bool("async").orElse(false),
                  c.get().number("writeSeconds", 0, false, 1e7, "seconds"));
          c.get().finish();
        }
      }
    }
    OptionalInt spares = OptionalInt.empty();
    Optional<YamlMap> sparesMap = r.map("spares");
    if (sparesMap.isPresent()) {
      spares = sparesMap.get().integer("servers", 0, 10_000_000);
      sparesMap.get().finish();
    }
    double repair = r.number("repairHours", 0, true, 100_000, "hours").orElse(24);
    double maintenance =
        r.number("plannedMaintenancePerDay", 0, false, 96, "planned interruptions a day").orElse(0);
    r.finish();
    if (rates == null) {
      return null;
    }
    return new ReliabilitySpec(rates, restart, checkpoint, spares, repair, maintenance);
  }

  private static Optional<InferenceWorkload> inference(YamlMap w, Catalog catalog) {
    Problems problems = w.problems();
    int before = problems.list().size();
    Optional<String> modelName = Optional.empty();
    TransformerModel architecture = null;
    Optional<org.yaml.snakeyaml.nodes.Node> modelNode = w.value("model");
    if (modelNode.isEmpty()) {
      problems.add(
          w.node(), w.field("model"), "required: a catalog model or an inline architecture");
    } else if (modelNode.get() instanceof org.yaml.snakeyaml.nodes.MappingNode) {
      Optional<YamlMap> inline = w.map("model");
      if (inline.isPresent()) {
        try {
          architecture = EntryReaders.model(inline.get(), "inline-model");
        } catch (IllegalArgumentException e) {
          problems.add(inline.get().node(), w.field("model"), e.getMessage());
        }
        inline.get().finish();
        modelName = Optional.ofNullable(architecture).map(TransformerModel::name);
      }
    } else {
      modelName = w.id("model", catalog.models().keySet(), "model");
      architecture = modelName.map(catalog::model).orElse(null);
    }
    OptionalDouble tokensPerDay = w.number("tokensPerDay", 0, true, 1e16, "output tokens a day");
    OptionalDouble requestsPerSecond =
        w.number("requestsPerSecond", 0, true, 1e9, "requests a second");
    if (tokensPerDay.isPresent() && requestsPerSecond.isPresent()) {
      problems.add(
          w.value("requestsPerSecond").orElse(w.node()),
          w.field("requestsPerSecond"),
          "give tokensPerDay or requestsPerSecond, not both");
    }
    double prompt =
        w.number("promptTokens", 1, false, 10_000_000, "mean input tokens").orElse(1000);
    double output =
        w.number("outputTokens", 1, false, 10_000_000, "mean output tokens").orElse(250);
    double peak = w.number("peakToAverage", 1, false, 1000, "peak demand over average").orElse(1);
    Optional<Precision> precision = w.choice("precision", words(Precision.values(), Precision::id));
    OptionalDouble ttft = OptionalDouble.empty();
    OptionalDouble tpot = OptionalDouble.empty();
    LatencyPercentile percentile = LatencyPercentile.P99;
    Optional<YamlMap> latency = w.map("latency");
    if (latency.isPresent()) {
      ttft = latency.get().positive("ttftMillis");
      tpot = latency.get().positive("tpotMillis");
      percentile =
          latency
              .get()
              .choice("percentile", words(LatencyPercentile.values(), LatencyPercentile::id))
              .orElse(LatencyPercentile.P99);
      latency.get().finish();
    }
    ServingSpec serving = servingSpec(w, catalog, percentile);
    boolean continuous =
        w.choice("batching", new TreeMap<>(Map.of("continuous", true, "static", false)))
            .orElse(true);
    boolean paged = w.bool("pagedKvCache").orElse(true);
    OptionalInt tensor = OptionalInt.empty();
    OptionalInt pipeline = OptionalInt.empty();
    OptionalInt expert = OptionalInt.empty();
    Optional<org.yaml.snakeyaml.nodes.Node> par = w.value("parallelism");
    if (par.isPresent()) {
      if (par.get() instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
        w.choice("parallelism", Map.of("auto", true));
      } else {
        Optional<YamlMap> p = w.map("parallelism");
        if (p.isPresent()) {
          tensor = p.get().integer("tensor", 1, 100_000);
          pipeline = p.get().integer("pipeline", 1, 100_000);
          expert = p.get().integer("expert", 1, 100_000);
          p.get().finish();
        }
      }
    }
    w.finish();
    if (problems.list().size() > before || architecture == null) {
      return Optional.empty();
    }
    return Optional.of(
        new InferenceWorkload(
            modelName.orElse(architecture.name()),
            architecture,
            tokensPerDay,
            requestsPerSecond,
            prompt,
            output,
            peak,
            precision,
            ttft,
            tpot,
            continuous,
            paged,
            tensor,
            pipeline,
            expert,
            serving));
  }

  /** The serving keys of {@code workload.inference} beside the demand and the shape. */
  private static ServingSpec servingSpec(YamlMap w, Catalog catalog, LatencyPercentile percentile) {
    ServingMode mode =
        w.choice("mode", words(ServingMode.values(), ServingMode::id)).orElse(ServingMode.AUTO);
    Optional<Precision> kv = w.choice("kvCachePrecision", words(Precision.values(), Precision::id));
    int budget = ServingSpec.DEFAULT_TOKEN_BUDGET;
    OptionalInt maxSequences = OptionalInt.empty();
    Optional<YamlMap> scheduler = w.map("scheduler");
    if (scheduler.isPresent()) {
      budget = scheduler.get().integer("tokenBudget", 1, 10_000_000).orElse(budget);
      maxSequences = scheduler.get().integer("maxSequences", 1, 1_000_000);
      scheduler.get().finish();
    }
    Optional<SpeculativeDecoding> speculative = Optional.empty();
    Optional<YamlMap> spec = w.map("speculative");
    if (spec.isPresent()) {
      YamlMap sm = spec.get();
      Optional<SpeculativeDecoding.Method> method =
          sm.choice(
              "method", words(SpeculativeDecoding.Method.values(), SpeculativeDecoding.Method::id));
      int draftTokens = sm.integer("draftTokens", 1, 64).orElse(3);
      OptionalDouble acceptance =
          sm.number("acceptanceRate", 0, false, 0.99, "share of draft tokens accepted");
      Optional<String> draftName = Optional.empty();
      Optional<TransformerModel> draft = Optional.empty();
      if (sm.has("draftModel")) {
        draftName = sm.id("draftModel", catalog.models().keySet(), "model");
        draft = draftName.map(catalog::model);
      }
      if (method.isEmpty() && !sm.has("method")) {
        sm.problems().add(sm.node(), sm.field("method"), "required: 'draft' or 'mtp'");
      }
      if (acceptance.isEmpty() && !sm.has("acceptanceRate")) {
        sm.problems().add(sm.node(), sm.field("acceptanceRate"), "required: a share 0 ≤ x ≤ 0.99");
      }
      if (method.orElse(null) == SpeculativeDecoding.Method.DRAFT && !sm.has("draftModel")) {
        sm.problems()
            .add(
                sm.node(), sm.field("draftModel"), "required with method 'draft': a catalog model");
      }
      sm.finish();
      if (method.isPresent()
          && acceptance.isPresent()
          && (method.get() == SpeculativeDecoding.Method.MTP || draft.isPresent())) {
        speculative =
            Optional.of(
                new SpeculativeDecoding(
                    method.get(), draftTokens, acceptance.getAsDouble(), draftName, draft));
      }
    }
    double prefix =
        w.number("prefixCacheHitRate", 0, false, 0.99, "share of prompt tokens cached").orElse(0);
    LengthDistribution lengths =
        w.choice("lengths", words(LengthDistribution.values(), LengthDistribution::id))
            .orElse(LengthDistribution.EXPONENTIAL);
    Optional<String> calibration =
        w.has("calibration")
            ? w.id("calibration", catalog.calibrations().keySet(), "calibration entry")
            : Optional.empty();
    return new ServingSpec(
        percentile, mode, kv, budget, maxSequences, speculative, prefix, lengths, calibration);
  }

  private static TrainingOptions options(YamlMap t) {
    Optional<Boolean> fused = t.bool("fusedAttention");
    Optional<AttentionKernel> kernel =
        t.choice("attention", words(AttentionKernel.values(), AttentionKernel::id));
    if (fused.isPresent() && t.has("attention")) {
      t.problems()
          .add(
              t.node(),
              t.field("fusedAttention"),
              "give attention or fusedAttention, not both (fusedAttention: true is attention:"
                  + " tuned, false is attention: unfused)");
    }
    AttentionKernel attention =
        kernel.orElse(
            fused
                .map(f -> f ? AttentionKernel.TUNED : AttentionKernel.UNFUSED)
                .orElse(AttentionKernel.TUNED));
    return new TrainingOptions(
        attention,
        t.bool("tensorParallelOverlap").orElse(false),
        t.bool("expertOverlap").orElse(false),
        t.number("expertLoadImbalance", 1, false, 100, "busiest rank's tokens over the mean")
            .orElse(TrainingOptions.DEFAULT_EXPERT_LOAD_IMBALANCE),
        t.choice("gradientReduce", words(GradientReduce.values(), GradientReduce::id))
            .orElse(GradientReduce.FP32),
        t.choice("shardedGathers", words(ShardedGathers.values(), ShardedGathers::id))
            .orElse(ShardedGathers.LAYER),
        t.choice("pipelineSchedule", words(PipelineSchedule.values(), PipelineSchedule::id))
            .orElse(PipelineSchedule.ONE_F_ONE_B));
  }

  private static ParallelismSpec parallelism(YamlMap t, Optional<TransformerModel> architecture) {
    Optional<org.yaml.snakeyaml.nodes.Node> node = t.value("parallelism");
    if (node.isEmpty()) {
      return ParallelismSpec.auto();
    }
    if (node.get() instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
      Optional<String> word = t.text("parallelism");
      if (word.isPresent() && !word.get().equals("auto")) {
        t.problems()
            .add(
                node.get(),
                t.field("parallelism"),
                "must be 'auto' or a mapping of {tensor, pipeline, data, context, expert, microBatch,"
                    + " interleave, zeroStage, recompute, sequenceParallel, shardGroup,"
                    + " expertTensor}");
      }
      return ParallelismSpec.auto();
    }
    Optional<YamlMap> map = t.map("parallelism");
    if (map.isEmpty()) {
      return ParallelismSpec.auto();
    }
    YamlMap p = map.get();
    ParallelismSpec spec =
        new ParallelismSpec(
            p.integer("tensor", 1, 1_000_000),
            p.integer("pipeline", 1, 1_000_000),
            p.integer("data", 1, 100_000_000),
            p.integer("context", 1, 1_000_000),
            p.integer("expert", 1, 1_000_000),
            p.integer("microBatch", 1, 1_000_000),
            p.integer("interleave", 1, 1_000),
            p.integer("zeroStage", 0, 3),
            p.choice("recompute", words(Recompute.values(), Recompute::id)),
            p.bool("sequenceParallel"),
            p.integer("shardGroup", 1, 100_000_000),
            p.integer("expertTensor", 1, 1_000_000));
    if (spec.expertTensor().isPresent()
        && spec.tensor().isPresent()
        && spec.tensor().getAsInt() % spec.expertTensor().getAsInt() != 0) {
      p.problems()
          .add(
              p.node(),
              p.field("expertTensor"),
              "must divide tensor ("
                  + spec.tensor().getAsInt()
                  + "), got "
                  + spec.expertTensor().getAsInt());
    }
    if (architecture.isPresent()) {
      expertDegrees(p, spec, architecture.get());
    }
    if (spec.zeroStage().isPresent()
        && spec.zeroStage().getAsInt() >= 2
        && spec.pipeline().isPresent()
        && spec.pipeline().getAsInt() > 1) {
      p.problems()
          .add(
              p.node(),
              p.field("zeroStage"),
              "ZeRO-"
                  + spec.zeroStage().getAsInt()
                  + " shards over data-parallel ranks without pipelining (Megatron-LM and"
                  + " DeepSpeed pair pipelines with ZeRO-1 at most); with pipeline "
                  + spec.pipeline().getAsInt()
                  + " use zeroStage 0 or 1");
    }
    if (spec.shardGroup().isPresent()
        && spec.zeroStage().isPresent()
        && spec.zeroStage().getAsInt() != 3) {
      p.problems()
          .add(
              p.node(),
              p.field("shardGroup"),
              "applies to zeroStage 3 (FSDP) only; zeroStage is " + spec.zeroStage().getAsInt());
    }
    if (spec.shardGroup().isPresent()
        && spec.data().isPresent()
        && spec.data().getAsInt() % spec.shardGroup().getAsInt() != 0) {
      p.problems()
          .add(
              p.node(),
              p.field("shardGroup"),
              "must divide data ("
                  + spec.data().getAsInt()
                  + "), got "
                  + spec.shardGroup().getAsInt());
    }
    p.finish();
    return spec;
  }

  /**
   * The expert degree against the model: a dense model has none, a MoE model's must divide them.
   */
  private static void expertDegrees(YamlMap p, ParallelismSpec spec, TransformerModel model) {
    String label = model.id().equals("inline-model") ? model.name() : model.id();
    if (!model.isMoe()) {
      if (spec.expert().isPresent() && spec.expert().getAsInt() > 1) {
        p.problems()
            .add(
                p.value("expert").orElse(p.node()),
                p.field("expert"),
                "'"
                    + label
                    + "' is dense (no experts): expert parallelism applies to mixture-of-experts"
                    + " models; give 1 or leave it out");
      }
      return;
    }
    if (spec.expert().isPresent() && model.experts() % spec.expert().getAsInt() != 0) {
      p.problems()
          .add(
              p.value("expert").orElse(p.node()),
              p.field("expert"),
              "must divide the "
                  + model.experts()
                  + " experts of '"
                  + label
                  + "', got "
                  + spec.expert().getAsInt());
    }
  }

  private static Optional<Measured> measured(YamlMap m) {
    OptionalDouble tokensPerSecond = m.positive("tokensPerSecond");
    OptionalDouble mfu = m.number("mfu", 0, true, 1, "model FLOPs utilisation");
    m.finish();
    if (tokensPerSecond.isPresent() == mfu.isPresent()) {
      m.problems().add(m.node(), m.path(), "give exactly one of tokensPerSecond or mfu");
      return Optional.empty();
    }
    return Optional.of(new Measured(tokensPerSecond, mfu));
  }
}
