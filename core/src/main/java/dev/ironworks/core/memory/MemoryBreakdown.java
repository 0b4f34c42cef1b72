package dev.ironworks.core.memory;

/** Memory of one accelerator during training, by what holds it, in bytes. */
public record MemoryBreakdown(
    double weightsBytes,
    double gradientsBytes,
    double optimizerBytes,
    double activationsBytes,
    double otherBytes) {

  /** Weights, gradients and optimizer state: ZeRO's "model states". */
  public double modelStatesBytes() {
    return weightsBytes + gradientsBytes + optimizerBytes;
  }

  public double totalBytes() {
    return modelStatesBytes() + activationsBytes + otherBytes;
  }
}
