package dev.ironworks.core.catalog;

/** Link layer of a scale-out fabric. */
public enum FabricKind {
  INFINIBAND("infiniband"),
  ETHERNET("ethernet");

  private final String id;

  FabricKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
