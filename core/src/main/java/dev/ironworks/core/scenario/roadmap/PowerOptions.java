package dev.ironworks.core.scenario.roadmap;

import dev.ironworks.core.units.Require;
import java.util.List;
import java.util.Optional;

/** The power sources a site may use besides its grid connection. */
public record PowerOptions(
    GridTariff grid,
    List<Ppa> ppas,
    Optional<GasTurbines> gas,
    Optional<Solar> solar,
    Optional<Battery> battery,
    Optional<NuclearContract> nuclear) {
  public PowerOptions {
    Require.present("roadmap.sites.power.grid", grid);
    ppas = List.copyOf(ppas);
    Require.present("roadmap.sites.power.gas", gas);
    Require.present("roadmap.sites.power.solar", solar);
    Require.present("roadmap.sites.power.battery", battery);
    Require.present("roadmap.sites.power.nuclear", nuclear);
  }

  /** Energy bought through the grid connection at a tariff; empty figures take the region's. */
  public record GridTariff(
      java.util.OptionalDouble usdPerMwh, java.util.OptionalDouble kgCo2ePerKwh) {}

  /**
   * A power purchase agreement: energy delivered through the grid connection at a fixed price, a
   * share of it carbon-free, from a year, up to {@code megawatts} of plant at its capacity factor.
   */
  public record Ppa(
      String name,
      double usdPerMwh,
      double carbonFreeFraction,
      int fromYear,
      double megawatts,
      double capacityFactor) {
    public Ppa {
      Require.text("roadmap.sites.power.ppa.name", name);
      Require.nonNegative("roadmap.sites.power.ppa.usdPerMwh", usdPerMwh);
      Require.fraction("roadmap.sites.power.ppa.carbonFreeFraction", carbonFreeFraction);
      Require.positive("roadmap.sites.power.ppa.fromYear", fromYear);
      Require.positive("roadmap.sites.power.ppa.megawatts", megawatts);
      Require.fraction("roadmap.sites.power.ppa.capacityFactor", capacityFactor);
      Require.positive("roadmap.sites.power.ppa.capacityFactor", capacityFactor);
    }
  }

  /**
   * On-site gas turbines behind the meter: firm capacity built at {@code usdPerKw}, burning fuel at
   * {@code fuelUsdPerMwh} of fuel energy with a heat rate (fuel energy per electric energy) and the
   * fuel's emission factor.
   */
  public record GasTurbines(
      double usdPerKw,
      double fuelUsdPerMwh,
      double heatRateBtuPerKwh,
      double kgCo2ePerMwhFuel,
      double maxMegawatts,
      int leadTimeYears,
      double availability) {
    public GasTurbines {
      Require.nonNegative("roadmap.sites.power.gas.usdPerKw", usdPerKw);
      Require.nonNegative("roadmap.sites.power.gas.fuelUsdPerMwh", fuelUsdPerMwh);
      Require.positive("roadmap.sites.power.gas.heatRateBtuPerKwh", heatRateBtuPerKwh);
      Require.nonNegative("roadmap.sites.power.gas.kgCo2ePerMwhFuel", kgCo2ePerMwhFuel);
      Require.nonNegative("roadmap.sites.power.gas.maxMegawatts", maxMegawatts);
      Require.nonNegative("roadmap.sites.power.gas.leadTimeYears", leadTimeYears);
      Require.fraction("roadmap.sites.power.gas.availability", availability);
    }
  }

  /** On-site solar: energy only (no firm capacity), at a capacity factor. */
  public record Solar(double usdPerKw, double capacityFactor, double maxMegawatts) {
    public Solar {
      Require.nonNegative("roadmap.sites.power.solar.usdPerKw", usdPerKw);
      Require.fraction("roadmap.sites.power.solar.capacityFactor", capacityFactor);
      Require.nonNegative("roadmap.sites.power.solar.maxMegawatts", maxMegawatts);
    }
  }

  /**
   * Batteries: storage of {@code hours} at their power, counted as firm capacity for {@code min(1,
   * hours / 4)} of it (the four-hour rule of resource-adequacy markets).
   */
  public record Battery(double usdPerKwh, double hours, double maxMegawattHours) {
    public Battery {
      Require.nonNegative("roadmap.sites.power.battery.usdPerKwh", usdPerKwh);
      Require.positive("roadmap.sites.power.battery.hours", hours);
      Require.nonNegative("roadmap.sites.power.battery.maxMegawattHours", maxMegawattHours);
    }

    /** Hours of discharge that count a battery's power as firm capacity. */
    public static final double FIRM_HOURS = 4;

    /** Firm MW a MWh of storage adds. */
    public double firmMegawattsPerMegawattHour() {
      return Math.min(1, hours / FIRM_HOURS) / hours;
    }
  }

  /**
   * A nuclear contract: {@code megawatts} of carbon-free firm capacity from a year, paid for
   * whether used or not at {@code usdPerMwh} of its output at the capacity factor.
   */
  public record NuclearContract(
      double usdPerMwh, double megawatts, int fromYear, double capacityFactor) {
    public NuclearContract {
      Require.nonNegative("roadmap.sites.power.nuclear.usdPerMwh", usdPerMwh);
      Require.positive("roadmap.sites.power.nuclear.megawatts", megawatts);
      Require.positive("roadmap.sites.power.nuclear.fromYear", fromYear);
      Require.fraction("roadmap.sites.power.nuclear.capacityFactor", capacityFactor);
    }
  }
}
