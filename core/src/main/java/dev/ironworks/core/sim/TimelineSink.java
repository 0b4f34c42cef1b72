package dev.ironworks.core.sim;

/** Receives a run's events as they happen, for a timeline; the default ignores them. */
@FunctionalInterface
public interface TimelineSink {
  TimelineSink NONE = (time, kind, state, progress, durable, detail) -> {};

  /**
   * @param state the run's state after the event
   * @param progress compute seconds done
   * @param durable compute seconds safe in the last durable checkpoint
   * @param detail what failed, or empty
   */
  void record(
      double time, EventKind kind, RunState state, double progress, double durable, String detail);
}
