package dev.ironworks.core.catalog;

import dev.ironworks.core.units.Require;

/** A scale-up interconnect: NVLink/NVSwitch, TPU ICI, Infinity Fabric, PCIe. */
public record ScaleUpInterconnect(
    String id,
    String name,
    double bandwidthBytesPerSecondPerAccelerator,
    int maxDomainSize,
    ScaleUpTopology topology,
    Provenance provenance)
    implements CatalogEntry {
  public ScaleUpInterconnect {
    Require.text("id", id);
    Require.nonNegative(
        "bandwidthBytesPerSecondPerAccelerator", bandwidthBytesPerSecondPerAccelerator);
    Require.positive("maxDomainSize", maxDomainSize);
    Require.present("topology", topology);
    Require.present("provenance", provenance);
  }
}
