package dev.ironworks.core.plan;

import static dev.ironworks.core.compute.TrainingFixtures.A100;
import static dev.ironworks.core.compute.TrainingFixtures.context;
import static dev.ironworks.core.compute.TrainingFixtures.gpt3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.compute.Flops;
import dev.ironworks.core.compute.StepEstimate;
import dev.ironworks.core.compute.TrainingContext;
import dev.ironworks.core.scenario.AttentionKernel;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.ParallelismSpec;
import dev.ironworks.core.scenario.Precision;
import dev.ironworks.core.scenario.Recompute;
import dev.ironworks.core.scenario.TrainingOptions;
import dev.ironworks.core.scenario.TrainingRun;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * From the best step to what a run reports: GPT-3 175B trained on 300B tokens (Brown et al. 2020)
 * on 1,024 A100s at a global batch of 1,536 sequences of 2,048 tokens, tensor parallel 8 and
 * pipeline 8 fixed, the rest searched.
 */
class TrainingPlannerTest {
  private static final double TOKENS = 300e9;
  private static final int GLOBAL_BATCH = 1536;
  private static final int SEQ = 2048;
  private static final int ACCELERATORS = 1024;
  private static final double SECONDS_PER_DAY = 86_400;

  private static final TransformerModel GPT3 = gpt3();
  private static final TrainingContext CTX = context(GPT3, GLOBAL_BATCH, ACCELERATORS, A100);

  private static ParallelismSpec megatron(Optional<Recompute> recompute) {
    return new ParallelismSpec(
        OptionalInt.of(8),
        OptionalInt.of(8),
        OptionalInt.empty(),
        OptionalInt.of(1),
        OptionalInt.empty(),
        OptionalInt.empty(),
        OptionalInt.empty(),
        OptionalInt.empty(),
        recompute,
        Optional.empty());
  }

  private static TrainingRun run(ParallelismSpec spec) {
    return new TrainingRun(
        Optional.of(GPT3.id()),
        Optional.of(GPT3),
        OptionalDouble.of(TOKENS),
        OptionalInt.of(GLOBAL_BATCH),
        OptionalInt.of(SEQ),
        Precision.BF16,
        spec,
        TrainingOptions.withAttention(AttentionKernel.UNFUSED),
        OptionalDouble.empty(),
        Optional.empty());
  }

  @Test
  void reportsTheBestStepsThroughputUtilizationAndDays() {
    TrainingPerformance perf =
        TrainingPlanner.perform(CTX, run(megatron(Optional.empty())), TOKENS);
    StepEstimate best = perf.best();
    assertEquals(ACCELERATORS, best.config().worldSize());
    double tokensPerIteration = (double) GLOBAL_BATCH * SEQ;
    double tokensPerSecond = tokensPerIteration / best.iterationSeconds();
    assertEquals(tokensPerSecond, perf.tokensPerSecond(), 1e-9 * tokensPerSecond);
    double peak = A100.peakFlopPerSecond() * ACCELERATORS;
    double mfu = best.modelFlopsPerIteration() / best.iterationSeconds() / peak;
    double hfu = best.hardwareFlopsPerIteration() / best.iterationSeconds() / peak;
    assertEquals(mfu, perf.mfu(), 1e-12);
    assertEquals(hfu, perf.hfu(), 1e-12);
    assertEquals(
        best.hardwareFlopsPerIteration() / best.iterationSeconds() / ACCELERATORS / 1e12,
        perf.achievedTflopsPerAccelerator(),
        1e-9);
    assertEquals(TOKENS / tokensPerSecond / SECONDS_PER_DAY, perf.predictedDays(), 1e-9);
    double flops = Flops.modelPerToken(GPT3, SEQ) * TOKENS;
    assertEquals(flops, perf.flopsTotal(), 1e-12 * flops);
    assertTrue(perf.alternatives().size() <= 4);
    perf.alternatives().forEach(a -> assertTrue(a.iterationSeconds() >= best.iterationSeconds()));
    assertTrue(perf.fitting() >= 1 + perf.alternatives().size());
    assertTrue(perf.evaluated() >= perf.fitting());
  }

  @Test
  void modelFlopsUtilizationNeverExceedsHardwareFlopsUtilizationNorOne() {
    for (Recompute r : Recompute.values()) {
      TrainingPerformance perf =
          TrainingPlanner.perform(CTX, run(megatron(Optional.of(r))), TOKENS);
      assertTrue(perf.mfu() > 0, r.id());
      assertTrue(perf.mfu() <= perf.hfu(), r.id());
      assertTrue(perf.hfu() <= 1, r.id());
    }
  }

  @Test
  void fullRecomputationRaisesExecutedOverModelFlops() {
    // An unfused kernel executes the whole score matrix in all four passes (forward, two
    // backward, recomputed forward); model FLOPs count the causal half in three.
    TrainingPerformance perf =
        TrainingPlanner.perform(CTX, run(megatron(Optional.of(Recompute.FULL))), TOKENS);
    TransformerModel m = CTX.model();
    double ratio =
        Flops.executedPerToken(m, SEQ, Recompute.FULL, false) / Flops.modelPerToken(m, SEQ);
    assertEquals(ratio, perf.hfu() / perf.mfu(), 1e-12);
    double megatronRatio =
        Flops.megatronPerIteration(GLOBAL_BATCH, SEQ, 96, 12288, 51200, true)
            / Flops.megatronPerIteration(GLOBAL_BATCH, SEQ, 96, 12288, 51200, false);
    assertTrue(ratio > megatronRatio, "the masked half is work the model does not need");
  }

  @Test
  void aModelTooBigForTheClusterIsInfeasibleAndNamesTheLeanestConfiguration() {
    TrainingContext oneBox = context(GPT3, GLOBAL_BATCH, 8, A100);
    InfeasibleScenarioException e =
        assertThrows(
            InfeasibleScenarioException.class,
            () -> TrainingPlanner.perform(oneBox, run(ParallelismSpec.auto()), TOKENS));
    assertEquals("workload.training.parallelism", e.field());
    assertTrue(e.getMessage().contains("leanest"), e.getMessage());
  }

  @Test
  void aPlanAboveTheBestPublishedMfuOfItsFormatSaysSo() {
    TrainingPerformance perf =
        TrainingPlanner.perform(CTX, run(megatron(Optional.empty())), TOKENS);
    Calibration base = CTX.calibration();
    double mfu = perf.mfu();
    // A 16-bit plan: only the bf16 figure speaks to it, and only when the plan exceeds it.
    Calibration below = base.withBestPublishedMfu(Map.of("bf16", mfu * 0.9, "fp8", mfu * 2 / 3));
    List<String> notes = TrainingPlanner.plausibilityNotes(perf, below);
    assertEquals(1, notes.size(), notes.toString());
    assertTrue(notes.get(0).contains("above the best published 16-bit MFU"), notes.get(0));
    assertTrue(
        TrainingPlanner.plausibilityNotes(
                perf, base.withBestPublishedMfu(Map.of("bf16", mfu * 1.1)))
            .isEmpty());
    // An FP8 figure sets no ceiling for a BF16 plan: the plan says nothing bounds it.
    List<String> unbounded =
        TrainingPlanner.plausibilityNotes(
            perf, base.withBestPublishedMfu(Map.of("fp8", mfu * 0.5)));
    assertEquals(1, unbounded.size(), unbounded.toString());
    assertTrue(
        unbounded.get(0).contains("cannot be checked against a published run")
            && unbounded.get(0).contains("no dense 16-bit run"),
        unbounded.get(0));
  }
}
