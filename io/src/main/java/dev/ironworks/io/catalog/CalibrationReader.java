package dev.ironworks.io.catalog;

import static dev.ironworks.io.catalog.EntryFields.provenance;
import static dev.ironworks.io.catalog.EntryFields.share;

import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.units.Units;
import dev.ironworks.io.yaml.Suggest;
import dev.ironworks.io.yaml.YamlMap;
import java.util.List;

/** Reads a {@code calibration} entry: how close an accelerator family comes to its peaks. */
final class CalibrationReader {
  private CalibrationReader() {}

  static Calibration read(YamlMap m) {
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
        m.number("bestPublishedMfu", 0, false, 0.99, "fraction").orElse(0),
        fitted,
        provenance);
  }
}
