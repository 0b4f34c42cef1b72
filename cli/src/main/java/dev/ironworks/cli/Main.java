package dev.ironworks.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** The ironworks command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command line, printing to the given writers; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = command();
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  /** The command tree with Ironworks' exit codes and error handling. */
  public static CommandLine command() {
    CommandLine cli = new CommandLine(new IronworksCommand());
    cli.setExecutionExceptionHandler(new Errors());
    cli.setParameterExceptionHandler(Errors::onParameterError);
    cli.setUsageHelpWidth(100);
    cli.setUsageHelpLongOptionsMaxWidth(34);
    return cli;
  }
}
