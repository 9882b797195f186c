package io.ays.monitor;

import static io.ays.monitor.TestEvents.heartbeat;
import static io.ays.monitor.TestEvents.newInstanceKey;
import static io.ays.monitor.TestEvents.reportOn;
import static io.ays.monitor.TestEvents.stateOn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.HealthStatus;
import io.ays.contracts.InstanceState;
import io.ays.monitor.persistence.InstanceHealthEntity;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the monitor makes of silence, against a real broker and database: a node whose heartbeats
 * stop (test nodes announce one every second; silent after 3 missed) turns its instances UNKNOWN,
 * and when it speaks again the instances that should run are restarted; an instance whose reports
 * stop while UP becomes UNKNOWN.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class SilenceTest {

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  private static final Duration WAIT = Duration.ofSeconds(30);

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
  void aSilentNodesInstancesTurnUnknownAndItsReturnRestartsThoseThatShouldRun() {
    String node = "n-" + UUID.randomUUID().toString().substring(0, 8);
    String running = newInstanceKey("on-silent-node");
    String stopped = newInstanceKey("stopped-on-silent-node");
    kafka.send(
        "ays.service-events",
        running,
        stateOn(node, running, InstanceState.STARTING, InstanceState.RUNNING));
    kafka.send(
        "ays.service-events",
        stopped,
        stateOn(node, stopped, InstanceState.STOPPING, InstanceState.STOPPED));
    kafka.send("ays.health", running, reportOn(node, running, HealthStatus.UP, "fine"));
    Eventually.holds(
        WAIT, () -> assertThat(MonitorApi.health(running).getString("status")).isEqualTo("UP"));
    Eventually.holds(
        WAIT,
        () ->
            assertThat(MonitorApi.health(stopped).getString("lifecycleState"))
                .isEqualTo("STOPPED"));
    kafka.send("ays.nodes", node, heartbeat(node, 1));

    // No further heartbeat: after 3 s the node is silent and both instances UNKNOWN.
    for (String key : List.of(running, stopped)) {
      Eventually.holds(
          WAIT,
          () -> {
            JsonPath health = MonitorApi.health(key);
            assertThat(health.getString("status")).isEqualTo("UNKNOWN");
            assertThat(health.getString("statusSource")).isEqualTo("NODE_SILENT");
          });
    }
    List<Boolean> silent =
        given()
            .get("/nodes")
            .then()
            .statusCode(200)
            .extract()
            .path("findAll { it.nodeId == '" + node + "' }.silent");
    assertThat(silent).containsExactly(true);
    assertThat(kafka.all("ays.requests", running)).isEmpty();

    kafka.send("ays.nodes", node, heartbeat(node, 1));

    String request = kafka.await("ays.requests", running, r -> true, WAIT).get(0).value();
    assertThat(request)
        .contains("\"type\":\"ays.request.restart.v1\"")
        .contains("restart #1 after node " + node + " came back after");
    assertThat(MonitorApi.historyKinds(running))
        .containsSubsequence("NODE_SILENT", "NODE_BACK", "RESTART_SCHEDULED", "RESTART_REQUESTED");
    // Stopped on purpose: nobody meant it to run, so its node's return does not start it.
    assertThat(kafka.all("ays.requests", stopped)).isEmpty();
    assertThat(MonitorApi.historyKinds(stopped)).doesNotContain("RESTART_SCHEDULED");
  }

  @Test
  void anInstanceWhoseReportsStopWhileUpBecomesUnknownUntilItReportsAgain() {
    String key = newInstanceKey("quiet");
    kafka.send("ays.health", key, reportOn(TestEvents.NODE, key, HealthStatus.UP, "fine"));
    Eventually.holds(
        WAIT, () -> assertThat(MonitorApi.health(key).getString("status")).isEqualTo("UP"));

    // Its last report arrived an hour ago (the test timeout is 10 minutes).
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                InstanceHealthEntity.lock(key).lastReceivedAt =
                    Instant.now().minus(Duration.ofHours(1)));

    Eventually.holds(
        WAIT,
        () -> {
          JsonPath health = MonitorApi.health(key);
          assertThat(health.getString("status")).isEqualTo("UNKNOWN");
          assertThat(health.getString("statusSource")).isEqualTo("NO_REPORT");
        });

    kafka.send("ays.health", key, reportOn(TestEvents.NODE, key, HealthStatus.UP, "fine again"));
    Eventually.holds(
        WAIT, () -> assertThat(MonitorApi.health(key).getString("status")).isEqualTo("UP"));
    List<String> statuses =
        given().get("/health/" + key + "/history").then().statusCode(200).extract().path("status");
    assertThat(statuses).containsExactly("UP", "UNKNOWN", "UP");
  }
}
