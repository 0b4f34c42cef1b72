package dev.ironworks.core.scenario;

/** How the cloud alternative is billed. */
public enum CloudBilling {
  /** Every hour of the horizon is paid, used or not (a reservation of the same cluster). */
  RESERVED("reserved"),
  /** Only the hours used (utilization × horizon) are paid. */
  ON_DEMAND("on-demand");

  private final String id;

  CloudBilling(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
