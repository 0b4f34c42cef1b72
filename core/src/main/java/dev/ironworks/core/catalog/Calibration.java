package dev.ironworks.core.catalog;

import dev.ironworks.core.units.Require;

/**
 * How close an accelerator's kernels and collectives come to its datasheet peaks (catalog kind
 * {@code calibration}, keyed by accelerator id; entry {@code default} for the rest). These are the
 * terms {@code ironworks calibrate} fits to a measured run.
 *
 * @param matmul fraction of dense peak a large matrix multiply reaches
 * @param matmulHalfDimension matrix dimension at which a multiply reaches half of {@code matmul}:
 *     each dimension x contributes a factor x / (x + this) (tile and wave quantisation)
 * @param attention fraction of dense peak a fused (flash) attention kernel reaches
 * @param memory fraction of memory bandwidth element-wise kernels reach
 * @param collective fraction of link bandwidth collectives reach (NCCL bus bandwidth)
 * @param collectiveLatencySeconds fixed cost of one step of a ring collective or one transfer
 * @param reservedMemoryBytes memory the runtime keeps: context, workspaces, communication buffers
 *     and allocator fragmentation
 * @param kernelFixedSeconds fixed time of one kernel (launch, ramp, tail) that small decode steps
 *     pay; 0 for statically scheduled machines
 */
public record Calibration(
    String id,
    double matmul,
    double matmulHalfDimension,
    double attention,
    double memory,
    double collective,
    double collectiveLatencySeconds,
    double reservedMemoryBytes,
    double kernelFixedSeconds,
    Provenance provenance) {
  /** Id of the entry used for accelerators without their own. */
  public static final String DEFAULT = "default";

  public Calibration {
    Require.text("id", id);
    share("matmul", matmul);
    Require.nonNegative("matmulHalfDimension", matmulHalfDimension);
    share("attention", attention);
    share("memory", memory);
    share("collective", collective);
    Require.nonNegative("collectiveLatencyMicroseconds", collectiveLatencySeconds);
    Require.nonNegative("reservedMemoryGib", reservedMemoryBytes);
    Require.nonNegative("kernelFixedMicroseconds", kernelFixedSeconds);
    Require.present("provenance", provenance);
  }

  /** Default fixed time of one GPU kernel, even under CUDA graphs: 2.5 µs. */
  public static final double DEFAULT_KERNEL_FIXED_SECONDS = 2.5e-6;

  /** A calibration with the default kernel fixed time. */
  public Calibration(
      String id,
      double matmul,
      double matmulHalfDimension,
      double attention,
      double memory,
      double collective,
      double collectiveLatencySeconds,
      double reservedMemoryBytes,
      Provenance provenance) {
    this(
        id,
        matmul,
        matmulHalfDimension,
        attention,
        memory,
        collective,
        collectiveLatencySeconds,
        reservedMemoryBytes,
        DEFAULT_KERNEL_FIXED_SECONDS,
        provenance);
  }

  private static void share(String field, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(field + " must be in (0, 1], got " + value);
    }
  }

  /** The same figures under another id, with kernel efficiencies scaled by {@code factor}. */
  public Calibration scaledKernels(String forId, double factor, Provenance source) {
    return new Calibration(
        forId,
        Math.min(1, matmul * factor),
        matmulHalfDimension,
        Math.min(1, attention * factor),
        memory,
        collective,
        collectiveLatencySeconds,
        reservedMemoryBytes,
        kernelFixedSeconds,
        source);
  }
}
