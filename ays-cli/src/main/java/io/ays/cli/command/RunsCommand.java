package io.ays.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.cli.CliException;
import io.ays.cli.ExitCodes;
import io.ays.cli.output.Durations;
import io.ays.cli.output.Table;
import io.ays.cli.request.Target;
import io.ays.contracts.InstanceKey;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ays runs}: what runs did, from the coordinator, which keeps every run, step, attempt,
 * output tail and reason. A run id shows one run's steps; a name lists its instance's runs; nothing
 * lists the newest runs of every instance.
 */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = {
      "Show runs and their steps, durations and reasons.",
      "'ays runs ID' shows one run with every step; 'ays runs NAME' lists an instance's runs;",
      "'ays runs' lists the newest runs of all instances."
    })
public class RunsCommand extends AysSubcommand implements Callable<Integer> {

  @Parameters(
      arity = "0..1",
      paramLabel = "ID|NAME",
      description = "a run id, or an instance (name, domain/name, domain/name/instance)")
  String what;

  @Mixin InstanceOptions where;

  @Option(
      names = "--request",
      description = "with a run id: every run of the request it belongs to (dependencies too)")
  boolean request;

  @Option(
      names = {"-l", "--limit"},
      defaultValue = "20",
      description = "at most this many runs in a list (default: ${DEFAULT-VALUE})")
  int limit;

  @Option(
      names = "--step-output",
      description = "with a run id: show each step's output tail too (was --output, now -o's)")
  boolean stepOutput;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    UUID runId = runId(what);
    if (runId != null) {
      return showRun(runId);
    }
    List<JsonNode> runs = what != null || where.given() ? ofInstance() : newest();
    runs = runs.subList(0, Math.min(limit, runs.size()));
    if (output.structured()) {
      output.print(out(), runs);
      return ExitCodes.OK;
    }
    if (runs.isEmpty()) {
      out().println("no runs");
      return ExitCodes.OK;
    }
    Table table =
        new Table("RUN", "CREATED", "INSTANCE", "ACTION", "STATUS", "DURATION", "STEPS", "REASON");
    for (JsonNode run : runs) {
      table.row(
          run.path("id").asText(),
          run.path("createdAt").asText(null),
          run.path("instanceKey").asText(),
          run.path("action").asText().toLowerCase(java.util.Locale.ROOT),
          run.path("status").asText(),
          duration(run.path("createdAt"), run.path("finishedAt")),
          stepsDone(run) + "/" + run.path("steps").size(),
          oneLine(run.path("reason").asText("")));
    }
    table.print(out());
    return ExitCodes.OK;
  }

  private int showRun(UUID id) {
    List<JsonNode> runs = new ArrayList<>();
    if (request) {
      coordinator().runsOfRequest(id).forEach(runs::add);
    } else {
      runs.add(
          coordinator()
              .run(id)
              .orElseThrow(() -> new CliException(ExitCodes.FAILED, "no run " + id)));
    }
    if (output.structured()) {
      output.print(out(), request ? runs : runs.get(0));
      return ExitCodes.OK;
    }
    boolean first = true;
    for (JsonNode run : runs) {
      if (!first) {
        out().println();
      }
      first = false;
      printRun(out(), run, stepOutput);
    }
    out().flush();
    return ExitCodes.OK;
  }

  static void printRun(PrintWriter out, JsonNode run, boolean withOutput) {
    out.println("run       " + run.path("id").asText());
    out.println(
        "instance  " + run.path("instanceKey").asText() + " on " + run.path("node").asText());
    out.println(
        "action    "
            + run.path("action").asText().toLowerCase(java.util.Locale.ROOT)
            + (run.hasNonNull("requiredBy")
                ? " (required by " + run.get("requiredBy").asText() + ")"
                : ""));
    out.println(
        "status    "
            + run.path("status").asText()
            + (run.hasNonNull("reason") ? ": " + run.get("reason").asText() : ""));
    out.println("template  " + PlanPrinter.shortHash(run.path("templateVersion").asText(null)));
    out.println("request   " + run.path("requestId").asText());
    out.println(
        "created   "
            + run.path("createdAt").asText("-")
            + (run.hasNonNull("finishedAt")
                ? ", finished "
                    + run.get("finishedAt").asText()
                    + " ("
                    + duration(run.path("createdAt"), run.path("finishedAt"))
                    + ")"
                : ""));
    Table steps =
        new Table("STEP", "NODE", "ROLE", "PHASE", "STATUS", "ATTEMPT", "DURATION", "REASON");
    for (JsonNode step : run.path("steps")) {
      steps.row(
          step.path("step").asInt(),
          step.path("node").asText(),
          step.path("role").asText(),
          step.path("phase").asText(),
          step.path("status").asText(),
          step.path("attempt").asInt(),
          step.hasNonNull("durationMs") ? Durations.millis(step.get("durationMs").asLong()) : null,
          oneLine(step.path("reason").asText("")));
    }
    steps.print(out);
    if (withOutput) {
      for (JsonNode step : run.path("steps")) {
        if (step.hasNonNull("outputTail") && !step.get("outputTail").asText().isBlank()) {
          out.println(
              "--- step "
                  + step.path("step").asInt()
                  + " "
                  + step.path("phase").asText()
                  + " output ---");
          out.println(step.get("outputTail").asText().stripTrailing());
        }
      }
    }
  }

  private List<JsonNode> ofInstance() {
    Target target = domains().resolve(where.target(what), true);
    InstanceKey key = target.key();
    List<JsonNode> runs = new ArrayList<>();
    coordinator().runsOf(key).forEach(runs::add);
    runs.sort(newestFirst());
    return runs;
  }

  /** The newest runs over every instance (the coordinator lists runs per instance). */
  private List<JsonNode> newest() {
    List<JsonNode> runs = new ArrayList<>();
    for (JsonNode i : coordinator().instances()) {
      coordinator().runsOf(InstanceKey.parse(i.path("instanceKey").asText())).forEach(runs::add);
    }
    runs.sort(newestFirst());
    return runs;
  }

  private static Comparator<JsonNode> newestFirst() {
    return Comparator.comparing((JsonNode r) -> r.path("createdAt").asText("")).reversed();
  }

  static UUID runId(String text) {
    if (text == null) {
      return null;
    }
    try {
      return UUID.fromString(text.strip());
    } catch (IllegalArgumentException notAnId) {
      return null;
    }
  }

  private static long stepsDone(JsonNode run) {
    long done = 0;
    for (JsonNode step : run.path("steps")) {
      String status = step.path("status").asText();
      if (status.equals("SUCCEEDED")
          || status.equals("SKIPPED")
          || status.equals("FAILED")
          || status.equals("TIMED_OUT")
          || status.equals("REJECTED")) {
        done++;
      }
    }
    return done;
  }

  private static String duration(JsonNode from, JsonNode to) {
    if (from.isMissingNode() || from.isNull() || to.isMissingNode() || to.isNull()) {
      return "-";
    }
    try {
      return Durations.between(Instant.parse(from.asText()), Instant.parse(to.asText()));
    } catch (RuntimeException e) {
      return "-";
    }
  }

  private static String oneLine(String text) {
    String t = text.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl) + " ...";
  }
}
