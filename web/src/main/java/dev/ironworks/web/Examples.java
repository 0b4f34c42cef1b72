package dev.ironworks.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shipped example scenarios and design spaces (the repository's examples/ folder, copied onto
 * the classpath by the build), read from the jar or the classes folder.
 */
final class Examples {
  static final String ROOT = "dev/ironworks/web/examples";

  /**
   * One example file.
   *
   * @param id the file name without .yaml
   * @param kind "scenario", or "space" for a design space (the folder spaces/)
   */
  record Example(String id, String kind, String description, String yaml) {}

  private Examples() {}

  /** Every example, scenarios first, each group by id; read once. */
  static List<Example> all() {
    return Holder.ALL;
  }

  private static final class Holder {
    static final List<Example> ALL = read();
  }

  private static List<Example> read() {
    List<Example> out = new ArrayList<>();
    out.addAll(read("", "scenario"));
    for (Example e : read("spaces/", "space")) {
      // The base scenario of a shipped space is a scenario like any other.
      out.add(
          e.yaml().lines().anyMatch(l -> l.startsWith("axes:"))
              ? e
              : new Example(e.id(), "scenario", e.description(), e.yaml()));
    }
    return List.copyOf(out);
  }

  private static List<Example> read(String folder, String kind) {
    List<Example> out = new ArrayList<>();
    for (String name : list(ROOT + "/" + folder.replaceAll("/$", ""))) {
      if (!name.endsWith(".yaml")) {
        continue;
      }
      String yaml = WebServer.resource(ROOT + "/" + folder + name);
      out.add(new Example(name.substring(0, name.length() - 5), kind, description(yaml), yaml));
    }
    out.sort((a, b) -> a.id().compareTo(b.id()));
    return out;
  }

  /** The leading comment of a file, joined into one line. */
  static String description(String yaml) {
    StringBuilder b = new StringBuilder();
    for (String line : yaml.lines().toList()) {
      if (!line.startsWith("#")) {
        break;
      }
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(line.substring(1).strip());
    }
    return b.toString();
  }

  /** File names directly inside a classpath folder, from a directory or a jar. */
  private static List<String> list(String folder) {
    URL url = Examples.class.getClassLoader().getResource(folder);
    if (url == null) {
      throw new IllegalStateException("missing resource folder " + folder);
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        FileSystem fs;
        try {
          fs = FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
          fs = FileSystems.newFileSystem(uri, Map.of());
        }
        return names(fs.provider().getPath(uri));
      }
      return names(Path.of(uri));
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString().replaceAll("/$", ""))
          .sorted()
          .toList();
    }
  }
}
