package dev.ironworks.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Ring collectives by hand (Patarasuk and Yuan 2009): an all-reduce of S bytes over n ranks moves
 * 2(n−1)/n·S per rank in 2(n−1) steps.
 */
class CollectivesTest {
  private static final double EXACT = 1e-12;

  /** 1 GiB of bf16 gradients. */
  private static final double BYTES = 1024.0 * 1024 * 1024;

  /** NVLink 4 per direction at NCCL's ~80% bus bandwidth. */
  private static final double NVLINK_BYTES_PER_SECOND = 0.8 * 450e9;

  /** One 400 Gb/s NIC per GPU at 80%. */
  private static final double NIC_BYTES_PER_SECOND = 0.8 * 50e9;

  private static final double LATENCY_SECONDS = 10e-6;

  @Test
  void ringAllReduceOfEightRanksByHand() {
    int n = 8;
    // 2·7/8 · 1 GiB / 360 GB/s + 14 · 10 µs
    double expected = 2.0 * 7 / 8 * BYTES / NVLINK_BYTES_PER_SECOND + 14 * LATENCY_SECONDS;
    assertEquals(
        expected,
        Collectives.allReduceSeconds(BYTES, n, NVLINK_BYTES_PER_SECOND, LATENCY_SECONDS),
        EXACT * expected);
    assertEquals(0.0053596, expected, 1e-7);
  }

  @Test
  void oneRankOrNothingToSendTakesNoTime() {
    assertEquals(0, Collectives.allReduceSeconds(BYTES, 1, NIC_BYTES_PER_SECOND, LATENCY_SECONDS));
    assertEquals(0, Collectives.allGatherSeconds(BYTES, 1, NIC_BYTES_PER_SECOND, LATENCY_SECONDS));
    assertEquals(0, Collectives.allToAllSeconds(BYTES, 1, NIC_BYTES_PER_SECOND, LATENCY_SECONDS));
    assertEquals(0, Collectives.allReduceSeconds(0, 8, NIC_BYTES_PER_SECOND, LATENCY_SECONDS));
    assertEquals(0, Collectives.sendSeconds(0, NIC_BYTES_PER_SECOND, LATENCY_SECONDS));
    assertEquals(
        0,
        Collectives.hierarchicalAllReduceSeconds(
            BYTES, 1, 8, NVLINK_BYTES_PER_SECOND, NIC_BYTES_PER_SECOND, LATENCY_SECONDS));
  }

  @Test
  void allGatherIsHalfAnAllReduce() {
    for (int n = 2; n <= 1024; n *= 2) {
      double allReduce =
          Collectives.allReduceSeconds(BYTES, n, NIC_BYTES_PER_SECOND, LATENCY_SECONDS);
      double allGather =
          Collectives.allGatherSeconds(BYTES, n, NIC_BYTES_PER_SECOND, LATENCY_SECONDS);
      assertEquals(allReduce / 2, allGather, EXACT * allReduce, "n " + n);
      // The bandwidth terms alone.
      assertEquals(
          Collectives.allReduceSeconds(BYTES, n, NIC_BYTES_PER_SECOND, 0) / 2,
          (n - 1.0) / n * BYTES / NIC_BYTES_PER_SECOND,
          EXACT * allReduce,
          "n " + n);
    }
  }

  @Test
  void allToAllAndSendByHand() {
    int n = 8;
    double allToAll = 7.0 / 8 * BYTES / NIC_BYTES_PER_SECOND + LATENCY_SECONDS;
    assertEquals(
        allToAll,
        Collectives.allToAllSeconds(BYTES, n, NIC_BYTES_PER_SECOND, LATENCY_SECONDS),
        EXACT * allToAll);
    double send = BYTES / NIC_BYTES_PER_SECOND + LATENCY_SECONDS;
    assertEquals(
        send, Collectives.sendSeconds(BYTES, NIC_BYTES_PER_SECOND, LATENCY_SECONDS), EXACT * send);
  }

  @Test
  void hierarchicalAllReduceIsTheFlatRingOnTheFabricWithOneRankPerNode() {
    for (int n = 2; n <= 4096; n *= 2) {
      double flat = Collectives.allReduceSeconds(BYTES, n, NIC_BYTES_PER_SECOND, LATENCY_SECONDS);
      double hierarchical =
          Collectives.hierarchicalAllReduceSeconds(
              BYTES, n, 1, NVLINK_BYTES_PER_SECOND, NIC_BYTES_PER_SECOND, LATENCY_SECONDS);
      assertEquals(flat, hierarchical, EXACT * flat, "n " + n);
    }
  }

  @Test
  void hierarchicalAllReduceInsideOneNodeIsTheFlatRingOnTheScaleUpLink() {
    int n = 8;
    double flat = Collectives.allReduceSeconds(BYTES, n, NVLINK_BYTES_PER_SECOND, LATENCY_SECONDS);
    double hierarchical =
        Collectives.hierarchicalAllReduceSeconds(
            BYTES, n, n, NVLINK_BYTES_PER_SECOND, NIC_BYTES_PER_SECOND, LATENCY_SECONDS);
    assertEquals(flat, hierarchical, EXACT * flat);
  }

  @Test
  void hierarchicalAllReduceAcrossNodesByHand() {
    // 64 ranks, 8 to a node: reduce-scatter and all-gather of 1 GiB over 8 on NVLink, then an
    // all-reduce of 1/8 GiB over 8 nodes, each rank on its own NIC.
    double intra = 2 * (7.0 / 8 * BYTES / NVLINK_BYTES_PER_SECOND + 7 * LATENCY_SECONDS);
    double inter = 2.0 * 7 / 8 * (BYTES / 8) / NIC_BYTES_PER_SECOND + 14 * LATENCY_SECONDS;
    double hierarchical =
        Collectives.hierarchicalAllReduceSeconds(
            BYTES, 64, 8, NVLINK_BYTES_PER_SECOND, NIC_BYTES_PER_SECOND, LATENCY_SECONDS);
    assertEquals(intra + inter, hierarchical, EXACT * hierarchical);
    // Faster than the flat ring over the fabric, which moves all of S through each NIC.
    assertTrue(
        hierarchical
            < Collectives.allReduceSeconds(BYTES, 64, NIC_BYTES_PER_SECOND, LATENCY_SECONDS));
  }
}
