package dev.ironworks.core.scenario;

/** Whether the data hall is built (capex) or leased from a colocation provider (opex). */
public enum FacilityOwnership {
  BUILD("build"),
  LEASE("lease");

  private final String id;

  FacilityOwnership(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
