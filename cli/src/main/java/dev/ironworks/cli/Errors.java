package dev.ironworks.cli;

import dev.ironworks.io.yaml.InputException;
import dev.ironworks.io.yaml.Problem;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns exceptions into messages and exit codes: never a stack trace unless asked for. */
final class Errors implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof InputException input) {
      for (Problem problem : input.problems()) {
        err.println("error: " + problem.format());
      }
      int n = input.problems().size();
      err.println(n + (n == 1 ? " problem" : " problems") + "; nothing was planned");
      return ExitCodes.BAD_INPUT;
    }
    err.println("internal error: " + e);
    if (System.getenv("IRONWORKS_DEBUG") != null) {
      e.printStackTrace(err);
    } else {
      err.println("(set IRONWORKS_DEBUG=1 for the stack trace; please report it)");
    }
    return ExitCodes.FAILURE;
  }

  static int onParameterError(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println("error: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("see '" + cli.getCommandSpec().qualifiedName() + " --help'");
    return ExitCodes.BAD_INPUT;
  }
}
