package dev.ironworks.core.compute;

import static dev.ironworks.core.compute.TrainingFixtures.dense;
import static dev.ironworks.core.compute.TrainingFixtures.moe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.TransformerModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting layers over pipeline stages, evenly or with lighter first and last stages. */
class PipelineSplitTest {
  private static List<Integer> layers(PipelineSplit split) {
    return split.devices().stream().map(PipelineSplit.DeviceLayers::layers).toList();
  }

  @Test
  void layersThatDivideAreSplitEvenlyWithTheEmbeddingFirstAndTheOutputLast() {
    TransformerModel m = dense("m", 80, 8192, 64, 8, 128, 28672, true, 8192, 128256, false);
    PipelineSplit split = PipelineSplit.of(m, 4, 5);
    assertEquals(List.of(20, 20, 20, 20), layers(split));
    assertTrue(split.devices().get(0).holdsEmbedding());
    assertTrue(split.devices().get(3).holdsOutput());
    assertFalse(split.devices().get(1).holdsEmbedding() || split.devices().get(1).holdsOutput());
  }

  @Test
  void llamaThreeFourOhFivesLayersOnSixteenStagesLeaveTheEndsOneLayerLighter() {
    // 126 layers + embedding + output = 128 places on 16 stages: 8 each, so the first and last
    // stages run 7 layers (Llama 3 405B on 16 pipeline stages).
    TransformerModel m = dense("l405", 126, 16384, 128, 8, 128, 53248, true, 8192, 128256, false);
    List<Integer> split = layers(PipelineSplit.of(m, 16, 1));
    assertEquals(7, split.get(0));
    assertEquals(7, split.get(15));
    for (int d = 1; d < 15; d++) {
      assertEquals(8, split.get(d));
    }
    assertEquals(126, split.stream().mapToInt(Integer::intValue).sum());
    // Interleaved over 8 × 4 chunks: every device runs 4 chunks, the ends one layer fewer.
    List<Integer> interleaved = layers(PipelineSplit.of(m, 8, 4));
    assertEquals(126, interleaved.stream().mapToInt(Integer::intValue).sum());
    assertEquals(15, interleaved.get(0));
    assertEquals(15, interleaved.get(7));
  }

  @Test
  void sixtyOneLayersOnSixteenStagesKeepTheDenseLayersFirst() {
    // DeepSeek-V3-like: 61 layers, the first 3 dense; 63 places on 16 stages.
    TransformerModel m =
        withDenseLayers(moe("ds", 61, 7168, 128, 128, 128, 2048, 256, 8, 4096, 129280), 3);
    PipelineSplit split = PipelineSplit.of(m, 16, 1);
    assertEquals(61, layers(split).stream().mapToInt(Integer::intValue).sum());
    assertEquals(3, split.devices().get(0).denseLayers());
    int moeLayers = split.devices().stream().mapToInt(PipelineSplit.DeviceLayers::moeLayers).sum();
    assertEquals(m.moeLayerCount(), moeLayers);
    int busiest = layers(split).stream().mapToInt(Integer::intValue).max().orElseThrow();
    assertEquals(4, busiest);
    assertTrue(layers(split).get(0) < busiest);
  }

  private static TransformerModel withDenseLayers(TransformerModel m, int dense) {
    return new TransformerModel(
        m.id(),
        m.name(),
        m.parameters(),
        m.activeParametersPublished(),
        m.layers(),
        m.hiddenSize(),
        m.attentionHeads(),
        m.kvHeads(),
        m.headDim(),
        m.ffnHiddenSize(),
        m.ffnGated(),
        m.sequenceLength(),
        m.vocabularySize(),
        m.tiedEmbeddings(),
        m.experts(),
        m.activeExperts(),
        m.sharedExperts(),
        m.expertFfnHiddenSize(),
        dense,
        m.moeLayerInterval(),
        m.attentionProjectionParameters(),
        m.queryKeyHeadDim(),
        m.slidingWindowTokens(),
        m.slidingWindowLayers(),
        m.trainingTokens(),
        m.provenance(),
        0,
        0,
        m.contextTokens());
  }
}
