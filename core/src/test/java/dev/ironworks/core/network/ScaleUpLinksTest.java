package dev.ironworks.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ironworks.core.catalog.ScaleUpTopology;
import org.junit.jupiter.api.Test;

/** What a collective gets from a switched, meshed or toroidal scale-up domain. */
class ScaleUpLinksTest {
  private static final double EXACT = 1e-9;

  @Test
  void aSwitchedDomainGivesEveryGroupItsFullBandwidth() {
    // NVLink 4 + NVSwitch: 900 GB/s both ways, 450 each way, for a pair or all eight.
    for (int group : new int[] {2, 4, 8}) {
      assertEquals(
          450e9,
          ScaleUpLinks.groupBytesPerSecond(ScaleUpTopology.SWITCHED, 900e9, 8, group),
          EXACT * 450e9);
    }
  }

  @Test
  void aFullMeshGivesAPairOneLinkAndAllEightSeven() {
    // MI300X: 7 links of 128 GB/s (both ways) to the 7 peers = 896 GB/s.
    double perLinkEachWay = 128e9 / 2;
    assertEquals(
        perLinkEachWay,
        ScaleUpLinks.groupBytesPerSecond(ScaleUpTopology.MESH, 896e9, 8, 2),
        EXACT * perLinkEachWay);
    assertEquals(
        3 * perLinkEachWay,
        ScaleUpLinks.groupBytesPerSecond(ScaleUpTopology.MESH, 896e9, 8, 4),
        EXACT * perLinkEachWay);
    assertEquals(
        7 * perLinkEachWay,
        ScaleUpLinks.groupBytesPerSecond(ScaleUpTopology.MESH, 896e9, 8, 8),
        EXACT * perLinkEachWay);
    assertEquals(
        perLinkEachWay,
        ScaleUpLinks.pairBytesPerSecond(ScaleUpTopology.MESH, 896e9, 8),
        EXACT * perLinkEachWay);
  }

  @Test
  void aTorusRunsACollectiveOnTheDimensionsItSpans() {
    // A 3D torus of 16 × 16 × 16 = 4,096 chips, 6 links: a group along one dimension uses 2 of
    // them, one spanning a plane 4, one spanning the cube all 6.
    double total = 1200e9;
    double third = total / 2 / 3;
    assertEquals(
        third,
        ScaleUpLinks.groupBytesPerSecond(ScaleUpTopology.TORUS_3D, total, 4096, 16),
        EXACT * total);
    assertEquals(
        2 * third,
        ScaleUpLinks.groupBytesPerSecond(ScaleUpTopology.TORUS_3D, total, 4096, 256),
        EXACT * total);
    assertEquals(
        3 * third,
        ScaleUpLinks.groupBytesPerSecond(ScaleUpTopology.TORUS_3D, total, 4096, 4096),
        EXACT * total);
    // A 2D torus of 16 × 16: a row uses half the links.
    assertEquals(
        total / 4,
        ScaleUpLinks.groupBytesPerSecond(ScaleUpTopology.TORUS_2D, total, 256, 16),
        EXACT * total);
    // A neighbour transfer uses one link of six, one way.
    assertEquals(
        total / 12,
        ScaleUpLinks.pairBytesPerSecond(ScaleUpTopology.TORUS_3D, total, 4096),
        EXACT * total);
  }
}
