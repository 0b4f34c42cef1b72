package dev.ironworks.io.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Text files in and out. In: a file a user names (a scenario, a design space, a catalog), read as
 * strict UTF-8 with what is wrong with it as a problem, or a file shipped on the class path. Out: a
 * file written whole or not at all.
 */
public final class TextFiles {
  /** Largest input file read: scenarios and catalogs are small; a huge file is a mistake. */
  public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

  private TextFiles() {}

  /**
   * The text of a file.
   *
   * @throws InputException when the file is missing, a directory, too large, unreadable or not
   *     UTF-8
   */
  public static String read(Path file) {
    String name = file.toString();
    try {
      if (Files.isDirectory(file)) {
        throw InputException.of(name, "", "is a directory, not a YAML file");
      }
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw InputException.of(
            name,
            "",
            "is "
                + size / 1024
                + " KiB; scenario and catalog files are at most "
                + MAX_FILE_BYTES / 1024 / 1024
                + " MiB");
      }
      return Utf8.decode(Files.readAllBytes(file), name);
    } catch (NoSuchFileException e) {
      throw InputException.of(name, "", "no such file");
    } catch (IOException | UncheckedIOException e) {
      throw InputException.of(name, "", "cannot be read: " + e.getMessage());
    }
  }

  /**
   * The text of a UTF-8 file on the class path, by its absolute name ({@code /dev/ironworks/…});
   * empty when there is none.
   */
  public static Optional<String> resource(String name) {
    try (InputStream in = TextFiles.class.getResourceAsStream(name)) {
      return in == null
          ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes {@code text} as UTF-8 through a temporary file in the same folder and a rename over
   * {@code target}: a crash never leaves half a file. The file is readable by all, as one written
   * directly would be.
   */
  public static void writeAtomically(Path target, String text) {
    try {
      Path dir = target.toAbsolutePath().getParent();
      Path tmp = Files.createTempFile(dir, ".ironworks-", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the temporary file's permissions stand
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
