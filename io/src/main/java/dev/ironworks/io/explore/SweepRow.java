package dev.ironworks.io.explore;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One evaluated design.
 *
 * @param figures the objectives, constraint metrics and {@link Sweep#FIGURES} by path (NaN: absent)
 * @param violations why the design is excluded (constraints broken, or not buildable)
 */
public record SweepRow(
    long id, List<String> axisValues, Map<String, Double> figures, List<String> violations)
    implements Serializable {
  public boolean feasible() {
    return violations.isEmpty();
  }
}
