package dev.ironworks.io.validation;

import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.ServingEfficiency;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The serving efficiencies fitted to published serving results: one field of one calibration entry
 * per software generation and family, fitted by golden-section search to Σ ln²(predicted /
 * published) over the validation cases that serve with it, bounded by the entry's published BF16
 * matmul ceiling (as the training fit is); a fixed per-stage latency ({@code
 * kernelFixedMicroseconds}) within [0, 100] µs.
 */
public final class ServingFit {
  private static final double LOW = 0.1;
  private static final double HIGH = 1.0;
  private static final int ITERATIONS = 30;

  private ServingFit() {}

  /**
   * One fitted field.
   *
   * @param field {@code prefillCompute}, {@code prefillComputeFp4} or {@code
   *     kernelFixedMicroseconds}
   * @param caseIds the validation cases it is fitted to
   */
  public record Target(String entryId, String field, List<String> caseIds) {
    public Target {
      caseIds = List.copyOf(caseIds);
    }
  }

  /** Every serving fit the catalog holds. */
  public static final List<Target> TARGETS =
      List.of(
          new Target(
              "nvidia-hopper-2024",
              "prefillCompute",
              List.of(
                  "I-MLPERF-V40-LLAMA2-H100X8-OFFLINE",
                  "I-MLPERF-V40-LLAMA2-H100X8-SERVER",
                  "I-MLPERF-V40-LLAMA2-H200X8-OFFLINE",
                  "I-MLPERF-V40-LLAMA2-H200X8-SERVER")),
          new Target(
              "nvidia-hopper", "prefillCompute", List.of("I-MLPERF-V50-LLAMA2-H100X8-OFFLINE")),
          new Target(
              "nvidia-blackwell",
              "prefillComputeFp4",
              List.of("I-MLPERF-V41-LLAMA2-B200X1-OFFLINE", "I-MLPERF-V41-LLAMA2-B200X1-SERVER")),
          new Target(
              "amd-cdna3-2024",
              "prefillCompute",
              List.of("I-MLPERF-V41-LLAMA2-MI300X8-OFFLINE", "I-MLPERF-V41-LLAMA2-MI300X8-SERVER")),
          new Target(
              "cerebras-cs3",
              "kernelFixedMicroseconds",
              List.of("I-CEREBRAS-LLAMA31-8B", "I-CEREBRAS-LLAMA31-70B")),
          new Target(
              "groq-lpu",
              "kernelFixedMicroseconds",
              List.of("I-GROQ-LLAMA2-7B", "I-GROQ-LLAMA2-70B", "I-GROQ-MIXTRAL")));

  /** Bounds of a per-stage latency fit, microseconds. */
  private static final double LATENCY_LOW_MICROSECONDS = 0;

  private static final double LATENCY_HIGH_MICROSECONDS = 100;

  /** The field's value that best fits the target's cases that {@code use} keeps. */
  public static double fit(
      Catalog catalog, List<ValidationCase> cases, Target target, Predicate<String> use) {
    List<ValidationCase> mine =
        cases.stream().filter(c -> target.caseIds().contains(c.id()) && use.test(c.id())).toList();
    if (mine.isEmpty()) {
      throw new IllegalArgumentException("no case to fit " + target);
    }
    double phi = (Math.sqrt(5) - 1) / 2;
    boolean latency = target.field().equals("kernelFixedMicroseconds");
    double a = latency ? LATENCY_LOW_MICROSECONDS : LOW;
    // As in training, no format reaches a larger share of its peak than the best BF16 shape.
    double b =
        latency
            ? LATENCY_HIGH_MICROSECONDS
            : Math.min(HIGH, catalog.calibrations().get(target.entryId()).matmulCeiling());
    double c = b - phi * (b - a);
    double d = a + phi * (b - a);
    double fc = loss(catalog, mine, target, c);
    double fd = loss(catalog, mine, target, d);
    for (int i = 0; i < ITERATIONS; i++) {
      if (fc < fd) {
        b = d;
        d = c;
        fd = fc;
        c = b - phi * (b - a);
        fc = loss(catalog, mine, target, c);
      } else {
        a = c;
        c = d;
        fc = fd;
        d = a + phi * (b - a);
        fd = loss(catalog, mine, target, d);
      }
    }
    return (a + b) / 2;
  }

  /** The relative errors (predicted / published − 1) of {@code caseIds} with the field at v. */
  public static List<Double> errors(
      Catalog catalog, List<ValidationCase> cases, Target target, double v, Set<String> caseIds) {
    List<ValidationCase> chosen = cases.stream().filter(c -> caseIds.contains(c.id())).toList();
    return ValidationSuite.run(chosen, with(catalog, target, v)).stream()
        .map(r -> r.errorPercent().orElse(Double.NaN) / 100)
        .toList();
  }

  private static double loss(Catalog catalog, List<ValidationCase> cases, Target target, double v) {
    double sum = 0;
    for (ValidationResult r : ValidationSuite.run(cases, with(catalog, target, v))) {
      OptionalDouble error = r.errorPercent();
      double ratio = error.isPresent() ? 1 + error.getAsDouble() / 100 : 1e-3;
      sum += Math.pow(Math.log(Math.max(ratio, 1e-3)), 2);
    }
    return sum;
  }

  /** The catalog with the target's field set to {@code v}. */
  static Catalog with(Catalog catalog, Target target, double v) {
    Calibration c = catalog.calibrations().get(target.entryId());
    if (target.field().equals("kernelFixedMicroseconds")) {
      return catalog.withCalibrations(List.of(c.with(target.field(), v)));
    }
    ServingEfficiency s = c.serving();
    ServingEfficiency changed =
        switch (target.field()) {
          case "prefillCompute" ->
              new ServingEfficiency(
                  s.decodeBandwidth(),
                  OptionalDouble.of(v),
                  s.prefillComputeFp4(),
                  s.everyExpert());
          case "prefillComputeFp4" ->
              new ServingEfficiency(
                  s.decodeBandwidth(), s.prefillCompute(), OptionalDouble.of(v), s.everyExpert());
          default -> throw new IllegalArgumentException("not a fitted serving field: " + target);
        };
    return catalog.withCalibrations(List.of(c.withServing(changed)));
  }
}
