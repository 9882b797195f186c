package io.ays.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** Entry point of the {@code ays} command line. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs one command with its output on {@code out} and its errors on {@code err}; returns the exit
   * code instead of exiting, so that tests can call it.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, System.getenv());
  }

  /**
   * As {@link #run(String[], PrintStream, PrintStream)}, reading settings from this environment.
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
    quietLogging(verbose);
    PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
    PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
    CommandLine cli = commandLine(env);
    cli.setOut(outWriter);
    cli.setErr(errWriter);
    cli.setExecutionExceptionHandler(executionErrors(verbose));
    cli.setParameterExceptionHandler(parameterErrors());
    try {
      return cli.execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /** The command tree, for {@link #run} and for tests of parsing. */
  public static CommandLine commandLine() {
    return commandLine(System.getenv());
  }

  /** The command tree reading its settings from this environment (tests pass their own). */
  public static CommandLine commandLine(Map<String, String> env) {
    CommandLine cli = new CommandLine(new AysCommand(env));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  /**
   * The Kafka client logs every failed connection attempt at WARN: noise for a person at a
   * terminal, who gets one clear message instead. --verbose shows them. A -D given by the user
   * wins.
   */
  private static void quietLogging(boolean verbose) {
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "warn" : "off"));
    System.setProperty(
        "org.slf4j.simpleLogger.logFile",
        System.getProperty("org.slf4j.simpleLogger.logFile", "System.err"));
  }

  /** A CliException is one line for a person; anything else is a bug, said as such. */
  private static IExecutionExceptionHandler executionErrors(boolean verbose) {
    return (e, cli, parseResult) -> {
      PrintWriter err = cli.getErr();
      if (e instanceof CliException known) {
        err.println("ays: " + known.getMessage());
        if (verbose && known.getCause() != null) {
          known.getCause().printStackTrace(err);
        }
        return known.exitCode();
      }
      err.println("ays: unexpected error: " + e);
      if (verbose) {
        e.printStackTrace(err);
      } else {
        err.println("(run again with --verbose for the stack trace)");
      }
      return ExitCodes.FAILED;
    };
  }

  /** A usage error says what is wrong and where help is, without the whole usage text. */
  private static IParameterExceptionHandler parameterErrors() {
    return (ParameterException e, String[] args) -> {
      CommandLine cli = e.getCommandLine();
      PrintWriter err = cli.getErr();
      err.println("ays: " + e.getMessage());
      // "Did you mean: install?" for a mistyped command or option
      CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
      err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help'.");
      return ExitCodes.USAGE;
    };
  }
}
