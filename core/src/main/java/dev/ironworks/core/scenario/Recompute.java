package dev.ironworks.core.scenario;

/** Activation recomputation (Korthikanti et al. 2022). */
public enum Recompute {
  /** Keep every activation. */
  NONE("none"),
  /** Recompute the attention core (softmax, dropout, QK^T, AV) only. */
  SELECTIVE("selective"),
  /** Keep each layer's input only and recompute the whole layer in the backward pass. */
  FULL("full"),
  /**
   * PyTorch's operator-level selective checkpointing as torchtitan applies it ({@code
   * selective_ac_option: op}): the outputs of the attention kernel and of every other linear
   * multiply are kept ("saves output of all compute ops, except every second mm"), the other
   * multiplies and the element-wise operations are recomputed in the backward pass. Offered when
   * asked for, never by the search (Megatron-LM does not run it).
   */
  SELECTIVE_OP("selective-op"),
  /**
   * Full recomputation of as few whole layers as the memory needs, the others keeping every
   * activation (Megatron-LM's {@code --recompute-method block} with {@code
   * --recompute-num-layers}): as fast as {@code none} when everything fits, as {@code full} when
   * only layer inputs do.
   */
  BLOCK("block");

  private final String id;

  Recompute(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
