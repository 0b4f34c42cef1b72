package dev.ironworks.core.units;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Every conversion in {@link Units}, each against a value worked out by hand. */
class UnitsTest {
  /**
   * Relative tolerance: each conversion is one multiply or divide by a constant, so the result is
   * within one rounding (about 1e-16 relative) of the exact figure; 1e-12 leaves room for that and
   * would still catch a constant off by any power of ten or by the 1000/1024 confusion.
   */
  private static final double RELATIVE = 1e-12;

  private static void assertClose(double expected, double actual) {
    assertEquals(expected, actual, Math.abs(expected) * RELATIVE);
  }

  @Test
  void calendarConstantsCountANonLeapYear() {
    assertEquals(8760.0, Units.HOURS_PER_YEAR, 0.0);
    assertEquals(365 * 24.0, Units.HOURS_PER_YEAR, 0.0);
    assertEquals(3600.0, Units.SECONDS_PER_HOUR, 0.0);
    assertEquals(24.0, Units.HOURS_PER_DAY, 0.0);
    assertEquals(12.0, Units.MONTHS_PER_YEAR, 0.0);
  }

  @Test
  void aThousandGpusAtSevenHundredWattsDrawSevenTenthsOfAMegawatt() {
    assertClose(0.7, Units.wattsToMegawatts(1000 * 700.0));
  }

  @Test
  void oneMegawattForAYearIsEightThousandSevenHundredSixtyMegawattHours() {
    double wattHours = 1e6 * Units.HOURS_PER_YEAR;
    assertClose(8760.0, Units.wattHoursToMegawattHours(wattHours));
  }

  @Test
  void oneMegawattForAnHourIsThreePointSixGigajoules() {
    // 1 MW × 3,600 s = 3.6e9 J, which is 1 MWh; a 700 W GPU for a day is 60.48 MJ = 0.0168 MWh.
    assertClose(1.0, Units.joulesToMegawattHours(1e6 * 3600));
    assertClose(0.0168, Units.joulesToMegawattHours(700 * 86_400.0));
  }

  @Test
  void megawattHoursAreAThousandKilowattHours() {
    assertClose(1500.0, Units.megawattHoursToKilowattHours(1.5));
  }

  @Test
  void kilowattsAndWattsDifferByAThousand() {
    assertClose(40_000.0, Units.kilowattsToWatts(40));
    assertClose(10.2, Units.wattsToKilowatts(10_200));
  }

  @Test
  void aGibibyteIsTwoToTheThirtyBytes() {
    assertClose(1.0, Units.bytesToGibibytes(1L << 30));
    // An 80 GB (decimal) HBM stack holds 80e9 / 2^30 = 74.505805969... GiB.
    assertClose(74.50580596923828, Units.bytesToGibibytes(80e9));
  }

  @Test
  void decimalGigabytesAreTenToTheNineBytes() {
    assertClose(8e10, Units.gigabytesToBytes(80));
  }

  @Test
  void aPetabyteIsAThousandTerabytes() {
    assertClose(2500.0, Units.petabytesToTerabytes(2.5));
  }

  @Test
  void fourHundredGigabitLinkMovesFiftyGigabytesPerSecond() {
    assertClose(5e10, Units.gigabitsPerSecondToBytesPerSecond(400));
  }

  @Test
  void gigabytesPerSecondAreTenToTheNineBytesPerSecond() {
    // H100 SXM HBM3: 3.35 TB/s = 3,350 GB/s.
    assertClose(3.35e12, Units.gigabytesPerSecondToBytesPerSecond(3350));
  }

  @Test
  void teraflopsAreTenToTheTwelveFlopPerSecondBothWays() {
    // H100 SXM dense BF16: 989 TFLOP/s.
    assertClose(9.89e14, Units.teraflopsToFlopPerSecond(989));
    assertClose(989.0, Units.flopPerSecondToTeraflops(9.89e14));
  }

  @Test
  void kilogramsToTonnesDividesByAThousand() {
    assertClose(46.5, Units.kilogramsToTonnes(46_500));
  }

  @Test
  void litresToCubicMetresDividesByAThousand() {
    assertClose(1.8, Units.litresToCubicMetres(1800));
  }

  @Test
  void twentyDaysAreFourHundredEightyHoursBothWays() {
    assertClose(480.0, Units.daysToHours(20));
    assertClose(20.0, Units.hoursToDays(480));
  }

  @Test
  void threeYearsAreTwentySixThousandTwoHundredEightyHours() {
    assertClose(26_280.0, Units.yearsToHours(3));
  }

  @Test
  void anHourIsThreeThousandSixHundredSecondsBothWays() {
    assertClose(2.0, Units.secondsToHours(7200));
    assertClose(5400.0, Units.hoursToSeconds(1.5));
  }

  @Test
  void inverseConversionsRoundTrip() {
    double[] values = {0.001, 1, 3.7, 1234.5, 9.89e14};
    for (double v : values) {
      assertClose(v, Units.flopPerSecondToTeraflops(Units.teraflopsToFlopPerSecond(v)));
      assertClose(v, Units.wattsToKilowatts(Units.kilowattsToWatts(v)));
      assertClose(v, Units.hoursToDays(Units.daysToHours(v)));
      assertClose(v, Units.secondsToHours(Units.hoursToSeconds(v)));
    }
  }

  @Test
  void hbmCapacitiesAreBinary() {
    // An "80 GB" H100 holds 80 × 2^30 = 85,899,345,920 bytes.
    assertEquals(85_899_345_920.0, Units.gibibytesToBytes(80), 0.0);
  }

  @Test
  void bandwidthDisplayConversions() {
    // 900 GB/s NVLink is 9e11 B/s; 204,800 Gb/s of bisection is 204.8 Tb/s.
    assertEquals(900, Units.bytesPerSecondToGigabytesPerSecond(9e11), 0.0);
    assertEquals(204.8, Units.gigabitsToTerabits(204_800), 1e-12);
  }

  @Test
  void aHeatRateIsFuelEnergyOverElectricEnergy() {
    // 3,412.14 BTU is one kWh, so a 3,412.14 BTU/kWh plant would be 100% efficient; a combined
    // cycle at 6,400 BTU/kWh burns 6,400 / 3,412.14 = 1.8756 MWh of gas a MWh (53.3% efficient).
    assertEquals(1, Units.heatRateToFuelPerElectric(3412.14), 0.0);
    assertEquals(1.8756, Units.heatRateToFuelPerElectric(6400), 1e-4);
  }
}
