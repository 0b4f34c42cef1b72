package dev.ironworks.core.plan;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.Fabric;
import dev.ironworks.core.catalog.ScaleUpTopology;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.compute.Flops;
import dev.ironworks.core.compute.ParallelismSearch;
import dev.ironworks.core.compute.StepEstimate;
import dev.ironworks.core.compute.TrainingContext;
import dev.ironworks.core.network.FabricDesigner;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.ParallelismSpec;
import dev.ironworks.core.scenario.Precision;
import dev.ironworks.core.scenario.Scenario;
import dev.ironworks.core.scenario.Topology;
import dev.ironworks.core.scenario.TrainingRun;
import dev.ironworks.core.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * Connects a training run to the cluster it runs on: builds the {@link TrainingContext} from the
 * catalog, the servers and the fabric, searches the parallel configurations the scenario leaves
 * open, and turns the best one into throughput, MFU and days.
 */
public final class TrainingPlanner {
  /** Tokens per global batch when a scenario gives none (GPT-3 175B trained at 3.2M). */
  public static final double DEFAULT_BATCH_TOKENS = 4_194_304;

  private TrainingPlanner() {}

  /**
   * Dense peak of the accelerator for the linear layers at a precision. A format the accelerator
   * has no rate for is refused, not run at another format's rate: FP8 needs an FP8 rate in the
   * catalog (Hopper, Ada, Blackwell, CDNA 3 and later), the block-scaled formats a 4-bit rate too
   * (MXFP8 then runs at the FP8 rate), and NVFP4, NVIDIA's format (E4M3 scales over 16 values), an
   * NVIDIA accelerator; fp32 without a catalog figure runs at a quarter of the 16-bit rate.
   *
   * @throws InfeasibleScenarioException when the accelerator cannot run the format
   */
  public static double peakFlopPerSecond(Accelerator a, Precision precision) {
    if (!runs(a, precision)) {
      throw unsupported(a, precision);
    }
    return switch (precision) {
      case BF16 -> a.dense16BitFlopPerSecond();
      case FP16 -> a.denseFp16FlopPerSecond().orElse(a.dense16BitFlopPerSecond());
      case FP32 -> a.denseFp32FlopPerSecond().orElse(a.dense16BitFlopPerSecond() / 4);
      case FP8, MXFP8 -> a.denseFp8FlopPerSecond().getAsDouble();
      case NVFP4, MXFP4 -> a.denseFp4FlopPerSecond().getAsDouble();
    };
  }

  /**
   * The first fixed degree that rules every configuration out by itself, named with what is
   * allowed: a tensor degree that does not divide the attention heads (or the KV heads' multiple),
   * or fixed degrees whose product exceeds the count.
   */
  static Optional<InfeasibleScenarioException> fixedDegreeProblem(
      TrainingContext ctx, ParallelismSpec spec) {
    int heads = ctx.model().attentionHeads();
    if (spec.tensor().isPresent() && heads % spec.tensor().getAsInt() != 0) {
      List<String> divisors = new ArrayList<>();
      for (int t = 1; t <= heads; t *= 2) {
        if (heads % t == 0 && t <= ctx.acceleratorCount()) {
          divisors.add(Integer.toString(t));
        }
      }
      return Optional.of(
          new InfeasibleScenarioException(
              "workload.training.parallelism.tensor",
              String.format(
                  Locale.ROOT,
                  "%d does not divide %s's %d attention heads: choose a divisor of %d, such as %s",
                  spec.tensor().getAsInt(),
                  ctx.model().id(),
                  heads,
                  heads,
                  String.join(", ", divisors))));
    }
    long product = 1;
    List<String> named = new ArrayList<>();
    for (var degree :
        List.of(
            Map.entry("tensor", spec.tensor()),
            Map.entry("pipeline", spec.pipeline()),
            Map.entry("data", spec.data()),
            Map.entry("context", spec.context()))) {
      if (degree.getValue().isPresent()) {
        product *= degree.getValue().getAsInt();
        named.add(degree.getKey() + " " + degree.getValue().getAsInt());
      }
    }
    if (product > ctx.acceleratorCount()) {
      return Optional.of(
          new InfeasibleScenarioException(
              "workload.training.parallelism",
              String.format(
                  Locale.ROOT,
                  "%s need %d accelerators; cluster.count is %d",
                  String.join(" × ", named),
                  product,
                  ctx.acceleratorCount())));
    }
    return Optional.empty();
  }

  /**
   * What a plan should say when a 16-bit format runs on units of the other 16-bit format: a V100
   * has no BF16 units (its bf16 plan runs at the FP16 rate, as mixed precision with loss scaling
   * would), a TPU has no FP16 ones. Empty when the chip has the format's own rate.
   */
  public static Optional<String> formatNote(Accelerator a, Precision p) {
    return formatNote(a, p, "workload.training.precision");
  }

  /** The same for the precision given at {@code field} (a serving one has no loss scaling). */
  public static Optional<String> formatNote(Accelerator a, Precision p, String field) {
    boolean training = field.startsWith("workload.training");
    boolean bf16Missing = p == Precision.BF16 && a.denseBf16FlopPerSecond().isEmpty();
    boolean fp16Missing = p == Precision.FP16 && a.denseFp16FlopPerSecond().isEmpty();
    if (!bf16Missing && !fp16Missing) {
      return Optional.empty();
    }
    String other = bf16Missing ? "fp16" : "bf16";
    return Optional.of(
        String.format(
            Locale.ROOT,
            "%s has no %s units: the %s planned at its %s rate (%.0f TFLOP/s)%s; set"
                + " %s: %s to say so",
            a.id(),
            p.id().toUpperCase(Locale.ROOT),
            training ? "run is" : "replicas are",
            other.toUpperCase(Locale.ROOT),
            a.dense16BitFlopPerSecond() / 1e12,
            bf16Missing && training ? ", with FP16's loss scaling in place of BF16's range" : "",
            field,
            other));
  }

  /** Whether {@code a} trains in {@code p} (see {@link #peakFlopPerSecond}). */
  public static boolean runs(Accelerator a, Precision p) {
    boolean nvidia = a.vendor().equalsIgnoreCase("NVIDIA");
    return switch (p) {
      case FP32, FP16, BF16 -> true;
      case FP8 -> a.denseFp8FlopPerSecond().isPresent();
      case MXFP8 -> a.denseFp8FlopPerSecond().isPresent() && a.denseFp4FlopPerSecond().isPresent();
      case MXFP4 -> a.denseFp4FlopPerSecond().isPresent();
      case NVFP4 -> nvidia && a.denseFp4FlopPerSecond().isPresent();
    };
  }

  private static InfeasibleScenarioException unsupported(Accelerator a, Precision p) {
    String needs =
        switch (p) {
          case FP8 -> "FP8 tensor cores (Hopper, Ada, Blackwell, CDNA 3 and later)";
          case NVFP4 ->
              a.vendor().equalsIgnoreCase("NVIDIA") || a.denseFp4FlopPerSecond().isEmpty()
                  ? "block-scaled tensor cores (NVIDIA Blackwell and later)"
                  : "NVIDIA's block-scaled tensor cores (other vendors' 4-bit units take mxfp4)";
          default -> "block-scaled tensor cores (NVIDIA Blackwell, AMD CDNA 4 and later)";
        };
    List<String> formats =
        Stream.of(
                Precision.BF16,
                Precision.FP16,
                Precision.FP8,
                Precision.MXFP8,
                Precision.NVFP4,
                Precision.MXFP4)
            .filter(q -> q != p && runs(a, q))
            .map(Precision::id)
            .toList();
    String allowed =
        formats.size() == 1
            ? formats.get(0)
            : String.join(", ", formats.subList(0, formats.size() - 1))
                + " or "
                + formats.get(formats.size() - 1);
    return new InfeasibleScenarioException(
        "workload.training.precision",
        "'" + p.id() + "' needs " + needs + "; " + a.id() + " has none: use " + allowed);
  }

  /** The run's context on this cluster. */
  public static TrainingContext context(
      TrainingRun run,
      TransformerModel model,
      long acceleratorCount,
      Accelerator accelerator,
      ServerSpec server,
      Fabric fabric,
      Topology fabricTopology,
      double oversubscription,
      Catalog catalog) {
    int seq = run.sequenceLength().orElse(model.sequenceLength());
    TransformerModel shaped = model.withSequenceLength(seq);
    int batch =
        run.globalBatchSequences()
            .orElse((int) Math.max(1, Math.round(DEFAULT_BATCH_TOKENS / seq)));
    double portGbps = Math.min(fabric.portGbps(), server.scaleOutPortGbps());
    double scaleOut =
        server.scaleOutPorts() > 0
            ? server.scaleOutPorts()
                * Units.gigabitsPerSecondToBytesPerSecond(portGbps)
                / server.acceleratorsPerServer()
            : Units.gigabitsPerSecondToBytesPerSecond(100);
    int down = FabricDesigner.downPorts(fabric.switchRadix(), oversubscription);
    int serversPerLeaf =
        fabricTopology == Topology.FAT_TREE
            ? Math.max(1, down / Math.max(1, server.scaleOutPorts()))
            : down;
    Calibration calibration = catalog.calibration(accelerator.id());
    String scaleUpId = server.scaleUpId(accelerator);
    ScaleUpTopology topology =
        catalog.scaleUps().containsKey(scaleUpId)
            ? catalog.scaleUps().get(scaleUpId).topology()
            : ScaleUpTopology.SWITCHED;
    return new TrainingContext(
        shaped,
        seq,
        batch,
        run.precision(),
        run.options(),
        acceleratorCount,
        accelerator.dense16BitFlopPerSecond(),
        accelerator.attentionSpeedup(),
        peakFlopPerSecond(accelerator, run.precision()),
        accelerator.memoryBytes(),
        accelerator.memoryBandwidthBytesPerSecond(),
        calibration,
        accelerator.scaleUpBandwidthBytesPerSecond(),
        topology,
        server.scaleUpDomainSize(),
        server.acceleratorsPerServer(),
        scaleOut,
        oversubscription,
        serversPerLeaf);
  }

  /**
   * Searches the configurations and reports the best.
   *
   * @throws InfeasibleScenarioException when no configuration fits or the fixed degrees do not
   *     match the cluster
   */
  public static TrainingPerformance perform(TrainingContext ctx, TrainingRun run, double tokens) {
    return perform(ctx, run, tokens, ParallelismSearch::search);
  }

  /**
   * {@link #perform(TrainingContext, TrainingRun, double)} with the search run by {@code searcher}.
   */
  public static TrainingPerformance perform(
      TrainingContext ctx, TrainingRun run, double tokens, ParallelismSearch.Searcher searcher) {
    ParallelismSearch.Result result = searcher.search(ctx, run.parallelism());
    if (result.top().isEmpty()) {
      if (result.leanest().isPresent()) {
        StepEstimate lean = result.leanest().get();
        throw new InfeasibleScenarioException(
            "workload.training.parallelism",
            String.format(
                Locale.ROOT,
                "no parallel configuration fits in %.1f GiB per accelerator: the leanest (%s)"
                    + " needs %.1f GiB — use more or larger accelerators, or allow more"
                    + " parallelism or recomputation",
                Units.bytesToGibibytes(ctx.memoryBytes()),
                lean.config().label(),
                Units.bytesToGibibytes(lean.memory().totalBytes())));
      }
      Optional<InfeasibleScenarioException> fixed = fixedDegreeProblem(ctx, run.parallelism());
      if (fixed.isPresent()) {
        throw fixed.get();
      }
      throw new InfeasibleScenarioException(
          "workload.training.parallelism",
          "no parallel configuration fits cluster.count = "
              + ctx.acceleratorCount()
              + " accelerators with global batch "
              + ctx.globalBatchSequences()
              + " sequences: tensor × pipeline × data × context must not exceed the count,"
              + " tensor must divide the "
              + ctx.model().attentionHeads()
              + " attention heads, and data × micro-batch must divide the batch");
    }
    StepEstimate best = result.top().get(0);
    double tokensPerIteration = (double) ctx.globalBatchSequences() * ctx.sequenceLength();
    double tokensPerSecond = tokensPerIteration / best.iterationSeconds();
    long used = best.config().worldSize();
    double peakTotal = ctx.peakFlopPerSecond() * used;
    double mfu = best.modelFlopsPerIteration() / best.iterationSeconds() / peakTotal;
    double hfu = best.executedFlopsPerIteration() / best.iterationSeconds() / peakTotal;
    double achieved = best.hardwareFlopsPerIteration() / best.iterationSeconds() / used / 1e12;
    double flopsTotal = Flops.modelPerToken(ctx.model(), ctx.sequenceLength()) * tokens;
    double days = Units.hoursToDays(Units.secondsToHours(tokens / tokensPerSecond));
    List<StepEstimate> alternatives = result.top().subList(1, result.top().size());
    return new TrainingPerformance(
        ctx.globalBatchSequences(),
        ctx.sequenceLength(),
        ctx.precision(),
        ctx.peakFlopPerSecond(),
        ctx.memoryBytes(),
        flopsTotal,
        best,
        tokensPerSecond,
        mfu,
        hfu,
        achieved,
        days,
        alternatives,
        result.evaluated(),
        result.fitting(),
        ctx.calibration().id(),
        ctx.calibration().leaveOutError());
  }

  /**
   * What a plan should say when it promises more than published runs on its hardware: MFU above the
   * best published on the family for the run's format (16-bit, FP8, MXFP8, NVFP4), or kernels
   * executing above the best matrix multiply shape measured on it; and when no published run on the
   * family in that format bounds it at all.
   */
  public static List<String> plausibilityNotes(TrainingPerformance p, Calibration c) {
    List<String> notes = new ArrayList<>();
    String format = p.precision().id();
    OptionalDouble best = c.bestPublishedMfu(format);
    String label = p.precision().isLowPrecision() ? format.toUpperCase(Locale.ROOT) : "16-bit";
    if (best.isEmpty()) {
      notes.add(
          String.format(
              Locale.ROOT,
              "training.mfu %.2f cannot be checked against a published run: calibration '%s' has"
                  + " no dense %s run in its sources, so its %s efficiency is an estimate or"
                  + " another entry's",
              p.mfu(),
              c.id(),
              label,
              label));
    }
    if (best.isPresent() && p.mfu() > best.getAsDouble()) {
      notes.add(
          String.format(
              Locale.ROOT,
              "training.mfu %.2f is above the best published %s MFU on this hardware (%.2f,"
                  + " calibration '%s'): the plan assumes software at least that good",
              p.mfu(),
              label,
              best.getAsDouble(),
              c.id()));
    }
    if (c.matmulCeiling() < 1 && p.hfu() > c.matmulCeiling()) {
      notes.add(
          String.format(
              Locale.ROOT,
              "training.hfu %.2f is above the best matrix multiply measured on this hardware"
                  + " (%.2f of peak, calibration '%s'): check the calibration",
              p.hfu(),
              c.matmulCeiling(),
              c.id()));
    }
    return notes;
  }

  /** The context of a scenario's training run, for tools that search or calibrate it. */
  public static TrainingContext context(Scenario scenario, Catalog catalog) {
    TrainingRun run =
        scenario
            .training()
            .orElseThrow(
                () ->
                    new InfeasibleScenarioException(
                        "workload.training", "the scenario has no training run"));
    TransformerModel model =
        run.architecture()
            .orElseThrow(
                () ->
                    new InfeasibleScenarioException(
                        "workload.training.model",
                        "the model's architecture is needed: a catalog id or"
                            + " an inline architecture"));
    Accelerator accelerator = catalog.accelerator(scenario.cluster().acceleratorId());
    ServerSpec server =
        catalog.server(scenario.cluster().serverId().orElse(accelerator.defaultServerId()));
    Fabric fabric = Hardware.fabric(scenario.cluster(), server, catalog);
    Topology topology = Hardware.topology(scenario.cluster(), server);
    return context(
        run,
        model,
        scenario.cluster().acceleratorCount(),
        accelerator,
        server,
        fabric,
        topology,
        scenario.cluster().fabric().oversubscription(),
        catalog);
  }
}
