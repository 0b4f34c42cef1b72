package dev.ironworks.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Version text: Ironworks' version, the versions of the libraries it was built with, the Spark that
 * its sweeps run on with {@code --executor spark}, and the Java running it.
 */
final class Version implements IVersionProvider {
  static final String BUILD = "/dev/ironworks/cli/build.properties";

  @Override
  public String[] getVersion() {
    Properties p = build();
    return new String[] {
      "ironworks " + p.getProperty("ironworks"),
      "built with Javalin "
          + p.getProperty("javalin")
          + " (Jetty "
          + p.getProperty("jetty")
          + "), DuckDB JDBC "
          + p.getProperty("duckdb")
          + ", Jackson "
          + p.getProperty("jackson")
          + ", SnakeYAML "
          + p.getProperty("snakeyaml")
          + ", picocli "
          + p.getProperty("picocli")
          + ", OR-Tools "
          + p.getProperty("ortools")
          + " (SCIP)",
      "sweeps with --executor spark on Apache Spark "
          + p.getProperty("spark")
          + " (Scala "
          + p.getProperty("scala")
          + "), which spark-submit provides",
      "running on Java "
          + System.getProperty("java.version")
          + " ("
          + System.getProperty("java.vendor")
          + ")"
    };
  }

  /** The versions the build recorded. */
  static Properties build() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream(BUILD)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + BUILD);
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
