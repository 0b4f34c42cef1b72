package dev.ironworks.core.catalog;

/** Architecture family of an accelerator. */
public enum AcceleratorKind {
  GPU("gpu"),
  TPU("tpu"),
  WAFER_SCALE("wafer-scale"),
  LPU("lpu"),
  IPU("ipu");

  private final String id;

  AcceleratorKind(String id) {
    this.id = id;
  }

  /** The identifier used in catalog and scenario files. */
  public String id() {
    return id;
  }
}
