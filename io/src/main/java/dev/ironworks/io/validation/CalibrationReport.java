package dev.ironworks.io.validation;

import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.LeaveOutError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The calibration fit as a person reads it: each fitted entry's fields, and every throughput case's
 * error in sample and left out by source, with the mean absolute errors.
 */
public final class CalibrationReport {
  private CalibrationReport() {}

  /** Refits every entry on all cases and reports the fit and its generalisation. */
  public static String text(Catalog catalog, List<ValidationCase> cases) {
    List<CalibrationFit.Observation> obs = CalibrationFit.observations(cases, catalog);
    Map<String, Calibration> fitted = CalibrationFit.fitAll(catalog, obs, o -> true);
    Catalog refit = catalog.withCalibrations(fitted.values());
    StringBuilder out = new StringBuilder();
    out.append("Fitted calibration fields (catalog units):\n");
    for (Calibration c : fitted.values()) {
      out.append("  ").append(c.id()).append(':');
      for (String f : c.fitted()) {
        out.append(' ').append(f).append(": ").append(CalibrationFit.round(c.value(f))).append(',');
      }
      out.setLength(out.length() - 1);
      out.append('\n');
    }
    List<CalibrationFit.Generalisation> g = CalibrationFit.generalisation(refit, obs);
    out.append(
        String.format(
            Locale.ROOT,
            "%n%-44s %-12s %10s %9s %9s%n",
            "case",
            "source",
            "published",
            "fit",
            "left out"));
    Map<String, List<double[]>> bySource = new LinkedHashMap<>();
    for (CalibrationFit.Generalisation x : g) {
      String source = shortSource(x.observation().source());
      out.append(
          String.format(
              Locale.ROOT,
              "%-44s %-12s %10.4g %+8.1f%% %+8.1f%%%n",
              x.observation().caseId(),
              source,
              x.observation().published(),
              x.inSampleErrorPercent(),
              x.leaveOutErrorPercent()));
      bySource
          .computeIfAbsent(source, k -> new ArrayList<>())
          .add(new double[] {x.inSampleErrorPercent(), x.leaveOutErrorPercent()});
    }
    out.append('\n');
    List<double[]> all = new ArrayList<>();
    for (Map.Entry<String, List<double[]>> e : bySource.entrySet()) {
      out.append(summary(e.getKey(), e.getValue()));
      all.addAll(e.getValue());
    }
    out.append(summary("all", all));
    out.append("\nLeft out by accelerator (refit without its runs, then predict them):\n");
    Map<String, List<double[]>> byAccelerator = new TreeMap<>();
    for (CalibrationFit.Generalisation x :
        CalibrationFit.generalisation(refit, obs, CalibrationFit.Observation::acceleratorId)) {
      byAccelerator
          .computeIfAbsent(x.observation().acceleratorId(), k -> new ArrayList<>())
          .add(new double[] {x.inSampleErrorPercent(), x.leaveOutErrorPercent()});
    }
    List<double[]> every = new ArrayList<>();
    for (Map.Entry<String, List<double[]>> e : byAccelerator.entrySet()) {
      out.append(summary(e.getKey(), e.getValue()));
      every.addAll(e.getValue());
    }
    out.append(summary("all", every));
    out.append(
        "\nLeft out by publication, by calibration entry (leaveOutError: runs, mean and worst"
            + " error, percent):\n");
    for (Map.Entry<String, LeaveOutError> e : CalibrationFit.leaveOutErrors(refit, g).entrySet()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-24s leaveOutError: {runs: %d, meanPercent: %.1f, worstPercent: %.1f}%n",
              e.getKey(),
              e.getValue().runs(),
              e.getValue().meanPercent(),
              e.getValue().worstPercent()));
    }
    out.append("\nBest published MFU by family and format (bestPublishedMfu):\n");
    for (CalibrationFit.PublishedMfu b : CalibrationFit.bestPublishedMfu(catalog, obs)) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-24s %-6s %.3f  %s%n",
              b.calibrationId(),
              b.format(),
              b.mfu(),
              b.caseId()));
    }
    return out.toString();
  }

  private static String summary(String name, List<double[]> errors) {
    double in = 0;
    double left = 0;
    double worst = 0;
    for (double[] e : errors) {
      in += Math.abs(e[0]);
      left += Math.abs(e[1]);
      worst = Math.max(worst, Math.abs(e[0]));
    }
    return String.format(
        Locale.ROOT,
        "%-21s %3d cases: in sample %5.1f%% (worst %5.1f%%), left out %5.1f%%%n",
        name,
        errors.size(),
        in / errors.size(),
        worst,
        left / errors.size());
  }

  static String shortSource(String source) {
    String s = source.toLowerCase(Locale.ROOT);
    if (s.contains("megatron-bridge")) {
      return "megatron-bridge";
    }
    if (s.contains("mosaicml")) {
      return "mosaicml";
    }
    if (s.contains("torchtitan")) {
      return "torchtitan";
    }
    if (s.contains("2104.04473")) {
      return "megatron-lm";
    }
    if (s.contains("1909.08053")) {
      return "megatron-lm-2019";
    }
    if (s.contains("2205.05198")) {
      return "megatron-sp-2022";
    }
    if (s.contains("2201.11990")) {
      return "mt-nlg";
    }
    if (s.contains("2302.13971")) {
      return "llama1";
    }
    if (s.contains("2204.02311")) {
      return "palm";
    }
    if (s.contains("2407.21783")) {
      return "llama3";
    }
    if (s.contains("2412.19437")) {
      return "deepseek-v3";
    }
    if (s.contains("2405.04434")) {
      return "deepseek-v2";
    }
    if (s.contains("2402.16819")) {
      return "nemotron-4-15b";
    }
    if (s.contains("2406.11704")) {
      return "nemotron-4-340b";
    }
    return source.length() > 12 ? source.substring(0, 12) : source;
  }
}
