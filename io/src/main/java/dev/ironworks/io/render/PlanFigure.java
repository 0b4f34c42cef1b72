package dev.ironworks.io.render;

import dev.ironworks.core.plan.Plan;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * One figure of a plan, as the registry {@link PlanFigures} declares it.
 *
 * @param path where it sits in the plan's tree, such as {@code cost.capexBreakdownUsd.network}
 * @param unit its display unit as docs/reference/plan-output.md writes it ({@code MW}, {@code
 *     USD/year}, {@code count} …); empty for an id, a name or a list
 * @param meaning what it is, and how it is worked out
 * @param formerly paths it had before a rename, still read as this one for one release
 * @param value reads it from a plan as the tree holds it (a Double, Long, String, Boolean, List, or
 *     null), or null where the plan has no such section
 * @param number reads it from a plan as a number, NaN where it has none; null for a figure that is
 *     no number
 */
public record PlanFigure(
    String path,
    String unit,
    String meaning,
    List<String> formerly,
    Function<Plan, Object> value,
    ToDoubleFunction<Plan> number) {
  public PlanFigure {
    formerly = List.copyOf(formerly);
  }

  /** Whether it is a number (and a sweep can read it straight from the plan). */
  public boolean numeric() {
    return number != null;
  }

  /** The figure of {@code leaf}, read from a plan through the groups {@code path} passes. */
  static PlanFigure of(String path, FigureGroup.Leaf leaf, List<FigureGroup.Sub> groups) {
    FigureGroup.Sub[] chain = groups.toArray(new FigureGroup.Sub[0]);
    Function<Plan, Object> value =
        plan -> {
          Object part = partOf(plan, chain);
          return part == null ? null : leaf.value(part);
        };
    ToDoubleFunction<Plan> reader =
        !leaf.numeric()
            ? null
            : plan -> {
              Object part = partOf(plan, chain);
              return part == null ? Double.NaN : leaf.number(part);
            };
    return new PlanFigure(path, leaf.unit(), leaf.meaning(), pathsOf(path, leaf), value, reader);
  }

  private static List<String> pathsOf(String path, FigureGroup.Leaf leaf) {
    String prefix = path.substring(0, path.length() - leaf.key().length());
    return leaf.formerly().stream().map(old -> prefix + old).toList();
  }

  /** The part of the plan the groups lead to, or null where one is absent. */
  private static Object partOf(Plan plan, FigureGroup.Sub[] chain) {
    Object part = plan;
    for (FigureGroup.Sub group : chain) {
      part = group.of(part);
      if (part == null) {
        return null;
      }
    }
    return part;
  }
}
