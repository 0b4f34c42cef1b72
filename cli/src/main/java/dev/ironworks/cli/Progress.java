package dev.ironworks.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * How far a long job is, on standard error: on a terminal a bar redrawn in place; elsewhere (a log
 * file, a pipe, CI) a line every {@link #LINE_EVERY_SECONDS} seconds, so a job of minutes is never
 * silent. Each shows what is done of the total, the time so far and the time left at the rate so
 * far. Safe to call from any thread.
 */
final class Progress {
  /** Seconds between two lines when standard error is not a terminal. */
  static final int LINE_EVERY_SECONDS = 10;

  private final PrintWriter err;
  private final String job;
  private final String unit;
  private final long total;
  private final long first;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private final long started;
  private long lastShown;
  private int lastFilled = -1;
  private boolean drawn;

  /**
   * @param job the command, as "simulate"
   * @param unit what is counted, as "trials"
   * @param first where the job starts (a resumed sweep), counted as done but not in the rate
   * @param terminal whether standard error is a terminal
   * @param nanoClock {@link System#nanoTime()}, or a test's
   */
  Progress(
      PrintWriter err,
      String job,
      String unit,
      long total,
      long first,
      boolean terminal,
      LongSupplier nanoClock) {
    this.err = err;
    this.job = job;
    this.unit = unit;
    this.total = Math.max(1, total);
    this.first = first;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
    this.started = nanoClock.getAsLong();
    this.lastShown = started;
  }

  /** Progress on the process's standard error and clock. */
  static Progress of(PrintWriter err, String job, String unit, long total, long first) {
    return new Progress(err, job, unit, total, first, System.console() != null, System::nanoTime);
  }

  /** Notes that {@code done} of the total are done. */
  synchronized void update(long done) {
    long now = nanoClock.getAsLong();
    if (terminal) {
      int filled = (int) (30.0 * done / total);
      // Redraw when the bar moves or a second has passed, not on every call.
      if (filled != lastFilled || now - lastShown >= 1_000_000_000L || done >= total) {
        lastFilled = filled;
        lastShown = now;
        err.print("\r[" + "#".repeat(filled) + " ".repeat(30 - filled) + "] " + line(done, now));
        err.flush();
        drawn = true;
      }
    } else if (now - lastShown >= LINE_EVERY_SECONDS * 1_000_000_000L) {
      lastShown = now;
      err.println(job + ": " + line(done, now));
      err.flush();
    }
  }

  /** Clears the bar from a terminal line before the job's own output. */
  synchronized void clear() {
    if (terminal && drawn) {
      err.print("\r" + " ".repeat(100) + "\r");
      err.flush();
    }
  }

  private String line(long done, long now) {
    double elapsed = (now - started) / 1e9;
    double rate = (done - first) / Math.max(elapsed, 1e-9);
    String left = done > first ? ", about " + duration((total - done) / rate) + " left" : "";
    return String.format(
        Locale.ROOT,
        "%,d/%,d %s (%.0f%%), %s so far%s",
        done,
        total,
        unit,
        100.0 * done / total,
        duration(elapsed),
        left);
  }

  /** A duration as people read it: "45 s", "12 min 5 s", "3 h 20 min", "2 d 4 h". */
  static String duration(double seconds) {
    long s = Math.round(Math.max(0, seconds));
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return s / 60 + " min " + s % 60 + " s";
    }
    if (s < 86_400) {
      return s / 3600 + " h " + s % 3600 / 60 + " min";
    }
    return s / 86_400 + " d " + s % 86_400 / 3600 + " h";
  }
}
