package dev.ironworks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link Progress} against a clock the test sets: what a log and a terminal are shown. */
class ProgressTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aLogGetsALineEveryTenSecondsWithTheTimeLeft() {
    StringWriter text = new StringWriter();
    AtomicLong now = new AtomicLong();
    Progress p =
        new Progress(new PrintWriter(text), "simulate", "trials", 1_000, 0, false, now::get);
    // 4 trials a second: at 10 s 40 are done and 960 left take 240 s more.
    for (int second = 1; second <= 25; second++) {
      now.set(second * SECOND);
      p.update(4L * second);
    }
    List<String> lines = text.toString().lines().toList();
    assertEquals(
        List.of(
            "simulate: 40/1,000 trials (4%), 10 s so far, about 4 min 0 s left",
            "simulate: 80/1,000 trials (8%), 20 s so far, about 3 min 50 s left"),
        lines);
    p.clear();
    assertEquals(2, text.toString().lines().count());
  }

  @Test
  void aResumedJobCountsOnlyItsOwnRate() {
    StringWriter text = new StringWriter();
    AtomicLong now = new AtomicLong();
    Progress p =
        new Progress(new PrintWriter(text), "sweep", "designs", 2_000, 1_000, false, now::get);
    now.set(10 * SECOND);
    p.update(1_100);
    assertEquals(
        "sweep: 1,100/2,000 designs (55%), 10 s so far, about 1 min 30 s left",
        text.toString().strip());
  }

  @Test
  void aTerminalGetsABarRedrawnInPlaceAndCleared() {
    StringWriter text = new StringWriter();
    AtomicLong now = new AtomicLong();
    Progress p = new Progress(new PrintWriter(text), "sweep", "designs", 100, 0, true, now::get);
    now.set(SECOND);
    p.update(50);
    assertTrue(
        text.toString()
            .startsWith("\r[" + "#".repeat(15) + " ".repeat(15) + "] 50/100 designs (50%), 1 s"),
        text.toString());
    p.clear();
    assertTrue(text.toString().endsWith("\r"), text.toString());
    assertTrue(!text.toString().contains("\n"), "the bar never starts a new line");
  }

  @Test
  void durationsReadAsPeopleSayThem() {
    assertEquals("45 s", Progress.duration(44.6));
    assertEquals("12 min 5 s", Progress.duration(725));
    assertEquals("3 h 20 min", Progress.duration(12_000));
    assertEquals("2 d 4 h", Progress.duration(2 * 86_400 + 4 * 3600 + 59));
  }
}
