package dev.ironworks.core.compute;

import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.catalog.ScaleUpTopology;
import dev.ironworks.core.catalog.ServingEfficiency;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.scenario.AttentionKernel;
import dev.ironworks.core.scenario.ParallelConfig;
import dev.ironworks.core.scenario.ParallelismSpec;
import dev.ironworks.core.scenario.Precision;
import dev.ironworks.core.scenario.Recompute;
import dev.ironworks.core.scenario.TrainingOptions;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Models, accelerators and calibrations built by hand for the training-model tests (core tests read
 * no catalog files). Figures are datasheet values; each constant names its unit.
 */
public final class TrainingFixtures {
  private TrainingFixtures() {}

  public static final Provenance TEST = new Provenance("estimate: test", "2025-01", "");

  public static final double GIB = 1024.0 * 1024 * 1024;

  // ---- NVIDIA A100 SXM 80 GB in an HGX A100 box (eight 200 Gb/s HDR rails).
  public static final double A100_PEAK_FLOP_PER_SECOND = 312e12;
  public static final double A100_MEMORY_BYTES = 80 * GIB;
  public static final double A100_HBM_BYTES_PER_SECOND = 2.039e12;

  /** NVLink 3: 600 GB/s bidirectional, 300 GB/s per direction. */
  public static final double A100_SCALE_UP_BYTES_PER_SECOND = 300e9;

  /** One 200 Gb/s HDR NIC per GPU. */
  public static final double A100_SCALE_OUT_BYTES_PER_SECOND = 25e9;

  // ---- NVIDIA H100 SXM 80 GB in an HGX H100 box (eight 400 Gb/s NDR rails).
  public static final double H100_PEAK_FLOP_PER_SECOND = 989e12;
  public static final double H100_MEMORY_BYTES = 80 * GIB;
  public static final double H100_HBM_BYTES_PER_SECOND = 3.35e12;

  /** NVLink 4: 900 GB/s bidirectional, 450 GB/s per direction. */
  public static final double H100_SCALE_UP_BYTES_PER_SECOND = 450e9;

  /** One 400 Gb/s NDR NIC per GPU. */
  public static final double H100_SCALE_OUT_BYTES_PER_SECOND = 50e9;

  public static final int HGX_DOMAIN = 8;
  public static final int HGX_PER_SERVER = 8;

  /** A 64-port leaf with 32 ports down, one server per port. */
  public static final int SERVERS_PER_LEAF = 32;

  public static final double NON_BLOCKING = 1.0;

  /** An accelerator and the box it sits in. */
  public record Hardware(
      String id,
      double peakFlopPerSecond,
      double memoryBytes,
      double hbmBytesPerSecond,
      double scaleUpBytesPerSecond,
      int scaleUpDomainSize,
      int perServer,
      double scaleOutBytesPerSecond) {}

  public static final Hardware A100 =
      new Hardware(
          "a100-sxm-80gb",
          A100_PEAK_FLOP_PER_SECOND,
          A100_MEMORY_BYTES,
          A100_HBM_BYTES_PER_SECOND,
          A100_SCALE_UP_BYTES_PER_SECOND,
          HGX_DOMAIN,
          HGX_PER_SERVER,
          A100_SCALE_OUT_BYTES_PER_SECOND);

  public static final Hardware H100 =
      new Hardware(
          "h100-sxm",
          H100_PEAK_FLOP_PER_SECOND,
          H100_MEMORY_BYTES,
          H100_HBM_BYTES_PER_SECOND,
          H100_SCALE_UP_BYTES_PER_SECOND,
          HGX_DOMAIN,
          HGX_PER_SERVER,
          H100_SCALE_OUT_BYTES_PER_SECOND);

  // ---- The catalog's default calibration (io calibration.yaml, entry 'default').
  public static final double MATMUL = 0.75;
  public static final double MATMUL_HALF_DIMENSION = 128;
  public static final double ATTENTION = 0.5;
  public static final double MEMORY = 0.85;
  public static final double COLLECTIVE = 0.8;
  public static final double COLLECTIVE_LATENCY_SECONDS = 10e-6;
  public static final double RESERVED_BYTES = 2 * GIB;

  public static Calibration calibration() {
    return calibration(MATMUL, ATTENTION);
  }

  /**
   * A calibration with the given kernel efficiencies (every precision's multiplies at {@code
   * matmul}), no ceiling below peak, no allocator headroom, and no host or overlap costs: the
   * fixtures' step times are the kernels' and the links' alone unless a test asks for more.
   */
  public static Calibration calibration(double matmul, double attention) {
    return new Calibration(
        Calibration.DEFAULT,
        List.of(),
        matmul,
        1,
        matmul,
        matmul,
        matmul,
        MATMUL_HALF_DIMENSION,
        attention,
        attention,
        MEMORY,
        COLLECTIVE,
        COLLECTIVE_LATENCY_SECONDS,
        RESERVED_BYTES,
        0,
        Calibration.DEFAULT_KERNEL_FIXED_SECONDS,
        0,
        0,
        0,
        0,
        java.util.Map.of(),
        java.util.Optional.empty(),
        List.of(),
        TEST,
        ServingEfficiency.NONE);
  }

  // ---- Models.

  /**
   * A decoder of the classic Megatron-LM shape: multi-head attention with head size h/a and a 4h
   * GELU FFN.
   */
  public static TransformerModel classic(
      String id, int layers, int hidden, int heads, int sequence, int vocabulary, boolean tied) {
    return dense(
        id,
        layers,
        hidden,
        heads,
        heads,
        hidden / heads,
        4 * hidden,
        false,
        sequence,
        vocabulary,
        tied);
  }

  /** A dense decoder of any attention and FFN shape. */
  public static TransformerModel dense(
      String id,
      int layers,
      int hidden,
      int heads,
      int kvHeads,
      int headDim,
      int ffn,
      boolean gated,
      int sequence,
      int vocabulary,
      boolean tied) {
    TransformerModel draft =
        new TransformerModel(
            id,
            id,
            1,
            OptionalDouble.empty(),
            layers,
            hidden,
            heads,
            kvHeads,
            headDim,
            ffn,
            gated,
            sequence,
            vocabulary,
            tied,
            1,
            1,
            0,
            ffn,
            0,
            1,
            OptionalDouble.empty(),
            headDim,
            0,
            0,
            OptionalDouble.empty(),
            TEST,
            0,
            0,
            sequence);
    return withParameters(draft, draft.structuralParameters());
  }

  /** A mixture-of-experts decoder with every layer routed, SwiGLU experts. */
  public static TransformerModel moe(
      String id,
      int layers,
      int hidden,
      int heads,
      int kvHeads,
      int headDim,
      int expertFfn,
      int experts,
      int activeExperts,
      int sequence,
      int vocabulary) {
    TransformerModel draft =
        new TransformerModel(
            id,
            id,
            1,
            OptionalDouble.empty(),
            layers,
            hidden,
            heads,
            kvHeads,
            headDim,
            expertFfn,
            true,
            sequence,
            vocabulary,
            false,
            experts,
            activeExperts,
            0,
            expertFfn,
            0,
            1,
            OptionalDouble.empty(),
            headDim,
            0,
            0,
            OptionalDouble.empty(),
            TEST,
            0,
            0,
            sequence);
    return withParameters(draft, draft.structuralParameters());
  }

  private static TransformerModel withParameters(TransformerModel m, double parameters) {
    return new TransformerModel(
        m.id(),
        m.name(),
        parameters,
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
        m.denseLayers(),
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

  /** GPT-3 175B (Brown et al. 2020, Table 2.1): 96 layers, h 12288, 96 heads, s 2048. */
  public static TransformerModel gpt3() {
    return classic("gpt3-175b", 96, 12288, 96, 2048, 51200, false);
  }

  /** GPT-3 1.3B-like (Brown et al. 2020, Table 2.1): 24 layers, h 2048, 16 heads. */
  public static TransformerModel gpt3Small() {
    return classic("gpt3-1.3b", 24, 2048, 16, 2048, 51200, true);
  }

  /** Mixtral 8x7B (Jiang et al. 2024): 32 layers, h 4096, GQA 32/8, 8 experts top-2. */
  public static TransformerModel mixtral() {
    return moe("mixtral-8x7b", 32, 4096, 32, 8, 128, 14336, 8, 2, 4096, 32000);
  }

  // ---- Contexts and configurations.

  public static TrainingContext context(
      TransformerModel m, int globalBatchSequences, long accelerators, Hardware hw) {
    return context(m, m.sequenceLength(), globalBatchSequences, accelerators, hw, false);
  }

  public static TrainingContext context(
      TransformerModel m,
      int sequence,
      int globalBatchSequences,
      long accelerators,
      Hardware hw,
      boolean fusedAttention) {
    return new TrainingContext(
        m,
        sequence,
        globalBatchSequences,
        Precision.BF16,
        TrainingOptions.withAttention(
            fusedAttention ? AttentionKernel.TUNED : AttentionKernel.UNFUSED),
        accelerators,
        hw.peakFlopPerSecond(),
        1,
        hw.peakFlopPerSecond(),
        hw.memoryBytes(),
        hw.hbmBytesPerSecond(),
        calibration(),
        2 * hw.scaleUpBytesPerSecond(),
        ScaleUpTopology.SWITCHED,
        hw.scaleUpDomainSize(),
        hw.perServer(),
        hw.scaleOutBytesPerSecond(),
        NON_BLOCKING,
        SERVERS_PER_LEAF);
  }

  /** The same context with another per-accelerator fabric bandwidth. */
  public static TrainingContext withScaleOut(TrainingContext c, double bytesPerSecond) {
    return c.withScaleOut(bytesPerSecond);
  }

  /** The same context with another global batch. */
  public static TrainingContext withGlobalBatch(TrainingContext c, int sequences) {
    return c.withGlobalBatch(sequences);
  }

  public static ParallelConfig config(
      int t, int p, int d, int microBatch, int interleave, int zero, Recompute r) {
    return new ParallelConfig(t, p, d, 1, 1, microBatch, interleave, zero, r, t > 1);
  }

  /** A spec fixing tensor, pipeline and micro-batch, and searching the rest. */
  public static ParallelismSpec fixing(int tensor, int pipeline, int microBatch) {
    return new ParallelismSpec(
        OptionalInt.of(tensor),
        OptionalInt.of(pipeline),
        OptionalInt.empty(),
        OptionalInt.empty(),
        OptionalInt.empty(),
        OptionalInt.of(microBatch),
        OptionalInt.empty(),
        OptionalInt.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** The same model with {@code layers} of its layers attending within {@code window} keys. */
  public static TransformerModel withSlidingWindow(TransformerModel m, int window, int layers) {
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
        m.denseLayers(),
        m.moeLayerInterval(),
        m.attentionProjectionParameters(),
        m.queryKeyHeadDim(),
        window,
        layers,
        m.trainingTokens(),
        m.provenance(),
        0,
        0,
        m.contextTokens());
  }
}
