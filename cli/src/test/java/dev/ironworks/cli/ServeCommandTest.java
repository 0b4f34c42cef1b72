package dev.ironworks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ironworks serve` refuses what it cannot do with exit code 2 and a message, not a trace. */
class ServeCommandTest {
  @Test
  void aPortOutOfRangeIsBadInput(@TempDir Path data) {
    CliTest.Run run = CliTest.run("serve", "--port", "70000", "--data", data.toString());
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
    assertTrue(run.err().contains("--port: must be between 0 and 65535"), run.err());
  }

  @Test
  void aPortInUseIsBadInputNamingThePort(@TempDir Path data) throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      CliTest.Run run =
          CliTest.run("serve", "--port", Integer.toString(port), "--data", data.toString());
      assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.err());
      assertTrue(run.err().contains("cannot listen on 127.0.0.1:" + port), run.err());
      assertTrue(!run.err().contains("\tat "), run.err());
    }
  }

  @Test
  void anAllowedHostWithAPortIsBadInputNamingIt(@TempDir Path data) {
    CliTest.Run run =
        CliTest.run("serve", "--allowed-host", "ironworks.example:7070", "--data", data.toString());
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.err());
    assertTrue(run.err().contains("--allowed-host"), run.err());
    assertTrue(run.err().contains("'ironworks.example:7070'"), run.err());
  }
}
