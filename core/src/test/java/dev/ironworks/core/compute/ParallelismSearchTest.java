package dev.ironworks.core.compute;

import static dev.ironworks.core.compute.TrainingFixtures.A100;
import static dev.ironworks.core.compute.TrainingFixtures.H100;
import static dev.ironworks.core.compute.TrainingFixtures.HGX_DOMAIN;
import static dev.ironworks.core.compute.TrainingFixtures.config;
import static dev.ironworks.core.compute.TrainingFixtures.context;
import static dev.ironworks.core.compute.TrainingFixtures.gpt3;
import static dev.ironworks.core.compute.TrainingFixtures.gpt3Small;
import static dev.ironworks.core.compute.TrainingFixtures.mixtral;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.scenario.ParallelConfig;
import dev.ironworks.core.scenario.ParallelismSpec;
import dev.ironworks.core.scenario.Recompute;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The auto-parallelism search: what it may return, and in what order. */
class ParallelismSearchTest {

  /** The invariants every search result keeps. */
  private static void assertWellFormed(TrainingContext ctx, ParallelismSearch.Result r) {
    List<StepEstimate> top = r.top();
    assertTrue(top.size() <= ParallelismSearch.TOP);
    assertTrue(r.fitting() >= top.size());
    assertTrue(r.evaluated() >= r.fitting());
    assertEquals(top.isEmpty(), r.fitting() == 0);
    for (int i = 0; i < top.size(); i++) {
      StepEstimate e = top.get(i);
      ParallelConfig c = e.config();
      String name = c.label();
      assertTrue(e.fits(), name);
      assertTrue(e.memory().totalBytes() <= ctx.memoryBytes(), name);
      // t·p·d·c never exceeds the accelerators; a count that does not factor leaves some idle.
      assertEquals((long) c.tensor() * c.pipeline() * c.data() * c.context(), c.worldSize());
      assertTrue(c.worldSize() <= ctx.acceleratorCount(), name);
      assertEquals(0, ctx.acceleratorCount() % c.tensor(), name);
      assertEquals(0, ctx.globalBatchSequences() % ((long) c.data() * c.microBatch()), name);
      assertTrue(e.microBatches() > 0, name);
      assertEquals(0, ctx.model().attentionHeads() % c.tensor(), name);
      assertEquals(0, ctx.model().layers() % c.pipeline(), name);
      assertEquals(0, ctx.sequenceLength() % c.context(), name);
      if (i > 0) {
        assertTrue(top.get(i - 1).iterationSeconds() <= e.iterationSeconds(), "not sorted at " + i);
      }
    }
    if (!top.isEmpty()) {
      assertTrue(r.leanest().isEmpty());
    }
  }

  @Test
  void aSmallModelOnTwoBoxesFindsFittingConfigurationsFastestFirst() {
    TrainingContext ctx = context(gpt3Small(), 256, 16, A100);
    ParallelismSearch.Result r = ParallelismSearch.search(ctx, ParallelismSpec.auto());
    assertWellFormed(ctx, r);
    assertEquals(ParallelismSearch.TOP, r.top().size());
  }

  @Test
  void gpt3OnAThousandA100sKeepsEveryRuleTheSearchDocuments() {
    TrainingContext ctx = context(gpt3(), 1536, 1024, A100);
    ParallelismSearch.Result r = ParallelismSearch.search(ctx, ParallelismSpec.auto());
    assertWellFormed(ctx, r);
    assertFalse(r.top().isEmpty());
    // Powers of two factor: the fastest leaves no accelerator idle.
    assertEquals(1024, r.top().get(0).config().worldSize());
    for (StepEstimate e : r.top()) {
      ParallelConfig c = e.config();
      // Unfixed tensor parallelism stays inside the NVLink domain.
      assertTrue(c.tensor() <= HGX_DOMAIN, c.label());
      // Context parallelism keeps at least 1,024 tokens a rank.
      assertTrue(ctx.sequenceLength() / c.context() >= 1024, c.label());
      // ZeRO-3 is not combined with pipelining.
      assertTrue(c.zeroStage() < 3 || c.pipeline() == 1, c.label());
      // Interleaved chunks divide a stage's layers, and need a pipeline.
      assertEquals(0, (ctx.model().layers() / c.pipeline()) % c.interleave(), c.label());
      assertTrue(c.interleave() == 1 || c.pipeline() > 1, c.label());
      // Dense model: no expert parallelism; sequence parallel exactly when tensor parallel.
      assertEquals(1, c.expert(), c.label());
      assertEquals(c.tensor() > 1, c.sequenceParallel(), c.label());
    }
  }

  @Test
  void fixedFieldsAreRespected() {
    TrainingContext ctx = context(gpt3Small(), 256, 16, A100);
    ParallelismSpec spec =
        new ParallelismSpec(
            OptionalInt.of(2),
            OptionalInt.of(2),
            OptionalInt.empty(),
            OptionalInt.empty(),
            OptionalInt.empty(),
            OptionalInt.of(2),
            OptionalInt.empty(),
            OptionalInt.of(1),
            Optional.of(Recompute.SELECTIVE),
            Optional.of(false));
    ParallelismSearch.Result r = ParallelismSearch.search(ctx, spec);
    assertWellFormed(ctx, r);
    assertFalse(r.top().isEmpty());
    for (StepEstimate e : r.top()) {
      ParallelConfig c = e.config();
      assertEquals(2, c.tensor(), c.label());
      assertEquals(2, c.pipeline(), c.label());
      assertEquals(2, c.microBatch(), c.label());
      assertEquals(1, c.zeroStage(), c.label());
      assertEquals(Recompute.SELECTIVE, c.recompute(), c.label());
      assertFalse(c.sequenceParallel(), c.label());
    }
  }

  @Test
  void aFixedDataDegreeTheClusterCannotHoldFindsNothing() {
    TrainingContext ctx = context(gpt3Small(), 256, 16, A100);
    ParallelismSpec spec =
        new ParallelismSpec(
            OptionalInt.of(4),
            OptionalInt.of(1),
            OptionalInt.of(8),
            OptionalInt.of(1),
            OptionalInt.empty(),
            OptionalInt.empty(),
            OptionalInt.empty(),
            OptionalInt.empty(),
            Optional.empty(),
            Optional.empty());
    ParallelismSearch.Result r = ParallelismSearch.search(ctx, spec);
    assertTrue(r.top().isEmpty());
    assertTrue(r.leanest().isEmpty());
    assertEquals(0, r.evaluated());
  }

  @Test
  void aCountThatDoesNotFactorLeavesAcceleratorsIdle() {
    // 7 accelerators: 7 divides neither the 16 heads, the 24 layers nor the batch of 64, so at
    // most 6 work (pipeline 3 or 6 with data 2 or 1, or data 4 with pipeline 1).
    TrainingContext ctx = context(gpt3Small(), 64, 7, A100);
    ParallelismSearch.Result r = ParallelismSearch.search(ctx, ParallelismSpec.auto());
    assertWellFormed(ctx, r);
    assertFalse(r.top().isEmpty());
    r.top().forEach(e -> assertTrue(e.config().worldSize() <= 6, e.config().label()));
  }

  @Test
  void aBatchNoDataDegreeDividesFindsNothing() {
    // A batch of 1 sequence and micro-batches of at least 2: nothing divides it.
    TrainingContext ctx = context(gpt3Small(), 1, 16, A100);
    ParallelismSpec spec =
        new ParallelismSpec(
            OptionalInt.empty(),
            OptionalInt.empty(),
            OptionalInt.empty(),
            OptionalInt.empty(),
            OptionalInt.empty(),
            OptionalInt.of(2),
            OptionalInt.empty(),
            OptionalInt.empty(),
            Optional.empty(),
            Optional.empty());
    ParallelismSearch.Result r = ParallelismSearch.search(ctx, spec);
    assertTrue(r.top().isEmpty());
    assertTrue(r.leanest().isEmpty());
    assertEquals(0, r.evaluated());
    assertEquals(0, r.fitting());
  }

  @Test
  void aModelTooBigForTheMemoryYieldsOnlyTheLeanestEstimate() {
    // GPT-3 175B needs 16 bytes × 175B = 2.8 TB of model states: 350 GB a GPU on one box.
    TrainingContext ctx = context(gpt3(), 64, 8, A100);
    ParallelismSearch.Result r = ParallelismSearch.search(ctx, ParallelismSpec.auto());
    assertTrue(r.top().isEmpty());
    assertEquals(0, r.fitting());
    assertTrue(r.evaluated() > 0);
    assertTrue(r.leanest().isPresent());
    StepEstimate leanest = r.leanest().get();
    assertFalse(leanest.fits());
    assertTrue(leanest.memory().totalBytes() > ctx.memoryBytes());
    assertTrue(
        leanest.memory().modelStatesBytes() >= 16 * gpt3().structuralParameters() / 8 * 0.99);
    // No hand-picked configuration needs less.
    for (ParallelConfig c :
        List.of(
            config(8, 1, 1, 1, 1, 0, Recompute.FULL),
            config(1, 8, 1, 1, 1, 0, Recompute.FULL),
            config(2, 4, 1, 1, 1, 0, Recompute.FULL),
            config(1, 1, 8, 1, 1, 3, Recompute.FULL),
            config(4, 1, 2, 1, 1, 3, Recompute.FULL))) {
      assertTrue(
          leanest.memory().totalBytes() <= StepModel.estimate(ctx, c).memory().totalBytes(),
          c.label());
    }
  }

  @Test
  void denseModelsNeverUseExpertParallelism() {
    TrainingContext ctx = context(gpt3Small(), 256, 16, A100);
    ParallelismSearch.Result r = ParallelismSearch.search(ctx, ParallelismSpec.auto());
    assertFalse(r.top().isEmpty());
    r.top().forEach(e -> assertEquals(1, e.config().expert(), e.config().label()));
    TrainingContext tight = context(gpt3(), 64, 8, A100);
    assertEquals(
        1,
        ParallelismSearch.search(tight, ParallelismSpec.auto()).leanest().get().config().expert());
  }

  @Test
  void mixtureOfExpertsSplitsTheExpertsOverTheRanksTheyFoldInto() {
    TransformerModel m = mixtral();
    TrainingContext ctx = context(m, 4096, 256, 16, H100, true);
    ParallelismSearch.Result r = ParallelismSearch.search(ctx, ParallelismSpec.auto());
    assertWellFormed(ctx, r);
    assertFalse(r.top().isEmpty());
    for (StepEstimate e : r.top()) {
      ParallelConfig c = e.config();
      assertEquals(0, m.experts() % c.expert(), c.label());
      // Megatron-Core's MoE parallel folding: the expert-parallel × expert-tensor group divides
      // the data × tensor × context ranks of a stage.
      long folded = (long) c.data() * c.tensor() * c.context();
      assertEquals(0, folded % ((long) c.expert() * c.expertTensor()), c.label());
    }
    assertTrue(
        r.top().stream().anyMatch(e -> e.config().expert() > 1),
        "46.7B of experts on 16 GPUs should shard them");
  }
}
