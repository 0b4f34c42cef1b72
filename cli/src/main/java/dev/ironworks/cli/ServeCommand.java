package dev.ironworks.cli;

import dev.ironworks.io.store.ScenarioStore;
import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problem;
import dev.ironworks.web.AllowedHosts;
import dev.ironworks.web.Limits;
import dev.ironworks.web.WebServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** ironworks serve: the REST API and the web UI. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the web UI and the REST API (docs/reference/api.md) until stopped.",
      "Scenarios, plans and runs are kept in an embedded DuckDB file in the data directory,",
      "created on first start with the shipped examples; a saved scenario survives a kill."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped", "1:internal error", "2:bad option, port taken or data in use"})
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "7070",
      description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "Address to bind (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every"
              + " interface, without authentication).")
  String host;

  @Option(
      names = "--allowed-host",
      paramLabel = "NAME",
      description =
          "A host name the server also answers to (repeatable). Requests whose Host header names"
              + " another host than the bound address (or localhost, when bound to loopback) are"
              + " refused, so that a page of another site cannot reach the server by DNS"
              + " rebinding.")
  List<String> allowedHosts = new ArrayList<>();

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory (default: ~/.ironworks).")
  Path data;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new InputException(
          List.of(new Problem("--port", 0, 0, "", "must be between 0 and 65535, got " + port)));
    }
    try {
      AllowedHosts.of(host, allowedHosts);
    } catch (IllegalArgumentException e) {
      throw new InputException(List.of(new Problem("--allowed-host", 0, 0, "", e.getMessage())));
    }
    Path dir = data != null ? data : Path.of(System.getProperty("user.home"), ".ironworks");
    WebServer server;
    try {
      server = WebServer.start(host, port, dir, Limits.DEFAULT, allowedHosts);
    } catch (ScenarioStore.StoreException e) {
      throw new InputException(
          List.of(
              new Problem(
                  "--data",
                  0,
                  0,
                  "",
                  dir
                      + ": the store cannot be opened (is another `ironworks serve` using it?): "
                      + e.getMessage())));
    } catch (RuntimeException e) {
      if (isBindFailure(e)) {
        throw new InputException(
            List.of(
                new Problem(
                    "--port",
                    0,
                    0,
                    "",
                    "cannot listen on "
                        + host
                        + ":"
                        + port
                        + " (in use, or not an address of this machine); choose another --port"
                        + " or --host")));
      }
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ironworks-stop"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("Ironworks is serving " + server.url() + " (data: " + server.storeFile() + ")");
    out.println("Press Ctrl+C to stop.");
    out.flush();
    server.join();
    return ExitCodes.OK;
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException
          || t.getClass().getSimpleName().contains("Bind")
          || (t.getMessage() != null && t.getMessage().contains("Failed to bind"))) {
        return true;
      }
    }
    return false;
  }
}
