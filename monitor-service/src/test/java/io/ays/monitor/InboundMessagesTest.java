package io.ays.monitor;

import static io.ays.monitor.TestEvents.health;
import static io.ays.monitor.TestEvents.newId;
import static io.ays.monitor.TestEvents.newInstanceKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ays.contracts.HealthSource;
import io.ays.contracts.HealthStatus;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the monitor does with bad and repeated input on {@code ays.health}. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class InboundMessagesTest {

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
  void aMalformedHealthMessageIsDeadLetteredAndTheNextOneIsProcessed() throws Exception {
    String badKey = newInstanceKey("garbage");
    String goodKey = newInstanceKey("fine");
    kafka.send("ays.health", badKey, "{\"specversion\":\"1.0\", this is not json");
    kafka.send(
        "ays.health",
        goodKey,
        health(newId(), goodKey, HealthStatus.UP, HealthSource.MONITOR, "ok"));

    ConsumerRecord<String, String> dead =
        kafka.await("ays.dead-letter", badKey, r -> true, WAIT).get(0);
    JsonNode letter = new ObjectMapper().readTree(dead.value()).path("data");
    assertThat(letter.path("originalTopic").asText()).isEqualTo("ays.health");
    assertThat(letter.path("consumer").asText()).isEqualTo("monitor.health");
    assertThat(letter.path("reason").asText()).contains("not JSON");

    Eventually.holds(
        WAIT, () -> assertThat(MonitorApi.health(goodKey).getString("status")).isEqualTo("UP"));
  }

  @Test
  void aRedeliveredHealthEventHasNoSecondEffect() {
    String key = newInstanceKey("redelivered");
    String up = health(newId(), key, HealthStatus.UP, HealthSource.MONITOR, "first");
    kafka.send("ays.health", key, up);
    kafka.send(
        "ays.health", key, health(newId(), key, HealthStatus.DOWN, HealthSource.CHECK, "down"));
    kafka.send("ays.health", key, up); // the same event again, as after a consumer crash
    kafka.send(
        "ays.health", key, health(newId(), key, HealthStatus.DOWN, HealthSource.CHECK, "last"));

    Eventually.holds(
        WAIT, () -> assertThat(MonitorApi.health(key).getString("lastMessage")).isEqualTo("last"));
    // Had the repeat been applied, the status would have gone UP and DOWN once more.
    assertThat(MonitorApi.historyKinds(key)).containsExactly("STATUS_CHANGED", "STATUS_CHANGED");
    assertThat(MonitorApi.health(key).getString("status")).isEqualTo("DOWN");
  }
}
