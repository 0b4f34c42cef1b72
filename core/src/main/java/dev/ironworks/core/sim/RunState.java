package dev.ironworks.core.sim;

/** What a simulated training job is doing. */
public enum RunState {
  RUNNING,
  CHECKPOINTING,
  RESTARTING,
  WAITING_FOR_SERVER,
  DONE
}
