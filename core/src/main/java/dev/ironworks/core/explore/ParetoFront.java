package dev.ironworks.core.explore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The non-dominated designs over objectives that are all minimised, kept as designs arrive (so a
 * sweep never holds every point). A design dominates another when it is no worse on every objective
 * and better on one; ties on every objective keep the lower id, so the front does not depend on
 * arrival order.
 */
public final class ParetoFront {
  /** A design's id and objective values. */
  public record Entry(long id, double[] objectives) {
    public Entry {
      objectives = objectives.clone();
    }

    @Override
    public double[] objectives() {
      return objectives.clone();
    }
  }

  private final List<Entry> front = new ArrayList<>();

  /** Whether {@code a} dominates {@code b} (minimising every objective). */
  public static boolean dominates(double[] a, double[] b) {
    boolean better = false;
    for (int i = 0; i < a.length; i++) {
      if (a[i] > b[i]) {
        return false;
      }
      if (a[i] < b[i]) {
        better = true;
      }
    }
    return better;
  }

  private static boolean same(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        return false;
      }
    }
    return true;
  }

  /** Offers a design; returns whether it is on the front now. NaN objectives are not offered. */
  public boolean offer(long id, double[] objectives) {
    for (double v : objectives) {
      if (Double.isNaN(v)) {
        return false;
      }
    }
    for (Entry e : front) {
      if (e.id() == id) {
        return true; // offered before (a re-merged worker's front): kept once
      }
    }
    for (Entry e : front) {
      if (dominates(e.objectives, objectives) || (same(e.objectives, objectives) && e.id() < id)) {
        return false;
      }
    }
    front.removeIf(
        e ->
            dominates(objectives, e.objectives) || (same(e.objectives, objectives) && id < e.id()));
    front.add(new Entry(id, objectives));
    return true;
  }

  /** Merges another front (e.g. a worker's) into this one. */
  public void merge(ParetoFront other) {
    for (Entry e : List.copyOf(other.front)) {
      offer(e.id(), e.objectives);
    }
  }

  /** The front, by id. */
  public List<Entry> entries() {
    List<Entry> out = new ArrayList<>(front);
    out.sort(Comparator.comparingLong(Entry::id));
    return out;
  }

  public int size() {
    return front.size();
  }
}
