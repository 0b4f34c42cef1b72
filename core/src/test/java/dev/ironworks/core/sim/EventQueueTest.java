package dev.ironworks.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event engine's order: time, then {@link EventKind} declaration order, then sequence. */
class EventQueueTest {
  private static List<SimEvent> drain(EventQueue queue) {
    List<SimEvent> out = new ArrayList<>();
    SimEvent e;
    while ((e = queue.poll()) != null) {
      out.add(e);
    }
    return out;
  }

  @Test
  void earlierEventsComeFirst() {
    EventQueue queue = new EventQueue();
    queue.schedule(30, EventKind.WORK_DONE, 0, 0);
    queue.schedule(10, EventKind.MAINTENANCE, 0, 0);
    queue.schedule(20, EventKind.FAILURE, 0, 0);
    List<SimEvent> out = drain(queue);
    assertEquals(List.of(10.0, 20.0, 30.0), out.stream().map(SimEvent::time).toList());
  }

  @Test
  void atTheSameTimeKindsComeInDeclarationOrder() {
    // Scheduled in reverse: a failure at the instant work would finish wins, so does a repair.
    EventQueue queue = new EventQueue();
    EventKind[] kinds = EventKind.values();
    for (int i = kinds.length - 1; i >= 0; i--) {
      queue.schedule(100, kinds[i], 0, 0);
    }
    assertEquals(List.of(kinds), drain(queue).stream().map(SimEvent::kind).toList());
    assertTrue(EventKind.FAILURE.ordinal() < EventKind.WORK_DONE.ordinal());
    assertTrue(EventKind.FAILURE.ordinal() < EventKind.CHECKPOINT_DONE.ordinal());
  }

  @Test
  void sameTimeAndKindComeOutFirstScheduledFirst() {
    EventQueue queue = new EventQueue();
    for (int i = 0; i < 20; i++) {
      queue.schedule(5, EventKind.REPAIR_DONE, i, i);
    }
    List<SimEvent> out = drain(queue);
    for (int i = 0; i < 20; i++) {
      assertEquals(i, out.get(i).value(), 0.0);
      assertEquals(i, out.get(i).sequence());
    }
  }

  @Test
  void timeOutranksKindAndKindOutranksSequence() {
    EventQueue queue = new EventQueue();
    SimEvent lateFailure = queue.schedule(2, EventKind.FAILURE, 0, 0);
    SimEvent earlyMaintenance = queue.schedule(1, EventKind.MAINTENANCE, 0, 0);
    SimEvent laterScheduledFailure = queue.schedule(1, EventKind.FAILURE, 0, 0);
    assertEquals(List.of(laterScheduledFailure, earlyMaintenance, lateFailure), drain(queue));
  }

  @Test
  void scheduleReturnsTheEventAndCountsIt() {
    EventQueue queue = new EventQueue();
    assertTrue(queue.isEmpty());
    assertNull(queue.poll());
    SimEvent e = queue.schedule(3.5, EventKind.CHECKPOINT_DUE, 7, 1.25);
    assertEquals(new SimEvent(3.5, EventKind.CHECKPOINT_DUE, 0, 7, 1.25), e);
    queue.schedule(4, EventKind.WRITE_DONE, 7, 0);
    assertEquals(2, queue.scheduled());
    assertEquals(e, queue.poll());
    assertEquals(2, queue.scheduled());
    queue.poll();
    assertTrue(queue.isEmpty());
  }
}
