package dev.ironworks.core.sim;

/** What happens at an event; the declaration order breaks ties between simultaneous events. */
public enum EventKind {
  FAILURE,
  REPAIR_DONE,
  RESTART_DONE,
  CHECKPOINT_DONE,
  WRITE_DONE,
  CHECKPOINT_DUE,
  WORK_DONE,
  MAINTENANCE,
  STALL_DONE
}
