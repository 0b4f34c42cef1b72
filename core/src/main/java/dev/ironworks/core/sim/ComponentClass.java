package dev.ironworks.core.sim;

/** Classes of failing components, and whether a failure takes a server out. */
public enum ComponentClass {
  ACCELERATOR(true),
  HOST(true),
  NIC(true),
  SWITCH(false),
  SOFTWARE(false),
  LINK(false);

  private final boolean takesServer;

  ComponentClass(boolean takesServer) {
    this.takesServer = takesServer;
  }

  /** Whether the failed server must be swapped for a spare before the job restarts. */
  public boolean takesServer() {
    return takesServer;
  }
}
