package dev.ironworks.core.scenario;

import dev.ironworks.core.units.Require;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What is built: this many accelerators of this kind, in these servers, on this fabric. A count of
 * 0 means: size the serving fleet from the inference demand.
 *
 * @param averagePowerWattsPerAccelerator measured average IT power per accelerator with everything
 *     included (host, network, storage); when given, energy = count × this × hours × PUE
 */
public record ClusterSpec(
    String acceleratorId,
    int acceleratorCount,
    Optional<String> serverId,
    OptionalDouble averagePowerWattsPerAccelerator,
    FabricChoice fabric,
    Optional<StorageChoice> storage) {
  public ClusterSpec {
    Require.text("cluster.accelerator", acceleratorId);
    Require.nonNegative("cluster.count", acceleratorCount);
    Require.present("cluster.server", serverId);
    averagePowerWattsPerAccelerator.ifPresent(
        w -> Require.positive("cluster.averagePowerWattsPerAccelerator", w));
    Require.present("cluster.fabric", fabric);
    Require.present("cluster.storage", storage);
  }

  /** The count the scenario gives; empty when the serving fleet is to be sized from its demand. */
  public OptionalInt givenCount() {
    return acceleratorCount > 0 ? OptionalInt.of(acceleratorCount) : OptionalInt.empty();
  }
}
