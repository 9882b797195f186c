package io.ays.executor.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Everything needed to start one service process: the rendered shell command line, its working
 * folder, extra environment and the file its output goes to.
 *
 * @param name a label for logs and results, e.g. {@code process.1}
 * @param commandLine the command and its arguments as one shell line, as AYS templates write it
 */
public record ProcessLaunch(
    String name,
    String commandLine,
    Path workingDirectory,
    Map<String, String> environment,
    Path logFile) {

  /**
   * Shell syntax that makes a line more than one command (exec would apply to the first only), or a
   * line that starts with a shell builtin, which cannot be exec'd.
   */
  private static final Pattern COMPOUND =
      Pattern.compile(
          "[;&|\\n`()]|\\$\\(|^\\s*(if|for|while|case|trap|cd|exit|export|set|unset|eval|ulimit"
              + "|umask|wait|source|\\.)(\\s|$)");

  public ProcessLaunch {
    if (commandLine == null || commandLine.isBlank()) {
      throw new IllegalArgumentException(name + ": cmd is empty");
    }
    environment = Map.copyOf(environment);
  }

  /** This launch with {@code launchId} in its environment ({@link LaunchIntent#MARKER}). */
  ProcessLaunch marked(String launchId) {
    Map<String, String> marked = new java.util.HashMap<>(environment);
    marked.put(LaunchIntent.MARKER, launchId);
    return new ProcessLaunch(name, commandLine, workingDirectory, marked, logFile);
  }

  /**
   * The argv that runs {@link #commandLine()} through {@code sh -c}, so templates keep the
   * original's shell syntax. A simple command is {@code exec}'d so that the supervised pid is the
   * service itself rather than a shell; a compound one keeps the shell as the root of its tree. It
   * runs in a new session (setsid) so signals sent to the executor's terminal do not reach it.
   */
  List<String> argv(boolean setsidAvailable) {
    return argv(setsidAvailable, "");
  }

  /** {@link #argv(boolean)} with {@code prologue} run by the shell before the command line. */
  List<String> argv(boolean setsidAvailable, String prologue) {
    List<String> shell = List.of("/bin/sh", "-c", prologue + script());
    if (!setsidAvailable) {
      return shell;
    }
    return Stream.concat(Stream.of("setsid"), shell.stream()).toList();
  }

  /** The line given to {@code sh -c}: {@link #commandLine()}, exec'd if it is a simple command. */
  String script() {
    return isSimpleCommand() ? "exec " + commandLine : commandLine;
  }

  /**
   * A builder for {@code argv} with this launch's environment and working folder, stdin from
   * /dev/null and stderr merged into stdout.
   */
  ProcessBuilder processBuilder(List<String> argv) {
    ProcessBuilder builder = new ProcessBuilder(argv);
    builder.environment().putAll(environment);
    if (workingDirectory != null) {
      builder.directory(workingDirectory.toFile());
    }
    builder.redirectErrorStream(true);
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    return builder;
  }

  boolean isSimpleCommand() {
    return isSimple(commandLine);
  }

  /**
   * The line given to {@code sh -c} for {@code commandLine}: exec'd if it is a simple command, so
   * that the service itself receives the signals (also as a container's main process).
   */
  public static String shellScript(String commandLine) {
    return isSimple(commandLine) ? "exec " + commandLine : commandLine;
  }

  private static boolean isSimple(String commandLine) {
    return !COMPOUND.matcher(commandLine).find();
  }
}
