package dev.ironworks.io.catalog;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.CatalogKind;
import dev.ironworks.core.catalog.FailureRates;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.io.yaml.Problems;
import dev.ironworks.io.yaml.Suggest;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.error.Mark;

/**
 * Checks the references between catalog entries (an accelerator's default server and scale-up
 * interconnect, a server's accelerator, the accelerators a calibration applies to) and the entries
 * the planner needs by id. Only entries read from the files at hand are checked, on their lines.
 */
final class CrossReferences {
  private CrossReferences() {}

  /**
   * Reports broken references of the entries in {@code read} to their files, and missing default
   * entries of {@code catalog} to {@code fallback}.
   */
  static void check(Catalog catalog, EntriesRead read, Problems fallback) {
    for (EntriesRead.Located at : read.of(CatalogKind.ACCELERATORS)) {
      Accelerator a = catalog.accelerator(at.entry().id());
      Problems p = at.file();
      Mark mark = at.mark();
      if (!catalog.servers().containsKey(a.defaultServerId())) {
        p.add(
            mark,
            "accelerators." + a.id() + ".defaultServer",
            unknown("server", a.defaultServerId(), catalog.servers().keySet()));
      } else if (!catalog.server(a.defaultServerId()).acceleratorId().equals(a.id())) {
        p.add(
            mark,
            "accelerators." + a.id() + ".defaultServer",
            "server '"
                + a.defaultServerId()
                + "' holds '"
                + catalog.server(a.defaultServerId()).acceleratorId()
                + "'");
      }
      if (!catalog.scaleUps().containsKey(a.scaleUpId())) {
        p.add(
            mark,
            "accelerators." + a.id() + ".scaleUp",
            unknown("scale-up interconnect", a.scaleUpId(), catalog.scaleUps().keySet()));
      }
    }
    for (EntriesRead.Located at : read.of(CatalogKind.SERVERS)) {
      ServerSpec s = catalog.server(at.entry().id());
      if (!catalog.accelerators().containsKey(s.acceleratorId())) {
        at.file()
            .add(
                at.mark(),
                "servers." + s.id() + ".accelerator",
                unknown("accelerator", s.acceleratorId(), catalog.accelerators().keySet()));
      }
      s.scaleUpId()
          .filter(id -> !catalog.scaleUps().containsKey(id))
          .ifPresent(
              id ->
                  at.file()
                      .add(
                          at.mark(),
                          "servers." + s.id() + ".scaleUp",
                          unknown("scale-up interconnect", id, catalog.scaleUps().keySet())));
      s.scaleUpId()
          .filter(catalog.scaleUps()::containsKey)
          .filter(id -> s.scaleUpDomainSize() > catalog.scaleUps().get(id).maxDomainSize())
          .ifPresent(
              id ->
                  at.file()
                      .add(
                          at.mark(),
                          "servers." + s.id() + ".scaleUpDomainSize",
                          s.scaleUpDomainSize()
                              + " exceeds scale-up interconnect '"
                              + id
                              + "', which joins at most "
                              + catalog.scaleUps().get(id).maxDomainSize()));
    }
    Map<String, String> familyOf = new TreeMap<>();
    for (EntriesRead.Located at : read.of(CatalogKind.CALIBRATION)) {
      Calibration c = catalog.calibrations().get(at.entry().id());
      Problems p = at.file();
      Mark mark = at.mark();
      for (String a : c.appliesTo()) {
        if (!catalog.accelerators().containsKey(a)) {
          p.add(
              mark,
              "calibration." + c.id() + ".appliesTo",
              unknown("accelerator", a, catalog.accelerators().keySet()));
        }
        String other = familyOf.put(a, c.id());
        if (other != null && !other.equals(c.id())) {
          p.add(
              mark,
              "calibration." + c.id() + ".appliesTo",
              "'" + a + "' is already covered by calibration entry '" + other + "'");
        }
      }
    }
    if (!catalog.failureRates().containsKey(FailureRates.DEFAULT)) {
      fallback.add((Mark) null, "failureRates", "the catalog needs a failureRates entry 'default'");
    }
    if (!catalog.calibrations().containsKey(Calibration.DEFAULT)) {
      fallback.add((Mark) null, "calibration", "the catalog needs a calibration entry 'default'");
    }
    if (!catalog.assumptions().containsKey(Catalog.DEFAULT_ASSUMPTIONS)) {
      fallback.add((Mark) null, "assumptions", "the catalog needs an assumptions entry 'default'");
    }
  }

  /** "unknown WHAT 'id'" with the closest known id, if one is close. */
  private static String unknown(String what, String id, Collection<String> known) {
    return "unknown " + what + " '" + id + "'" + Suggest.didYouMean(id, known);
  }
}
