package dev.ironworks.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@link LoggedError}: what the log keeps of a failure quoting a huge request id. */
class LoggedErrorTest {
  @Test
  void everyMessageInTheChainIsCutAndTheStackTraceKept() {
    String id = "a".repeat(123_000);
    IllegalStateException cause = new IllegalStateException("key too large: " + id);
    RuntimeException e = new RuntimeException("cannot read scenario " + id, cause);

    Throwable logged = LoggedError.of(e);
    StringWriter text = new StringWriter();
    logged.printStackTrace(new PrintWriter(text));

    assertTrue(text.toString().length() < 20_000, () -> "logged " + text.toString().length());
    assertTrue(text.toString().contains("java.lang.RuntimeException: cannot read scenario aaa"));
    assertTrue(text.toString().contains("java.lang.IllegalStateException: key too large: aaa"));
    assertTrue(text.toString().contains("123,0"), text.toString().substring(0, 300));
    assertTrue(
        text.toString().startsWith("java.lang.RuntimeException: "),
        text.toString().substring(0, 80));
    assertTrue(text.toString().contains("Caused by: java.lang.IllegalStateException: key too"));
    assertArrayEquals(e.getStackTrace(), logged.getStackTrace());
    assertArrayEquals(cause.getStackTrace(), logged.getCause().getStackTrace());
  }
}
