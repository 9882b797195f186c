package io.ays.monitor;

import static io.ays.monitor.TestEvents.health;
import static io.ays.monitor.TestEvents.newId;
import static io.ays.monitor.TestEvents.newInstanceKey;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.ays.contracts.HealthSource;
import io.ays.contracts.HealthStatus;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST view of instances' health. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class HealthResourceTest {

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  private static final Duration WAIT = Duration.ofSeconds(15);

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
  void showsTheCurrentHealthOfEveryInstanceAndItsHistoryNewestFirst() {
    String key = newInstanceKey("api");
    kafka.send(
        "ays.health", key, health(newId(), key, HealthStatus.UP, HealthSource.MONITOR, "fine"));
    kafka.send(
        "ays.health",
        key,
        health(newId(), key, HealthStatus.DEGRADED, HealthSource.MONITOR, "port 8080 closed"));

    Eventually.holds(
        WAIT, () -> assertThat(MonitorApi.health(key).getString("status")).isEqualTo("DEGRADED"));
    JsonPath health = MonitorApi.health(key);
    assertThat(health.getString("instanceKey")).isEqualTo(key);
    assertThat(health.getString("node")).isEqualTo(TestEvents.NODE);
    assertThat(health.getString("lastMessage")).isEqualTo("port 8080 closed");
    assertThat(health.getString("upSince")).isNotNull(); // degraded is still up
    assertThat(health.getString("supervision")).isEqualTo("UNSUPERVISED");

    given().get("/health").then().statusCode(200).body("instanceKey", hasItem(key));

    List<String> statuses =
        given().get("/health/" + key + "/history").then().statusCode(200).extract().path("status");
    assertThat(statuses).containsExactly("DEGRADED", "UP");
    List<String> limited =
        given()
            .get("/health/" + key + "/history?limit=1")
            .then()
            .statusCode(200)
            .extract()
            .path("status");
    assertThat(limited).containsExactly("DEGRADED");
  }

  @Test
  void answers404ForAnInstanceItHasNeverHeardOf() {
    given().get("/health/t/never-heard-of/main").then().statusCode(404);
    given().get("/health/t/never-heard-of/main/history").then().statusCode(404);
  }
}
