package dev.ironworks.core.sim;

/**
 * An immutable event, ordered by (time, priority, sequence) so that a run is deterministic.
 *
 * @param epoch the run's epoch when scheduled: events of an earlier epoch are stale
 * @param value a payload (the progress a checkpoint snapshot holds)
 */
public record SimEvent(double time, EventKind kind, long sequence, long epoch, double value)
    implements Comparable<SimEvent> {
  @Override
  public int compareTo(SimEvent other) {
    int byTime = Double.compare(time, other.time);
    if (byTime != 0) {
      return byTime;
    }
    int byPriority = Integer.compare(kind.ordinal(), other.kind.ordinal());
    return byPriority != 0 ? byPriority : Long.compare(sequence, other.sequence);
  }
}
