package io.ays.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.cli.CliException;
import io.ays.cli.ExitCodes;
import io.ays.cli.request.Target;
import io.ays.cli.trace.TraceBuilder;
import io.ays.cli.trace.TraceNode;
import io.ays.cli.trace.TreePrinter;
import io.ays.contracts.InstanceKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ays trace}: one correlation chain as a tree, from the request through every run it caused
 * (dependencies too), their steps, and the crashes, restarts and give-ups the monitor recorded.
 */
@Command(
    name = "trace",
    mixinStandardHelpOptions = true,
    description = {
      "Show one correlation chain as a tree: request, runs, steps, crashes, monitor restarts and"
          + " give-ups, with times.",
      "'ays trace RUN_ID' traces that run's chain; 'ays trace NAME' the chain of the instance's"
          + " newest request that was not a restart (a restart belongs to its cause's chain)."
    })
public class TraceCommand extends AysSubcommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "RUN|NAME",
      description = "a run id, or an instance (name, domain/name, domain/name/instance)")
  String what;

  @Mixin InstanceOptions where;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    JsonNode anchor = anchor();
    // The instances of the chain: the anchor's and those of every run of its request.
    Set<String> instances = new LinkedHashSet<>();
    instances.add(anchor.path("instanceKey").asText());
    for (JsonNode run : coordinator().runsOfRequest(UUID.fromString(anchor.path("id").asText()))) {
      instances.add(run.path("instanceKey").asText());
    }
    List<JsonNode> runs = new ArrayList<>();
    Map<String, List<JsonNode>> histories = new HashMap<>();
    for (String key : instances) {
      coordinator().runsOf(InstanceKey.parse(key)).forEach(runs::add);
      List<JsonNode> history = new ArrayList<>();
      monitor().history(key).forEach(history::add);
      histories.put(key, history);
    }
    TraceNode tree = TraceBuilder.build(anchor, runs, histories);
    if (output.structured()) {
      output.print(out(), tree);
    } else {
      TreePrinter.print(out(), tree);
    }
    return ExitCodes.OK;
  }

  /** The run whose chain is traced. */
  private JsonNode anchor() {
    UUID runId = RunsCommand.runId(what);
    if (runId != null) {
      return coordinator()
          .run(runId)
          .orElseThrow(() -> new CliException(ExitCodes.FAILED, "no run " + runId));
    }
    Target target = domains().resolve(where.target(what), true);
    List<JsonNode> runs = new ArrayList<>();
    coordinator().runsOf(target.key()).forEach(runs::add);
    Comparator<JsonNode> newest =
        Comparator.comparing((JsonNode r) -> Instant.parse(r.path("createdAt").asText()))
            .reversed();
    return runs.stream()
        .filter(r -> !"restart".equalsIgnoreCase(r.path("action").asText()))
        .min(newest)
        .or(() -> runs.stream().min(newest))
        .orElseThrow(
            () -> new CliException(ExitCodes.FAILED, "no run of " + target.key() + " is known"));
  }
}
