package dev.ironworks.core.scenario;

import dev.ironworks.core.units.Require;
import java.util.OptionalDouble;

/**
 * Shared storage for the cluster.
 *
 * @param writeGigabytesPerSecond required aggregate write bandwidth; capacity grows to meet it
 */
public record StorageChoice(
    String tierId, double capacityPetabytes, OptionalDouble writeGigabytesPerSecond) {
  /** Default tier: all-flash parallel file system, as AI clusters use for checkpoints. */
  public static final String DEFAULT_TIER = "all-flash-parallel-fs";

  public StorageChoice {
    Require.text("storage.tier", tierId);
    Require.nonNegative("storage.capacityPetabytes", capacityPetabytes);
    writeGigabytesPerSecond.ifPresent(
        v -> Require.nonNegative("storage.writeGigabytesPerSecond", v));
  }
}
