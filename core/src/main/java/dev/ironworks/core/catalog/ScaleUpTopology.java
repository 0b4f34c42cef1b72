package dev.ironworks.core.catalog;

/** How a scale-up domain connects its accelerators. */
public enum ScaleUpTopology {
  SWITCHED("switched"),
  TORUS_2D("torus-2d"),
  TORUS_3D("torus-3d"),
  MESH("mesh"),
  POINT_TO_POINT("point-to-point"),
  NONE("none");

  private final String id;

  ScaleUpTopology(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
