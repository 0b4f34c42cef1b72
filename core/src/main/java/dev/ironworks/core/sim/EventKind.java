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
  STALL_DONE,
  /** A serving replica's scheduler step ends (the event's epoch is the replica). */
  STEP_DONE,
  /** A request's KV cache reaches a decode replica (the epoch is the replica, the value the id). */
  KV_ARRIVAL,
  /** A request arrives at the fleet. */
  REQUEST_ARRIVAL
}
