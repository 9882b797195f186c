package io.ays.monitor;

import static io.ays.monitor.TestEvents.crash;
import static io.ays.monitor.TestEvents.newId;
import static io.ays.monitor.TestEvents.newInstanceKey;
import static io.ays.monitor.TestEvents.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ays.contracts.InstanceState;
import io.ays.contracts.auth.Roles;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.MetricsScrape;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.PrometheusText;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live state for dashboards: the server-sent-events stream and the Prometheus metrics. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class LiveStateTest {

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/events")
  URI events;

  KafkaBroker broker;
  private TestKafka kafka;

  @BeforeEach
  void connect() {
    kafka = new TestKafka(broker);
  }

  @AfterEach
  void disconnect() {
    kafka.close();
  }

  @Test
  void theEventStreamSaysHelloThenStreamsEachChangeWithTheInstanceAfterIt() throws Exception {
    BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(events)
                    .header("Accept", "text/event-stream")
                    .header("Authorization", TestTokens.bearer(Roles.VIEWER))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    Thread reader = new Thread(() -> readEvents(response.body(), received), "sse-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      assertThat(next(received).path("type").asText()).isEqualTo("hello");

      String key = newInstanceKey("streamed");
      kafka.send(
          "ays.service-events", key, state(key, InstanceState.STARTING, InstanceState.RUNNING));
      awaitWatching(key);
      kafka.send("ays.health", key, crash(newId(), newId(), key, 137));

      // The first restart is immediate: the restart request is sent in its own transaction
      // right after the DOWN one, so the two changes may reach the stream in either order.
      Map<String, JsonNode> changes =
          changesOf(received, key, Set.of("STATUS_CHANGED", "RESTART_REQUESTED"));
      JsonNode down = changes.get("STATUS_CHANGED");
      assertThat(down.path("message").asText()).isEqualTo("process.1 exited with status 137");
      assertThat(down.path("instance").path("status").asText()).isEqualTo("DOWN");
      assertThat(down.path("instance").path("node").asText()).isEqualTo(TestEvents.NODE);
      JsonNode requested = changes.get("RESTART_REQUESTED");
      assertThat(requested.path("instance").path("restarts").asInt()).isEqualTo(1);
    } finally {
      response.body().close();
    }
  }

  @Test
  void metricsCountInstancesByStatusAndTheRestartsSent() throws Exception {
    String key = newInstanceKey("measured");
    double restartsBefore = metric("ays_monitor_restarts_total");
    kafka.send(
        "ays.service-events", key, state(key, InstanceState.STARTING, InstanceState.RUNNING));
    awaitWatching(key);
    kafka.send("ays.health", key, crash(newId(), newId(), key, 1));
    kafka.await("ays.requests", key, r -> true, WAIT);

    Eventually.holds(
        WAIT,
        () -> {
          assertThat(metric("ays_monitor_instances", "status", "DOWN")).isGreaterThanOrEqualTo(1);
          assertThat(metric("ays_monitor_restarts_total")).isGreaterThan(restartsBefore);
          assertThat(metric("ays_monitor_detection_to_restart_seconds_count"))
              .isGreaterThanOrEqualTo(1);
        });
    PrometheusText scrape = MetricsScrape.scrape(events);
    assertThat(scrape.types())
        .containsEntry("ays_monitor_detection_to_restart_seconds", "histogram");
    MetricsScrape.assertExportsWhatTheListSays(scrape, "monitor-service");
  }

  /**
   * Waits until the monitor has applied the RUNNING state: lifecycle states and health reports come
   * on two topics through two consumers, and only a RUNNING instance is restarted.
   */
  private static void awaitWatching(String key) {
    Eventually.holds(
        WAIT,
        () -> assertThat(MonitorApi.health(key).getString("supervision")).isEqualTo("WATCHING"));
  }

  /** The sum of the samples of {@code name} with these labels in a scrape; 0 if absent. */
  private double metric(String name, String... labels) {
    return MetricsScrape.scrape(events).sum(name, labels);
  }

  /** The first change of each of {@code kinds} streamed for {@code key}, in whatever order. */
  private static Map<String, JsonNode> changesOf(
      BlockingQueue<JsonNode> received, String key, Set<String> kinds) throws InterruptedException {
    Map<String, JsonNode> found = new HashMap<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline && !found.keySet().containsAll(kinds)) {
      JsonNode event = received.poll(1, TimeUnit.SECONDS);
      if (event != null
          && "change".equals(event.path("type").asText())
          && key.equals(event.path("instance").path("instanceKey").asText())
          && kinds.contains(event.path("kind").asText())) {
        found.putIfAbsent(event.path("kind").asText(), event);
      }
    }
    assertThat(found.keySet()).as("changes of " + key + " within " + WAIT).containsAll(kinds);
    return found;
  }

  private static JsonNode next(BlockingQueue<JsonNode> received) throws InterruptedException {
    JsonNode event = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(event).as("an event within " + WAIT).isNotNull();
    return event;
  }

  private static void readEvents(InputStream body, BlockingQueue<JsonNode> received) {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("data:")) {
          received.add(JSON.readTree(line.substring("data:".length()).trim()));
        }
      }
    } catch (Exception e) {
      // the stream was closed by the test
    }
  }
}
