package dev.ironworks.core.network;

import dev.ironworks.core.catalog.ScaleUpTopology;

/**
 * The bandwidth a collective among some accelerators of one scale-up domain gets, per accelerator
 * and direction, from how the domain is wired.
 *
 * <p>A switched domain (NVSwitch, an NVL72 rack) gives every group the accelerator's full
 * bandwidth. A full mesh (AMD Infinity Fabric: 7 links to the 7 peers of an 8-GPU platform) gives a
 * group of g its g − 1 links: a pair gets one link, not seven. A torus (TPU ICI) runs a collective
 * one dimension at a time, a ring in each direction on that dimension's two links: a group that
 * fits one dimension of side k uses 2 of the 2·D links, one that spans k² two dimensions, and so
 * on. A point-to-point transfer uses one link.
 */
public final class ScaleUpLinks {
  private ScaleUpLinks() {}

  /**
   * Bytes per second per accelerator and direction for a collective among {@code group}
   * accelerators of a {@code domain}-accelerator domain whose accelerators each have {@code
   * bidirectionalBytesPerSecond} of scale-up bandwidth (both directions, as datasheets quote).
   */
  public static double groupBytesPerSecond(
      ScaleUpTopology topology, double bidirectionalBytesPerSecond, int domain, int group) {
    double perDirection = bidirectionalBytesPerSecond / 2;
    if (group <= 1 || domain <= 1) {
      return perDirection;
    }
    return switch (topology) {
      case SWITCHED, POINT_TO_POINT, NONE -> perDirection;
      case MESH -> perDirection * Math.min(group - 1, domain - 1) / (domain - 1);
      case TORUS_2D -> perDirection * dimensionsSpanned(2, domain, group) / 2;
      case TORUS_3D -> perDirection * dimensionsSpanned(3, domain, group) / 3;
    };
  }

  /** Bytes per second of one transfer to a neighbour, per direction. */
  public static double pairBytesPerSecond(
      ScaleUpTopology topology, double bidirectionalBytesPerSecond, int domain) {
    double perDirection = bidirectionalBytesPerSecond / 2;
    return switch (topology) {
      case SWITCHED, POINT_TO_POINT, NONE -> perDirection;
      case MESH -> domain > 1 ? perDirection / (domain - 1) : perDirection;
      case TORUS_2D -> perDirection / 4;
      case TORUS_3D -> perDirection / 6;
    };
  }

  /** Torus dimensions a group of {@code group} spans in a cube-shaped domain of D dimensions. */
  static int dimensionsSpanned(int dimensions, int domain, int group) {
    double side = Math.max(2, Math.round(Math.pow(domain, 1.0 / dimensions)));
    int spanned = (int) Math.ceil(Math.log(group) / Math.log(side) - 1e-9);
    return Math.max(1, Math.min(dimensions, spanned));
  }
}
