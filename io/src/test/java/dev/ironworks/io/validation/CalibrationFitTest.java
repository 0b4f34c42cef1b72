package dev.ironworks.io.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.LeaveOutError;
import dev.ironworks.io.catalog.CatalogLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The calibration catalog holds what the fit to the published runs gives, and the fit finds a
 * calibration it is shown the consequences of.
 */
class CalibrationFitTest {
  private static final Catalog CATALOG = CatalogLoader.builtin();
  private static final List<CalibrationFit.Observation> OBSERVATIONS =
      CalibrationFit.observations(ValidationSuite.cases(), CATALOG);

  @Test
  void theCatalogHoldsWhatTheFitGives() {
    Map<String, Calibration> fitted = CalibrationFit.fitAll(CATALOG, OBSERVATIONS, o -> true);
    assertFalse(fitted.isEmpty());
    for (Calibration fit : fitted.values()) {
      Calibration shipped = CATALOG.calibrations().get(fit.id());
      for (String field : fit.fitted()) {
        double expected = fit.value(field);
        assertEquals(
            expected,
            shipped.value(field),
            0.01 * Math.abs(expected),
            fit.id()
                + "."
                + field
                + ": the catalog holds "
                + shipped.value(field)
                + ", the fit gives "
                + expected
                + " (ironworks validate --fit)");
      }
    }
  }

  @Test
  void theCatalogHoldsTheBestPublishedMfuOfTheDenseRuns() {
    List<CalibrationFit.PublishedMfu> derived =
        CalibrationFit.bestPublishedMfu(CATALOG, OBSERVATIONS);
    assertTrue(derived.size() >= 5, derived.toString());
    for (CalibrationFit.PublishedMfu b : derived) {
      Calibration shipped = CATALOG.calibrations().get(b.calibrationId());
      assertEquals(
          b.mfu(),
          shipped.bestPublishedMfu(b.format()).orElse(Double.NaN),
          0.0015,
          b.calibrationId()
              + ".bestPublishedMfu."
              + b.format()
              + ": the suite's best dense run is "
              + b.caseId()
              + " (ironworks validate --fit)");
    }
    // No entry claims a format for which the suite holds no dense run of the family.
    for (Calibration c : CATALOG.calibrations().values()) {
      if (OBSERVATIONS.stream().noneMatch(o -> c.covers(o.acceleratorId()))) {
        continue;
      }
      for (String format : c.bestPublishedMfu().keySet()) {
        assertTrue(
            derived.stream()
                .anyMatch(b -> b.calibrationId().equals(c.id()) && b.format().equals(format)),
            c.id() + ".bestPublishedMfu." + format + " has no published dense run behind it");
      }
    }
  }

  @Test
  void theCatalogHoldsEachFamilysLeaveOutError() {
    // Plans print the leave-out error of their family as the error to expect; it is what the
    // suite gives, to the catalog's rounding and the optimiser's tolerance, and an entry with no
    // published run on its accelerators claims none.
    Map<String, LeaveOutError> derived =
        CalibrationFit.leaveOutErrors(
            CATALOG, CalibrationFit.generalisation(CATALOG, OBSERVATIONS));
    assertFalse(derived.isEmpty());
    for (Calibration shipped : CATALOG.calibrations().values()) {
      LeaveOutError expected = derived.get(shipped.id());
      if (expected == null) {
        assertTrue(
            shipped.leaveOutError().isEmpty(),
            shipped.id() + ".leaveOutError: no published run is on its accelerators");
        continue;
      }
      LeaveOutError held =
          shipped
              .leaveOutError()
              .orElseThrow(
                  () -> new AssertionError(shipped.id() + ".leaveOutError missing: " + expected));
      String why =
          shipped.id() + ".leaveOutError: the suite gives " + expected + " (validate --fit)";
      assertEquals(expected.runs(), held.runs(), why);
      assertEquals(expected.meanPercent(), held.meanPercent(), 0.15, why);
      assertEquals(expected.worstPercent(), held.worstPercent(), 0.15, why);
    }
  }

  @Test
  void theDgxAndRackEntriesOfOneChipShareItsKernelEfficiencies() {
    // B200/B300 in DGX servers and in NVL72 racks are the same silicon under the same software:
    // only the host and the NVLink domain differ, so only the host times are fitted apart.
    Calibration dgx = CATALOG.calibrations().get("nvidia-blackwell");
    Calibration rack = CATALOG.calibrations().get("nvidia-blackwell-nvl72");
    for (String field :
        List.of(
            "matmul",
            "fp8Matmul",
            "mxfp8Matmul",
            "nvfp4Matmul",
            "matmulHalfDimension",
            "attention",
            "attentionPortable")) {
      assertEquals(rack.value(field), dgx.value(field), 1e-12, field);
      assertFalse(dgx.fitted().contains(field), field + " is the rack entry's fit");
    }
  }

  @Test
  void leavingAnAcceleratorOutPredictsItsRunsFromTheOthers() {
    List<CalibrationFit.Observation> h800AndHopper =
        OBSERVATIONS.stream()
            .filter(o -> CATALOG.calibrations().get("nvidia-hopper").covers(o.acceleratorId()))
            .toList();
    List<CalibrationFit.Generalisation> g =
        CalibrationFit.generalisation(
            CATALOG, h800AndHopper, CalibrationFit.Observation::acceleratorId);
    assertEquals(h800AndHopper.size(), g.size());
    Calibration withoutH800 =
        CalibrationFit.fitAll(CATALOG, h800AndHopper, o -> !o.acceleratorId().equals("nvidia-h800"))
            .get("nvidia-hopper");
    for (CalibrationFit.Generalisation x : g) {
      if (x.observation().acceleratorId().equals("nvidia-h800")) {
        double predicted = CalibrationFit.predict(x.observation(), withoutH800).orElseThrow();
        assertEquals(
            (predicted / x.observation().published() - 1) * 100, x.leaveOutErrorPercent(), 1e-9);
      }
    }
    assertTrue(g.stream().anyMatch(x -> x.observation().acceleratorId().equals("nvidia-h800")));
  }

  @Test
  void everyFittedEntryHasCasesAndEveryCaseAnEntry() {
    for (Calibration c : CATALOG.calibrations().values()) {
      if (c.fitted().isEmpty()) {
        continue;
      }
      assertTrue(
          OBSERVATIONS.stream().anyMatch(o -> c.covers(o.acceleratorId())),
          c.id() + " lists fitted fields but no case runs on its accelerators");
    }
    assertTrue(OBSERVATIONS.size() >= 70, "observations " + OBSERVATIONS.size());
  }

  @Test
  void theFitRecoversACalibrationFromWhatItPredicts() {
    // Published figures made by a known Hopper calibration: the fit, starting from the default
    // entry, must find that calibration again (within what the pull toward the default allows).
    Calibration hopper = CATALOG.calibrations().get("nvidia-hopper");
    Calibration truth = hopper.with("matmul", 0.7).with("fp8Matmul", 0.6).with("attention", 0.45);
    List<CalibrationFit.Observation> made = new ArrayList<>();
    for (CalibrationFit.Observation o : OBSERVATIONS) {
      if (hopper.covers(o.acceleratorId())) {
        double value = CalibrationFit.predict(o, truth).orElseThrow();
        made.add(
            new CalibrationFit.Observation(
                o.caseId(),
                o.source(),
                o.acceleratorId(),
                o.path(),
                value,
                o.context(),
                o.run(),
                o.tokens()));
      }
    }
    Calibration fit =
        CalibrationFit.fit(hopper, CATALOG.calibrations().get(Calibration.DEFAULT), made);
    double sum = 0;
    for (CalibrationFit.Observation o : made) {
      double error = CalibrationFit.predict(o, fit).orElseThrow() / o.published() - 1;
      assertTrue(Math.abs(error) < 0.1, o.caseId() + " off by " + error);
      sum += Math.abs(error);
    }
    assertTrue(sum / made.size() < 0.02, "mean error " + sum / made.size());
    assertEquals(0.7, fit.matmul(), 0.05);
    assertEquals(0.6, fit.fp8Matmul(), 0.05);
  }
}
