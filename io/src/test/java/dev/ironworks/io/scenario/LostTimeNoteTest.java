package dev.ironworks.io.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironworks.core.catalog.Catalog;
import dev.ironworks.core.plan.Plan;
import dev.ironworks.core.plan.Planner;
import dev.ironworks.core.reliability.ReliabilityReport;
import dev.ironworks.io.catalog.CatalogLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run that loses more than half its time says what takes it: checkpoints, restarts or redone
 * work, whichever is largest in the plan's own accounting.
 */
class LostTimeNoteTest {
  private static final Catalog CATALOG = CatalogLoader.builtin();

  private static Plan plan(String yaml) {
    return Planner.plan(ScenarioReader.read("s.yaml", yaml, CATALOG).scenario(), CATALOG);
  }

  private static List<String> lostTimeNotes(Plan plan) {
    return plan.notes().stream().filter(n -> n.contains("dominate")).toList();
  }

  @Test
  void aOneTokenRunBlamesTheCheckpointStallNotFailures() throws IOException {
    // GPT-3 on 1,024 A100 for one token: microseconds of compute against a synchronous
    // checkpoint of ~10 s. Failures, a few a week, hardly enter.
    String yaml =
        Files.readString(Path.of("../examples/gpt3-175b-on-1024-a100.yaml"))
            .replace("tokens: 300e9", "tokens: 1");
    Plan plan = plan(yaml);
    ReliabilityReport r = plan.reliability().orElseThrow();
    assertTrue(r.goodput() < 0.5, "goodput " + r.goodput());
    assertTrue(r.checkpointDays() > 10 * (r.restartDays() + r.reworkDays()), r.toString());
    List<String> notes = lostTimeNotes(plan);
    assertEquals(1, notes.size(), plan.notes().toString());
    assertTrue(notes.get(0).startsWith("checkpoints dominate"), notes.get(0));
    assertTrue(notes.get(0).contains("stalls the job 9.78 s"), notes.get(0));
  }

  @Test
  void aRunThatRestartsMoreThanItWorksBlamesRestarts() throws IOException {
    // A failure every 15 minutes or so against hour-long restarts.
    String yaml =
        Files.readString(Path.of("../examples/gpt3-175b-on-1024-a100.yaml"))
            + "reliability:\n  restartMinutes: 60\n  failureRates:\n"
            + "    acceleratorMtbfYears: 0.01\n";
    Plan plan = plan(yaml);
    ReliabilityReport r = plan.reliability().orElseThrow();
    assertTrue(r.restartDays() > r.checkpointDays() && r.restartDays() > r.reworkDays());
    List<String> notes = lostTimeNotes(plan);
    assertEquals(1, notes.size(), plan.notes().toString());
    assertTrue(notes.get(0).startsWith("restarts dominate"), notes.get(0));
  }

  @Test
  void aHealthyRunHasNoSuchNote() throws IOException {
    Plan plan = plan(Files.readString(Path.of("../examples/gpt3-175b-on-1024-a100.yaml")));
    assertEquals(List.of(), lostTimeNotes(plan));
  }
}
