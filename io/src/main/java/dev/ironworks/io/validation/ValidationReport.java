package dev.ironworks.io.validation;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.render.JsonRenderer;
import dev.ironworks.io.render.Numbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Validation results as a table, Markdown (docs/validation.md) or JSON. */
public final class ValidationReport {
  private ValidationReport() {}

  private static String error(ValidationResult r) {
    return r.errorPercent().isPresent()
        ? String.format(Locale.ROOT, "%+.1f%%", r.errorPercent().getAsDouble())
        : (r.pass() ? "in range" : "out of range");
  }

  private static String tolerance(ValidationResult r) {
    return r.check().published().isPresent()
        ? String.format(Locale.ROOT, "±%s%%", Numbers.human(r.check().tolerancePercent()))
        : "range";
  }

  private static String predicted(ValidationResult r) {
    return r.predicted().isPresent() ? Numbers.human(r.predicted().getAsDouble()) : r.detail();
  }

  public static String table(List<ValidationResult> results) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"case", "check", "published", "ironworks", "error", "tolerance", ""});
    for (ValidationResult r : results) {
      rows.add(
          new String[] {
            r.validationCase().id(),
            r.check().path(),
            r.publishedText(),
            predicted(r),
            error(r),
            tolerance(r),
            r.status()
          });
    }
    int[] widths = new int[7];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    long outside = results.stream().filter(r -> !r.pass()).count();
    long known = results.stream().filter(ValidationResult::knownMiss).count();
    out.append(
        String.format(
            Locale.ROOT,
            "%d checks, %d within tolerance, %d outside (%d of them known misses)%n",
            results.size(),
            results.size() - outside,
            outside,
            known));
    return out.toString();
  }

  /**
   * The Markdown report with the throughput section: the mean error of the throughput cases, and
   * each one's in-sample and leave-one-source-out error (docs/validation.md).
   */
  public static String markdown(
      List<ValidationResult> results, Catalog catalog, List<ValidationCase> cases) {
    return markdown(results) + generalisation(results, catalog, cases);
  }

  /**
   * Mean absolute error of the measured throughput checks (formulas of their inputs left out; a
   * case's other figures, such as HFU beside MFU, are reported but not counted twice).
   */
  public static double throughputMeanAbsoluteErrorPercent(List<ValidationResult> results) {
    double sum = 0;
    int n = 0;
    for (ValidationResult r : results) {
      if (isMeasuredThroughput(r)) {
        sum += Math.abs(r.errorPercent().getAsDouble());
        n++;
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  /** A measured throughput case's throughput figure, with an error to count. */
  public static boolean isMeasuredThroughput(ValidationResult r) {
    return r.validationCase().family().equals("throughput")
        && !r.validationCase().formulaOfInputs()
        && CalibrationFit.isThroughputPath(r.check().path())
        && r.errorPercent().isPresent();
  }

  private static String generalisation(
      List<ValidationResult> results, Catalog catalog, List<ValidationCase> cases) {
    List<CalibrationFit.Generalisation> g =
        CalibrationFit.generalisation(catalog, CalibrationFit.observations(cases, catalog));
    StringBuilder out = new StringBuilder();
    out.append("\n## Training throughput: fit and generalisation\n\n");
    long beyond =
        results.stream()
            .filter(r -> isMeasuredThroughput(r) && Math.abs(r.errorPercent().getAsDouble()) > 25)
            .count();
    out.append(
        String.format(
            Locale.ROOT,
            "Mean absolute error over the %d measured throughput cases: **%.1f%%**; %d beyond"
                + " 25%%. The calibration entries' fitted fields (`calibration.yaml`, `fitted`)"
                + " are fitted to these cases by `ironworks validate --fit`. *In sample* is each"
                + " case with the shipped entries; *left out* refits every entry without the"
                + " case's publication (all of its tables) and predicts the case, the figure to"
                + " expect for hardware or"
                + " software the suite has not seen (an entry left with no cases falls back to"
                + " the `default` entry).%n%n",
            g.size(),
            throughputMeanAbsoluteErrorPercent(results),
            beyond));
    out.append(
        errorTable(
            "source", g, x -> CalibrationReport.shortSource(x.observation().source()), false));
    out.append(
        "The same by calibration entry: each entry keeps its left-out figures (`leaveOutError` in"
            + " `calibration.yaml`: runs, mean and worst error, which a test holds to this suite),"
            + " and a plan on its hardware prints them as the throughput error to expect"
            + " (`training.leaveOutErrorPercent`).\n\n");
    out.append(
        errorTable(
            "calibration",
            g,
            x -> catalog.calibration(x.observation().acceleratorId()).id(),
            true));
    out.append(byAccelerator(catalog, cases));
    out.append("| case | source | published | in sample | left out |\n");
    out.append("| --- | --- | ---: | ---: | ---: |\n");
    for (CalibrationFit.Generalisation x : g) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %+.1f%% | %+.1f%% |%n",
              x.observation().caseId(),
              CalibrationReport.shortSource(x.observation().source()),
              Numbers.human(x.observation().published()),
              x.inSampleErrorPercent(),
              x.leaveOutErrorPercent()));
    }
    out.append("\n## Plausibility: the best published dense run by family and format\n\n");
    out.append(
        "A plan whose MFU exceeds its family's figure for its linear-layer format says so"
            + " (`bestPublishedMfu` in `calibration.yaml`, which a test holds to this table). MFU"
            + " here is the published throughput in Ironworks' model FLOPs at the format's dense"
            + " peak, so it compares with a plan's; a family or format missing has no published"
            + " dense run in the suite, and a plan on it says that nothing published bounds its"
            + " MFU.\n\n");
    out.append("| calibration | format | MFU | run |\n| --- | --- | ---: | --- |\n");
    for (CalibrationFit.PublishedMfu b :
        CalibrationFit.bestPublishedMfu(catalog, CalibrationFit.observations(cases, catalog))) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.3f | %s |%n",
              b.calibrationId(),
              b.format(),
              b.mfu(),
              b.caseId()));
    }
    return out.toString();
  }

  /**
   * Leave-one-accelerator-out: every entry refitted without one accelerator's runs, which are then
   * predicted; the figure for a new part of a family the suite knows.
   */
  private static String byAccelerator(Catalog catalog, List<ValidationCase> cases) {
    List<CalibrationFit.Generalisation> g =
        CalibrationFit.generalisation(
            catalog,
            CalibrationFit.observations(cases, catalog),
            CalibrationFit.Observation::acceleratorId);
    return "Left out by accelerator instead (every entry refitted without one accelerator's runs,"
        + " which it then predicts: what a new part of a family the suite knows should expect; a"
        + " family with no other part falls back to the `default` entry):\n\n"
        + errorTable("accelerator", g, x -> x.observation().acceleratorId(), true);
  }

  /**
   * Mean absolute in-sample and left-out errors by group, one row each and one for all, in the
   * order the groups first appear or, when {@code sorted}, by name.
   */
  private static String errorTable(
      String name,
      List<CalibrationFit.Generalisation> g,
      Function<CalibrationFit.Generalisation, String> group,
      boolean sorted) {
    Map<String, double[]> groups = sorted ? new TreeMap<>() : new LinkedHashMap<>();
    for (CalibrationFit.Generalisation x : g) {
      double[] acc = groups.computeIfAbsent(group.apply(x), k -> new double[3]);
      acc[0] += Math.abs(x.inSampleErrorPercent());
      acc[1] += Math.abs(x.leaveOutErrorPercent());
      acc[2]++;
    }
    StringBuilder out = new StringBuilder();
    out.append("| ").append(name).append(" | cases | in sample | left out |\n");
    out.append("| --- | ---: | ---: | ---: |\n");
    double in = 0;
    double left = 0;
    for (Map.Entry<String, double[]> e : groups.entrySet()) {
      double[] a = e.getValue();
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.1f%% | %.1f%% |%n",
              e.getKey(),
              (int) a[2],
              a[0] / a[2],
              a[1] / a[2]));
      in += a[0];
      left += a[1];
    }
    out.append(
        String.format(
            Locale.ROOT,
            "| all | %d | %.1f%% | %.1f%% |%n%n",
            g.size(),
            in / g.size(),
            left / g.size()));
    return out.toString();
  }

  public static String markdown(List<ValidationResult> results) {
    StringBuilder out = new StringBuilder();
    out.append("# Validation\n\n");
    out.append(
        "Generated by `ironworks validate --format markdown`; a test keeps this file in"
            + " step with the model. Each row is a published figure (sources in"
            + " `io/src/main/resources/dev/ironworks/validation/cases.yaml`), Ironworks' value, the"
            + " error and the tolerance the case is held to.\n\n");
    out.append("| case | family | check | published | Ironworks | error | tolerance | |\n");
    out.append("| --- | --- | --- | ---: | ---: | ---: | ---: | --- |\n");
    for (ValidationResult r : results) {
      out.append("| ")
          .append(r.validationCase().id())
          .append(" | ")
          .append(r.validationCase().family())
          .append(" | `")
          .append(r.check().path())
          .append('`')
          .append(" | ")
          .append(r.publishedText())
          .append(" | ")
          .append(predicted(r))
          .append(" | ")
          .append(error(r))
          .append(" | ")
          .append(tolerance(r))
          .append(" | ")
          .append(r.pass() ? r.status() : "**" + r.status() + "**")
          .append(" |\n");
    }
    out.append("\n## Cases\n\n");
    String last = "";
    for (ValidationResult r : results) {
      ValidationCase c = r.validationCase();
      if (!c.id().equals(last)) {
        out.append("- **")
            .append(c.id())
            .append("** — ")
            .append(c.title())
            .append(". Source: ")
            .append(c.source())
            .append(". Kind: ")
            .append(c.kind())
            .append(c.formulaOfInputs() ? ", a formula of its own inputs (not counted)" : "")
            .append(".\n");
        c.knownMiss().ifPresent(why -> out.append("  - known miss: ").append(why).append('\n'));
        last = c.id();
      }
      if (!r.check().why().isEmpty()) {
        out.append("  - `")
            .append(r.check().path())
            .append("`: ")
            .append(r.check().why())
            .append('\n');
      }
    }
    return out.toString();
  }

  public static String json(List<ValidationResult> results) {
    List<Object> rows = new ArrayList<>();
    for (ValidationResult r : results) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("case", r.validationCase().id());
      row.put("family", r.validationCase().family());
      row.put("path", r.check().path());
      row.put("published", r.check().published().orElse(null));
      row.put("min", r.check().min().orElse(null));
      row.put("max", r.check().max().orElse(null));
      row.put("predicted", r.predicted().isPresent() ? r.predicted().getAsDouble() : null);
      row.put("errorPercent", r.errorPercent().isPresent() ? r.errorPercent().getAsDouble() : null);
      row.put("tolerancePercent", r.check().tolerancePercent());
      row.put("pass", r.pass());
      row.put("status", r.status());
      rows.add(row);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("checks", rows);
    return JsonRenderer.render(root);
  }
}
