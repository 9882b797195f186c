package io.ays.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.cli.ExitCodes;
import io.ays.cli.output.JsonOutput;
import io.ays.cli.request.Target;
import io.ays.contracts.InstanceKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

  @Option(
      names = {"-d", "--domain"},
      description = "the instance's domain")
  String domain;

  @Option(
      names = {"-i", "--instance"},
      description = "the instance name (default: main)")
  String instance;

  @Option(
      names = {"-n", "--lines"},
      defaultValue = "50",
      description =
          "last lines of each log to show, up to " + MAX_LINES + " (default: ${DEFAULT-VALUE})")
  int lines;

  @Option(names = "--json", description = "print the node's answer as JSON")
  boolean json;

  @Override
  public Integer call() {
    if (lines < 0 || lines > MAX_LINES) {
      throw new io.ays.cli.CliException(
          ExitCodes.USAGE, "--lines must be between 0 and " + MAX_LINES + ", was " + lines);
    }
    InstanceKey key = domains().resolve(Target.of(name, domain, instance), true).key();
    JsonNode logs = coordinator().logs(key, lines);
    if (json) {
      JsonOutput.print(out(), logs);
      return ExitCodes.OK;
    }
    String node = logs.path("node").asText("?");
    JsonNode files = logs.path("files");
    if (files.isEmpty()) {
      out().println(key + " on node " + node + " has written no logs yet.");
      out().flush();
      return ExitCodes.OK;
    }
    for (JsonNode file : files) {
      out()
          .println(
              "==> "
                  + node
                  + ":"
                  + logs.path("folder").asText()
                  + "/"
                  + file.path("name").asText()
                  + " <==");
      for (JsonNode line : file.path("lines")) {
        out().println(line.asText());
      }
    }
    out().flush();
    return ExitCodes.OK;
  }
}
