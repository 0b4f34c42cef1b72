package dev.ironworks.core.scenario;

import dev.ironworks.core.units.Require;
import java.util.Optional;

/**
 * The compute fabric a scenario asks for.
 *
 * @param fabricId catalog fabric id; empty picks the slowest fabric at least as fast as the
 *     server's ports, InfiniBand first at equal speed
 * @param topology empty picks rail-optimized for multi-port servers, fat-tree otherwise
 * @param oversubscription leaf down:up bandwidth ratio, 1 for non-blocking
 */
public record FabricChoice(
    Optional<String> fabricId, Optional<Topology> topology, double oversubscription) {
  public FabricChoice {
    Require.present("fabric.kind", fabricId);
    Require.present("fabric.topology", topology);
    Require.atLeast("fabric.oversubscription", oversubscription, 1.0);
  }

  /** Everything chosen by default. */
  public static FabricChoice defaults() {
    return new FabricChoice(Optional.empty(), Optional.empty(), 1.0);
  }
}
