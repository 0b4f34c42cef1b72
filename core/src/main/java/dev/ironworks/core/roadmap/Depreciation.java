package dev.ironworks.core.roadmap;

import dev.ironworks.core.scenario.roadmap.RoadmapFinance;

/**
 * Book depreciation of one purchase year by year: straight line (cost / life a year), or double
 * declining balance (2 / life of what is left a year, switching to straight line over the remaining
 * life once that is more), both ending at zero after the life (a fraction of a year last).
 */
public final class Depreciation {
  private Depreciation() {}

  /** Depreciation in the year of a purchase's age (0 the year it is bought). */
  public static double inYear(
      double cost, double life, RoadmapFinance.Depreciation method, int age) {
    if (cost == 0) {
      return 0;
    }
    return bookValue(cost, life, method, age) - bookValue(cost, life, method, age + 1);
  }

  /** Book value at the start of the year of a purchase's age. */
  public static double bookValue(
      double cost, double life, RoadmapFinance.Depreciation method, int age) {
    if (cost == 0 || age >= life + 1) {
      return 0;
    }
    return switch (method) {
      case STRAIGHT_LINE -> cost * Math.max(0, 1 - age / life);
      case DOUBLE_DECLINING -> declining(cost, life, age);
    };
  }

  private static double declining(double cost, double life, int age) {
    double value = cost;
    double rate = 2 / life;
    for (int year = 0; year < age; year++) {
      double remaining = life - year;
      if (remaining <= 0) {
        return 0;
      }
      double straight = value / remaining;
      double declined = value * rate;
      value -= Math.min(value, Math.max(straight, declined));
    }
    return value;
  }
}
