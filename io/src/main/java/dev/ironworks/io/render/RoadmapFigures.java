package dev.ironworks.io.render;

import dev.ironworks.core.roadmap.RoadmapPlan;
import dev.ironworks.core.roadmap.RoadmapResult;
import dev.ironworks.core.scenario.roadmap.RoadmapSpec;
import dev.ironworks.core.scenario.roadmap.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A roadmap's figures by path, as sweeps read them (docs/reference/design-space.md): {@code
 * roadmap.FIGURE} is the figure of the plan with every option open, {@code
 * roadmap.strategies.NAME.FIGURE} a named strategy's; the figures are those of {@code strategies[]}
 * in docs/reference/roadmap-output.md.
 */
public final class RoadmapFigures {
  /** The figures every strategy has, in the order a row carries them. */
  public static final List<String> NAMES =
      List.of(
          "npvCostUsd",
          "capexUsd",
          "opexUsd",
          "cloudUsd",
          "energyMwh",
          "emissionsTco2e",
          "embodiedTco2e",
          "cloudShare",
          "unservedShare",
          "peakAccelerators");

  /** Prefix of every roadmap figure's path. */
  public static final String PREFIX = "roadmap.";

  private static final String STRATEGIES = PREFIX + "strategies.";

  private RoadmapFigures() {}

  /** The paths a sweep row over this roadmap carries: every figure, then each strategy's NPV. */
  public static List<String> paths(RoadmapSpec spec) {
    List<String> out = new ArrayList<>();
    NAMES.forEach(n -> out.add(PREFIX + n));
    for (Strategy s : spec.strategies()) {
      out.add(STRATEGIES + s.name() + ".npvCostUsd");
    }
    return out;
  }

  /** Whether a path names a roadmap figure at all (it may still name no strategy of the spec). */
  public static boolean isRoadmap(String path) {
    return path.startsWith(PREFIX);
  }

  /**
   * Why {@code path} names no figure of this roadmap, listing what is allowed; empty when it does.
   */
  public static Optional<String> problem(RoadmapSpec spec, String path) {
    if (!path.startsWith(STRATEGIES)) {
      String name = path.substring(Math.min(path.length(), PREFIX.length()));
      return NAMES.contains(name)
          ? Optional.empty()
          : Optional.of(
              "'"
                  + path
                  + "' is not a roadmap figure; allowed: roadmap.FIGURE or"
                  + " roadmap.strategies.NAME.FIGURE, FIGURE one of "
                  + String.join(", ", NAMES));
    }
    String rest = path.substring(STRATEGIES.length());
    int dot = rest.lastIndexOf('.');
    String strategy = dot < 0 ? rest : rest.substring(0, dot);
    String figure = dot < 0 ? "" : rest.substring(dot + 1);
    List<String> names = spec.strategies().stream().map(Strategy::name).toList();
    if (!names.contains(strategy)) {
      return Optional.of(
          "'"
              + path
              + "': no strategy '"
              + strategy
              + "' in roadmap.strategies; allowed: "
              + (names.isEmpty() ? "none are named" : String.join(", ", names)));
    }
    if (!NAMES.contains(figure)) {
      return Optional.of(
          "'" + path + "': '" + figure + "' is not a figure; allowed: " + String.join(", ", NAMES));
    }
    return Optional.empty();
  }

  /** The figure at {@code path} of the plan, NaN where it names none. */
  public static double value(RoadmapPlan plan, String path) {
    if (!path.startsWith(PREFIX) || plan.results().isEmpty()) {
      return Double.NaN;
    }
    RoadmapResult result = plan.results().get(0);
    String figure = path.substring(PREFIX.length());
    if (path.startsWith(STRATEGIES)) {
      String rest = path.substring(STRATEGIES.length());
      int dot = rest.lastIndexOf('.');
      if (dot < 0) {
        return Double.NaN;
      }
      String strategy = rest.substring(0, dot);
      figure = rest.substring(dot + 1);
      result =
          plan.results().stream()
              .filter(r -> r.strategy().equals(strategy))
              .findFirst()
              .orElse(null);
      if (result == null) {
        return Double.NaN;
      }
    }
    Map<String, Object> summary = RoadmapView.summary(result);
    return summary.get(figure) instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
