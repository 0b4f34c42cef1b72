package dev.ironworks.core.compute;

import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.scenario.ParallelConfig;
import dev.ironworks.core.scenario.ParallelismSpec;
import dev.ironworks.core.scenario.PipelineSchedule;
import dev.ironworks.core.scenario.Recompute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Auto-parallelism: every tensor × pipeline × context × expert × micro-batch × interleave ×
 * recomputation × ZeRO configuration the fixed fields allow, with the largest data-parallel degree
 * that fits the accelerators and divides the batch (a count that does not factor leaves some
 * accelerators idle); those that fit in memory are ranked by iteration time, then memory.
 *
 * <p>Tensor parallelism divides the attention heads and stays inside a scale-up domain; pipeline
 * stages divide the layers or are a power of two (layers that do not divide are split unevenly,
 * {@link PipelineSplit}), and interleaved chunks divide a stage's layers and need a multiple of p
 * micro-batches (Megatron-LM's interleaved schedule); context parallelism needs at least 1,024
 * tokens a rank; expert parallelism divides the experts and the data-parallel ranks. Only what
 * frameworks run is offered: ZeRO-2 and ZeRO-3 (FSDP) shard over data-parallel ranks without
 * pipelining (Megatron-LM and DeepSpeed pair pipelines with ZeRO-1 at most); ZeRO-3 shards over
 * every data-parallel rank, or within each scale-up domain (HSDP).
 */
public final class ParallelismSearch {
  /** How many ranked configurations a search keeps. */
  public static final int TOP = 5;

  private static final int[] POWERS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};
  private static final int[] MICRO_BATCHES = {1, 2, 4, 8, 16, 32};
  private static final int MAX_PIPELINE = 128;

  private ParallelismSearch() {}

  /**
   * What a search found.
   *
   * @param top the fastest configurations that fit, fastest first (at most {@link #TOP})
   * @param evaluated configurations estimated
   * @param fitting configurations that fit in memory
   * @param leanest the configuration needing the least memory, when none fits
   */
  public record Result(
      List<StepEstimate> top, long evaluated, long fitting, Optional<StepEstimate> leanest) {
    public Result {
      top = List.copyOf(top);
    }
  }

  /**
   * Runs a search; {@link ParallelismSearch#search} itself, or a caller's wrapper of it (a sweep
   * remembers the searches its designs share: the search is a pure function of its arguments).
   */
  @FunctionalInterface
  public interface Searcher {
    Result search(TrainingContext ctx, ParallelismSpec spec);
  }

  public static Result search(TrainingContext ctx, ParallelismSpec spec) {
    TransformerModel m = ctx.model();
    long n = ctx.acceleratorCount();
    Comparator<StepEstimate> order =
        Comparator.comparingDouble(StepEstimate::iterationSeconds)
            .thenComparingDouble(e -> e.memory().totalBytes());
    List<StepEstimate> top = new ArrayList<>(TOP + 1);
    StepEstimate leanest = null;
    long evaluated = 0;
    long fitting = 0;
    for (int t : candidates(spec.tensor(), POWERS)) {
      if (m.attentionHeads() % t != 0
          || (t > ctx.scaleUpDomainSize() && spec.tensor().isEmpty())
          || n % t != 0) {
        continue;
      }
      for (int cp : candidates(spec.context(), POWERS)) {
        if (ctx.sequenceLength() % cp != 0
            || (cp > 1 && spec.context().isEmpty() && ctx.sequenceLength() / cp < 1024)
            || n % ((long) t * cp) != 0) {
          continue;
        }
        for (int p : pipelineCandidates(spec.pipeline(), m.layers())) {
          long tpc = (long) t * p * cp;
          long maxData = n / tpc;
          if (maxData < 1) {
            continue;
          }
          for (int b : candidates(spec.microBatch(), MICRO_BATCHES)) {
            int d = dataDegree(spec.data(), ctx.globalBatchSequences(), b, maxData);
            if (d < 1) {
              continue;
            }
            for (int ep : expertCandidates(spec.expert(), m, (long) d * t * cp)) {
              for (int v :
                  interleaveCandidates(
                      spec.interleave(),
                      m.layers(),
                      p,
                      ctx.options().pipelineSchedule() == PipelineSchedule.ZERO_BUBBLE)) {
                if (v > 1 && (ctx.globalBatchSequences() / ((long) d * b)) % p != 0) {
                  continue;
                }
                for (int z : zeroCandidates(spec.zeroStage(), p, d)) {
                  for (int g : shardCandidates(spec.shardGroup(), z, d, ctx, t)) {
                    for (int et : expertTensorCandidates(spec.expertTensor(), m, t)) {
                      if (spec.expert().isEmpty() && ((long) d * t * cp) % ((long) ep * et) != 0) {
                        continue;
                      }
                      for (Recompute r : recomputeCandidates(spec)) {
                        boolean sp = spec.sequenceParallel().orElse(t > 1);
                        ParallelConfig config =
                            new ParallelConfig(t, p, d, cp, ep, b, v, z, r, sp, g, et);
                        StepEstimate e = StepModel.estimate(ctx, config);
                        evaluated++;
                        if (!e.fits()) {
                          if (leanest == null
                              || e.memory().totalBytes() < leanest.memory().totalBytes()) {
                            leanest = e;
                          }
                          continue;
                        }
                        fitting++;
                        if (top.size() < TOP || order.compare(e, top.get(top.size() - 1)) < 0) {
                          top.add(e);
                          top.sort(order);
                          if (top.size() > TOP) {
                            top.remove(top.size() - 1);
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return new Result(
        List.copyOf(top),
        evaluated,
        fitting,
        top.isEmpty() ? Optional.ofNullable(leanest) : Optional.empty());
  }

  /**
   * The data-parallel degree: the fixed one if it fits, else the largest d ≤ {@code maxData} with d
   * × micro-batch dividing the batch (accelerators beyond t·p·d·c stay idle); 0 if none.
   */
  static int dataDegree(OptionalInt fixed, int batch, int microBatch, long maxData) {
    if (batch % microBatch != 0) {
      return 0;
    }
    int perMicroBatch = batch / microBatch;
    if (fixed.isPresent()) {
      int d = fixed.getAsInt();
      return d <= maxData && perMicroBatch % d == 0 ? d : 0;
    }
    for (long d = Math.min(maxData, perMicroBatch); d >= 1; d--) {
      if (perMicroBatch % d == 0) {
        return (int) d;
      }
    }
    return 0;
  }

  private static int[] candidates(OptionalInt fixed, int[] options) {
    return fixed.isPresent() ? new int[] {fixed.getAsInt()} : options;
  }

  /**
   * Pipeline degrees: divisors of the layer count, and powers of two up to it (stages then hold
   * ⌈L/p⌉ or fewer layers, as Llama 3's 126 layers on 16 stages did).
   */
  private static List<Integer> pipelineCandidates(OptionalInt fixed, int layers) {
    List<Integer> out = new ArrayList<>();
    if (fixed.isPresent()) {
      out.add(fixed.getAsInt());
      return out;
    }
    for (int p = 1; p <= layers; p++) {
      if (layers % p == 0 || (Integer.bitCount(p) == 1 && p <= MAX_PIPELINE)) {
        out.add(p);
      }
    }
    return out;
  }

  /** Interleaved chunks to try: the fixed one, else 1 and the divisors of a stage's layers. */
  private static List<Integer> interleaveCandidates(
      OptionalInt fixed, int layers, int p, boolean zeroBubble) {
    List<Integer> out = new ArrayList<>();
    if (fixed.isPresent()) {
      out.add(fixed.getAsInt());
      return out;
    }
    if (zeroBubble) {
      // Zero-bubble schedules are not interleaved.
      out.add(1);
      return out;
    }
    int perStage = Math.max(1, (layers + p - 1) / p);
    for (int v = 1; v <= Math.min(perStage, 16); v++) {
      if (perStage % v == 0 && (v == 1 || p > 1)) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * Expert-parallel degrees: powers of two dividing the experts and the ranks they fold over (the
   * data, tensor and context ranks of a pipeline stage).
   */
  private static List<Integer> expertCandidates(OptionalInt fixed, TransformerModel m, long ranks) {
    List<Integer> out = new ArrayList<>();
    if (fixed.isPresent()) {
      out.add(fixed.getAsInt());
      return out;
    }
    if (!m.isMoe()) {
      out.add(1);
      return out;
    }
    for (int ep : POWERS) {
      if (ep <= m.experts() && m.experts() % ep == 0 && ranks % ep == 0) {
        out.add(ep);
      }
    }
    return out;
  }

  private static List<Integer> zeroCandidates(OptionalInt fixed, int p, int d) {
    List<Integer> out = new ArrayList<>();
    if (fixed.isPresent()) {
      out.add(fixed.getAsInt());
      return out;
    }
    out.add(0);
    if (d > 1) {
      out.add(1);
      if (p == 1) {
        out.add(2);
        out.add(3);
      }
    }
    return out;
  }

  /**
   * ZeRO-3 shard groups: the fixed one, else every data-parallel rank and, when it divides d, the
   * ranks of one scale-up domain (HSDP). Other stages shard over every rank.
   */
  private static List<Integer> shardCandidates(
      OptionalInt fixed, int zero, int d, TrainingContext ctx, int t) {
    if (zero != 3) {
      return List.of(d);
    }
    if (fixed.isPresent()) {
      return fixed.getAsInt() <= d && d % fixed.getAsInt() == 0
          ? List.of(fixed.getAsInt())
          : List.of();
    }
    int domain = Math.max(ctx.acceleratorsPerServer(), ctx.scaleUpDomainSize()) / t;
    if (domain > 1 && domain < d && d % domain == 0) {
      return List.of(d, domain);
    }
    return List.of(d);
  }

  /**
   * Expert tensor-parallel degrees: the fixed one if it divides t, else for a MoE model with t > 1
   * both whole experts (1) and experts split like the dense layers (t); otherwise t.
   */
  private static List<Integer> expertTensorCandidates(
      OptionalInt fixed, TransformerModel m, int t) {
    if (fixed.isPresent()) {
      return t % fixed.getAsInt() == 0 ? List.of(fixed.getAsInt()) : List.of();
    }
    if (m.isMoe() && t > 1) {
      return List.of(t, 1);
    }
    return List.of(t);
  }

  private static List<Recompute> recomputeCandidates(ParallelismSpec spec) {
    return spec.recompute()
        .map(List::of)
        .orElse(List.of(Recompute.NONE, Recompute.SELECTIVE, Recompute.BLOCK, Recompute.FULL));
  }
}
