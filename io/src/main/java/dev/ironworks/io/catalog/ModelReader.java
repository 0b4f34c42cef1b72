package dev.ironworks.io.catalog;

import static dev.ironworks.io.catalog.EntryFields.provenance;

import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.io.yaml.YamlMap;

/**
 * Reads a model architecture: a {@code models} entry, or an inline {@code model:} mapping in a
 * scenario.
 */
public final class ModelReader {
  private ModelReader() {}

  /** A models catalog entry: id, name, source and asOf are required. */
  static TransformerModel entry(YamlMap m) {
    String id = m.requiredText("id");
    if (!m.has("source")) {
      m.problems().add(m.node(), m.field("source"), "required");
    }
    return read(m, id);
  }

  /**
   * Reads a model architecture: a catalog entry, or an inline {@code model:} mapping in a scenario
   * (where {@code id}, {@code name}, {@code source} and {@code asOf} may be left out).
   */
  public static TransformerModel read(YamlMap m, String id) {
    boolean inline = !m.has("source");
    Provenance provenance =
        inline
            ? new Provenance(
                "inline in the scenario",
                m.text("asOf").orElse("scenario"),
                m.text("notes").orElse(""))
            : provenance(m);
    if (inline) {
      m.text("name");
      m.allow("id");
    }
    int layers = m.requiredInteger("layers", 1, 100_000);
    int hidden = m.requiredInteger("hiddenSize", 1, 10_000_000);
    int heads = m.requiredInteger("attentionHeads", 1, 100_000);
    int kvHeads = m.integer("kvHeads", 1, 100_000).orElse(heads);
    int headDim = m.integer("headDim", 1, 100_000).orElse(heads > 0 ? hidden / heads : 1);
    int ffn = m.integer("ffnHiddenSize", 1, 100_000_000).orElse(4 * hidden);
    int experts = m.integer("experts", 1, 100_000).orElse(1);
    TransformerModel model =
        new TransformerModel(
            m.text("id").orElse(id),
            m.text("name").orElse(id),
            m.requiredPositive("parameters"),
            m.positive("activeParameters"),
            layers,
            hidden,
            heads,
            kvHeads,
            headDim,
            ffn,
            m.bool("ffnGated").orElse(false),
            m.requiredInteger("sequenceLength", 1, 100_000_000),
            m.requiredInteger("vocabularySize", 1, 100_000_000),
            m.bool("tiedEmbeddings").orElse(false),
            experts,
            m.integer("activeExperts", 1, 100_000).orElse(1),
            m.integer("sharedExperts", 0, 100_000).orElse(0),
            m.integer("expertFfnHiddenSize", 1, 100_000_000).orElse(ffn),
            m.integer("denseLayers", 0, 100_000).orElse(0),
            m.integer("moeLayerInterval", 1, 100_000).orElse(1),
            m.positive("attentionProjectionParameters"),
            m.integer("queryKeyHeadDim", 1, 100_000).orElse(headDim),
            m.integer("slidingWindowTokens", 1, 100_000_000).orElse(0),
            m.integer("slidingWindowLayers", 0, 100_000).orElse(0),
            m.positive("trainingTokens"),
            provenance);
    return model;
  }
}
