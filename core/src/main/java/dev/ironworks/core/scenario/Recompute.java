package dev.ironworks.core.scenario;

/** Activation recomputation (Korthikanti et al. 2022). */
public enum Recompute {
  /** Keep every activation. */
  NONE("none"),
  /** Recompute the attention core (softmax, dropout, QK^T, AV) only. */
  SELECTIVE("selective"),
  /** Keep each layer's input only and recompute the whole layer in the backward pass. */
  FULL("full");

  private final String id;

  Recompute(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
