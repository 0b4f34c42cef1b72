package dev.ironworks.core.catalog;

import dev.ironworks.core.units.Require;

/**
 * A scale-out (compute) fabric technology and its parts.
 *
 * @param portGbps speed of one endpoint port
 * @param switchRadix ports at {@code portGbps} per switch
 * @param transceiverPowerWatts power of one port's optical transceiver
 * @param cablePriceUsd price of one optical fibre link
 */
public record Fabric(
    String id,
    String name,
    FabricKind kind,
    double portGbps,
    String switchModel,
    int switchRadix,
    double switchPowerWatts,
    double switchPriceUsd,
    int switchRackUnits,
    double switchEmbodiedKgCo2e,
    String nicModel,
    double nicPowerWatts,
    double nicPriceUsd,
    String transceiverModel,
    double transceiverPowerWatts,
    double transceiverPriceUsd,
    double cablePriceUsd,
    double switchLatencyNanoseconds,
    Provenance provenance)
    implements CatalogEntry {
  public Fabric {
    Require.text("id", id);
    Require.present("kind", kind);
    Require.positive("portGbps", portGbps);
    Require.positive("switch.radix", switchRadix);
    if (switchRadix < 4 || switchRadix % 2 != 0) {
      throw new IllegalArgumentException("switch.radix must be even and >= 4, got " + switchRadix);
    }
    Require.nonNegative("switch.powerWatts", switchPowerWatts);
    Require.nonNegative("switch.priceUsd", switchPriceUsd);
    Require.positive("switch.rackUnits", switchRackUnits);
    Require.nonNegative("switch.embodiedKgCo2e", switchEmbodiedKgCo2e);
    Require.nonNegative("nic.powerWatts", nicPowerWatts);
    Require.nonNegative("nic.priceUsd", nicPriceUsd);
    Require.nonNegative("transceiver.powerWatts", transceiverPowerWatts);
    Require.nonNegative("transceiver.priceUsd", transceiverPriceUsd);
    Require.nonNegative("cable.priceUsd", cablePriceUsd);
    Require.nonNegative("switchLatencyNs", switchLatencyNanoseconds);
    Require.present("provenance", provenance);
  }
}
