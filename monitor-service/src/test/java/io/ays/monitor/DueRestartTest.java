package io.ays.monitor;

import static io.ays.monitor.TestEvents.newId;
import static io.ays.monitor.TestEvents.newInstanceKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.ays.monitor.persistence.InstanceHealthEntity;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pending restarts live in the database: one scheduled before the monitor stopped (here: written
 * straight into the table) is sent when due, unless the instance was stopped meanwhile.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class DueRestartTest {

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
  void aRestartDueInTheDatabaseIsSent() {
    String key = newInstanceKey("persisted");
    String causeId = newId();
    pendingRestart(key, "RUNNING", causeId);

    String request = kafka.await("ays.requests", key, r -> true, WAIT).get(0).value();
    assertThat(request).contains("\"causationid\":\"" + causeId + "\"");
    Eventually.holds(
        WAIT, () -> assertThat(MonitorApi.historyKinds(key)).containsExactly("RESTART_REQUESTED"));
  }

  @Test
  void aRestartDueForAnInstanceStoppedMeanwhileIsCancelled() throws Exception {
    String key = newInstanceKey("stopped-meanwhile");
    pendingRestart(key, "STOPPED", newId());

    Eventually.holds(
        WAIT, () -> assertThat(MonitorApi.historyKinds(key)).containsExactly("RESTART_CANCELLED"));
    assertThat(MonitorApi.health(key).getString("restartDueAt")).isNull();
    assertThat(kafka.all("ays.requests", key)).isEmpty();
  }

  private static void pendingRestart(String key, String lifecycle, String causeId) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              InstanceHealthEntity health = InstanceHealthEntity.lockOrCreate(key, Instant.now());
              health.node = TestEvents.NODE;
              health.status = "DOWN";
              health.lifecycleState = lifecycle;
              health.consecutiveRestarts = 1;
              health.restartAttempt = 1;
              health.restartDueAt = Instant.now().minusSeconds(5);
              health.restartReason = "restart #1 after crash: exit 137 (process.1)";
              health.restartCauseId = causeId;
              health.restartCorrelationId = causeId;
            });
  }
}
