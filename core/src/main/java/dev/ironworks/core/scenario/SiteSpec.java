package dev.ironworks.core.scenario;

import dev.ironworks.core.units.Require;
import java.util.OptionalDouble;

/**
 * Where the cluster runs. Overrides replace the region's or cooling type's catalog figure.
 *
 * @param coolingId a cooling type id, or {@link #COOLING_AUTO}: air where the server allows it,
 *     else liquid cold plates
 * @param carbonFreeEnergyFraction share of energy covered by contracted carbon-free supply
 */
public record SiteSpec(
    String regionId,
    String coolingId,
    OptionalDouble pue,
    OptionalDouble electricityUsdPerKwh,
    OptionalDouble gridKgCo2ePerKwh,
    OptionalDouble wueLitersPerKwh,
    double carbonFreeEnergyFraction) {
  /** The cooling the server needs: air where it allows it, else liquid cold plates. */
  public static final String COOLING_AUTO = "auto";

  public SiteSpec {
    Require.text("site.region", regionId);
    Require.text("site.cooling", coolingId);
    pue.ifPresent(v -> Require.atLeast("site.pue", v, 1.0));
    electricityUsdPerKwh.ifPresent(v -> Require.nonNegative("site.electricityUsdPerKwh", v));
    gridKgCo2ePerKwh.ifPresent(v -> Require.nonNegative("site.gridKgCo2ePerKwh", v));
    wueLitersPerKwh.ifPresent(v -> Require.nonNegative("site.wueLitersPerKwh", v));
    Require.fraction("site.carbonFreeEnergyFraction", carbonFreeEnergyFraction);
  }
}
