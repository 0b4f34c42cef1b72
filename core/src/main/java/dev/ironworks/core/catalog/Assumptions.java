package dev.ironworks.core.catalog;

import dev.ironworks.core.units.Require;
import java.util.Comparator;
import java.util.List;

/**
 * Cost and power assumptions that are not properties of a part (catalog kind {@code assumptions},
 * entry {@code default}).
 *
 * @param maintenanceFractionOfHardwarePerYear support and spares per year, as a fraction of
 *     hardware capex
 * @param staffFixedFte operations staff independent of size
 * @param staffFtePerMwIt operations staff per MW of critical IT load
 * @param otherOpexFractionOfCapexPerYear insurance, property tax and the rest, per year
 * @param idlePowerFractionOfPeak server draw when idle, as a fraction of its peak
 * @param loadPowerFractionOfPeak server draw when busy training or serving, as a fraction of peak
 */
public record Assumptions(
    String id,
    Lifetimes lifetimes,
    double maintenanceFractionOfHardwarePerYear,
    double staffFixedFte,
    double staffFtePerMwIt,
    double staffUsdPerFtePerYear,
    double wanGbpsPerThousandAccelerators,
    double wanUsdPerGbpsMonth,
    double otherOpexFractionOfCapexPerYear,
    List<VolumeDiscount> volumeDiscounts,
    double idlePowerFractionOfPeak,
    double loadPowerFractionOfPeak,
    int rackUnitsPerRack,
    int reservedRackUnitsPerRack,
    Provenance provenance)
    implements CatalogEntry {
  public Assumptions {
    Require.text("id", id);
    Require.present("lifetimesYears", lifetimes);
    Require.fraction("maintenanceFractionOfHardwarePerYear", maintenanceFractionOfHardwarePerYear);
    Require.nonNegative("staff.fixedFte", staffFixedFte);
    Require.nonNegative("staff.ftePerMwIt", staffFtePerMwIt);
    Require.nonNegative("staff.usdPerFtePerYear", staffUsdPerFtePerYear);
    Require.nonNegative("wan.gbpsPerThousandAccelerators", wanGbpsPerThousandAccelerators);
    Require.nonNegative("wan.usdPerGbpsMonth", wanUsdPerGbpsMonth);
    Require.fraction("otherOpexFractionOfCapexPerYear", otherOpexFractionOfCapexPerYear);
    volumeDiscounts =
        List.copyOf(volumeDiscounts).stream()
            .sorted(Comparator.comparingInt(VolumeDiscount::minUnits))
            .toList();
    Require.fraction("power.idleFractionOfPeak", idlePowerFractionOfPeak);
    Require.fraction("power.loadFractionOfPeak", loadPowerFractionOfPeak);
    if (loadPowerFractionOfPeak < idlePowerFractionOfPeak) {
      throw new IllegalArgumentException(
          "power.loadFractionOfPeak must be >= power.idleFractionOfPeak");
    }
    Require.positive("rack.unitsPerRack", rackUnitsPerRack);
    Require.nonNegative("rack.reservedUnitsPerRack", reservedRackUnitsPerRack);
    if (reservedRackUnitsPerRack >= rackUnitsPerRack) {
      throw new IllegalArgumentException("rack.reservedUnitsPerRack must be < rack.unitsPerRack");
    }
    Require.present("provenance", provenance);
  }

  /**
   * Price of {@code units} at {@code listPrice} under graduated volume discounts: each tier's
   * discount applies to the units beyond its threshold, so buying more never costs less.
   */
  public double discountedPrice(long units, double listPrice) {
    double total = 0;
    for (int i = 0; i < volumeDiscounts.size(); i++) {
      VolumeDiscount tier = volumeDiscounts.get(i);
      long from = tier.minUnits() - 1L;
      long to = i + 1 < volumeDiscounts.size() ? volumeDiscounts.get(i + 1).minUnits() - 1L : units;
      long inTier = Math.max(0, Math.min(units, to) - from);
      total += inTier * listPrice * (1 - tier.fraction());
    }
    long belowFirst =
        volumeDiscounts.isEmpty() ? units : Math.min(units, volumeDiscounts.get(0).minUnits() - 1L);
    return total + Math.max(0, belowFirst) * listPrice;
  }

  /** The average discount off list for an order of {@code units} (graduated tiers). */
  public double volumeDiscountFraction(long units) {
    return units <= 0 ? 0 : 1 - discountedPrice(units, 1.0) / units;
  }

  /** Rack units available for servers or switches in one rack. */
  public int usableRackUnits() {
    return rackUnitsPerRack - reservedRackUnitsPerRack;
  }
}
