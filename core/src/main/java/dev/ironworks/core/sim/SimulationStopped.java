package dev.ironworks.core.sim;

/**
 * Thrown when a simulation is asked to stop (a time limit, a cancellation) before its trials are
 * done. The simulator never reads a clock: the caller's stop request is asked between trials and
 * every {@link TrainingRunSimulation#STOP_CHECK_EVENTS} events within one.
 */
public final class SimulationStopped extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SimulationStopped() {
    super("the simulation was asked to stop", null, false, false);
  }
}
