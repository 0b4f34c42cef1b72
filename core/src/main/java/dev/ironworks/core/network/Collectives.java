package dev.ironworks.core.network;

/**
 * Times of collective operations on a ring (Patarasuk and Yuan 2009; NCCL's bus-bandwidth model):
 * an all-reduce of S bytes over n ranks moves 2(n−1)/n·S per rank in 2(n−1) steps; all-gather and
 * reduce-scatter move (n−1)/n·S in n−1 steps; all-to-all sends (n−1)/n·S. Bandwidths are per rank
 * and per direction, already scaled by the collective efficiency.
 */
public final class Collectives {
  private Collectives() {}

  /** Ring all-reduce: 2(n−1)/n·S/β + 2(n−1)·α. */
  public static double allReduceSeconds(
      double bytes, int ranks, double bytesPerSecond, double latencySeconds) {
    if (ranks <= 1 || bytes <= 0) {
      return 0;
    }
    return 2.0 * (ranks - 1) / ranks * bytes / bytesPerSecond + 2.0 * (ranks - 1) * latencySeconds;
  }

  /** Ring all-gather or reduce-scatter: (n−1)/n·S/β + (n−1)·α. */
  public static double allGatherSeconds(
      double bytes, int ranks, double bytesPerSecond, double latencySeconds) {
    if (ranks <= 1 || bytes <= 0) {
      return 0;
    }
    return (double) (ranks - 1) / ranks * bytes / bytesPerSecond + (ranks - 1) * latencySeconds;
  }

  /** All-to-all of S bytes per rank: (n−1)/n·S/β + α. */
  public static double allToAllSeconds(
      double bytes, int ranks, double bytesPerSecond, double latencySeconds) {
    if (ranks <= 1 || bytes <= 0) {
      return 0;
    }
    return (double) (ranks - 1) / ranks * bytes / bytesPerSecond + latencySeconds;
  }

  /** A point-to-point transfer: S/β + α. */
  public static double sendSeconds(double bytes, double bytesPerSecond, double latencySeconds) {
    return bytes <= 0 ? 0 : bytes / bytesPerSecond + latencySeconds;
  }

  /**
   * Hierarchical all-reduce of S bytes over {@code ranks} ranks placed {@code perNode} to a node:
   * reduce-scatter inside the node on the scale-up link, all-reduce of S/k across nodes where each
   * of the k ranks drives its own NIC, all-gather inside the node (NCCL's tree/ring hierarchy).
   */
  public static double hierarchicalAllReduceSeconds(
      double bytes,
      int ranks,
      int perNode,
      double scaleUpBytesPerSecond,
      double scaleOutBytesPerSecond,
      double latencySeconds) {
    if (ranks <= 1 || bytes <= 0) {
      return 0;
    }
    int local = Math.max(1, Math.min(perNode, ranks));
    int nodes = (ranks + local - 1) / local;
    double intra = 2 * allGatherSeconds(bytes, local, scaleUpBytesPerSecond, latencySeconds);
    double inter = allReduceSeconds(bytes / local, nodes, scaleOutBytesPerSecond, latencySeconds);
    return intra + inter;
  }

  /**
   * Ring all-gather (or reduce-scatter) of S bytes in all over {@code ranks} ranks placed {@code
   * perNode} to a node (NCCL's ring: n − 1 steps over every rank). Each node boundary is crossed by
   * one ring per local rank, each on its own NIC, so the fabric carries (n−1)/n·S at perNode NICs'
   * bandwidth while the scale-up links carry it at theirs; the slower of the two sets the time.
   */
  public static double ringAllGatherSeconds(
      double bytes,
      int ranks,
      int perNode,
      double scaleUpBytesPerSecond,
      double scaleOutBytesPerSecond,
      double latencySeconds) {
    if (ranks <= 1 || bytes <= 0) {
      return 0;
    }
    int local = Math.max(1, Math.min(perNode, ranks));
    double bandwidth =
        local >= ranks
            ? scaleUpBytesPerSecond
            : Math.min(scaleUpBytesPerSecond, local * scaleOutBytesPerSecond);
    return (double) (ranks - 1) / ranks * bytes / bandwidth + (ranks - 1) * latencySeconds;
  }
}
