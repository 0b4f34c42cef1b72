package dev.ironworks.io.catalog;

import static dev.ironworks.io.catalog.EntryFields.part;
import static dev.ironworks.io.catalog.EntryFields.provenance;

import dev.ironworks.core.catalog.Assumptions;
import dev.ironworks.core.catalog.Lifetimes;
import dev.ironworks.core.catalog.Provenance;
import dev.ironworks.core.catalog.VolumeDiscount;
import dev.ironworks.io.yaml.YamlMap;
import java.util.ArrayList;
import java.util.List;

/** Reads an {@code assumptions} entry: lifetimes, staff, WAN, power and rack assumptions. */
final class AssumptionsReader {
  private AssumptionsReader() {}

  static Assumptions read(YamlMap m) {
    Provenance provenance = provenance(m);
    YamlMap life = part(m, "lifetimesYears");
    Lifetimes lifetimes =
        new Lifetimes(
            life.requiredPositive("accelerators"),
            life.requiredPositive("servers"),
            life.requiredPositive("network"),
            life.requiredPositive("storage"),
            life.requiredPositive("facility"));
    life.finish();
    YamlMap staff = part(m, "staff");
    YamlMap wan = part(m, "wan");
    YamlMap power = part(m, "power");
    YamlMap rack = part(m, "rack");
    List<VolumeDiscount> discounts = new ArrayList<>();
    for (YamlMap tier : m.maps("volumeDiscounts")) {
      discounts.add(
          new VolumeDiscount(
              tier.requiredInteger("minUnits", 1, Integer.MAX_VALUE),
              tier.number("fraction", 0, false, 1, "share off list").orElse(0)));
      tier.finish();
    }
    Assumptions assumptions =
        new Assumptions(
            m.requiredText("id"),
            lifetimes,
            m.number("maintenanceFractionOfHardwarePerYear", 0, false, 1, "").orElse(Double.NaN),
            staff.requiredNonNegative("fixedFte"),
            staff.requiredNonNegative("ftePerMwIt"),
            staff.requiredNonNegative("usdPerFtePerYear"),
            wan.requiredNonNegative("gbpsPerThousandAccelerators"),
            wan.requiredNonNegative("usdPerGbpsMonth"),
            m.number("otherOpexFractionOfCapexPerYear", 0, false, 1, "").orElse(Double.NaN),
            discounts,
            power.number("idleFractionOfPeak", 0, false, 1, "").orElse(Double.NaN),
            power.number("loadFractionOfPeak", 0, false, 1, "").orElse(Double.NaN),
            rack.requiredInteger("unitsPerRack", 1, 100),
            rack.requiredInteger("reservedUnitsPerRack", 0, 100),
            provenance);
    for (YamlMap part : List.of(staff, wan, power, rack)) {
      part.finish();
    }
    return assumptions;
  }
}
