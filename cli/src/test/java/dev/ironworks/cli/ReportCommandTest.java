package dev.ironworks.cli;

import static dev.ironworks.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.cli.CliTest.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ironworks report: what it writes, and what it refuses. */
class ReportCommandTest {
  private static final String TRAINING = "../examples/h100-1024-training-cluster.yaml";
  private static final String CLOUD = "../examples/tpu-v5p-cloud.yaml";

  @Test
  void writesASelfContainedHtmlReportWithTheSimulation(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("report.html");
    Run run = run("report", TRAINING, "--out", out.toString(), "--trials", "50", "--seed", "3");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals("", run.out());
    assertTrue(run.err().contains("wrote " + out + " (html, with 50 simulated trials)"), run.err());
    String html = Files.readString(out, StandardCharsets.UTF_8);
    assertTrue(html.startsWith("<!doctype html>"));
    assertTrue(html.contains("<title>Ironworks report: h100-1024-training-cluster</title>"));
    assertTrue(html.contains("id=\"iw-simulation\""));
    assertTrue(html.contains("\"trials\" : 50"));
    assertTrue(html.contains("\"seed\" : 3"));
    assertFalse(html.contains("src=\"http"));
    // No temporary file is left beside it.
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  @Tag("slow") // plans the roadmap's five strategies with the solver, twice: about 4 s
  void aRoadmapGetsTheRoadmapsReport(@TempDir Path dir) throws IOException {
    String roadmap = "../examples/roadmaps/serving-3x-a-year.yaml";
    Path out = dir.resolve("roadmap.html");
    Run run = run("report", roadmap, "--out", out.toString(), "--trials", "10");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertTrue(run.err().contains("--trials is not used"), run.err());
    assertTrue(run.err().contains("wrote " + out + " (html, a roadmap)"), run.err());
    String html = Files.readString(out, StandardCharsets.UTF_8);
    assertTrue(html.contains("<title>Ironworks roadmap: serving-3x-a-year</title>"));
    assertTrue(html.contains("IronworksRoadmapCharts.dashboard("));
    // The Markdown report is the roadmap command's Markdown: the strategies side by side, then
    // the first plan's tables.
    Path md = dir.resolve("roadmap.md");
    run("report", roadmap, "--format", "markdown", "--out", md.toString());
    String text = Files.readString(md, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("# Ironworks roadmap: serving-3x-a-year\n"), text);
    for (String strategy : new String[] {"optimal", "refresh-every-3-years", "lease-only"}) {
      assertTrue(text.contains("| " + strategy + " |"), strategy);
    }
    assertTrue(text.contains("## optimal: year by year"), text);
  }

  @Test
  void markdownWithoutSimulationWhenTrialsIsZero(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("report.md");
    Run run =
        run("report", TRAINING, "--format", "markdown", "--out", out.toString(), "--trials", "0");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    String md = Files.readString(out, StandardCharsets.UTF_8);
    assertTrue(md.startsWith("# Ironworks report: h100-1024-training-cluster\n"));
    assertTrue(md.contains("## Reliability"));
    assertFalse(md.contains("## Simulated training run"));
    // The same command twice gives the same bytes.
    Path again = dir.resolve("again.md");
    run("report", TRAINING, "--format", "markdown", "--out", again.toString(), "--trials", "0");
    assertEquals(md, Files.readString(again, StandardCharsets.UTF_8));
  }

  @Test
  void aPlanWithoutReliabilityHasNothingToSimulate(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("cloud.md");
    Run quiet = run("report", CLOUD, "--format", "markdown", "--out", out.toString());
    assertEquals(ExitCodes.OK, quiet.exitCode(), quiet.err());
    assertFalse(quiet.err().contains("note:"), quiet.err());
    Run asked =
        run(
            "report",
            CLOUD,
            "--format",
            "markdown",
            "--out",
            out.toString(),
            "--force",
            "--trials",
            "100");
    assertEquals(ExitCodes.OK, asked.exitCode(), asked.err());
    assertTrue(asked.err().contains("nothing to simulate"), asked.err());
    assertFalse(Files.readString(out).contains("## Simulated"));
  }

  @Test
  void refusesToReplaceAFileWithoutForce(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("mine.html");
    Files.writeString(out, "my notes");
    Run refused = run("report", TRAINING, "--out", out.toString(), "--trials", "0");
    assertEquals(ExitCodes.BAD_INPUT, refused.exitCode());
    assertTrue(
        refused.err().contains("exists; choose another --out or add --force to replace it"),
        refused.err());
    assertEquals("my notes", Files.readString(out));
    Run forced = run("report", TRAINING, "--out", out.toString(), "--trials", "0", "--force");
    assertEquals(ExitCodes.OK, forced.exitCode(), forced.err());
    assertTrue(Files.readString(out).startsWith("<!doctype html>"));
  }

  @Test
  void badInputExitsWithTwoAndSaysWhy(@TempDir Path dir) throws IOException {
    Run format = run("report", TRAINING, "--format", "pdf", "--out", dir.resolve("r").toString());
    assertEquals(ExitCodes.BAD_INPUT, format.exitCode());
    assertTrue(format.err().contains("html, markdown"), format.err());

    Run noOut = run("report", TRAINING);
    assertEquals(ExitCodes.BAD_INPUT, noOut.exitCode());
    assertTrue(noOut.err().contains("--out"), noOut.err());

    Run trials = run("report", TRAINING, "--out", dir.resolve("r").toString(), "--trials", "-1");
    assertEquals(ExitCodes.BAD_INPUT, trials.exitCode());
    assertTrue(trials.err().contains("--trials: must be between 0 and 1,000,000"), trials.err());

    Run folder = run("report", TRAINING, "--out", dir.toString());
    assertEquals(ExitCodes.BAD_INPUT, folder.exitCode());
    assertTrue(folder.err().contains("is a folder"), folder.err());

    Run missing = run("report", TRAINING, "--out", dir.resolve("no/such/r.html").toString());
    assertEquals(ExitCodes.BAD_INPUT, missing.exitCode());
    assertTrue(missing.err().contains("its folder does not exist"), missing.err());

    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "name: x\ncluster:\n  accelerator: nvidia-h100-sxm-80gbb\n  count: 8\n");
    Path out = dir.resolve("bad.html");
    Run scenario = run("report", bad.toString(), "--out", out.toString());
    assertEquals(ExitCodes.BAD_INPUT, scenario.exitCode());
    assertTrue(scenario.err().contains("cluster.accelerator"), scenario.err());
    assertFalse(scenario.err().contains("Exception"), scenario.err());
    assertFalse(Files.exists(out), "nothing written for bad input");
  }
}
