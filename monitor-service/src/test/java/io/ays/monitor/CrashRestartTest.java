package io.ays.monitor;

import static io.ays.monitor.TestEvents.crash;
import static io.ays.monitor.TestEvents.newId;
import static io.ays.monitor.TestEvents.newInstanceKey;
import static io.ays.monitor.TestEvents.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ays.contracts.HealthSource;
import io.ays.contracts.HealthStatus;
import io.ays.contracts.InstanceState;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The restart path against a real broker and database: lifecycle events and health reports go in on
 * Kafka, restart requests come out on {@code ays.requests}. Test config: restarts after 100 ms,
 * doubling, giving up after 2.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class CrashRestartTest {

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();

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
  void restartsACrashedRunningInstanceWithARequestCausedByTheCrash() throws Exception {
    String key = newInstanceKey("web");
    running(key);

    String crashId = newId();
    String correlationId = newId();
    kafka.send("ays.health", key, crash(crashId, correlationId, key, 137));

    ConsumerRecord<String, String> request = awaitRestarts(key, 1).get(0);
    JsonNode event = JSON.readTree(request.value());
    assertThat(request.key()).isEqualTo(key);
    assertThat(event.path("type").asText()).isEqualTo("ays.request.restart.v1");
    assertThat(event.path("source").asText()).isEqualTo("/ays/monitor-service");
    assertThat(event.path("subject").asText()).isEqualTo(key);
    assertThat(event.path("causationid").asText()).isEqualTo(crashId);
    assertThat(event.path("correlationid").asText()).isEqualTo(correlationId);
    assertThat(event.path("data").path("node").asText()).isEqualTo(TestEvents.NODE);
    assertThat(event.path("data").path("reason").asText())
        .isEqualTo("restart #1 after crash: exit 137 (process.1)");

    JsonPath health = MonitorApi.health(key);
    assertThat(health.getString("status")).isEqualTo("DOWN");
    assertThat(health.getInt("lastExitCode")).isEqualTo(137);
    assertThat(health.getString("lastOutput")).isEqualTo("last words\n");
    assertThat(health.getInt("restarts")).isEqualTo(1);
    assertThat(health.getString("supervision")).isEqualTo("RESTARTING");
    assertThat(MonitorApi.historyKinds(key))
        .containsSubsequence("STATUS_CHANGED", "RESTART_SCHEDULED", "RESTART_REQUESTED");
  }

  @Test
  void aProcessThatExitsBeforeItsRunEndsIsRestartedOnceTheInstanceIsRunning() throws Exception {
    String key = newInstanceKey("late-crash");
    kafka.send(
        "ays.service-events", key, state(key, InstanceState.CONFIGURING, InstanceState.STARTING));
    Eventually.holds(
        WAIT,
        () -> assertThat(MonitorApi.health(key).getString("lifecycleState")).isEqualTo("STARTING"));

    // The process exits after its start, while the run still checks it: not yet RUNNING, so no
    // restart is decided on the report itself.
    String crashId = newId();
    kafka.send("ays.health", key, crash(crashId, newId(), key, 137));
    Eventually.holds(
        WAIT, () -> assertThat(MonitorApi.health(key).getString("status")).isEqualTo("DOWN"));
    assertThat(kafka.all("ays.requests", key)).isEmpty();

    kafka.send(
        "ays.service-events", key, state(key, InstanceState.STARTING, InstanceState.RUNNING));

    JsonNode restart = JSON.readTree(awaitRestarts(key, 1).get(0).value());
    assertThat(restart.path("type").asText()).isEqualTo("ays.request.restart.v1");
    assertThat(restart.path("causationid").asText()).isEqualTo(crashId);
    assertThat(restart.path("data").path("reason").asText())
        .isEqualTo(
            "restart #1 after crash: exit 137 (process.1) while the run that started it was"
                + " still going");
  }

  @Test
  void aStoppedInstanceIsDownAtOnceInsteadOfItsLastReportedUp() {
    String key = newInstanceKey("stopped-after-up");
    kafka.send(
        "ays.service-events", key, state(key, InstanceState.STARTING, InstanceState.RUNNING));
    kafka.send("ays.health", key, TestEvents.reportOn(TestEvents.NODE, key, HealthStatus.UP, "ok"));
    Eventually.holds(
        WAIT, () -> assertThat(MonitorApi.health(key).getString("status")).isEqualTo("UP"));

    kafka.send(
        "ays.service-events", key, state(key, InstanceState.STOPPING, InstanceState.STOPPED));

    Eventually.holds(
        WAIT,
        () -> {
          JsonPath health = MonitorApi.health(key);
          assertThat(health.getString("status")).isEqualTo("DOWN");
          assertThat(health.getString("statusSource")).isEqualTo("LIFECYCLE");
          assertThat(health.getString("supervision")).isEqualTo("UNSUPERVISED");
        });
    assertThat(kafka.all("ays.requests", key)).as("a stop is never healed").isEmpty();
  }

  @Test
  void doesNotRestartAnInstanceThatIsStoppedOrStopping() throws Exception {
    String stopped = newInstanceKey("stopped");
    String stopping = newInstanceKey("stopping");
    kafka.send(
        "ays.service-events",
        stopped,
        state(stopped, InstanceState.STOPPING, InstanceState.STOPPED));
    kafka.send(
        "ays.service-events",
        stopping,
        state(stopping, InstanceState.RUNNING, InstanceState.STOPPING));
    Eventually.holds(
        WAIT,
        () ->
            assertThat(MonitorApi.health(stopped).getString("lifecycleState"))
                .isEqualTo("STOPPED"));
    Eventually.holds(
        WAIT,
        () ->
            assertThat(MonitorApi.health(stopping).getString("lifecycleState"))
                .isEqualTo("STOPPING"));

    kafka.send("ays.health", stopped, crash(newId(), newId(), stopped, 143));
    kafka.send("ays.health", stopping, crash(newId(), newId(), stopping, 143));
    for (String key : List.of(stopped, stopping)) {
      Eventually.holds(
          WAIT, () -> assertThat(MonitorApi.health(key).getString("status")).isEqualTo("DOWN"));
    }
    // The verdict on a report is stored in the transaction that stores the report's status: with
    // the status visible, a restart would be scheduled already (RESTART_SCHEDULED), so no wait.

    for (String key : List.of(stopped, stopping)) {
      assertThat(kafka.all("ays.requests", key)).isEmpty();
      JsonPath health = MonitorApi.health(key);
      assertThat(health.getString("supervision")).isEqualTo("UNSUPERVISED");
      assertThat(health.getInt("restarts")).isZero();
      assertThat(MonitorApi.historyKinds(key)).doesNotContain("RESTART_SCHEDULED");
    }
  }

  @Test
  void aDegradedReportDoesNotRestart() throws Exception {
    String key = newInstanceKey("degraded");
    running(key);
    kafka.send(
        "ays.health",
        key,
        TestEvents.health(
            newId(), key, HealthStatus.DEGRADED, HealthSource.MONITOR, "1 of 2 ports closed"));
    Eventually.holds(
        WAIT, () -> assertThat(MonitorApi.health(key).getString("status")).isEqualTo("DEGRADED"));
    // The verdict on a report is stored in the transaction that stores the report's status: with
    // the status visible, a restart would be scheduled already (RESTART_SCHEDULED), so no wait.

    assertThat(kafka.all("ays.requests", key)).isEmpty();
    assertThat(MonitorApi.health(key).getString("supervision")).isEqualTo("WATCHING");
  }

  @Test
  void furtherCrashesWhileARestartIsPendingOrRunningScheduleNoOther() throws Exception {
    String key = newInstanceKey("flappy");
    running(key);

    for (int i = 0; i < 3; i++) {
      kafka.send("ays.health", key, crash(newId(), newId(), key, 1));
    }
    awaitRestarts(key, 1);
    // The coordinator has not started the restart run yet: one more crash report changes nothing.
    kafka.send("ays.health", key, crash(newId(), newId(), key, 1));
    // The marker that the fourth report was taken: each crash while DOWN is recorded as
    // PROCESS_EXITED (the first changed the status), in the transaction that decides on it.
    Eventually.holds(
        WAIT,
        () ->
            assertThat(MonitorApi.historyKinds(key))
                .filteredOn("PROCESS_EXITED"::equals)
                .hasSize(3));

    assertThat(kafka.all("ays.requests", key)).hasSize(1);
    assertThat(MonitorApi.health(key).getInt("restarts")).isEqualTo(1);
    assertThat(MonitorApi.historyKinds(key)).containsOnlyOnce("RESTART_SCHEDULED");
  }

  @Test
  void givesUpAfterMaxRestartsAndShowsTheInstanceFailed() throws Exception {
    String key = newInstanceKey("loop");
    crashLoopUntilFailed(key);

    JsonPath health = MonitorApi.health(key);
    assertThat(health.getBoolean("failed")).isTrue();
    assertThat(health.getString("supervision")).isEqualTo("FAILED");
    assertThat(health.getString("failedReason"))
        .contains("gave up after 2 consecutive restarts (limit 2)")
        .contains("exit 1 (process.1)");
    assertThat(health.getInt("restarts")).isEqualTo(2);
    assertThat(MonitorApi.historyKinds(key)).contains("GAVE_UP");

    // Dashboards and the CLI learn it from ays.service-events.
    JsonNode gaveUp =
        JSON.readTree(
            kafka
                .await(
                    "ays.service-events",
                    key,
                    r -> r.value().contains("\"ays.monitor.gave-up.v1\""),
                    WAIT)
                .stream()
                .filter(r -> r.value().contains("\"ays.monitor.gave-up.v1\""))
                .findFirst()
                .orElseThrow()
                .value());
    assertThat(gaveUp.path("source").asText()).isEqualTo("/ays/monitor-service");
    assertThat(gaveUp.path("data").path("consecutiveRestarts").asInt()).isEqualTo(2);
    assertThat(gaveUp.path("data").path("node").asText()).isEqualTo(TestEvents.NODE);
    assertThat(gaveUp.path("data").path("reason").asText())
        .isEqualTo(health.getString("failedReason"));

    // The reasons count the attempts, so a person reading the requests sees the loop.
    List<String> reasons =
        kafka.all("ays.requests", key).stream().map(r -> reason(r.value())).toList();
    assertThat(reasons)
        .containsExactly(
            "restart #1 after crash: exit 1 (process.1)",
            "restart #2 after crash: exit 1 (process.1)");
  }

  @Test
  void aFailedInstanceThatAPersonStartsAgainIsRestartedAgain() throws Exception {
    String key = newInstanceKey("revived");
    crashLoopUntilFailed(key);

    kafka.send(
        "ays.service-events", key, state(key, InstanceState.STARTING, InstanceState.RUNNING));
    Eventually.holds(
        WAIT,
        () -> assertThat(MonitorApi.health(key).getString("supervision")).isEqualTo("WATCHING"));
    assertThat(MonitorApi.health(key).getInt("consecutiveRestarts")).isZero();

    kafka.send("ays.health", key, crash(newId(), newId(), key, 9));
    awaitRestarts(key, 3);
  }

  @Test
  void aRefusedRestartMarksTheInstanceFailedWithTheCoordinatorsReason() throws Exception {
    String key = newInstanceKey("refused");
    running(key);
    kafka.send("ays.health", key, crash(newId(), newId(), key, 137));
    String requestId = JSON.readTree(awaitRestarts(key, 1).get(0).value()).path("id").asText();

    kafka.send(
        "ays.service-events", key, TestEvents.rejection(key, requestId, "unknown instance " + key));

    Eventually.holds(
        WAIT,
        () -> {
          JsonPath health = MonitorApi.health(key);
          assertThat(health.getString("supervision")).isEqualTo("FAILED");
          assertThat(health.getString("failedReason"))
              .isEqualTo("restart request refused by the coordinator: unknown instance " + key);
        });
  }

  /** Runs a crash loop as the coordinator and executor would, until the monitor gives up. */
  private void crashLoopUntilFailed(String key) throws Exception {
    running(key);
    for (int restart = 1; restart <= 2; restart++) {
      kafka.send("ays.health", key, crash(newId(), newId(), key, 1));
      awaitRestarts(key, restart);
      kafka.send(
          "ays.service-events", key, state(key, InstanceState.RUNNING, InstanceState.STARTING));
      kafka.send(
          "ays.service-events", key, state(key, InstanceState.STARTING, InstanceState.RUNNING));
      Eventually.holds(
          WAIT,
          () -> assertThat(MonitorApi.health(key).getString("supervision")).isEqualTo("WATCHING"));
    }
    kafka.send("ays.health", key, crash(newId(), newId(), key, 1));
    // Giving up is decided in the transaction that stores the crash: no restart can follow it.
    Eventually.holds(WAIT, () -> assertThat(MonitorApi.health(key).getBoolean("failed")).isTrue());
    assertThat(kafka.all("ays.requests", key)).hasSize(2);
  }

  private void running(String key) {
    kafka.send(
        "ays.service-events", key, state(key, InstanceState.STARTING, InstanceState.RUNNING));
    Eventually.holds(
        WAIT,
        () -> assertThat(MonitorApi.health(key).getString("lifecycleState")).isEqualTo("RUNNING"));
  }

  private List<ConsumerRecord<String, String>> awaitRestarts(String key, int count) {
    List<ConsumerRecord<String, String>> requests =
        kafka.await("ays.requests", key, r -> true, WAIT);
    if (requests.size() < count) {
      Eventually.holds(
          WAIT,
          () -> assertThat(kafka.all("ays.requests", key)).hasSizeGreaterThanOrEqualTo(count));
      requests = kafka.all("ays.requests", key);
    }
    return requests;
  }

  private static String reason(String json) {
    try {
      return JSON.readTree(json).path("data").path("reason").asText();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
