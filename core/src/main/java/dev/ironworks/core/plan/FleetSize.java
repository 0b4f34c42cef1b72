package dev.ironworks.core.plan;

import dev.ironworks.core.units.Require;

/**
 * How a serving fleet is sized: the scenario gives its accelerators ({@code cluster.count} of a
 * cluster that only serves), or the search sizes it from the demand.
 */
public sealed interface FleetSize {
  /** Sized from the demand. */
  FleetSize FROM_DEMAND = new FromDemand();

  /** The accelerators the scenario gives; the search finds what they carry. */
  record Given(long accelerators) implements FleetSize {
    public Given {
      Require.positive("cluster.count", accelerators);
    }
  }

  /** As many replicas as carry the peak demand. */
  record FromDemand() implements FleetSize {}
}
