package io.ays.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.cli.ExitCodes;
import io.ays.cli.output.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ays nodes}: the nodes whose executors send heartbeats, as the monitor hears them. */
@Command(
    name = "nodes",
    mixinStandardHelpOptions = true,
    description = {
      "List the nodes and whether their executors are alive.",
      "From the monitor's heartbeats; exit 1 if a node has gone silent."
    })
public class NodesCommand extends AysSubcommand implements Callable<Integer> {

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    JsonNode nodes = monitor().nodes();
    boolean anySilent = false;
    for (JsonNode node : nodes) {
      anySilent |= node.path("silent").asBoolean(false);
    }
    if (output.structured()) {
      output.print(out(), nodes);
    } else if (nodes.isEmpty()) {
      out().println("no node has sent a heartbeat yet");
    } else {
      Table table = new Table("NODE", "VERSION", "STARTED", "LAST HEARTBEAT", "EVERY", "STATUS");
      for (JsonNode node : nodes) {
        boolean silent = node.path("silent").asBoolean(false);
        table.row(
            node.path("nodeId").asText(),
            node.path("version").asText(null),
            node.path("startedAt").asText(null),
            node.path("lastHeartbeatAt").asText(null),
            node.path("intervalSeconds").asInt() + "s",
            silent ? "SILENT since " + node.path("silentSince").asText("?") : "alive");
      }
      table.print(out());
    }
    return anySilent ? ExitCodes.FAILED : ExitCodes.OK;
  }
}
