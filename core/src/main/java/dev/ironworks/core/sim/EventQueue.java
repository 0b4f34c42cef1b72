package dev.ironworks.core.sim;

import java.util.PriorityQueue;

/** The event engine's queue: a priority queue of immutable events with a sequence counter. */
public final class EventQueue {
  private final PriorityQueue<SimEvent> queue = new PriorityQueue<>();
  private long sequence;

  /** Schedules an event; returns it. */
  public SimEvent schedule(double time, EventKind kind, long epoch, double value) {
    SimEvent event = new SimEvent(time, kind, sequence++, epoch, value);
    queue.add(event);
    return event;
  }

  /** The next event, or null when none is left. */
  public SimEvent poll() {
    return queue.poll();
  }

  public boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Events scheduled so far. */
  public long scheduled() {
    return sequence;
  }
}
