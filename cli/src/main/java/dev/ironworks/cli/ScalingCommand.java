package dev.ironworks.cli;

import dev.ironworks.core.compute.ScalingCurve;
import dev.ironworks.core.compute.StepEstimate;
import dev.ironworks.core.compute.TrainingContext;
import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.scenario.ScenarioReader;
import dev.ironworks.io.service.PlanService;
import dev.ironworks.io.yaml.InputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** ironworks scaling FILE: throughput and efficiency versus accelerator count. */
@Command(
    name = "scaling",
    mixinStandardHelpOptions = true,
    description = {
      "Throughput and scaling efficiency of the training run versus accelerator count.",
      "At the scenario's global batch (strong scaling), the best configuration is searched at",
      "each count.",
      "Efficiency is throughput per accelerator over that of the smallest count."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:internal error", "2:bad input"})
final class ScalingCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "Scenario file with a training run (YAML).")
  Path file;

  @Option(
      names = "--from",
      paramLabel = "N",
      description = "Smallest count (default: one server's accelerators).")
  Long from;

  @Option(
      names = "--to",
      paramLabel = "N",
      description = "Largest count (default: the larger of cluster.count and 16,384).")
  Long to;

  @Mixin FormatOption output;

  @Mixin CatalogOption catalog;

  @Override
  public Integer call() {
    PlanService service = catalog.service();
    ScenarioReader.Result read = service.read(file);
    TrainingContext ctx = service.trainingContext(read);
    long low = from != null ? from : ctx.acceleratorsPerServer();
    long high = to != null ? to : Math.max(ctx.acceleratorCount(), 16_384);
    if (low < 1 || high < low || high > 10_000_000) {
      throw InputException.of(
          "--from/--to", "", "need 1 <= --from <= --to <= 10,000,000, got " + low + " and " + high);
    }
    List<ScalingCurve.Point> curve =
        ScalingCurve.of(
            ctx,
            read.scenario().training().orElseThrow().parallelism(),
            ScalingCurve.powersOfTwo(low, high));
    PrintWriter out = spec.commandLine().getOut();
    double peak = ctx.peakFlopPerSecond();
    if (output.format == Format.json) {
      List<Object> rows = new ArrayList<>();
      for (ScalingCurve.Point p : curve) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("acceleratorCount", p.acceleratorCount());
        row.put("fits", p.best().isPresent());
        row.put("tokensPerSecond", p.tokensPerSecond());
        row.put("tokensPerSecondPerAccelerator", p.tokensPerSecondPerAccelerator());
        row.put("efficiency", p.efficiency());
        p.best()
            .ifPresent(
                e -> {
                  row.put("configuration", e.config().label());
                  row.put("acceleratorsUsed", e.config().worldSize());
                  row.put("mfu", mfu(e, peak, e.config().worldSize()));
                  row.put("bubbleShare", e.bubbleSeconds() / e.iterationSeconds());
                  row.put(
                      "exposedCommunicationShare",
                      e.exposedCommunicationSeconds() / e.iterationSeconds());
                });
        rows.add(row);
      }
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("scaling", rows);
      out.print(JsonRenderer.render(root));
    } else {
      out.println(
          String.format(
              Locale.ROOT,
              "%-10s %-14s %-10s %-7s %-7s %-7s %s",
              "GPUs",
              "tokens/s",
              "efficiency",
              "MFU",
              "bubble",
              "comm",
              "configuration"));
      for (ScalingCurve.Point p : curve) {
        if (p.best().isEmpty()) {
          out.println(
              String.format(Locale.ROOT, "%-10d no configuration fits", p.acceleratorCount()));
          continue;
        }
        StepEstimate e = p.best().get();
        out.println(
            String.format(
                Locale.ROOT,
                "%-10d %-14.4g %-10s %-7s %-7s %-7s %s",
                p.acceleratorCount(),
                p.tokensPerSecond(),
                percent(p.efficiency()),
                percent(mfu(e, peak, e.config().worldSize())),
                percent(e.bubbleSeconds() / e.iterationSeconds()),
                percent(e.exposedCommunicationSeconds() / e.iterationSeconds()),
                e.config().label()));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static double mfu(StepEstimate e, double peak, long count) {
    return e.modelFlopsPerIteration() / e.iterationSeconds() / (peak * count);
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }
}
