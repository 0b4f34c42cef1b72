package dev.ironworks.core.scenario;

/** Scale-out fabric topology. */
public enum Topology {
  /** Leaf–spine, three-tier when it outgrows two: servers' ports share top-of-rack leaves. */
  FAT_TREE("fat-tree"),
  /** Fat-tree whose leaves are per rail: NIC i of every server goes to rail i's leaves. */
  RAIL_OPTIMIZED("rail-optimized"),
  /** Balanced dragonfly (Kim et al. 2008): all-to-all groups joined by global links. */
  DRAGONFLY("dragonfly");

  private final String id;

  Topology(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
