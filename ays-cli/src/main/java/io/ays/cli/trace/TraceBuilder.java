package io.ays.cli.trace;

import com.fasterxml.jackson.databind.JsonNode;
import io.ays.cli.output.Durations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds one correlation chain as a tree from what the coordinator and the monitor keep: the runs
 * (each with its request id, correlation id and steps) and the monitor's history of each instance
 * (crashes, restarts it asked for, give-ups). A restart the monitor asked for is linked to its run
 * by the request id the monitor recorded, so the tree reads install run, crash, restart requested,
 * restart run.
 *
 * <p>Pure: given the coordinator's {@code RunView}s and the monitor's {@code HistoryEntryView}s as
 * JSON, it asks nothing.
 */
public final class TraceBuilder {

  /** History kinds that are part of a chain; the lifecycle changes repeat what the runs say. */
  private static final Set<String> SHOWN =
      Set.of(
          "STATUS_CHANGED",
          "PROCESS_EXITED",
          "RESTART_SCHEDULED",
          "RESTART_REQUESTED",
          "RESTART_CANCELLED",
          "RESTART_REJECTED",
          "GAVE_UP",
          "RECOVERED");

  private TraceBuilder() {}

  /**
   * The chain of {@code anchor}.
   *
   * @param anchor the run whose chain is wanted
   * @param runs every run of the instances concerned (the anchor's included), any order
   * @param histories each instance's monitor history, any order
   */
  public static TraceNode build(
      JsonNode anchor, List<JsonNode> runs, Map<String, List<JsonNode>> histories) {
    String correlation = anchor.path("correlationId").asText();
    Map<String, JsonNode> restartRequests = new HashMap<>();
    histories
        .values()
        .forEach(
            entries ->
                entries.stream()
                    .filter(e -> "RESTART_REQUESTED".equals(e.path("kind").asText()))
                    .filter(e -> e.hasNonNull("eventId"))
                    .forEach(e -> restartRequests.put(e.path("eventId").asText(), e)));

    List<JsonNode> chain =
        runs.stream()
            .filter(
                r ->
                    correlation.equals(r.path("correlationId").asText())
                        || restartRequests.containsKey(r.path("requestId").asText()))
            .sorted(Comparator.comparing(TraceBuilder::createdAt))
            .toList();
    Instant start =
        chain.stream()
            .filter(r -> correlation.equals(r.path("correlationId").asText()))
            .map(TraceBuilder::createdAt)
            .min(Comparator.naturalOrder())
            .orElse(createdAt(anchor));
    Set<String> chainIds = new HashSet<>();
    chain.forEach(r -> chainIds.add(r.path("id").asText()));
    Set<String> instances = new HashSet<>();
    chain.forEach(r -> instances.add(r.path("instanceKey").asText()));
    // The chain of an instance ends where a request of another chain begins on it.
    Map<String, Instant> ends = new HashMap<>();
    for (JsonNode r : runs) {
      String key = r.path("instanceKey").asText();
      Instant at = createdAt(r);
      if (instances.contains(key)
          && !chainIds.contains(r.path("id").asText())
          && at.isAfter(start)) {
        ends.merge(key, at, (a, b) -> a.isBefore(b) ? a : b);
      }
    }

    TraceNode root = new TraceNode(null, "correlation", "correlation " + correlation);
    // Requests: their runs grouped under them.
    Map<String, TraceNode> requests = new LinkedHashMap<>();
    for (JsonNode run : chain) {
      String requestId = run.path("requestId").asText();
      TraceNode request =
          requests.computeIfAbsent(
              requestId,
              id ->
                  new TraceNode(
                      createdAt(run),
                      "request",
                      "request "
                          + id
                          + ": "
                          + action(run)
                          + " "
                          + run.path("instanceKey").asText()
                          + (restartRequests.containsKey(id) ? " (asked by the monitor)" : "")));
      request.children().add(runNode(run));
    }
    List<TraceNode> top = new ArrayList<>();
    for (Map.Entry<String, List<JsonNode>> history : histories.entrySet()) {
      if (!instances.contains(history.getKey())) {
        continue;
      }
      Instant end = ends.get(history.getKey());
      for (JsonNode entry : history.getValue()) {
        Instant at = Instant.parse(entry.path("at").asText());
        String kind = entry.path("kind").asText();
        if (!SHOWN.contains(kind) || at.isBefore(start) || (end != null && !at.isBefore(end))) {
          continue;
        }
        TraceNode node = new TraceNode(at, kind, historyText(history.getKey(), entry));
        TraceNode caused = requests.remove(entry.path("eventId").asText(""));
        if ("RESTART_REQUESTED".equals(kind) && caused != null) {
          node.children().add(caused);
        }
        top.add(node);
      }
    }
    top.addAll(requests.values());
    top.sort(Comparator.comparing(TraceNode::at));
    root.children().addAll(top);
    return root;
  }

  private static TraceNode runNode(JsonNode run) {
    String outcome = run.path("status").asText();
    String duration =
        run.hasNonNull("finishedAt")
            ? " in "
                + Durations.between(createdAt(run), Instant.parse(run.path("finishedAt").asText()))
            : "";
    TraceNode node =
        new TraceNode(
            createdAt(run),
            "run",
            "run "
                + run.path("id").asText()
                + ": "
                + action(run)
                + " "
                + run.path("instanceKey").asText()
                + " on "
                + run.path("node").asText()
                + ", "
                + outcome
                + duration
                + (run.hasNonNull("requiredBy")
                    ? " (required by " + run.path("requiredBy").asText() + ")"
                    : "")
                + reason(run));
    for (JsonNode step : run.path("steps")) {
      if (!step.hasNonNull("startedAt")) {
        continue; // planned but never started (skipped before it ran, or not reached)
      }
      node.children()
          .add(
              new TraceNode(
                  Instant.parse(step.path("startedAt").asText()),
                  "step",
                  step.path("phase").asText()
                      + " on "
                      + step.path("node").asText()
                      + ": "
                      + step.path("status").asText()
                      + (step.hasNonNull("durationMs")
                          ? " in " + Durations.millis(step.path("durationMs").asLong())
                          : "")
                      + (step.path("attempt").asInt(1) > 1
                          ? " (attempt " + step.path("attempt").asInt() + ")"
                          : "")
                      + reason(step)));
    }
    return node;
  }

  private static String historyText(String instanceKey, JsonNode entry) {
    String kind = entry.path("kind").asText();
    String message = entry.path("message").asText("");
    String what =
        switch (kind) {
          case "PROCESS_EXITED" -> "crash";
          case "STATUS_CHANGED" -> "health " + entry.path("status").asText("?");
          case "RESTART_SCHEDULED" -> "monitor: restart scheduled";
          case "RESTART_REQUESTED" ->
              "monitor: restart requested (request " + entry.path("eventId").asText("?") + ")";
          case "RESTART_CANCELLED" -> "monitor: restart cancelled";
          case "RESTART_REJECTED" -> "monitor: restart rejected";
          case "GAVE_UP" -> "monitor: gave up restarting";
          case "RECOVERED" -> "monitor: recovered";
          default -> kind;
        };
    return instanceKey + " " + what + (message.isBlank() ? "" : ": " + message);
  }

  /** The run's action as the CLI spells it (the coordinator answers {@code INSTALL}). */
  private static String action(JsonNode run) {
    return run.path("action").asText().toLowerCase(Locale.ROOT);
  }

  private static String reason(JsonNode node) {
    String reason = node.path("reason").asText("");
    return reason.isBlank() ? "" : ": " + reason;
  }

  private static Instant createdAt(JsonNode run) {
    return Instant.parse(run.path("createdAt").asText());
  }
}
