package dev.ironworks.core.units;

/**
 * Unit conversions, each in one place. Internal values are SI (watts, joules, bytes, seconds,
 * kilograms) or US dollars; display units (MW, MWh, GiB, tCO2e) are produced only here.
 */
public final class Units {
  /** Hours in a (non-leap) year, as electricity tariffs and the seed count them. */
  public static final double HOURS_PER_YEAR = 8760.0;

  public static final double SECONDS_PER_HOUR = 3600.0;
  public static final double HOURS_PER_DAY = 24.0;
  public static final double MONTHS_PER_YEAR = 12.0;

  private Units() {}

  /** Decimal gigabytes (10^9 B) to bytes. */
  public static double gigabytesToBytes(double gigabytes) {
    return gigabytes * 1e9;
  }

  /** Binary gibibytes (2^30 B) to bytes: HBM capacities ("80 GB") are binary. */
  public static double gibibytesToBytes(double gibibytes) {
    return gibibytes * 1073741824.0;
  }

  /** Bytes to binary gibibytes (2^30 B). */
  public static double bytesToGibibytes(double bytes) {
    return bytes / 1073741824.0;
  }

  /** Decimal petabytes (10^15 B) to terabytes (10^12 B). */
  public static double petabytesToTerabytes(double petabytes) {
    return petabytes * 1000.0;
  }

  /** Link speed in gigabits per second to bytes per second. */
  public static double gigabitsPerSecondToBytesPerSecond(double gigabitsPerSecond) {
    return gigabitsPerSecond * 1e9 / 8.0;
  }

  /** Gigabytes per second to bytes per second. */
  public static double gigabytesPerSecondToBytesPerSecond(double gigabytesPerSecond) {
    return gigabytesPerSecond * 1e9;
  }

  /** Bytes per second to gigabytes per second. */
  public static double bytesPerSecondToGigabytesPerSecond(double bytesPerSecond) {
    return bytesPerSecond / 1e9;
  }

  /** Gigabits per second to terabits per second. */
  public static double gigabitsToTerabits(double gigabits) {
    return gigabits / 1e3;
  }

  /** TFLOP/s to FLOP/s. */
  public static double teraflopsToFlopPerSecond(double teraflops) {
    return teraflops * 1e12;
  }

  /** FLOP/s to TFLOP/s. */
  public static double flopPerSecondToTeraflops(double flopPerSecond) {
    return flopPerSecond / 1e12;
  }

  /** Watts to megawatts. */
  public static double wattsToMegawatts(double watts) {
    return watts / 1e6;
  }

  /** Kilowatts to watts. */
  public static double kilowattsToWatts(double kilowatts) {
    return kilowatts * 1e3;
  }

  /** Watts to kilowatts. */
  public static double wattsToKilowatts(double watts) {
    return watts / 1e3;
  }

  /** Energy of a constant draw: watts for hours, in megawatt-hours. */
  public static double wattHoursToMegawattHours(double wattHours) {
    return wattHours / 1e6;
  }

  /** Joules (watt-seconds) to megawatt-hours: 1 MWh = 10^6 W × 3,600 s = 3.6 × 10^9 J. */
  public static double joulesToMegawattHours(double joules) {
    return joules / 3.6e9;
  }

  /** Megawatt-hours to kilowatt-hours. */
  public static double megawattHoursToKilowattHours(double megawattHours) {
    return megawattHours * 1e3;
  }

  /** Kilograms of CO2e to tonnes of CO2e. */
  public static double kilogramsToTonnes(double kilograms) {
    return kilograms / 1e3;
  }

  /** Litres to cubic metres. */
  public static double litresToCubicMetres(double litres) {
    return litres / 1e3;
  }

  /** Days to hours. */
  public static double daysToHours(double days) {
    return days * HOURS_PER_DAY;
  }

  /** Hours to days. */
  public static double hoursToDays(double hours) {
    return hours / HOURS_PER_DAY;
  }

  /** Years to hours (8,760 h per year). */
  public static double yearsToHours(double years) {
    return years * HOURS_PER_YEAR;
  }

  /** Seconds to hours. */
  public static double secondsToHours(double seconds) {
    return seconds / SECONDS_PER_HOUR;
  }

  /** Hours to seconds. */
  public static double hoursToSeconds(double hours) {
    return hours * SECONDS_PER_HOUR;
  }

  /** BTU in a kWh (the International Table BTU: 1 kWh = 3,412.14 BTU). */
  public static final double BTU_PER_KWH = 3412.14;

  /**
   * A heat rate in BTU of fuel per kWh of electricity as a ratio of fuel energy to electric energy
   * (MWh of fuel per MWh generated): a 6,400 BTU/kWh combined cycle burns 1.876 MWh of fuel a MWh.
   */
  public static double heatRateToFuelPerElectric(double btuPerKwh) {
    return btuPerKwh / BTU_PER_KWH;
  }
}
