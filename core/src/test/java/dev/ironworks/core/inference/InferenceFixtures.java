package dev.ironworks.core.inference;

import static dev.ironworks.core.compute.TrainingFixtures.GIB;
import static dev.ironworks.core.compute.TrainingFixtures.TEST;

import dev.ironworks.core.catalog.Accelerator;
import dev.ironworks.core.catalog.AcceleratorKind;
import dev.ironworks.core.catalog.Calibration;
import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.catalog.ServerSpec;
import dev.ironworks.core.catalog.ServingEfficiency;
import dev.ironworks.core.catalog.TransformerModel;
import dev.ironworks.core.compute.TrainingFixtures;
import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Accelerators, models, calibrations and serving contexts built by hand for the inference tests
 * (core tests read no catalog files). Figures are datasheet values; each constant names its unit.
 */
public final class InferenceFixtures {
  private InferenceFixtures() {}

  // ---- NVIDIA H100 SXM 80 GB (datasheet, dense).
  public static final String H100_ID = "h100-sxm";
  public static final double H100_DENSE_BF16_FLOP_PER_SECOND = 989.4e12;
  public static final double H100_DENSE_FP8_FLOP_PER_SECOND = 1978.9e12;
  public static final double H100_MEMORY_BYTES = 80 * GIB;
  public static final double H100_HBM_BYTES_PER_SECOND = 3.35e12;

  /** NVLink 4: 900 GB/s bidirectional. */
  public static final double H100_NVLINK_BIDIRECTIONAL_BYTES_PER_SECOND = 900e9;

  /** What the planner hands the serving model: one direction of the NVLink bandwidth. */
  public static final double H100_NVLINK_BYTES_PER_SECOND_PER_DIRECTION =
      H100_NVLINK_BIDIRECTIONAL_BYTES_PER_SECOND / 2;

  public static final double H100_TDP_WATTS = 700;
  public static final int HGX_DOMAIN = 8;

  // ---- Llama-2-70B (Touvron et al. 2023): GQA 64/8, SwiGLU FFN, 4k context.
  public static final int LLAMA_LAYERS = 80;
  public static final int LLAMA_HIDDEN = 8192;
  public static final int LLAMA_HEADS = 64;
  public static final int LLAMA_KV_HEADS = 8;
  public static final int LLAMA_HEAD_DIM = 128;
  public static final int LLAMA_FFN = 28672;
  public static final int LLAMA_VOCABULARY = 32000;
  public static final int LLAMA_CONTEXT = 4096;
  public static final double LLAMA_PARAMETERS = 70e9;

  // ---- The catalog's default calibration, with its 2.5 µs kernel fixed time.
  public static final double KERNEL_FIXED_SECONDS = 2.5e-6;

  /** The planner's pipeline hop: one collective latency. */
  public static final double STAGE_HOP_SECONDS = TrainingFixtures.COLLECTIVE_LATENCY_SECONDS;

  // ---- A chat-like request shape.
  public static final double PROMPT_TOKENS = 1024;
  public static final double OUTPUT_TOKENS = 256;

  public static Accelerator h100() {
    return h100(H100_HBM_BYTES_PER_SECOND);
  }

  /** An H100 with another HBM bandwidth. */
  public static Accelerator h100(double hbmBytesPerSecond) {
    return new Accelerator(
        H100_ID,
        "H100 SXM",
        "NVIDIA",
        AcceleratorKind.GPU,
        2022,
        OptionalDouble.empty(),
        OptionalDouble.of(H100_DENSE_BF16_FLOP_PER_SECOND),
        OptionalDouble.of(H100_DENSE_BF16_FLOP_PER_SECOND),
        OptionalDouble.of(H100_DENSE_FP8_FLOP_PER_SECOND),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        H100_MEMORY_BYTES,
        "HBM3",
        hbmBytesPerSecond,
        "nvlink4",
        H100_NVLINK_BIDIRECTIONAL_BYTES_PER_SECOND,
        H100_TDP_WATTS,
        OptionalDouble.empty(),
        OptionalDouble.of(2.5),
        0,
        "hgx-h100",
        "ga",
        1,
        TEST,
        2022,
        List.of(),
        OptionalDouble.empty());
  }

  public static TransformerModel llama70b() {
    return llama70b(LLAMA_PARAMETERS);
  }

  /** The Llama-2-70B shape with another published parameter count. */
  public static TransformerModel llama70b(double parameters) {
    return new TransformerModel(
        "llama-2-70b",
        "Llama 2 70B",
        parameters,
        OptionalDouble.empty(),
        LLAMA_LAYERS,
        LLAMA_HIDDEN,
        LLAMA_HEADS,
        LLAMA_KV_HEADS,
        LLAMA_HEAD_DIM,
        LLAMA_FFN,
        true,
        LLAMA_CONTEXT,
        LLAMA_VOCABULARY,
        false,
        1,
        1,
        0,
        LLAMA_FFN,
        0,
        1,
        OptionalDouble.empty(),
        LLAMA_HEAD_DIM,
        0,
        0,
        OptionalDouble.empty(),
        TEST,
        0,
        0,
        LLAMA_CONTEXT);
  }

  /** OPT-13B (Zhang et al. 2022): 40 layers, h 5120, 40 heads of 128, multi-head attention. */
  public static TransformerModel opt13b() {
    return TrainingFixtures.dense(
        "opt-13b", 40, 5120, 40, 40, 128, 4 * 5120, false, 2048, 50272, true);
  }

  public static Calibration calibration() {
    return new Calibration(
        Calibration.DEFAULT,
        java.util.List.of(),
        TrainingFixtures.MATMUL,
        1,
        TrainingFixtures.MATMUL,
        TrainingFixtures.MATMUL,
        TrainingFixtures.MATMUL,
        TrainingFixtures.MATMUL_HALF_DIMENSION,
        TrainingFixtures.ATTENTION,
        TrainingFixtures.ATTENTION,
        TrainingFixtures.MEMORY,
        TrainingFixtures.COLLECTIVE,
        TrainingFixtures.COLLECTIVE_LATENCY_SECONDS,
        TrainingFixtures.RESERVED_BYTES,
        0,
        KERNEL_FIXED_SECONDS,
        0,
        0,
        0,
        0,
        java.util.Map.of(),
        java.util.Optional.empty(),
        java.util.List.of(),
        TEST,
        ServingEfficiency.NONE);
  }

  /** Llama-2-70B on H100s with a paged KV cache. */
  public static ServingContext context(boolean continuousBatching) {
    return context(llama70b(), h100(), PROMPT_TOKENS, OUTPUT_TOKENS, continuousBatching, true);
  }

  public static ServingContext context(
      TransformerModel model,
      Accelerator accelerator,
      double promptTokens,
      double outputTokens,
      boolean continuousBatching,
      boolean pagedKvCache) {
    return new ServingContext(
        model,
        accelerator,
        calibration(),
        promptTokens,
        outputTokens,
        continuousBatching,
        pagedKvCache,
        H100_NVLINK_BYTES_PER_SECOND_PER_DIRECTION,
        HGX_DOMAIN,
        STAGE_HOP_SECONDS);
  }

  /** An HGX H100 box: eight GPUs in one NVLink domain. */
  public static ServerSpec hgxH100() {
    return new ServerSpec(
        "hgx-h100",
        "HGX H100",
        H100_ID,
        8,
        3000,
        OptionalDouble.empty(),
        0,
        8,
        HGX_DOMAIN,
        8,
        400,
        false,
        0,
        TEST,
        1);
  }

  /** A catalog holding only the default calibration: all the inference planner reads from it. */
  public static Catalog catalog() {
    TreeMap<String, Calibration> calibrations = new TreeMap<>();
    calibrations.put(Calibration.DEFAULT, calibration());
    return new Catalog(
        new TreeMap<>(),
        new TreeMap<>(),
        new TreeMap<>(),
        new TreeMap<>(),
        new TreeMap<>(),
        new TreeMap<>(),
        new TreeMap<>(),
        new TreeMap<>(),
        new TreeMap<>(),
        calibrations,
        new TreeMap<>());
  }
}
