package dev.ironworks.io.catalog;

import static dev.ironworks.io.catalog.EntryFields.provenance;

import dev.ironworks.core.catalog.FailureRates;
import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.io.yaml.YamlMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a failure-rate set: a {@code failureRates} entry, or an inline {@code
 * reliability.failureRates} mapping in a scenario.
 */
public final class FailureRatesReader {
  private FailureRatesReader() {}

  /** A failureRates catalog entry: id, name, source and asOf are required. */
  static FailureRates entry(YamlMap m) {
    m.requiredText("id");
    return read(m, provenance(m));
  }

  /**
   * Reads a failure-rate set: a catalog entry, or an inline {@code reliability.failureRates}
   * mapping (with {@code distribution: exponential | {weibull: {shape: k}}}).
   */
  public static FailureRates read(YamlMap m, Provenance provenance) {
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
}
