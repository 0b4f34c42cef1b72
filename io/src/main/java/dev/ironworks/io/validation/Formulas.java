package dev.ironworks.io.validation;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.cost.CostModel;
import dev.ironworks.core.memory.MemoryBreakdown;
import dev.ironworks.core.memory.MemoryModel;
import dev.ironworks.core.scenario.Precision;
import dev.ironworks.core.scenario.Recompute;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The model equations that validation cases evaluate directly on published inputs. */
final class Formulas {
  private Formulas() {}

  static Map<String, Object> evaluate(ValidationCase.Formula formula, Catalog catalog) {
    Map<String, String> in = formula.inputs();
    Map<String, Object> out = new LinkedHashMap<>();
    switch (formula.name()) {
      case "modelStates" -> {
        MemoryBreakdown states =
            MemoryModel.modelStates(
                number(in, "parameters"),
                (int) number(in, "data"),
                (int) number(in, "zeroStage"),
                Precision.valueOf(in.getOrDefault("precision", "bf16").toUpperCase(Locale.ROOT)));
        // GB = 10^9 bytes, as ZeRO's tables count.
        out.put("weightsGb", states.weightsBytes() / 1e9);
        out.put("gradientsGb", states.gradientsBytes() / 1e9);
        out.put("optimizerGb", states.optimizerBytes() / 1e9);
        out.put("totalGb", states.modelStatesBytes() / 1e9);
      }
      case "activationsPerLayer" -> {
        TransformerModel m = catalog.model(in.get("model"));
        MemoryModel.LayerShape shape =
            new MemoryModel.LayerShape(
                m.hiddenSize(),
                m.attentionHeads(),
                m.kvHeads(),
                m.headDim(),
                m.ffnHiddenSize(),
                m.ffnGated());
        out.put(
            "bytes",
            MemoryModel.activationBytesPerLayer(
                shape,
                number(in, "sequence"),
                number(in, "microBatch"),
                (int) number(in, "tensor"),
                Boolean.parseBoolean(in.getOrDefault("sequenceParallel", "false")),
                Recompute.valueOf(in.getOrDefault("recompute", "none").toUpperCase(Locale.ROOT))));
      }
      case "kvBytesPerToken" -> {
        TransformerModel shape = in.containsKey("model") ? catalog.model(in.get("model")) : null;
        double bytes = number(in, "bytesPerValue");
        out.put(
            "bytes",
            shape != null
                ? dev.ironworks.core.inference.InferenceModel.kvBytesPerToken(shape, bytes)
                : 2 * number(in, "layers") * number(in, "kvHeads") * number(in, "headDim") * bytes);
      }
      case "capitalRecoveryFactor" -> {
        double rate = number(in, "rate");
        double years = number(in, "years");
        double factor = CostModel.capitalRecoveryFactor(rate, years);
        out.put("factor", factor);
        // The yearly capital charge over straight-line depreciation's 1 / years.
        out.put("overStraightLine", factor * years);
      }
      default -> throw new IllegalArgumentException("unknown formula " + formula.name());
    }
    return out;
  }

  private static double number(Map<String, String> in, String key) {
    String text = in.get(key);
    if (text == null) {
      throw new IllegalArgumentException("formula input " + key + " is missing");
    }
    return Double.parseDouble(text);
  }
}
