package io.ays.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.cli.ExitCodes;
import io.ays.cli.output.JsonOutput;
import io.ays.cli.rest.CoordinatorClient;
import io.ays.contracts.InstanceKey;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ays logs}: the last lines of an installed service's logs, from whichever node runs it. The
 * coordinator relays the read to that node's executor, so the CLI needs no access to the node.
 */
@Command(
    name = "logs",
    aliases = "service-logs",
    mixinStandardHelpOptions = true,
    description = {
      "Show the last lines of an installed service's logs, read from its node.",
      "One section per log: process.N.log for each process, hooks.log for hooks."
    })
public class LogsCommand extends AysSubcommand implements Callable<Integer> {

  static final int MAX_LINES = 10_000;

  @Parameters(paramLabel = "NAME", description = "name, domain/name or domain/name/instance")
  String name;

  @Mixin InstanceOptions where;

  @Option(
      names = {"-n", "--lines"},
      defaultValue = "50",
      description =
          "last lines of each log to show, up to " + MAX_LINES + " (default: ${DEFAULT-VALUE})")
  int lines;

  @Option(names = "--json", description = "print the node's answer as JSON")
  boolean json;

  @Option(
      names = {"-f", "--follow"},
      description =
          "keep printing lines as they are written (read every second), until the instance is"
              + " uninstalled or Ctrl-C")
  boolean follow;

  @Override
  public Integer call() throws InterruptedException {
    if (lines < 0 || lines > MAX_LINES) {
      throw new io.ays.cli.CliException(
          ExitCodes.USAGE, "--lines must be between 0 and " + MAX_LINES + ", was " + lines);
    }
    if (follow && json) {
      throw new io.ays.cli.CliException(ExitCodes.USAGE, "--follow prints text: drop --json");
    }
    InstanceKey key = domains().resolve(where.target(name), true).key();
    // One client for the first read and every follow-up read: each client has its own connection
    // pool and selector thread.
    CoordinatorClient coordinator = coordinator();
    JsonNode logs = coordinator.logs(key, lines);
    if (json) {
      JsonOutput.print(out(), logs);
      return ExitCodes.OK;
    }
    String lastHeader = null;
    JsonNode files = logs.path("files");
    if (files.isEmpty()) {
      out()
          .println(key + " on node " + logs.path("node").asText("?") + " has written no logs yet.");
    }
    for (JsonNode file : files) {
      if (!follow || !file.path("lines").isEmpty()) {
        lastHeader = header(logs, file.path("name").asText());
        out().println(lastHeader);
      }
      for (JsonNode line : file.path("lines")) {
        out().println(line.asText());
      }
    }
    out().flush();
    if (follow) {
      LogFollower follower =
          new LogFollower(
              key, since -> coordinator.logsSince(key, since), out(), err(), Duration.ofSeconds(1));
      follower.startAfter(logs, lastHeader);
      follower.follow();
    }
    return ExitCodes.OK;
  }

  /** {@code ==> node:folder/file <==}, the header of one log's lines. */
  static String header(JsonNode logs, String file) {
    return "==> "
        + logs.path("node").asText("?")
        + ":"
        + logs.path("folder").asText()
        + "/"
        + file
        + " <==";
  }
}
