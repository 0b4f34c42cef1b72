package dev.ironworks.io.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Golden files: -Dgolden.update=true rewrites them from the current output. */
public final class Golden {
  private Golden() {}

  public static void assertMatches(Path file, String actual) {
    try {
      if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        if (!Boolean.getBoolean("golden.update")) {
          throw new AssertionError("golden file " + file + " was missing and has been written");
        }
      }
      assertEquals(
          Files.readString(file, StandardCharsets.UTF_8),
          actual,
          "output differs from " + file + " (rerun with -Dgolden.update=true if intended)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
