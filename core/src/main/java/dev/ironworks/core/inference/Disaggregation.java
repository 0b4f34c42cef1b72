package dev.ironworks.core.inference;

/**
 * A disaggregated fleet: prefill replicas that produce each request's first token and decode
 * replicas that take its KV cache over the fabric and generate the rest (Zhong et al. 2024,
 * DistServe), both of one replica shape.
 *
 * @param prefillRate requests a second a prefill replica carries within the time-to-first-token
 *     target (its capacity without one)
 * @param decodeRate requests a second a decode replica carries within the time-per-token target
 * @param kvTransferSeconds moving one prompt's KV cache from a prefill to a decode replica
 * @param decodeKvSlots sequences a decode replica's KV cache (and step budget) holds, of which it
 *     runs {@code decodeQueue.slots()}
 */
public record Disaggregation(
    ServingConfig config,
    long prefillReplicas,
    long decodeReplicas,
    ServingQueue prefillQueue,
    ServingQueue decodeQueue,
    double prefillRate,
    double decodeRate,
    double kvTransferSeconds,
    int decodeKvSlots) {
  public Disaggregation {
    if (prefillReplicas < 1 || decodeReplicas < 1) {
      throw new IllegalArgumentException("a disaggregated fleet needs both pools");
    }
    if (decodeKvSlots < decodeQueue.slots()) {
      throw new IllegalArgumentException(
          "a decode replica runs " + decodeQueue.slots() + " sequences but holds " + decodeKvSlots);
    }
  }

  /** Replicas of both pools. */
  public long replicas() {
    return prefillReplicas + decodeReplicas;
  }

  /** Requests a second the fleet carries within the targets: its slower pool's. */
  public double fleetRate() {
    return Math.min(prefillReplicas * prefillRate, decodeReplicas * decodeRate);
  }
}
