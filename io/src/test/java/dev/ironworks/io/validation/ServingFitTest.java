package dev.ironworks.io.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.io.catalog.CatalogLoader;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The serving efficiencies in the catalog are what the fit to their published MLPerf results gives;
 * leaving one system out shows what a system the fit has not seen should expect.
 */
class ServingFitTest {
  private static final Catalog CATALOG = CatalogLoader.builtin();
  private static final List<ValidationCase> CASES = ValidationSuite.cases();

  private static double shipped(ServingFit.Target t) {
    Calibration c = CATALOG.calibrations().get(t.entryId());
    return switch (t.field()) {
      case "prefillCompute" -> c.serving().prefillCompute().orElseThrow();
      case "prefillComputeFp4" -> c.serving().prefillComputeFp4().orElseThrow();
      case "kernelFixedMicroseconds" -> c.value(t.field());
      default -> throw new IllegalArgumentException(t.field());
    };
  }

  @Tag("slow")
  @Test
  void theCatalogHoldsWhatTheServingFitGives() {
    for (ServingFit.Target t : ServingFit.TARGETS) {
      double fit = ServingFit.fit(CATALOG, CASES, t, id -> true);
      System.out.printf(
          Locale.ROOT,
          "serving fit %s.%s = %.3f, errors %s%n",
          t.entryId(),
          t.field(),
          fit,
          ServingFit.errors(CATALOG, CASES, t, fit, Set.copyOf(t.caseIds())));
    }
    for (ServingFit.Target t : ServingFit.TARGETS) {
      double fit = ServingFit.fit(CATALOG, CASES, t, id -> true);
      assertEquals(
          fit,
          shipped(t),
          t.field().equals("kernelFixedMicroseconds") ? 0.01 * fit : 0.01,
          t.entryId() + "." + t.field() + ": the catalog holds " + shipped(t) + ", the fit " + fit);
    }
  }

  @Tag("slow")
  @Test
  void leavingOneHopperSystemOutPredictsTheOther() {
    // Fitted to H100 alone, then to H200 alone: the error on the system left out is what a new
    // system of the family should expect from one round's calibration.
    ServingFit.Target hopper = ServingFit.TARGETS.get(0);
    Set<String> h100 =
        Set.of("I-MLPERF-V40-LLAMA2-H100X8-OFFLINE", "I-MLPERF-V40-LLAMA2-H100X8-SERVER");
    Set<String> h200 =
        Set.of("I-MLPERF-V40-LLAMA2-H200X8-OFFLINE", "I-MLPERF-V40-LLAMA2-H200X8-SERVER");
    double onH100 = ServingFit.fit(CATALOG, CASES, hopper, h100::contains);
    double onH200 = ServingFit.fit(CATALOG, CASES, hopper, h200::contains);
    List<Double> h200Errors = ServingFit.errors(CATALOG, CASES, hopper, onH100, h200);
    List<Double> h100Errors = ServingFit.errors(CATALOG, CASES, hopper, onH200, h100);
    System.out.printf(
        Locale.ROOT,
        "leave one system out: fit on H100 %.3f predicts H200 %s; fit on H200 %.3f predicts H100 %s%n",
        onH100,
        h200Errors,
        onH200,
        h100Errors);
    // The two systems pull apart: each alone predicts the other within 30%.
    for (double e : h200Errors) {
      assertTrue(Math.abs(e) < 0.30, "H200 from H100: " + e);
    }
    for (double e : h100Errors) {
      assertTrue(Math.abs(e) < 0.30, "H100 from H200: " + e);
    }
  }

  @Tag("slow")
  @Test
  void eachCerebrasModelPredictsTheOther() {
    // The per-stage latency fitted to one model on one wafer predicts the other model on four,
    // and the reverse: what a model the fit has not seen should expect.
    ServingFit.Target cerebras =
        ServingFit.TARGETS.stream()
            .filter(t -> t.entryId().equals("cerebras-cs3"))
            .findFirst()
            .orElseThrow();
    Set<String> small = Set.of("I-CEREBRAS-LLAMA31-8B");
    Set<String> large = Set.of("I-CEREBRAS-LLAMA31-70B");
    double onSmall = ServingFit.fit(CATALOG, CASES, cerebras, small::contains);
    double onLarge = ServingFit.fit(CATALOG, CASES, cerebras, large::contains);
    List<Double> largeErrors = ServingFit.errors(CATALOG, CASES, cerebras, onSmall, large);
    List<Double> smallErrors = ServingFit.errors(CATALOG, CASES, cerebras, onLarge, small);
    System.out.printf(
        Locale.ROOT,
        "leave one model out: fit on 8B %.2f us predicts 70B %s; fit on 70B %.2f us predicts 8B %s%n",
        onSmall,
        largeErrors,
        onLarge,
        smallErrors);
    // Each alone predicts the other within 30% (26% and 11% as fitted).
    for (double e : largeErrors) {
      assertTrue(Math.abs(e) < 0.30, "70B from 8B: " + e);
    }
    for (double e : smallErrors) {
      assertTrue(Math.abs(e) < 0.30, "8B from 70B: " + e);
    }
  }

  @Tag("slow")
  @Test
  void eachGroqModelIsPredictedByTheOthers() {
    // The per-stage latency fitted to two of Groq's published speeds predicts the third.
    ServingFit.Target groq =
        ServingFit.TARGETS.stream()
            .filter(t -> t.entryId().equals("groq-lpu"))
            .findFirst()
            .orElseThrow();
    for (String left : groq.caseIds()) {
      double fit = ServingFit.fit(CATALOG, CASES, groq, id -> !id.equals(left));
      List<Double> errors = ServingFit.errors(CATALOG, CASES, groq, fit, Set.of(left));
      System.out.printf(
          Locale.ROOT, "leave %s out: fit %.2f us predicts it %s%n", left, fit, errors);
      // 8%, 2% and 11% as fitted.
      assertTrue(Math.abs(errors.get(0)) < 0.15, left + " from the others: " + errors);
    }
  }
}
