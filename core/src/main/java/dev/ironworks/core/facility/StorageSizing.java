package dev.ironworks.core.facility;

/**
 * Shared storage as sized: capacity grows until the tier's write bandwidth meets the ask.
 *
 * @param requestedPetabytes capacity the scenario asked for
 * @param capacityPetabytes capacity built: max(requested, write bandwidth / tier GB/s per PB)
 */
public record StorageSizing(
    String tierId,
    double requestedPetabytes,
    double capacityPetabytes,
    double writeGigabytesPerSecond,
    double readGigabytesPerSecond,
    double powerWatts,
    long rackCount,
    double embodiedKgCo2e) {

  /** No storage. */
  public static StorageSizing none() {
    return new StorageSizing("none", 0, 0, 0, 0, 0, 0, 0);
  }
}
