package dev.ironworks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.explore.ParetoFront;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The sweep as a user runs it: files, front, exclusions, resume, thread counts. It sets system
 * properties the command reads, so it runs alone when test classes run in parallel.
 */
@Isolated
class SweepCommandTest {
  private static final String SPACE = "../examples/spaces/h100-vs-b200-sites.yaml";

  private static CliTest.Run sweep(Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("sweep", SPACE, "--out", out.toString()));
    args.addAll(List.of(more));
    return CliTest.run(args.toArray(String[]::new));
  }

  @Tag("slow")
  @Test
  void theFrontIsExactlyTheNonDominatedFeasibleDesigns(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("run");
    CliTest.Run run = sweep(out, "--threads", "2");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    List<String> points = Files.readAllLines(out.resolve("points.csv"));
    // Header plus 2 accelerators × 4 counts × 4 regions = 32 designs: the product of the axes.
    assertEquals(1 + 32, points.size());
    List<String> header = dev.ironworks.io.explore.SweepFiles.parseCsv(points.get(0));
    int tco = header.indexOf("cost.tcoUsd");
    int days = header.indexOf("training.timeToTrainDays");
    int carbon = header.indexOf("training.emissionsTco2e");
    int feasible = header.indexOf("feasible");
    List<long[]> ids = new ArrayList<>();
    List<double[]> objectives = new ArrayList<>();
    for (String line : points.subList(1, points.size())) {
      List<String> c = dev.ironworks.io.explore.SweepFiles.parseCsv(line);
      if (c.get(feasible).equals("true")) {
        ids.add(new long[] {Long.parseLong(c.get(0))});
        objectives.add(
            new double[] {
              Double.parseDouble(c.get(tco)),
              Double.parseDouble(c.get(days)),
              Double.parseDouble(c.get(carbon))
            });
      }
    }
    // Brute force: a design is on the front when no other feasible design dominates it.
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < objectives.size(); i++) {
      boolean dominated = false;
      for (int j = 0; j < objectives.size() && !dominated; j++) {
        dominated = j != i && ParetoFront.dominates(objectives.get(j), objectives.get(i));
      }
      if (!dominated) {
        expected.add(ids.get(i)[0]);
      }
    }
    List<Long> front = new ArrayList<>();
    for (String line :
        Files.readAllLines(out.resolve("front.csv")).subList(1, expected.size() + 1)) {
      front.add(Long.parseLong(dev.ironworks.io.explore.SweepFiles.parseCsv(line).get(0)));
    }
    assertEquals(expected, front);
    String json = Files.readString(out.resolve("front.json"));
    assertTrue(json.contains("\"uncertainty\""), json);
    assertTrue(json.contains("\"tornado\""), json);
  }

  @Tag("slow")
  @Test
  void resultsDoNotDependOnThreadsAndAStoppedSweepResumes(@TempDir Path dir) throws IOException {
    Path one = dir.resolve("one");
    Path two = dir.resolve("two");
    assertEquals(ExitCodes.OK, sweep(one, "--threads", "1").exitCode());
    assertEquals(ExitCodes.OK, sweep(two, "--threads", "2").exitCode());
    assertEquals(
        Files.readString(one.resolve("points.csv")), Files.readString(two.resolve("points.csv")));
    assertEquals(
        Files.readString(one.resolve("front.json")), Files.readString(two.resolve("front.json")));
    // Cut the file as a stop would, mid-line, and run again: the same files come out.
    Path cut = dir.resolve("cut");
    Files.createDirectories(cut);
    String full = Files.readString(one.resolve("points.csv"));
    Files.writeString(cut.resolve("points.csv"), full.substring(0, full.length() / 2));
    Files.copy(one.resolve("sweep.json"), cut.resolve("sweep.json"));
    CliTest.Run resumed = sweep(cut, "--threads", "2");
    assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.err());
    assertTrue(resumed.err().contains("resuming at design"), resumed.err());
    assertEquals(full, Files.readString(cut.resolve("points.csv")));
    assertEquals(
        Files.readString(one.resolve("front.json")), Files.readString(cut.resolve("front.json")));
    // Stopped before even the header was whole: the sweep starts afresh.
    Path early = dir.resolve("early");
    Files.createDirectories(early);
    Files.writeString(early.resolve("points.csv"), full.substring(0, 5));
    Files.copy(one.resolve("sweep.json"), early.resolve("sweep.json"));
    CliTest.Run again = sweep(early, "--threads", "2");
    assertEquals(ExitCodes.OK, again.exitCode(), again.err());
    assertEquals(full, Files.readString(early.resolve("points.csv")));
  }

  @Test
  void badSpacesAreBadInputWithTheirLines(@TempDir Path dir) throws IOException {
    Path space = dir.resolve("space.yaml");
    Files.copy(Path.of("../examples/spaces/gpt3-training-base.yaml"), dir.resolve("base.yaml"));
    Files.writeString(
        space,
        "base: base.yaml\n"
            + "axes:\n"
            + "  cluster.accelerator: [nvidia-h100-sxm-80gb, nvidia-b20]\n"
            + "  cluster.count: {from: 1024, to: 512, factor: 2}\n"
            + "objectives: [cost.tcoUsd]\n");
    CliTest.Run run = CliTest.run("sweep", space.toString(), "--out", dir.resolve("o").toString());
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
    assertTrue(run.err().contains("space.yaml:3:47"), run.err());
    assertTrue(run.err().contains("did you mean 'nvidia-b200'"), run.err());
    assertTrue(run.err().contains("axes.cluster.count"), run.err());
    Path other = dir.resolve("other");
    Files.createDirectories(other);
    Files.writeString(other.resolve("points.csv"), "id\n0\n");
    CliTest.Run refused = sweep(other);
    assertEquals(ExitCodes.BAD_INPUT, refused.exitCode());
    assertEquals("id\n0\n", Files.readString(other.resolve("points.csv")));
  }

  @Tag("slow")
  @Test
  void queryAnswersSqlOverThePointsAndTheFront(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("run");
    assertEquals(ExitCodes.OK, sweep(out, "--threads", "2").exitCode());
    assertTrue(Files.size(out.resolve("points.parquet")) > 0);
    List<String> points = Files.readAllLines(out.resolve("points.csv"));
    List<String> front = Files.readAllLines(out.resolve("front.csv"));

    CliTest.Run count =
        CliTest.run(
            "query",
            out.toString(),
            "select count(*) as designs, sum(case when feasible then 1 else 0 end) as ok"
                + " from points",
            "--format",
            "csv");
    assertEquals(ExitCodes.OK, count.exitCode(), count.err());
    long feasible = points.stream().skip(1).filter(l -> l.contains(",true,")).count();
    assertEquals("designs,ok\n" + (points.size() - 1) + "," + feasible + "\n", count.out());

    // The front table holds exactly front.csv's ids, and its figures are typed numbers.
    CliTest.Run ids =
        CliTest.run(
            "query",
            out.toString(),
            "select id, \"cost.tcoUsd\" / 1e6 as tco_musd from front order by id",
            "--format",
            "json");
    assertEquals(ExitCodes.OK, ids.exitCode(), ids.err());
    for (String line : front.subList(1, front.size())) {
      String id = dev.ironworks.io.explore.SweepFiles.parseCsv(line).get(0);
      assertTrue(ids.out().contains("\"id\" : " + id + ","), ids.out());
    }
    assertEquals(front.size() - 1, ids.out().split("\"tco_musd\" :", -1).length - 1, ids.out());

    CliTest.Run table =
        CliTest.run(
            "query",
            out.toString(),
            "select \"cluster.accelerator\", count(*) as n from points group by 1 order by 1");
    assertEquals(ExitCodes.OK, table.exitCode(), table.err());
    assertTrue(table.out().contains("nvidia-b200"), table.out());
    assertTrue(table.out().contains("2 rows"), table.out());

    CliTest.Run bad = CliTest.run("query", out.toString(), "select nope from points");
    assertEquals(ExitCodes.BAD_INPUT, bad.exitCode());
    assertTrue(bad.err().contains("nope"), bad.err());
    assertTrue(!bad.err().contains("at org.duckdb"), bad.err());
    CliTest.Run none = CliTest.run("query", dir.toString(), "select 1");
    assertEquals(ExitCodes.BAD_INPUT, none.exitCode());
    assertTrue(none.err().contains("no points.parquet"), none.err());
  }

  @Test
  void theSparkExecutorHandsTheSweepToSparkSubmit(@TempDir Path dir) throws IOException {
    // A stand-in spark-submit that records its arguments: the real job is SparkSweepTest's.
    Path args = dir.resolve("args.txt");
    Path submit = dir.resolve("spark-submit");
    Files.writeString(submit, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + args + "'\nexit 0\n");
    submit.toFile().setExecutable(true);
    Path jar = dir.resolve("ironworks-spark.jar");
    Files.writeString(jar, "");
    System.setProperty("ironworks.sparkSubmit", submit.toString());
    System.setProperty("ironworks.sparkJar", jar.toString());
    try {
      CliTest.Run run = sweep(dir.resolve("out"), "--executor", "spark", "--master", "local[2]");
      assertEquals(ExitCodes.OK, run.exitCode(), run.err());
      List<String> passed = Files.readAllLines(args);
      assertEquals(
          List.of(
              "--master",
              "local[2]",
              "--class",
              "dev.ironworks.spark.SparkSweep",
              jar.toString(),
              Path.of(SPACE).toAbsolutePath().toString(),
              dir.resolve("out").toAbsolutePath().toString(),
              "--top",
              "10"),
          passed);
      // A user's catalog goes with the job (checked here first, read by the job's executors).
      Path prices = dir.resolve("prices.yaml");
      String shipped =
          Files.readString(Path.of("../io/src/main/resources/dev/ironworks/catalog/regions.yaml"));
      int start = shipped.indexOf("  - id: us-texas");
      int end = shipped.indexOf("\n  - id:", start + 5);
      Files.writeString(prices, "regions:\n" + shipped.substring(start, end) + "\n");
      CliTest.Run overlay =
          sweep(
              dir.resolve("o2"),
              "--executor",
              "spark",
              "--catalog",
              prices.toString(),
              "--top",
              "3");
      assertEquals(ExitCodes.OK, overlay.exitCode(), overlay.err());
      List<String> tail = Files.readAllLines(args).subList(7, 11);
      assertEquals(List.of("--top", "3", "--catalog", prices.toAbsolutePath().toString()), tail);
      CliTest.Run broken =
          sweep(dir.resolve("o3"), "--executor", "spark", "--catalog", "../examples/README.md");
      assertEquals(ExitCodes.BAD_INPUT, broken.exitCode());
    } finally {
      System.clearProperty("ironworks.sparkSubmit");
      System.clearProperty("ironworks.sparkJar");
    }
  }

  /** 191 prices × 56 PUEs = 10,696 facility designs: quick, and several batches long. */
  private static Path prices(Path dir) throws IOException {
    Files.copy(Path.of("../examples/spaces/gpt3-training-base.yaml"), dir.resolve("base.yaml"));
    Path space = dir.resolve("prices.yaml");
    Files.writeString(
        space,
        "base: base.yaml\n"
            + "axes:\n"
            + "  site.electricityUsdPerKwh: {from: 0.01, to: 0.2, step: 0.001}\n"
            + "  site.pue: {from: 1.05, to: 1.6, step: 0.01}\n"
            + "objectives: [cost.tcoUsd, training.emissionsTco2e]\n");
    return space;
  }

  @Tag("slow")
  @Test
  void theTimeAndDiskAreEstimatedBeforeTheSweepStarts(@TempDir Path dir) throws IOException {
    CliTest.Run run = sweep(dir.resolve("out"), "--threads", "1");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    String first = run.err().lines().findFirst().orElse("");
    assertTrue(first.startsWith("sweep: 32 designs; about "), first);
    assertTrue(first.contains(" on 1 thread and "), first);
    assertTrue(first.contains(" on disk (points.csv "), first);
    assertTrue(first.contains(" free in "), first);
  }

  @Test
  void aSweepTheDiskCannotHoldIsRefusedBeforeAnyDesignIsWritten(@TempDir Path dir)
      throws IOException {
    Path out = dir.resolve("out");
    var disk = SweepCommand.usableBytes;
    SweepCommand.usableBytes = folder -> 100_000; // 100 kB free; the sweep needs about 3 MB
    try {
      CliTest.Run run =
          CliTest.run("sweep", prices(dir).toString(), "--out", out.toString(), "--threads", "1");
      assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.err());
      assertTrue(run.err().contains("--out: the sweep needs about "), run.err());
      assertTrue(run.err().contains("has 100 kB free"), run.err());
      assertTrue(!Files.exists(out.resolve("points.csv")), "nothing is written");
    } finally {
      SweepCommand.usableBytes = disk;
    }
  }

  @Tag("slow")
  @Test
  void aStoppedSweepKeepsEveryDesignDoneAndResumesToTheSameFiles(@TempDir Path dir)
      throws IOException {
    Path space = prices(dir);
    Path whole = dir.resolve("whole");
    Path stopped = dir.resolve("stopped");
    String[] args = {"--threads", "1"};
    assertEquals(
        ExitCodes.OK,
        CliTest.run("sweep", space.toString(), "--out", whole.toString(), args[0], args[1])
            .exitCode());
    // Stopped as Ctrl-C stops it, after the first batch: 512 designs × 1 thread × 4.
    var stop = SweepCommand.stopAfter;
    SweepCommand.stopAfter = done -> true;
    CliTest.Run run;
    try {
      run = CliTest.run("sweep", space.toString(), "--out", stopped.toString(), args[0], args[1]);
    } finally {
      SweepCommand.stopAfter = stop;
    }
    assertEquals(ExitCodes.STOPPED, run.exitCode(), run.err());
    assertTrue(run.err().contains("stopped after 2,048 of 10,696 designs"), run.err());
    List<String> rows = Files.readAllLines(stopped.resolve("points.csv"));
    assertEquals(1 + 2048, rows.size());
    assertTrue(Files.readString(stopped.resolve("sweep.json")).contains("\"completed\" : 2048"));
    assertTrue(!Files.exists(stopped.resolve("front.json")));

    CliTest.Run resumed =
        CliTest.run("sweep", space.toString(), "--out", stopped.toString(), args[0], args[1]);
    assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.err());
    assertTrue(resumed.err().contains("resuming at design 2048"), resumed.err());
    for (String file : List.of("points.csv", "front.csv", "front.json")) {
      assertEquals(
          Files.readString(whole.resolve(file)), Files.readString(stopped.resolve(file)), file);
    }
  }

  /**
   * The real signal: a sweep in its own process is sent SIGTERM (as Ctrl-C's SIGINT, it runs the
   * shutdown hooks) once it has written a batch; it exits with what it wrote whole and counted.
   */
  @Tag("slow")
  @Test
  void aSignalStopsASweepInItsOwnProcessWithItsRowsKept(@TempDir Path dir) throws Exception {
    Files.copy(Path.of("../examples/spaces/gpt3-training-base.yaml"), dir.resolve("base.yaml"));
    Path space = dir.resolve("long.yaml");
    // 1,901 × 56 × 4 × 11 = 4,684,064 designs: a minute or more, far longer than the test waits.
    Files.writeString(
        space,
        "base: base.yaml\n"
            + "axes:\n"
            + "  site.electricityUsdPerKwh: {from: 0.01, to: 0.2, step: 0.0001}\n"
            + "  site.pue: {from: 1.05, to: 1.6, step: 0.01}\n"
            + "  site.region: [us-texas, norway, iceland, us-virginia]\n"
            + "  site.carbonFreeEnergyFraction: {from: 0, to: 1, step: 0.1}\n"
            + "objectives: [cost.tcoUsd]\n");
    Path out = dir.resolve("out");
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                javaBin.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "sweep",
                space.toString(),
                "--out",
                out.toString(),
                "--yes",
                "--threads",
                "1")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("log.txt").toFile())
            .start();
    try {
      Path points = out.resolve("points.csv");
      long until = System.nanoTime() + 120_000_000_000L;
      while (!(Files.exists(points) && Files.size(points) > 100_000)) {
        assertTrue(p.isAlive(), () -> log(dir));
        assertTrue(System.nanoTime() < until, "no rows written in 2 minutes");
        Thread.sleep(50);
      }
      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the sweep did not stop");
      assertEquals(128 + 15, p.exitValue(), log(dir));
      String log = log(dir);
      assertTrue(log.contains("stopped after "), log);
      List<String> rows = Files.readAllLines(points);
      String manifest = Files.readString(out.resolve("sweep.json"));
      assertTrue(manifest.contains("\"completed\" : " + (rows.size() - 1) + ","), manifest);
      assertTrue(Files.readString(points).endsWith("\n"));
      List<String> last = dev.ironworks.io.explore.SweepFiles.parseCsv(rows.get(rows.size() - 1));
      assertEquals(Long.toString(rows.size() - 2), last.get(0));
    } finally {
      p.destroyForcibly();
    }
  }

  private static String log(Path dir) {
    try {
      return Files.readString(dir.resolve("log.txt"));
    } catch (IOException e) {
      return e.toString();
    }
  }
}
