package io.ays.monitor;

import static io.ays.monitor.TestEvents.crash;
import static io.ays.monitor.TestEvents.newId;
import static io.ays.monitor.TestEvents.newInstanceKey;
import static io.ays.monitor.TestEvents.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ays.contracts.InstanceState;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code AYS_LOG_JSON=true} (set in ays-messaging, so shared by every service): the monitor's
 * console is one JSON object per line, and a line logged while a message is handled names the
 * message's trace id and correlation id in its {@code mdc}, so that a log shipper finds every line
 * of a request and of its trace.
 */
@QuarkusTest
@TestProfile(JsonLogsProfile.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class JsonLogsTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String CRASH_SPAN_ID = "b7ad6b7169203331";
  private static final ObjectMapper JSON = new ObjectMapper();

  KafkaBroker broker;
  private TestKafka kafka;

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  @BeforeEach
  void connect() {
    kafka = new TestKafka(broker);
  }

  @AfterEach
  void disconnect() {
    kafka.close();
  }

  @Test
  void everyConsoleLineIsJsonAndALineOfAHandledMessageNamesItsTraceAndCorrelation()
      throws IOException {
    try (ConsoleCopy console = ConsoleCopy.into(Path.of("target", "json-logs-console.log"))) {
      handleACrashAndCheckItsLines(console.path());
    }
  }

  private void handleACrashAndCheckItsLines(Path console) {
    String key = newInstanceKey("json-logs");
    String correlationId = newId();
    kafka.send(
        "ays.service-events", key, state(key, InstanceState.STARTING, InstanceState.RUNNING));
    Eventually.holds(
        WAIT,
        () -> assertThat(MonitorApi.health(key).getString("lifecycleState")).isEqualTo("RUNNING"));

    // The crash is handled, and its restart scheduled and logged, in the crash report's trace.
    kafka.sendTraced(
        "ays.health",
        key,
        crash(newId(), correlationId, key, 137),
        "00-" + TRACE_ID + "-" + CRASH_SPAN_ID + "-01");

    // Handling the crash schedules the restart; sending it (at once: the first restart of an
    // incident) resumes the same trace. Both are logged; every line meanwhile must be JSON.
    List<JsonNode> lines = new ArrayList<>();
    Eventually.holds(
        WAIT,
        () -> {
          lines.clear();
          lines.addAll(jsonLinesOf(console));
          assertThat(lines)
              .anySatisfy(line -> assertThat(messageOf(line)).contains(key + ": sent"));
        });
    JsonNode scheduled = lineAbout(lines, key + ": restart #1 after crash");
    assertThat(scheduled.path("level").asText()).isEqualTo("INFO");
    assertThat(scheduled.path("loggerName").asText()).startsWith("io.ays.monitor");
    assertThat(scheduled.path("mdc").path("traceId").asText()).isEqualTo(TRACE_ID);
    assertThat(scheduled.path("mdc").path("correlationId").asText()).isEqualTo(correlationId);
    assertThat(scheduled.path("mdc").path("spanId").asText())
        .matches("[0-9a-f]{16}")
        .isNotEqualTo(CRASH_SPAN_ID);
    JsonNode sent = lineAbout(lines, key + ": sent");
    assertThat(sent.path("mdc").path("traceId").asText()).isEqualTo(TRACE_ID);
    assertThat(sent.path("mdc").path("correlationId").asText()).isEqualTo(correlationId);
  }

  private static String messageOf(JsonNode line) {
    return line.path("message").asText();
  }

  private static JsonNode lineAbout(List<JsonNode> lines, String start) {
    return lines.stream()
        .filter(line -> messageOf(line).startsWith(start))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no console line starts with " + start));
  }

  /** Every complete line the console wrote so far, each parsed as JSON. */
  private static List<JsonNode> jsonLinesOf(Path console) {
    List<JsonNode> parsed = new ArrayList<>();
    try {
      String text = new String(Files.readAllBytes(console), StandardCharsets.UTF_8);
      // A line still being written has no newline yet: it is read next time.
      String complete = text.substring(0, text.lastIndexOf('\n') + 1);
      for (String line : complete.split("\n")) {
        if (line.isEmpty()) {
          continue;
        }
        try {
          parsed.add(JSON.readTree(line));
        } catch (IOException e) {
          throw new AssertionError("a console line is not JSON: " + line, e);
        }
      }
    } catch (IOException e) {
      throw new AssertionError("could not read the console's lines", e);
    }
    return parsed;
  }
}
