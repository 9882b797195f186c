package io.ays.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.contracts.PhaseResult;
import io.ays.contracts.TemplateDefinition;
import io.ays.testing.EventLog;
import io.ays.testing.FaultInjectingGate;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.TestSigningKeys;
import io.ays.testing.TestTemplates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No consumer of the executor dies of an exception in its handler: for each of its channels, a
 * message whose handling throws is dead-lettered with the error, and the next template and command
 * are taken and carried out.
 */
@QuarkusTest
@TestProfile(FaultInjectingCommandExecution.Profile.class)
@QuarkusTestResource(KafkaTestResource.class)
class ConsumerFaultsTest {

  private static final String SERVICE_HRD = "description = 'fault test'\n";

  KafkaBroker broker;

  private final EventCodec codec = new EventCodec();
  private final EventFactory events = EventFactory.forService("consumer-faults-test");

  @ParameterizedTest
  @ValueSource(strings = {"ays.commands.local", "ays.templates"})
  void aHandlerThatThrowsCostsOneDeadLetterAndTheConsumerGoesOn(String topic) throws Exception {
    LocalNodeBus bus = new LocalNodeBus(broker.bootstrapServers());
    String id = UUID.randomUUID().toString().substring(0, 8);
    String poisonKey;
    if (topic.equals("ays.templates")) {
      TemplateDefinition poison = TestTemplates.hashed(template("poison-" + id));
      poisonKey = "faults/poison-" + id;
      sendMarked(
          topic, poisonKey, codec.encode(events.create(EventType.TEMPLATE_DEFINITION, poison)));
    } else {
      String hash = bus.publishTemplate(template("target-" + id));
      PhaseCommand poison =
          LocalNodeBus.command(
              new InstanceKey("faults", "target-" + id, "poison"),
              hash,
              Phase.CHECK_DOWN,
              Map.of());
      poisonKey = poison.instanceKey().toString();
      CloudEvent<PhaseCommand> event = events.create(EventType.COMMAND_PHASE, poison);
      sendMarked(topic, poisonKey, TestSigningKeys.sign(codec.encode(event)));
    }
    try (EventLog deadLetters =
        new EventLog(broker.bootstrapServers(), List.of("ays.dead-letter"))) {
      deadLetters.await(
          "a dead letter for the message whose handling threw on " + topic,
          r ->
              poisonKey.equals(r.key())
                  && r.value().contains("\"originalTopic\":\"" + topic + "\"")
                  && r.value().contains(FaultInjectingGate.FAULT),
          Duration.ofSeconds(30));
    }

    String hash = bus.publishTemplate(template("next-" + id));
    PhaseCommand next =
        LocalNodeBus.command(
            new InstanceKey("faults", "next-" + id, "main"), hash, Phase.CHECK_DOWN, Map.of());
    bus.send(List.of(next));
    PhaseResult result = bus.results(List.of(next)).get(next.commandId());
    assertThat(result.outcome()).as(result.message()).isEqualTo(PhaseOutcome.SUCCEEDED);
  }

  private static TemplateDefinition template(String name) {
    return new TemplateDefinition(
        "faults",
        name,
        TestTemplates.UNHASHED,
        "file:///test",
        null,
        Map.of(),
        SERVICE_HRD,
        null,
        Instant.now());
  }

  private void sendMarked(String topic, String key, String value) throws Exception {
    try (KafkaProducer<String, String> producer =
        new LocalNodeBus(broker.bootstrapServers()).producer()) {
      ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
      record.headers().add(FaultInjectingGate.HEADER, "throw".getBytes(StandardCharsets.UTF_8));
      producer.send(record).get();
    }
  }
}
