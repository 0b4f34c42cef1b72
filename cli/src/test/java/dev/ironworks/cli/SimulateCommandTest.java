package dev.ironworks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The trial cap as --help states it and as the command holds it. */
class SimulateCommandTest {
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
}
