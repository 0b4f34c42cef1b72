package dev.ironworks.cli;

import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problem;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ironworks sweep --executor spark}: hands the sweep to spark-submit with the Spark job's
 * jar (module spark), which writes the same files as the local executor.
 *
 * <p>spark-submit is found from the system property {@code ironworks.sparkSubmit}, then {@code
 * SPARK_HOME/bin/spark-submit}, then PATH; the jar from {@code ironworks.sparkJar}, {@code
 * IRONWORKS_SPARK_JAR}, then spark/target/ironworks-spark.jar beside this command's build.
 */
final class SparkSubmit {
  static final String JOB = "dev.ironworks.spark.SparkSweep";

  private SparkSubmit() {}

  static int run(Path space, Path out, String master, int top, Path catalog, PrintWriter err)
      throws IOException, InterruptedException {
    String jar = jar();
    List<String> job = new ArrayList<>();
    job.add(space.toAbsolutePath().toString());
    job.add(out.toAbsolutePath().toString());
    job.add("--top");
    job.add(Integer.toString(top));
    if (catalog != null) {
      job.add("--catalog");
      job.add(catalog.toAbsolutePath().toString());
    }
    String manual =
        "spark-submit --master "
            + master
            + " --class "
            + JOB
            + " "
            + (jar == null ? "spark/target/ironworks-spark.jar" : jar)
            + " "
            + String.join(" ", job);
    if (jar == null) {
      throw problem(
          space,
          "--executor",
          "spark needs the job's jar spark/target/ironworks-spark.jar: build it with"
              + " ./mvnw -B -DskipTests install, or set IRONWORKS_SPARK_JAR");
    }
    String submit = submit();
    if (submit == null) {
      throw problem(
          space,
          "--executor",
          "spark needs spark-submit: set SPARK_HOME or put spark-submit on PATH, or run " + manual);
    }
    err.println("running " + manual.replaceFirst("^spark-submit", submit));
    err.flush();
    List<String> command =
        new ArrayList<>(List.of(submit, "--master", master, "--class", JOB, jar));
    command.addAll(job);
    Process p = new ProcessBuilder(command).inheritIO().start();
    int rc = p.waitFor();
    return switch (rc) {
      case 0 -> ExitCodes.OK;
      case 2 -> ExitCodes.BAD_INPUT;
      default -> ExitCodes.FAILURE;
    };
  }

  private static String submit() {
    String property = System.getProperty("ironworks.sparkSubmit");
    if (property != null) {
      return property;
    }
    String home = System.getenv("SPARK_HOME");
    if (home != null && Files.isExecutable(Path.of(home, "bin", "spark-submit"))) {
      return Path.of(home, "bin", "spark-submit").toString();
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, "spark-submit");
        if (Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
    }
    return null;
  }

  private static String jar() {
    String property = System.getProperty("ironworks.sparkJar");
    if (property != null) {
      return Files.isRegularFile(Path.of(property)) ? property : null;
    }
    String env = System.getenv("IRONWORKS_SPARK_JAR");
    if (env != null) {
      return Files.isRegularFile(Path.of(env)) ? env : null;
    }
    try {
      Path here =
          Path.of(SparkSubmit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path dir = here; dir != null; dir = dir.getParent()) {
        Path jar = dir.resolve("spark").resolve("target").resolve("ironworks-spark.jar");
        if (Files.isRegularFile(jar)) {
          return jar.toString();
        }
      }
    } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
      return null;
    }
    return null;
  }

  private static InputException problem(Path space, String field, String message) {
    return new InputException(List.of(new Problem(space.toString(), 0, 0, field, message)));
  }
}
