package io.ays.coordinator;

import static io.ays.coordinator.FlowHelpers.await;
import static io.ays.coordinator.FlowHelpers.shortId;
import static io.restassured.RestAssured.given;

import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.ExecutionRole;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeId;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.contracts.PhaseResult;
import io.ays.contracts.ServiceRequest;
import io.ays.contracts.TemplateDefinition;
import io.ays.contracts.TemplateRef;
import io.ays.testing.EventLog;
import io.ays.testing.FaultInjectingGate;
import io.ays.testing.FaultInjectionProfile;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTemplates;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No consumer of the coordinator dies of an exception in its handler: for each of its channels, a
 * message whose handler throws is dead-lettered with the error, and then a whole install (which
 * needs every channel: the template, the request, the node's heartbeats, the results) completes.
 */
@QuarkusTest
@TestProfile(FaultInjectionProfile.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ConsumerFaultsTest {

  private static final String PROCESS = "process.1 =\n    cmd:'true',\n";

  KafkaBroker broker;

  private final EventCodec codec = new EventCodec();
  private final EventFactory events = EventFactory.forService("consumer-faults-test");
  private EventLog deadLetters;

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  @BeforeEach
  void watchDeadLetters() {
    deadLetters = new EventLog(broker.bootstrapServers(), List.of("ays.dead-letter"));
  }

  @AfterEach
  void stopWatching() throws Exception {
    deadLetters.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ays.requests", "ays.results", "ays.nodes", "ays.templates"})
  void aHandlerThatThrowsCostsOneDeadLetterAndTheConsumerGoesOn(String topic) throws Exception {
    String poisonKey = poisonFor(topic);
    deadLetters.await(
        "a dead letter for the message whose handler threw on " + topic,
        r ->
            poisonKey.equals(r.key())
                && r.value().contains("\"originalTopic\":\"" + topic + "\"")
                && r.value().contains(FaultInjectingGate.FAULT),
        Duration.ofSeconds(30));

    String name = "after-" + shortId();
    String node = "node-" + shortId();
    FlowHelpers.publishTemplate(broker.bootstrapServers(), "faults", name, PROCESS, null);
    await(() -> dryRun("faults", name).statusCode() == 200, "the next template was not stored");
    String key = "faults/" + name + "/main";
    try (ScriptedNode executor =
        new ScriptedNode(broker.bootstrapServers(), node, (k, p) -> false)) {
      send(
          "ays.requests",
          key,
          codec.encode(events.create(EventType.REQUEST_INSTALL, install(key, node))),
          false);
      await(
          () -> {
            Response runs = given().get("/instances/" + key + "/runs");
            return runs.statusCode() == 200
                && "SUCCEEDED".equals(runs.jsonPath().get("[0].status"));
          },
          "the install after the fault did not succeed: "
              + given().get("/instances/" + key + "/runs").asString());
    }
  }

  /** Sends, on {@code topic}, a valid message marked for its handler to throw; returns its key. */
  private String poisonFor(String topic) {
    String id = shortId();
    return switch (topic) {
      case "ays.requests" -> {
        String key = "faults/poison/" + id;
        send(
            topic,
            key,
            codec.encode(events.create(EventType.REQUEST_INSTALL, install(key, "n"))),
            true);
        yield key;
      }
      case "ays.results" -> {
        String key = "faults/poison/" + id;
        send(topic, key, codec.encode(events.create(EventType.RESULT_PHASE, result(key))), true);
        yield key;
      }
      case "ays.nodes" -> {
        String node = "poison-" + id;
        send(topic, node, Heartbeats.of(node, 1).value(), true);
        yield node;
      }
      case "ays.templates" -> {
        String key = "faults/poison-" + id;
        TemplateDefinition definition =
            TestTemplates.fresh(
                new TemplateDefinition(
                    "faults",
                    "poison-" + id,
                    TestTemplates.UNHASHED,
                    "file:///test",
                    null,
                    Map.of(),
                    PROCESS,
                    null,
                    Instant.now()));
        send(
            topic,
            key,
            codec.encode(events.create(EventType.TEMPLATE_DEFINITION, definition)),
            true);
        yield key;
      }
      default -> throw new IllegalArgumentException(topic);
    };
  }

  private static ServiceRequest install(String key, String node) {
    InstanceKey instance = InstanceKey.parse(key);
    return new ServiceRequest(
        instance.domain(),
        instance.name(),
        instance.instance(),
        NodeId.of(node),
        Map.of(),
        false,
        false,
        false,
        null,
        "consumer faults test");
  }

  private static PhaseResult result(String key) {
    InstanceKey instance = InstanceKey.parse(key);
    PhaseCommand command =
        new PhaseCommand(
            UUID.randomUUID() + "/1/1",
            UUID.randomUUID(),
            1,
            1,
            instance,
            NodeId.of("n"),
            ExecutionRole.NODE,
            Phase.INIT,
            new TemplateRef(instance.domain(), instance.name(), "0".repeat(64)),
            Map.of(),
            60,
            Instant.now().plusSeconds(60));
    return PhaseResult.of(command, PhaseOutcome.SUCCEEDED, 0, null, "ok", "", Instant.now(), 1);
  }

  private void send(String topic, String key, String value, boolean poison) {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
      if (poison) {
        record.headers().add(FaultInjectingGate.HEADER, "throw".getBytes(StandardCharsets.UTF_8));
      }
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Response dryRun(String domain, String name) {
    return given()
        .contentType("application/json")
        .body("{\"domain\":\"" + domain + "\",\"name\":\"" + name + "\",\"node\":\"x\"}")
        .post("/requests/install?dryRun=true");
  }
}
