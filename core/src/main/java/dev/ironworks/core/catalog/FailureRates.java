package dev.ironworks.core.catalog;

import dev.ironworks.core.units.Require;
import java.util.OptionalDouble;

/**
 * How often the components a training job depends on fail in a way that interrupts it (catalog kind
 * {@code failureRates}, or inline in a scenario). A component left out does not fail.
 *
 * @param acceleratorMtbfYears per accelerator (GPU faults, HBM, SRAM, GSP, thermal)
 * @param hostMtbfYears per server (host maintenance, CPU, memory, SSD, power supply, chassis)
 * @param nicMtbfYears per scale-out NIC port
 * @param switchMtbfYears per fabric switch, with its cables
 * @param softwareMtbfYears job-killing software faults per accelerator (bugs, NCCL timeouts, silent
 *     data corruption caught)
 * @param linkFlapsPerDay link flaps that interrupt the job, per day, for the whole fabric
 * @param weibullShape lifetime shape: 1 for exponential (constant hazard), below 1 for infant
 *     mortality
 */
public record FailureRates(
    String id,
    OptionalDouble acceleratorMtbfYears,
    OptionalDouble hostMtbfYears,
    OptionalDouble nicMtbfYears,
    OptionalDouble switchMtbfYears,
    OptionalDouble softwareMtbfYears,
    double linkFlapsPerDay,
    double weibullShape,
    Provenance provenance)
    implements CatalogEntry {
  /** Id of the set used when a scenario says {@code failureRates: default}. */
  public static final String DEFAULT = "default";

  public FailureRates {
    Require.text("id", id);
    acceleratorMtbfYears.ifPresent(v -> Require.positive("acceleratorMtbfYears", v));
    hostMtbfYears.ifPresent(v -> Require.positive("hostMtbfYears", v));
    nicMtbfYears.ifPresent(v -> Require.positive("nicMtbfYears", v));
    switchMtbfYears.ifPresent(v -> Require.positive("switchMtbfYears", v));
    softwareMtbfYears.ifPresent(v -> Require.positive("softwareMtbfYears", v));
    Require.nonNegative("linkFlapsPerDay", linkFlapsPerDay);
    Require.positive("weibullShape", weibullShape);
    Require.present("provenance", provenance);
  }

  /** Whether lifetimes are exponential (shape 1). */
  public boolean exponential() {
    return weibullShape == 1.0;
  }
}
