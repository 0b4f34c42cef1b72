package dev.ironworks.io.catalog;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.AcceleratorKind;
import dev.ironworks.core.catalog.Assumptions;
import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.CoolingType;
import dev.ironworks.core.catalog.Fabric;
import dev.ironworks.core.catalog.FabricKind;
import dev.ironworks.core.catalog.FailureRates;
import dev.ironworks.core.catalog.LeaveOutError;
import dev.ironworks.core.catalog.Lifetimes;
import dev.ironworks.core.catalog.PricePoint;
import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.catalog.Region;
import dev.ironworks.core.catalog.ScaleUpInterconnect;
import dev.ironworks.core.catalog.ScaleUpTopology;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.catalog.ServingEfficiency;
import dev.ironworks.core.catalog.StorageTier;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.catalog.VolumeDiscount;
import dev.ironworks.core.units.Units;
import dev.ironworks.io.yaml.Suggest;
import dev.ironworks.io.yaml.YamlMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The readers of catalog entries, one per kind: the parts (accelerators, servers, interconnects,
 * fabrics, storage), where and how a cluster is housed and paid for (cooling, regions,
 * assumptions), and what describes a workload (model architectures, calibrations, failure rates). A
 * scenario may give a model or a failure-rate set inline, read by the same code.
 */
public final class EntryReaders {
  private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+([-.][a-z0-9]+)*");

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}(-\\d{2})?");

  private EntryReaders() {}

  /** Reads an {@code accelerators} entry. */
  static Accelerator accelerator(YamlMap m) {
    Provenance provenance = provenance(m);
    AcceleratorKind kind =
        m.choice("kind", words(AcceleratorKind.values(), AcceleratorKind::id)).orElse(null);
    if (kind == null && !m.has("kind")) {
      m.problems().add(m.node(), m.field("kind"), "required");
    }
    boolean cloudOnly = m.bool("cloudOnly").orElse(false);
    OptionalDouble price = m.positive("listPriceUsd");
    if (cloudOnly && price.isPresent()) {
      m.problems()
          .add(m.node(), m.field("listPriceUsd"), "a cloudOnly accelerator has no list price");
    }
    if (!cloudOnly && price.isEmpty() && !m.has("listPriceUsd")) {
      m.problems().add(m.node(), m.field("listPriceUsd"), "required unless cloudOnly: true");
    }
    int release = m.requiredInteger("releaseYear", 2000, 2100);
    return new Accelerator(
        m.requiredText("id"),
        m.requiredText("name"),
        m.requiredText("vendor"),
        kind,
        release,
        tera(m.positive("denseFp32Tflops")),
        tera(m.positive("denseFp16Tflops")),
        tera(m.positive("denseBf16Tflops")),
        tera(m.positive("denseFp8Tflops")),
        tera(m.positive("denseFp4Tflops")),
        tera(m.positive("denseInt8Tops")),
        Units.gibibytesToBytes(m.requiredPositive("memoryGib")),
        m.requiredText("memoryType"),
        Units.gigabytesPerSecondToBytesPerSecond(m.requiredPositive("memoryBandwidthGbPerSecond")),
        m.requiredText("scaleUp"),
        Units.gigabytesPerSecondToBytesPerSecond(
            m.requiredNonNegative("scaleUpBandwidthGbPerSecond")),
        m.requiredPositive("tdpWatts"),
        price,
        m.positive("cloudUsdPerHour"),
        m.requiredNonNegative("embodiedKgCo2e"),
        m.requiredText("defaultServer"),
        m.requiredText("availability"),
        m.positive("attentionSpeedup").orElse(1),
        provenance,
        m.integer("shipYear", release, 2100).orElse(release),
        pricePath(m),
        m.number("loadPowerFractionOfPeak", 0, true, 1, "busy server draw over its peak"));
  }

  /** An accelerator's price path: {@code [{year, usd, source}]}. */
  private static List<PricePoint> pricePath(YamlMap m) {
    List<PricePoint> path = new ArrayList<>();
    for (YamlMap point : m.maps("pricePath")) {
      int year = point.requiredInteger("year", 2000, 2100);
      double usd = point.requiredPositive("usd");
      String source = point.requiredText("source");
      point.finish();
      if (year > 0 && usd > 0 && !source.isEmpty()) {
        path.add(new PricePoint(year, usd, source));
      }
    }
    return path;
  }

  /** Reads a {@code servers} entry. */
  static ServerSpec server(YamlMap m) {
    Provenance provenance = provenance(m);
    return new ServerSpec(
        m.requiredText("id"),
        m.requiredText("name"),
        m.requiredText("accelerator"),
        m.requiredInteger("acceleratorsPerServer", 1, 100_000),
        m.requiredNonNegative("hostPowerWatts"),
        m.positive("maxPowerWatts"),
        m.requiredNonNegative("priceUsdExcludingAccelerators"),
        m.requiredInteger("rackUnits", 1, 52),
        m.requiredInteger("scaleUpDomainSize", 1, 1_000_000),
        m.requiredInteger("scaleOutPorts", 0, 1_000),
        m.requiredNonNegative("scaleOutPortGbps"),
        m.bool("requiresLiquidCooling").orElse(false),
        m.requiredNonNegative("embodiedKgCo2e"),
        provenance,
        m.integer("hostsPerServer", 1, 100_000).orElse(1),
        m.text("scaleUp"));
  }

  /** Reads a {@code scaleUp} entry: a scale-up interconnect. */
  static ScaleUpInterconnect scaleUp(YamlMap m) {
    Provenance provenance = provenance(m);
    ScaleUpTopology topology =
        m.choice("topology", words(ScaleUpTopology.values(), ScaleUpTopology::id)).orElse(null);
    if (topology == null && !m.has("topology")) {
      m.problems().add(m.node(), m.field("topology"), "required");
    }
    return new ScaleUpInterconnect(
        m.requiredText("id"),
        m.requiredText("name"),
        Units.gigabytesPerSecondToBytesPerSecond(
            m.requiredNonNegative("bandwidthGbPerSecondPerAccelerator")),
        m.requiredInteger("maxDomainSize", 1, 1_000_000),
        topology,
        provenance);
  }

  /** Reads a {@code fabrics} entry: a scale-out fabric's switch, NIC, transceiver and cable. */
  static Fabric fabric(YamlMap m) {
    Provenance provenance = provenance(m);
    FabricKind kind = m.choice("kind", words(FabricKind.values(), FabricKind::id)).orElse(null);
    if (kind == null && !m.has("kind")) {
      m.problems().add(m.node(), m.field("kind"), "required");
    }
    YamlMap sw = part(m, "switch");
    YamlMap nic = part(m, "nic");
    YamlMap optic = part(m, "transceiver");
    YamlMap cable = part(m, "cable");
    Fabric fabric =
        new Fabric(
            m.requiredText("id"),
            m.requiredText("name"),
            kind,
            m.requiredPositive("portGbps"),
            sw.requiredText("model"),
            sw.requiredInteger("radix", 4, 10_000),
            sw.requiredNonNegative("powerWatts"),
            sw.requiredNonNegative("priceUsd"),
            sw.requiredInteger("rackUnits", 1, 100),
            sw.requiredNonNegative("embodiedKgCo2e"),
            nic.requiredText("model"),
            nic.requiredNonNegative("powerWatts"),
            nic.requiredNonNegative("priceUsd"),
            optic.requiredText("model"),
            optic.requiredNonNegative("powerWatts"),
            optic.requiredNonNegative("priceUsd"),
            cable.requiredNonNegative("priceUsd"),
            m.requiredNonNegative("switchLatencyNs"),
            provenance);
    for (YamlMap part : List.of(sw, nic, optic, cable)) {
      part.finish();
    }
    return fabric;
  }

  /** Reads a {@code storage} entry: a storage tier. */
  static StorageTier storageTier(YamlMap m) {
    Provenance provenance = provenance(m);
    return new StorageTier(
        m.requiredText("id"),
        m.requiredText("name"),
        m.requiredPositive("usdPerTb"),
        m.requiredPositive("readGbPerSecondPerPb"),
        m.requiredPositive("writeGbPerSecondPerPb"),
        m.requiredNonNegative("wattsPerPb"),
        m.requiredPositive("petabytesPerRack"),
        m.requiredNonNegative("embodiedKgCo2ePerPb"),
        provenance);
  }

  /** Reads a {@code cooling} entry: a cooling type. */
  static CoolingType cooling(YamlMap m) {
    Provenance provenance = provenance(m);
    return new CoolingType(
        m.requiredText("id"),
        m.requiredText("name"),
        m.requiredPositive("pueMin"),
        m.requiredPositive("pueMax"),
        m.requiredPositive("pueDefault"),
        Units.kilowattsToWatts(m.requiredPositive("maxKwPerRack")),
        m.bool("liquid").orElse(false),
        m.bool("immersion").orElse(false),
        m.requiredPositive("whiteSpaceM2PerRack"),
        provenance);
  }

  /** Reads a {@code regions} entry. */
  static Region region(YamlMap m) {
    Provenance provenance = provenance(m);
    return new Region(
        m.requiredText("id"),
        m.requiredText("name"),
        m.requiredNonNegative("electricityUsdPerKwh"),
        m.requiredNonNegative("gridKgCo2ePerKwh"),
        m.requiredNonNegative("wueLitersPerKwh"),
        m.requiredPositive("constructionUsdPerMw"),
        m.requiredPositive("colocationUsdPerKwMonth"),
        provenance);
  }

  /** Reads an {@code assumptions} entry: lifetimes, staff, WAN, power and rack assumptions. */
  static Assumptions assumptions(YamlMap m) {
    Provenance provenance = provenance(m);
    YamlMap life = part(m, "lifetimesYears");
    Lifetimes lifetimes =
        new Lifetimes(
            life.requiredPositive("accelerators"),
            life.requiredPositive("servers"),
            life.requiredPositive("network"),
            life.requiredPositive("storage"),
            life.requiredPositive("facility"));
    life.finish();
    YamlMap staff = part(m, "staff");
    YamlMap wan = part(m, "wan");
    YamlMap power = part(m, "power");
    YamlMap rack = part(m, "rack");
    List<VolumeDiscount> discounts = new ArrayList<>();
    for (YamlMap tier : m.maps("volumeDiscounts")) {
      discounts.add(
          new VolumeDiscount(
              tier.requiredInteger("minUnits", 1, Integer.MAX_VALUE),
              tier.number("fraction", 0, false, 1, "share off list").orElse(0)));
      tier.finish();
    }
    Assumptions assumptions =
        new Assumptions(
            m.requiredText("id"),
            lifetimes,
            m.number("maintenanceFractionOfHardwarePerYear", 0, false, 1, "").orElse(Double.NaN),
            staff.requiredNonNegative("fixedFte"),
            staff.requiredNonNegative("ftePerMwIt"),
            staff.requiredNonNegative("usdPerFtePerYear"),
            wan.requiredNonNegative("gbpsPerThousandAccelerators"),
            wan.requiredNonNegative("usdPerGbpsMonth"),
            m.number("otherOpexFractionOfCapexPerYear", 0, false, 1, "").orElse(Double.NaN),
            discounts,
            power.number("idleFractionOfPeak", 0, false, 1, "").orElse(Double.NaN),
            power.number("loadFractionOfPeak", 0, false, 1, "").orElse(Double.NaN),
            rack.requiredInteger("unitsPerRack", 1, 100),
            rack.requiredInteger("reservedUnitsPerRack", 0, 100),
            provenance);
    for (YamlMap part : List.of(staff, wan, power, rack)) {
      part.finish();
    }
    return assumptions;
  }

  /** A models catalog entry: id, name, source and asOf are required. */
  static TransformerModel modelEntry(YamlMap m) {
    String id = m.requiredText("id");
    if (!m.has("source")) {
      m.problems().add(m.node(), m.field("source"), "required");
    }
    return model(m, id);
  }

  /**
   * Reads a model architecture: a catalog entry, or an inline {@code model:} mapping in a scenario
   * (where {@code id}, {@code name}, {@code source} and {@code asOf} may be left out).
   */
  public static TransformerModel model(YamlMap m, String id) {
    boolean inline = !m.has("source");
    Provenance provenance =
        inline
            ? new Provenance(
                "inline in the scenario",
                m.text("asOf").orElse("scenario"),
                m.text("notes").orElse(""))
            : provenance(m);
    if (inline) {
      m.text("name");
      m.allow("id");
    }
    int layers = m.requiredInteger("layers", 1, 100_000);
    int hidden = m.requiredInteger("hiddenSize", 1, 10_000_000);
    int heads = m.requiredInteger("attentionHeads", 1, 100_000);
    int kvHeads = m.integer("kvHeads", 1, 100_000).orElse(heads);
    int headDim = m.integer("headDim", 1, 100_000).orElse(heads > 0 ? hidden / heads : 1);
    int ffn = m.integer("ffnHiddenSize", 1, 100_000_000).orElse(4 * hidden);
    int experts = m.integer("experts", 1, 100_000).orElse(1);
    int sequenceLength = m.requiredInteger("sequenceLength", 1, 100_000_000);
    int contextTokens = m.integer("contextTokens", 1, 1_000_000_000).orElse(sequenceLength);
    if (contextTokens < sequenceLength) {
      m.problems()
          .add(
              m.node(),
              m.field("contextTokens"),
              contextTokens
                  + " is shorter than sequenceLength ("
                  + sequenceLength
                  + "); allowed: at least the pretraining context, the longest the released model"
                  + " serves");
      contextTokens = sequenceLength;
    }
    TransformerModel model =
        new TransformerModel(
            m.text("id").orElse(id),
            m.text("name").orElse(id),
            m.requiredPositive("parameters"),
            m.positive("activeParameters"),
            layers,
            hidden,
            heads,
            kvHeads,
            headDim,
            ffn,
            m.bool("ffnGated").orElse(false),
            sequenceLength,
            m.requiredInteger("vocabularySize", 1, 100_000_000),
            m.bool("tiedEmbeddings").orElse(false),
            experts,
            m.integer("activeExperts", 1, 100_000).orElse(1),
            m.integer("sharedExperts", 0, 100_000).orElse(0),
            m.integer("expertFfnHiddenSize", 1, 100_000_000).orElse(ffn),
            m.integer("denseLayers", 0, 100_000).orElse(0),
            m.integer("moeLayerInterval", 1, 100_000).orElse(1),
            m.positive("attentionProjectionParameters"),
            m.integer("queryKeyHeadDim", 1, 100_000).orElse(headDim),
            m.integer("slidingWindowTokens", 1, 100_000_000).orElse(0),
            m.integer("slidingWindowLayers", 0, 100_000).orElse(0),
            m.positive("trainingTokens"),
            provenance,
            m.integer("kvLatentDim", 1, 1_000_000).orElse(0),
            m.integer("kvRopeDim", 0, 1_000_000).orElse(0),
            contextTokens);
    return model;
  }

  /** A calibration entry: how close an accelerator family comes to its peaks. */
  static Calibration calibration(YamlMap m) {
    Provenance provenance = provenance(m);
    double matmul = m.number("matmul", 0, true, 1, "fraction of dense peak").orElse(Double.NaN);
    double attention =
        m.number("attention", 0, true, 1, "fraction of dense peak").orElse(Double.NaN);
    List<String> fitted = m.texts("fitted");
    for (String field : fitted) {
      if (!Calibration.FITTABLE.contains(field)) {
        m.problems()
            .add(
                m.node(),
                m.field("fitted"),
                "'"
                    + field
                    + "' is not a fittable field; allowed: "
                    + String.join(", ", Calibration.FITTABLE)
                    + Suggest.didYouMean(field, Calibration.FITTABLE));
      }
    }
    return new Calibration(
        m.requiredText("id"),
        m.texts("appliesTo"),
        matmul,
        share(m, "matmulCeiling", "fraction of the dense BF16 peak").orElse(1),
        share(m, "fp8Matmul", "fraction of the dense FP8 peak").orElse(matmul),
        share(m, "mxfp8Matmul", "fraction of the dense FP8 peak").orElse(matmul),
        share(m, "nvfp4Matmul", "fraction of the dense FP4 peak").orElse(matmul),
        m.requiredNonNegative("matmulHalfDimension"),
        attention,
        share(m, "attentionPortable", "fraction of dense peak").orElse(attention),
        m.number("memory", 0, true, 1, "fraction of memory bandwidth").orElse(Double.NaN),
        m.number("collective", 0, true, 1, "fraction of link bandwidth").orElse(Double.NaN),
        m.requiredNonNegative("collectiveLatencyMicroseconds") * 1e-6,
        Units.gibibytesToBytes(m.requiredNonNegative("reservedMemoryGib")),
        m.number("memoryHeadroom", 0, false, 0.5, "fraction of memory").orElse(0),
        m.nonNegative("kernelFixedMicroseconds")
                .orElse(Calibration.DEFAULT_KERNEL_FIXED_SECONDS * 1e6)
            * 1e-6,
        m.number("layerHostMicroseconds", 0, false, 1e6, "µs").orElse(0) * 1e-6,
        m.number("moeHostMicroseconds", 0, false, 1e6, "µs").orElse(0) * 1e-6,
        m.number("expertHostMicroseconds", 0, false, 1e6, "µs").orElse(0) * 1e-6,
        m.number("overlapSlowdown", 0, false, 1, "fraction").orElse(0),
        bestPublishedMfu(m),
        leaveOutError(m),
        fitted,
        provenance,
        new ServingEfficiency(
            share(m, "decodeBandwidth", "fraction of memory bandwidth"),
            share(m, "prefillCompute", "fraction of the dense 8- or 16-bit peak"),
            share(m, "prefillComputeFp4", "fraction of the dense FP4 peak"),
            m.bool("everyExpert").orElse(false)));
  }

  /** A failureRates catalog entry: id, name, source and asOf are required. */
  static FailureRates failureRatesEntry(YamlMap m) {
    m.requiredText("id");
    return failureRates(m, provenance(m));
  }

  /**
   * Reads a failure-rate set: a catalog entry, or an inline {@code reliability.failureRates}
   * mapping (with {@code distribution: exponential | {weibull: {shape: k}}}).
   */
  public static FailureRates failureRates(YamlMap m, Provenance provenance) {
    double shape = m.positive("weibullShape").orElse(1);
    Optional<Node> distribution = m.value("distribution");
    if (distribution.isPresent()) {
      if (distribution.get() instanceof ScalarNode) {
        if (m.choice("distribution", Map.of("exponential", 1.0)).isPresent()) {
          shape = 1;
        }
      } else {
        Optional<YamlMap> d = m.map("distribution");
        Optional<YamlMap> weibull = d.flatMap(x -> x.map("weibull"));
        if (weibull.isPresent()) {
          shape = weibull.get().number("shape", 0, true, 20, "Weibull shape").orElse(1);
          weibull.get().finish();
        } else if (d.isPresent() && !d.get().has("weibull")) {
          m.problems()
              .add(
                  d.get().node(), d.get().path(), "must be 'exponential' or {weibull: {shape: k}}");
        }
        d.ifPresent(YamlMap::finish);
      }
    }
    return new FailureRates(
        m.text("id").orElse("scenario"),
        mtbf(m, "acceleratorMtbfYears"),
        mtbf(m, "hostMtbfYears"),
        mtbf(m, "nicMtbfYears"),
        mtbf(m, "switchMtbfYears"),
        mtbf(m, "softwareMtbfYears"),
        m.number("linkFlapsPerDay", 0, false, 10_000, "job-killing flaps a day").orElse(0),
        shape,
        provenance);
  }

  private static OptionalDouble mtbf(YamlMap m, String key) {
    // From about 30 seconds to a million years per component.
    return m.number(key, 1e-6, false, 1e6, "years between failures of one component");
  }

  /** Reads name, source, asOf and notes; a missing one is reported and stands as "missing". */
  private static Provenance provenance(YamlMap m) {
    m.requiredText("name");
    m.text("id")
        .ifPresent(
            id -> {
              if (!KEBAB.matcher(id).matches()) {
                m.problems()
                    .add(
                        m.value("id").orElse(m.node()),
                        m.field("id"),
                        "'" + id + "' must be lower-case kebab-case, like 'my-gpu-80gb'");
              }
            });
    String source = m.requiredText("source");
    String asOf = m.requiredText("asOf");
    if (!asOf.isEmpty() && !DATE.matcher(asOf).matches()) {
      m.problems()
          .add(
              m.value("asOf").orElse(m.node()),
              m.field("asOf"),
              "must be a date 'YYYY-MM' or 'YYYY-MM-DD', got '" + asOf + "'");
    }
    return new Provenance(
        source.isEmpty() ? "missing" : source,
        asOf.isEmpty() ? "missing" : asOf,
        m.text("notes").orElse(""));
  }

  /** An enum's values by the word a file names each with. */
  private static <E extends Enum<E>> Map<String, E> words(E[] values, Function<E, String> id) {
    return Arrays.stream(values)
        .collect(Collectors.toMap(id, v -> v, (a, b) -> a, LinkedHashMap::new));
  }

  /** TFLOP/s as FLOP/s. */
  private static OptionalDouble tera(OptionalDouble teraflops) {
    return teraflops.isPresent()
        ? OptionalDouble.of(Units.teraflopsToFlopPerSecond(teraflops.getAsDouble()))
        : OptionalDouble.empty();
  }

  /** A required nested mapping; without it the entry cannot be built. */
  private static YamlMap part(YamlMap m, String key) {
    Optional<YamlMap> part = m.map(key);
    if (part.isEmpty()) {
      if (!m.has(key)) {
        m.problems().add(m.node(), m.field(key), "required");
      }
      throw new IllegalArgumentException(key + " is required");
    }
    return part.get();
  }

  /** Formats a calibration's best published MFU may name: the linear layers' formats. */
  static final List<String> MFU_FORMATS = List.of("bf16", "fp8", "mxfp8", "nvfp4", "mxfp4");

  /**
   * A calibration's best published MFU by format: a mapping of format to fraction, or one fraction
   * for 16-bit runs (the form before formats were told apart).
   */
  private static Map<String, Double> bestPublishedMfu(YamlMap m) {
    Map<String, Double> out = new LinkedHashMap<>();
    Optional<Node> value = m.value("bestPublishedMfu");
    if (value.isEmpty()) {
      return out;
    }
    if (value.get() instanceof ScalarNode) {
      m.number("bestPublishedMfu", 0, true, 0.99, "fraction of the dense 16-bit peak")
          .ifPresent(v -> out.put("bf16", v));
      return out;
    }
    m.map("bestPublishedMfu")
        .ifPresent(
            formats -> {
              for (String format : MFU_FORMATS) {
                formats
                    .number(format, 0, true, 0.99, "fraction of the format's dense peak")
                    .ifPresent(v -> out.put(format, v));
              }
              formats.finish();
            });
    return out;
  }

  /**
   * A calibration's leave-out error: {runs, meanPercent, worstPercent}, as {@code ironworks
   * validate --fit} prints it; absent where no published run is on the family.
   */
  private static Optional<LeaveOutError> leaveOutError(YamlMap m) {
    Optional<YamlMap> map = m.map("leaveOutError");
    if (map.isEmpty()) {
      return Optional.empty();
    }
    YamlMap e = map.get();
    int runs = e.requiredInteger("runs", 1, 1_000_000);
    double mean = e.requiredNonNegative("meanPercent");
    double worst = e.requiredNonNegative("worstPercent");
    e.finish();
    if (runs < 1 || Double.isNaN(mean) || Double.isNaN(worst)) {
      return Optional.empty();
    }
    if (worst < mean) {
      e.problems()
          .add(
              e.node(),
              e.field("worstPercent"),
              "must be at least meanPercent ("
                  + YamlMap.plain(mean)
                  + "), got "
                  + YamlMap.plain(worst));
      return Optional.empty();
    }
    return Optional.of(new LeaveOutError(runs, mean, worst));
  }

  /** A fraction in (0, 1]. */
  private static OptionalDouble share(YamlMap m, String key, String meaning) {
    return m.number(key, 0, true, 1, meaning);
  }
}
