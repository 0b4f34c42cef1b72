package dev.ironworks.core.catalog;

import dev.ironworks.core.units.Require;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * How close one accelerator family's kernels, collectives and host come to the datasheet (catalog
 * kind {@code calibration}). An entry applies to the accelerator of its id and to those it lists in
 * {@code appliesTo}; entry {@code default} to the rest. The fields named in {@code fitted} were
 * fitted to published training runs (the validation suite refits them and checks the catalog holds
 * what the fit gives); the others come from the sources the provenance names.
 *
 * @param appliesTo accelerator ids of the family besides {@code id} itself
 * @param matmul fraction of the dense BF16 peak a large BF16 matrix multiply of a training step
 *     reaches
 * @param matmulCeiling fraction of the dense BF16 peak the best shape of a brute-force search
 *     reaches, where one is published (1 where none is): {@code matmul} never exceeds it, and no
 *     plan may execute FLOPs faster
 * @param fp8Matmul fraction of the dense FP8 peak a large per-tensor-scaled FP8 multiply reaches
 * @param mxfp8Matmul fraction of the dense FP8 peak a large MXFP8 multiply reaches
 * @param nvfp4Matmul fraction of the dense FP4 peak a large NVFP4 multiply reaches
 * @param matmulHalfDimension matrix dimension at which a multiply reaches half of its large-shape
 *     rate: each dimension x contributes a factor x / (x + this) (tile and wave quantisation)
 * @param attention fraction of the dense 16-bit peak the vendor-tuned fused attention kernel
 *     reaches at head dimension 128 (cuDNN or FlashAttention-3 on Hopper and Blackwell,
 *     FlashAttention-2 on Ampere)
 * @param attentionPortable the same for a portable fused kernel (FlashAttention-2, Triton)
 * @param memory fraction of memory bandwidth element-wise kernels reach
 * @param collective fraction of link bandwidth collectives reach (NCCL bus bandwidth)
 * @param collectiveLatencySeconds fixed cost of one step of a ring collective or one transfer
 * @param reservedMemoryBytes memory the runtime keeps: context, library workspaces, communication
 *     buffers
 * @param memoryHeadroom fraction of the memory left to the allocator's fragmentation: a plan may
 *     fill at most (1 − this) of memory, the reserved bytes included
 * @param kernelFixedSeconds fixed time of one kernel (launch, ramp, tail) that small decode steps
 *     pay; 0 for statically scheduled machines
 * @param layerHostSeconds host time to issue one transformer layer's kernels, forward and backward:
 *     a layer never runs faster than this
 * @param moeHostSeconds host time a mixture-of-experts layer exposes, forward and backward: the
 *     routing waits for the host to learn each expert's token count before it can issue the
 *     dispatch and the grouped multiplies
 * @param expertHostSeconds host time per local expert of a mixture-of-experts layer, forward and
 *     backward: a grouped multiply is issued expert by expert, with its casts
 * @param overlapSlowdown fraction of an overlapped collective's duration that it adds to the
 *     computation it hides behind (the collective's kernels take streaming multiprocessors and
 *     memory bandwidth)
 * @param bestPublishedMfu the highest MFU a published training run reached on the family, by the
 *     format of its linear layers ({@code bf16} for any 16-bit format, {@code fp8}, {@code mxfp8},
 *     {@code nvfp4}), each at that format's dense peak; a format absent has no published run in the
 *     sources. A plan above its format's figure says so
 * @param leaveOutError how well the published runs on the family are predicted, each with its
 *     publication left out of the fit; empty where no published run is on the family
 * @param fitted the fields fitted to published runs, by their catalog names
 * @param serving the serving engine's decode bandwidth and prefill compute efficiencies
 */
public record Calibration(
    String id,
    List<String> appliesTo,
    double matmul,
    double matmulCeiling,
    double fp8Matmul,
    double mxfp8Matmul,
    double nvfp4Matmul,
    double matmulHalfDimension,
    double attention,
    double attentionPortable,
    double memory,
    double collective,
    double collectiveLatencySeconds,
    double reservedMemoryBytes,
    double memoryHeadroom,
    double kernelFixedSeconds,
    double layerHostSeconds,
    double moeHostSeconds,
    double expertHostSeconds,
    double overlapSlowdown,
    Map<String, Double> bestPublishedMfu,
    Optional<LeaveOutError> leaveOutError,
    List<String> fitted,
    Provenance provenance,
    ServingEfficiency serving)
    implements CatalogEntry {
  /** Id of the entry used for accelerators without their own. */
  public static final String DEFAULT = "default";

  /** Default fixed time of one GPU kernel, even under CUDA graphs: 2.5 µs. */
  public static final double DEFAULT_KERNEL_FIXED_SECONDS = 2.5e-6;

  public Calibration {
    Require.text("id", id);
    appliesTo = List.copyOf(appliesTo);
    share("matmul", matmul);
    share("matmulCeiling", matmulCeiling);
    if (matmul > matmulCeiling + 1e-12) {
      throw new IllegalArgumentException(
          "matmul (" + matmul + ") must not exceed matmulCeiling (" + matmulCeiling + ")");
    }
    share("fp8Matmul", fp8Matmul);
    share("mxfp8Matmul", mxfp8Matmul);
    share("nvfp4Matmul", nvfp4Matmul);
    Require.nonNegative("matmulHalfDimension", matmulHalfDimension);
    share("attention", attention);
    share("attentionPortable", attentionPortable);
    share("memory", memory);
    share("collective", collective);
    Require.nonNegative("collectiveLatencyMicroseconds", collectiveLatencySeconds);
    Require.nonNegative("reservedMemoryGib", reservedMemoryBytes);
    if (!(memoryHeadroom >= 0 && memoryHeadroom < 1)) {
      throw new IllegalArgumentException("memoryHeadroom must be in [0, 1), got " + memoryHeadroom);
    }
    Require.nonNegative("kernelFixedMicroseconds", kernelFixedSeconds);
    Require.nonNegative("layerHostMicroseconds", layerHostSeconds);
    Require.nonNegative("moeHostMicroseconds", moeHostSeconds);
    Require.nonNegative("expertHostMicroseconds", expertHostSeconds);
    if (!(overlapSlowdown >= 0 && overlapSlowdown <= 1)) {
      throw new IllegalArgumentException(
          "overlapSlowdown must be in [0, 1], got " + overlapSlowdown);
    }
    Require.present("bestPublishedMfu", bestPublishedMfu);
    for (Map.Entry<String, Double> e : bestPublishedMfu.entrySet()) {
      Require.text("bestPublishedMfu format", e.getKey());
      if (!(e.getValue() > 0 && e.getValue() < 1)) {
        throw new IllegalArgumentException(
            "bestPublishedMfu." + e.getKey() + " must be in (0, 1), got " + e.getValue());
      }
    }
    bestPublishedMfu = Collections.unmodifiableMap(new TreeMap<>(bestPublishedMfu));
    Require.present("leaveOutError", leaveOutError);
    fitted = List.copyOf(fitted);
    Require.present("provenance", provenance);
    Require.present("serving", serving);
  }

  /** The same entry with other serving figures. */
  public Calibration withServing(ServingEfficiency figures) {
    return copy(bestPublishedMfu, leaveOutError, figures);
  }

  /** The same entry with other best published MFU figures. */
  public Calibration withBestPublishedMfu(Map<String, Double> figures) {
    return copy(figures, leaveOutError, serving);
  }

  /** The same entry with another leave-out error. */
  public Calibration withLeaveOutError(Optional<LeaveOutError> error) {
    return copy(bestPublishedMfu, error, serving);
  }

  private Calibration copy(
      Map<String, Double> published,
      Optional<LeaveOutError> leftOut,
      ServingEfficiency servingFigures) {
    return new Calibration(
        id,
        appliesTo,
        matmul,
        matmulCeiling,
        fp8Matmul,
        mxfp8Matmul,
        nvfp4Matmul,
        matmulHalfDimension,
        attention,
        attentionPortable,
        memory,
        collective,
        collectiveLatencySeconds,
        reservedMemoryBytes,
        memoryHeadroom,
        kernelFixedSeconds,
        layerHostSeconds,
        moeHostSeconds,
        expertHostSeconds,
        overlapSlowdown,
        published,
        leftOut,
        fitted,
        provenance,
        servingFigures);
  }

  /**
   * The best published MFU on the family for a run whose linear layers use {@code format} (a
   * precision id; fp16 counts as bf16), if the sources hold one.
   */
  public OptionalDouble bestPublishedMfu(String format) {
    Double v = bestPublishedMfu.get(mfuFormat(format));
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  /** The key a run in {@code precision} (a precision id) has in {@code bestPublishedMfu}. */
  public static String mfuFormat(String precision) {
    return precision.equals("fp16") ? "bf16" : precision;
  }

  /** Fraction of HBM bandwidth a serving decode step's reads reach: its own figure, else memory. */
  public double decodeBandwidth() {
    return serving.decodeBandwidth().orElse(memory);
  }

  private static void share(String field, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(field + " must be in (0, 1], got " + value);
    }
  }

  /** Whether the entry is the one for {@code acceleratorId}: its own id or one it applies to. */
  public boolean covers(String acceleratorId) {
    return id.equals(acceleratorId) || appliesTo.contains(acceleratorId);
  }

  /**
   * Bytes a plan may fill of an accelerator's {@code memoryBytes}, the runtime's reserved bytes
   * included: all but the allocator's headroom.
   */
  public double fillableMemoryBytes(double memoryBytes) {
    return memoryBytes * (1 - memoryHeadroom);
  }

  /** Catalog names of the fields {@link #value} and {@link #with} read and set. */
  public static final List<String> FITTABLE =
      List.of(
          "matmul",
          "fp8Matmul",
          "mxfp8Matmul",
          "nvfp4Matmul",
          "matmulHalfDimension",
          "attention",
          "attentionPortable",
          "memory",
          "collective",
          "layerHostMicroseconds",
          "moeHostMicroseconds",
          "expertHostMicroseconds",
          "overlapSlowdown");

  /** A fittable field by its catalog name, in catalog units (microseconds for times). */
  public double value(String field) {
    return switch (field) {
      case "matmul" -> matmul;
      case "fp8Matmul" -> fp8Matmul;
      case "mxfp8Matmul" -> mxfp8Matmul;
      case "nvfp4Matmul" -> nvfp4Matmul;
      case "matmulHalfDimension" -> matmulHalfDimension;
      case "attention" -> attention;
      case "attentionPortable" -> attentionPortable;
      case "memory" -> memory;
      case "collective" -> collective;
      case "layerHostMicroseconds" -> layerHostSeconds * 1e6;
      case "moeHostMicroseconds" -> moeHostSeconds * 1e6;
      case "expertHostMicroseconds" -> expertHostSeconds * 1e6;
      case "overlapSlowdown" -> overlapSlowdown;
      case "kernelFixedMicroseconds" -> kernelFixedSeconds * 1e6;
      default -> throw new IllegalArgumentException("not a fittable calibration field: " + field);
    };
  }

  /** The same entry with one fittable field set (catalog units). */
  public Calibration with(String field, double v) {
    return new Calibration(
        id,
        appliesTo,
        field.equals("matmul") ? v : matmul,
        matmulCeiling,
        field.equals("fp8Matmul") ? v : fp8Matmul,
        field.equals("mxfp8Matmul") ? v : mxfp8Matmul,
        field.equals("nvfp4Matmul") ? v : nvfp4Matmul,
        field.equals("matmulHalfDimension") ? v : matmulHalfDimension,
        field.equals("attention") ? v : attention,
        field.equals("attentionPortable") ? v : attentionPortable,
        field.equals("memory") ? v : memory,
        field.equals("collective") ? v : collective,
        collectiveLatencySeconds,
        reservedMemoryBytes,
        memoryHeadroom,
        field.equals("kernelFixedMicroseconds") ? v * 1e-6 : kernelFixedSeconds,
        field.equals("layerHostMicroseconds") ? v * 1e-6 : layerHostSeconds,
        field.equals("moeHostMicroseconds") ? v * 1e-6 : moeHostSeconds,
        field.equals("expertHostMicroseconds") ? v * 1e-6 : expertHostSeconds,
        field.equals("overlapSlowdown") ? v : overlapSlowdown,
        bestPublishedMfu,
        leaveOutError,
        fitted,
        provenance,
        serving);
  }

  /** The same figures under another id and source, with kernel efficiencies scaled by factor. */
  public Calibration scaledKernels(String forId, double factor, Provenance source) {
    return new Calibration(
        forId,
        List.of(),
        Math.min(matmulCeiling, matmul * factor),
        matmulCeiling,
        Math.min(1, fp8Matmul * factor),
        Math.min(1, mxfp8Matmul * factor),
        Math.min(1, nvfp4Matmul * factor),
        matmulHalfDimension,
        Math.min(1, attention * factor),
        Math.min(1, attentionPortable * factor),
        memory,
        collective,
        collectiveLatencySeconds,
        reservedMemoryBytes,
        memoryHeadroom,
        kernelFixedSeconds,
        layerHostSeconds,
        moeHostSeconds,
        expertHostSeconds,
        overlapSlowdown,
        bestPublishedMfu,
        Optional.empty(),
        List.of(),
        source,
        serving);
  }
}
