package dev.ironworks.core.scenario.roadmap;

import dev.ironworks.core.units.Require;
import java.util.Comparator;
import java.util.List;

/**
 * How a demand changes from year to year: a first-year value × {@code perYear}^(years since), or
 * the values given for some years ({@code byYear}), held between them and after the last; a year
 * before the first value given has none.
 */
public record Growth(double firstValue, int fromYear, double perYear, List<YearValue> byYear) {
  public Growth {
    Require.nonNegative("first value", firstValue);
    Require.positive("growthPerYear", perYear);
    byYear = byYear.stream().sorted(Comparator.comparingInt(YearValue::year)).toList();
  }

  /** The demand in a calendar year. */
  public double in(int year) {
    if (!byYear.isEmpty()) {
      double value = 0;
      for (YearValue v : byYear) {
        if (v.year() <= year) {
          value = v.value();
        }
      }
      return value;
    }
    return year < fromYear ? 0 : firstValue * Math.pow(perYear, year - fromYear);
  }
}
