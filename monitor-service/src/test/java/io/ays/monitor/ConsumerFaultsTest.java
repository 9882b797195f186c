package io.ays.monitor;

import static io.ays.monitor.TestEvents.health;
import static io.ays.monitor.TestEvents.heartbeat;
import static io.ays.monitor.TestEvents.newId;
import static io.ays.monitor.TestEvents.newInstanceKey;
import static io.ays.monitor.TestEvents.stateOn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventType;
import io.ays.contracts.HealthSource;
import io.ays.contracts.HealthStatus;
import io.ays.contracts.InstanceState;
import io.ays.contracts.TemplateDefinition;
import io.ays.monitor.persistence.TemplatePolicyEntity;
import io.ays.testing.FaultInjectingGate;
import io.ays.testing.FaultInjectionProfile;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTemplates;
import io.ays.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No consumer of the monitor dies of an exception in its handler: for each of its channels, a
 * message whose handler throws is dead-lettered with the error, and the next message on that
 * channel is applied.
 */
@QuarkusTest
@TestProfile(FaultInjectionProfile.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ConsumerFaultsTest {

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

  @ParameterizedTest
  @ValueSource(strings = {"ays.health", "ays.service-events", "ays.nodes", "ays.templates"})
  void aHandlerThatThrowsCostsOneDeadLetterAndTheConsumerGoesOn(String topic) {
    Message poison = messageFor(topic);
    kafka.sendMarkedForFault(topic, poison.key(), poison.value());
    Message next = messageFor(topic);
    kafka.send(topic, next.key(), next.value());

    kafka.await(
        "ays.dead-letter",
        poison.key(),
        r ->
            r.value().contains("\"originalTopic\":\"" + topic + "\"")
                && r.value().contains(FaultInjectingGate.FAULT),
        WAIT);
    Eventually.holds(WAIT, () -> assertThat(applied(topic, next.key())).isTrue());
  }

  private record Message(String key, String value) {}

  /** A valid message of {@code topic}, about something new. */
  private static Message messageFor(String topic) {
    return switch (topic) {
      case "ays.health" -> {
        String key = newInstanceKey("faulty-health");
        yield new Message(key, health(newId(), key, HealthStatus.UP, HealthSource.MONITOR, "ok"));
      }
      case "ays.service-events" -> {
        String key = newInstanceKey("faulty-state");
        yield new Message(
            key, stateOn("node-x", key, InstanceState.STOPPING, InstanceState.STOPPED));
      }
      case "ays.nodes" -> {
        String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
        yield new Message(node, heartbeat(node, 60));
      }
      case "ays.templates" -> {
        String name = "faulty-" + UUID.randomUUID().toString().substring(0, 8);
        yield new Message("t/" + name, template(name));
      }
      default -> throw new IllegalArgumentException(topic);
    };
  }

  /** Whether the monitor shows the effect of the message with {@code key} on {@code topic}. */
  private static boolean applied(String topic, String key) {
    return switch (topic) {
      case "ays.health" -> "UP".equals(MonitorApi.health(key).getString("status"));
      case "ays.service-events" ->
          "STOPPED".equals(MonitorApi.health(key).getString("lifecycleState"));
      case "ays.nodes" -> {
        List<String> nodes = given().get("/nodes").then().statusCode(200).extract().path("nodeId");
        yield nodes.contains(key);
      }
      case "ays.templates" ->
          QuarkusTransaction.requiringNew()
                  .call(() -> TemplatePolicyEntity.<TemplatePolicyEntity>findById(key))
              != null;
      default -> throw new IllegalArgumentException(topic);
    };
  }

  private static String template(String name) {
    TemplateDefinition definition =
        TestTemplates.hashed(
            new TemplateDefinition(
                "t",
                name,
                TestTemplates.UNHASHED,
                "file:///test",
                null,
                Map.of(),
                "monitor.restart.max_restarts = 1\n",
                null,
                Instant.now()));
    String id = newId();
    return new EventCodec()
        .encode(
            new CloudEvent<>(
                id,
                "/ays/template-registry",
                EventType.TEMPLATE_DEFINITION,
                Instant.now(),
                id,
                null,
                definition));
  }
}
