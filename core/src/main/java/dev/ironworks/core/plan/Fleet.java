package dev.ironworks.core.plan;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.scenario.InfeasibleScenarioException;
import dev.ironworks.core.scenario.Scenario;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The second stage of a plan: how many accelerators are built and what runs on them. A training run
 * has the cluster the scenario gives; a serving fleet is sized from its demand and added to it, or,
 * serving alone, is the cluster the scenario gives ({@link FleetSize}).
 *
 * @param acceleratorCount accelerators built: the training cluster and the serving fleet
 * @param trainingAccelerators the accelerators a training run may use; empty without one
 * @param serving the serving fleet's configuration and replicas; empty without a serving workload
 */
record Fleet(
    int acceleratorCount,
    OptionalInt trainingAccelerators,
    Optional<InferencePlanner.Sizing> serving) {

  /**
   * Sizes the fleet.
   *
   * @throws InfeasibleScenarioException when the scenario gives no count and no demand to size
   *     from, or the serving workload cannot be served as asked
   */
  static Fleet size(Scenario scenario, Hardware hardware, Catalog catalog, Notes notes) {
    OptionalInt given = scenario.cluster().givenCount();
    boolean training = scenario.training().isPresent();
    FleetSize servingSize =
        !training && given.isPresent()
            ? new FleetSize.Given(given.getAsInt())
            : FleetSize.FROM_DEMAND;
    Optional<InferencePlanner.Sizing> serving =
        scenario
            .inference()
            .map(
                w ->
                    InferencePlanner.size(
                        w, hardware.accelerator(), hardware.server(), catalog, servingSize));
    // A given serving fleet is the cluster; a sized one is added to the training cluster.
    long built = training || serving.isEmpty() ? given.orElse(0) : 0;
    long total = built + serving.map(InferencePlanner.Sizing::acceleratorCount).orElse(0L);
    if (total < 1 || total > Integer.MAX_VALUE) {
      throw new InfeasibleScenarioException(
          "cluster.count", "required: how many accelerators (or an inference demand to size)");
    }
    if (training && given.isPresent() && serving.isPresent()) {
      notes.add(
          "the serving fleet of "
              + serving.get().acceleratorCount()
              + " accelerators is added"
              + " to the "
              + given.getAsInt()
              + " of the training cluster");
    }
    // Without a count of its own, a training run has the serving fleet's accelerators.
    OptionalInt trainingAccelerators =
        training ? OptionalInt.of(given.orElse((int) total)) : OptionalInt.empty();
    return new Fleet((int) total, trainingAccelerators, serving);
  }
}
