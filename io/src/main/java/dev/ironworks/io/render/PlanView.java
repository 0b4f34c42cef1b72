package dev.ironworks.io.render;

import dev.ironworks.core.plan.Plan;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The plan as an ordered tree of named values in display units: the one shape every renderer (JSON,
 * table, Markdown) prints, so that a path such as {@code power.itPeakPowerMw} means the same
 * everywhere. The figures and their order are those of the registry {@link PlanFigures};
 * docs/reference/plan-output.md documents each path.
 */
public final class PlanView {
  private PlanView() {}

  public static Map<String, Object> of(Plan plan) {
    return PlanFigures.tree(plan, name -> true);
  }

  /**
   * Only the top-level sections {@code wanted} accepts (such as {@code cost} or {@code training}),
   * each built as {@link #of(Plan)} builds it: a sweep reads a few figures of every plan.
   */
  public static Map<String, Object> of(Plan plan, Predicate<String> wanted) {
    return PlanFigures.tree(plan, wanted);
  }

  /**
   * The value at a dotted path such as {@code cost.capexBreakdownUsd.network}, or null; the old
   * path of a renamed figure reads the new one ({@link PlanFigures#canonical}).
   */
  public static Object at(Map<String, Object> tree, String path) {
    return at(tree, PlanFigures.canonical(path).split("\\."));
  }

  /** The value at a path already split at its dots, or null. */
  public static Object at(Map<String, Object> tree, String... parts) {
    Object node = tree;
    for (String part : parts) {
      if (!(node instanceof Map<?, ?> map) || !map.containsKey(part)) {
        return null;
      }
      node = map.get(part);
    }
    return node;
  }
}
