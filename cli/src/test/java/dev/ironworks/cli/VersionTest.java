package dev.ironworks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `ironworks --version` names the versions of the libraries that actually run. */
class VersionTest {
  static String mavenVersion(String group, String artifact) throws IOException {
    String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (InputStream in = VersionTest.class.getResourceAsStream(resource)) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    }
  }

  @Test
  void versionNamesTheLibrariesOnTheClassPath() throws IOException {
    CliTest.Run run = CliTest.run("--version");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    String out = run.out();
    assertFalse(out.contains("${"), out);
    assertTrue(out.startsWith("ironworks 0."), out);
    assertTrue(out.contains("Javalin " + mavenVersion("io.javalin", "javalin") + " "), out);
    assertTrue(out.contains("(Jetty " + org.eclipse.jetty.util.Jetty.VERSION + ")"), out);
    assertTrue(
        out.contains("Jackson " + com.fasterxml.jackson.core.json.PackageVersion.VERSION + ","),
        out);
    assertTrue(out.contains("SnakeYAML " + mavenVersion("org.yaml", "snakeyaml") + ","), out);
    assertTrue(out.contains("picocli " + CommandLine.VERSION + ", "), out);
    assertTrue(
        out.contains(
            "OR-Tools " + mavenVersion("com.google.ortools", "ortools-java") + " (SCIP)\n"),
        out);
    assertTrue(out.contains("Apache Spark " + Version.build().getProperty("spark")), out);
    assertTrue(out.contains("running on Java " + System.getProperty("java.version")), out);
  }

  @Test
  void theServerIsJavalin7OnJetty12AndSweepsRunOnSpark4() {
    String out = CliTest.run("--version").out();
    assertTrue(out.matches("(?s).*Javalin 7\\.\\d+\\.\\d+ \\(Jetty 12\\.\\d+\\.\\d+\\).*"), out);
    assertTrue(out.matches("(?s).*Apache Spark 4\\.\\d+\\.\\d+ \\(Scala 2\\.13\\).*"), out);
  }
}
