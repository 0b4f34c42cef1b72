package dev.ironworks.io.explore;

import dev.ironworks.core.explore.Constraint;
import dev.ironworks.core.explore.DesignSpace;
import dev.ironworks.core.explore.Uncertainty;
import dev.ironworks.core.scenario.roadmap.RoadmapSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A design-space file, read: the base scenario, the space, the constraints, the objectives
 * (plan-output paths, all minimised), the uncertain inputs and the seed.
 *
 * @param baseText the base scenario's YAML text
 * @param samples Monte Carlo samples per front design (0 without uncertainty)
 * @param roadmap the base scenario's roadmap section, when it has one: the designs are then
 *     roadmaps, evaluated by rule, and their figures are {@code roadmap.*} paths
 */
public record SweepSpec(
    Path file,
    Path base,
    String baseText,
    DesignSpace space,
    List<Constraint> constraints,
    List<String> objectives,
    List<Uncertainty.Input> uncertainty,
    int samples,
    long seed,
    Optional<RoadmapSpec> roadmap) {
  public SweepSpec {
    constraints = List.copyOf(constraints);
    objectives = List.copyOf(objectives);
    uncertainty = List.copyOf(uncertainty);
    Objects.requireNonNull(roadmap, "roadmap");
  }
}
