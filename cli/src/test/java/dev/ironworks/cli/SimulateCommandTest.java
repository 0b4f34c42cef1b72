package dev.ironworks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trial cap as --help states it and as the command holds it; a serving scenario simulated
 * request by request, from Poisson arrivals or a trace, the same for the same seed.
 */
class SimulateCommandTest {
  private static final String SERVING = "../examples/llama3-70b-serving-fleet.yaml";

  private static final String CAP = String.format(Locale.ROOT, "%,d", SimulateCommand.MAX_TRIALS);

  @Test
  void theHelpStatesTheTrialCapTheCommandHolds() {
    CliTest.Run help = CliTest.run("simulate", "--help");
    assertTrue(help.out().contains("1 to " + CAP), help.out());

    CliTest.Run over =
        CliTest.run(
            "simulate",
            "../examples/h100-1024-training-cluster.yaml",
            "--trials",
            Integer.toString(SimulateCommand.MAX_TRIALS + 1));
    assertEquals(ExitCodes.BAD_INPUT, over.exitCode(), over.err());
    assertTrue(over.err().contains("must be between 1 and " + CAP), over.err());
  }

  @Test
  void aServingScenarioIsSimulatedRequestByRequest() {
    CliTest.Run one =
        CliTest.run("simulate", SERVING, "--requests", "3000", "--seed", "4", "--format", "json");
    assertEquals(ExitCodes.OK, one.exitCode(), one.err());
    for (String key :
        new String[] {
          "\"requests\" : 3000",
          "\"completed\" : 3000",
          "\"measured\" : ",
          "\"ttftMillis\"",
          "\"tpotMillis\"",
          "\"endToEndMillis\"",
          "\"p99\"",
          "\"goodput\"",
          "\"meanKvOccupancy\"",
          "\"timeline\"",
          "\"ttftHistogram\"",
          "\"analytical\"",
          "\"simulationMeetsTargets\""
        }) {
      assertTrue(one.out().contains(key), key);
    }
    // The requests that arrive while the fleet fills, and as many at the end, run unmeasured:
    // at most a quarter at each end.
    Matcher measured = Pattern.compile("\"measured\" : (\\d+)").matcher(one.out());
    assertTrue(measured.find(), one.out());
    int counted = Integer.parseInt(measured.group(1));
    assertTrue(counted >= 1500 && counted < 3000, "measured " + counted);
    CliTest.Run again =
        CliTest.run("simulate", SERVING, "--requests", "3000", "--seed", "4", "--format", "json");
    assertEquals(one.out(), again.out());
    CliTest.Run table = CliTest.run("simulate", SERVING, "--requests", "500", "--rate", "50");
    assertEquals(ExitCodes.OK, table.exitCode(), table.err());
    assertTrue(table.out().contains("ttftMillis.p99"), table.out());
  }

  @Test
  void aTraceIsReplayedAndABadOneRefusedLineByLine(@TempDir Path dir) throws IOException {
    Path trace = dir.resolve("trace.csv");
    Files.writeString(
        trace,
        "arrivalSeconds,promptTokens,outputTokens\n0,1500,300\n0.01,800,120\n0.02,2000,50\n");
    CliTest.Run run =
        CliTest.run("simulate", SERVING, "--trace", trace.toString(), "--format", "json");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("\"completed\" : 3"), run.out());

    Path bad = dir.resolve("bad.csv");
    Files.writeString(
        bad, "arrivalSeconds,promptTokens,outputTokens\n1,100,10\n0.5,100,10\n2,x,10\n");
    CliTest.Run refused = CliTest.run("simulate", SERVING, "--trace", bad.toString());
    assertEquals(ExitCodes.BAD_INPUT, refused.exitCode());
    assertTrue(refused.err().contains("bad.csv:3:1: arrivalSeconds"), refused.err());
    assertTrue(refused.err().contains("bad.csv:4: promptTokens: not a number: 'x'"), refused.err());
  }
}
