package io.ays.monitor;

import static io.ays.monitor.TestEvents.newInstanceKey;
import static io.ays.monitor.TestEvents.runAccepted;
import static io.ays.monitor.TestEvents.runFinished;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.RunOutcome;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /runs}: the runs the coordinator announced, as the monitor heard them. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RunsResourceTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

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
  void listsRunsNewestFirstWithTheirStatusEvenOneKnownOnlyFromItsEnd() {
    String key = newInstanceKey("runs");
    UUID failed = UUID.randomUUID();
    UUID endOnly = UUID.randomUUID();
    kafka.send("ays.service-events", key, runAccepted(failed, key, TestEvents.NODE));
    String end = runFinished(failed, key, RunOutcome.FAILED, "check_up still down");
    kafka.send("ays.service-events", key, end);
    kafka.send("ays.service-events", key, end); // redelivered: the run is listed once
    // Its acceptance left the topic before the monitor read it.
    kafka.send("ays.service-events", key, runFinished(endOnly, key, RunOutcome.UP_TO_DATE, "same"));

    Eventually.holds(
        WAIT, () -> assertThat(runsOf(key)).extracting(run -> run.get("runId")).hasSize(2));
    List<Map<String, Object>> runs = runsOf(key);
    assertThat(runs.get(0))
        .containsEntry("runId", endOnly.toString())
        .containsEntry("status", "UP_TO_DATE")
        .containsEntry("node", null)
        .containsEntry("steps", null);
    assertThat(runs.get(1))
        .containsEntry("runId", failed.toString())
        .containsEntry("action", "INSTALL")
        .containsEntry("node", TestEvents.NODE)
        .containsEntry("status", "FAILED")
        .containsEntry("reason", "check_up still down")
        .containsEntry("steps", 0)
        .containsEntry("durationMs", 1234);
  }

  @Test
  void refusesALimitOutsideItsBoundsWithAProblemNamingIt() {
    JsonPath problem = given().get("/runs?limit=501").then().statusCode(400).extract().jsonPath();
    assertThat(problem.getString("detail")).isEqualTo("limit must be 1 to 500, was 501");
  }

  /** The runs of {@code key} in {@code GET /runs}, newest first. */
  private static List<Map<String, Object>> runsOf(String key) {
    List<Map<String, Object>> all =
        given().get("/runs?limit=500").then().statusCode(200).extract().jsonPath().getList("$");
    return all.stream().filter(run -> key.equals(run.get("instanceKey"))).toList();
  }
}
