package io.ays.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceBuilderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "e2e/web/main";

  @Test
  void aCrashAndTheMonitorsRestartHangUnderTheInstallThatBeganTheChain() throws Exception {
    JsonNode install =
        // The coordinator spells actions in capitals; the tree as the CLI does.
        run("r-install", "req-1", "corr-1", "INSTALL", "2026-12-07T10:00:00Z", "SUCCEEDED");
    // The restart run of the monitor's request: linked by its request id, whatever its correlation.
    JsonNode restart =
        run("r-restart", "req-2", "corr-2", "RESTART", "2026-12-07T10:01:02Z", "SUCCEEDED");
    // A later stop of the operator's: another chain, which ends this one on the instance.
    JsonNode stop = run("r-stop", "req-3", "corr-3", "stop", "2026-12-07T10:05:00Z", "SUCCEEDED");
    List<JsonNode> history =
        List.of(
            entry("2026-12-07T10:06:00Z", "PROCESS_EXITED", "process.1 exited with 0", null),
            entry("2026-12-07T10:01:02Z", "RESTART_REQUESTED", "attempt 1", "req-2"),
            entry("2026-12-07T10:01:00Z", "PROCESS_EXITED", "process.1 exited with 137", null),
            entry("2026-12-07T10:00:30Z", "LIFECYCLE_CHANGED", "RUNNING", null));

    TraceNode tree =
        TraceBuilder.build(install, List.of(stop, restart, install), Map.of(KEY, history));
    String printed = print(tree);

    assertThat(printed)
        .isEqualTo(
            """
            correlation corr-1
            ├─ 2026-12-07T10:00:00Z  request req-1: install e2e/web/main
            │  └─ 2026-12-07T10:00:00Z  run r-install: install e2e/web/main on local, SUCCEEDED in 4.0s
            │     └─ 2026-12-07T10:00:01Z  start on local: SUCCEEDED in 1.0s
            ├─ 2026-12-07T10:01:00Z  e2e/web/main crash: process.1 exited with 137
            └─ 2026-12-07T10:01:02Z  e2e/web/main monitor: restart requested (request req-2): attempt 1
               └─ 2026-12-07T10:01:02Z  request req-2: restart e2e/web/main (asked by the monitor)
                  └─ 2026-12-07T10:01:02Z  run r-restart: restart e2e/web/main on local, SUCCEEDED in 4.0s
                     └─ 2026-12-07T10:01:03Z  start on local: SUCCEEDED in 1.0s
            """);
  }

  @Test
  void aDependencyRunOfTheSameRequestIsInTheChainAndAStepThatFailedSaysWhy() throws Exception {
    JsonNode web = run("r-web", "req-1", "corr-1", "install", "2026-12-07T10:00:00Z", "FAILED");
    JsonNode db =
        JSON.readTree(
            run("r-db", "req-1", "corr-1", "install", "2026-12-07T09:59:59Z", "FAILED")
                .toString()
                .replace(KEY, "e2e/db/main")
                .replace("\"SUCCEEDED\"", "\"FAILED\""));
    ((com.fasterxml.jackson.databind.node.ObjectNode) db.path("steps").get(0))
        .put("reason", "port 5432 never opened");

    String printed = print(TraceBuilder.build(web, List.of(web, db), Map.of()));

    assertThat(printed)
        .contains("request req-1: install e2e/db/main")
        .contains("run r-db: install e2e/db/main on local, FAILED")
        .contains("start on local: FAILED in 1.0s: port 5432 never opened")
        .contains("run r-web: install e2e/web/main on local, FAILED");
  }

  private static String print(TraceNode tree) {
    StringWriter text = new StringWriter();
    TreePrinter.print(new PrintWriter(text, true), tree);
    return text.toString();
  }

  private static JsonNode run(
      String id, String request, String correlation, String action, String at, String status)
      throws Exception {
    java.time.Instant start = java.time.Instant.parse(at);
    return JSON.readTree(
        """
        {"id":"%s","instanceKey":"%s","action":"%s","status":"%s","node":"local",
         "requestId":"%s","correlationId":"%s","createdAt":"%s","finishedAt":"%s",
         "steps":[
           {"step":0,"node":"local","phase":"start","status":"SUCCEEDED","attempt":1,
            "durationMs":1000,"startedAt":"%s"},
           {"step":1,"node":"local","phase":"monitor","status":"PENDING","attempt":1}]}
        """
            .formatted(
                id,
                KEY,
                action,
                status,
                request,
                correlation,
                start,
                start.plusSeconds(4),
                start.plusSeconds(1)));
  }

  private static JsonNode entry(String at, String kind, String message, String eventId) {
    var entry = JSON.createObjectNode().put("at", at).put("kind", kind).put("message", message);
    if (eventId != null) {
      entry.put("eventId", eventId);
    }
    return entry;
  }
}
