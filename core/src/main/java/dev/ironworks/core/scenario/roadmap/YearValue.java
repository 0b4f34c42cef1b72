package dev.ironworks.core.scenario.roadmap;

import dev.ironworks.core.units.Require;

/** A value given for one calendar year (a demand, a grid connection). */
public record YearValue(int year, double value) {
  public YearValue {
    Require.positive("year", year);
    Require.nonNegative("value", value);
  }
}
