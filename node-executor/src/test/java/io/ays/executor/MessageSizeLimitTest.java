package io.ays.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.InstanceKey;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.contracts.PhaseResult;
import io.ays.contracts.TemplateDefinition;
import io.ays.testing.EventLog;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.TestTemplates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Every inbound message is bounded: one over {@code ays.messages.max-bytes} (20,000 bytes here) is
 * dead-lettered unread by the shared gate, naming its size and the limit, and the consumer goes on
 * with the next command. The Kafka clients get their size settings from the shared defaults.
 */
@QuarkusTest
@TestProfile(MessageSizeLimitTest.SmallMessages.class)
@QuarkusTestResource(KafkaTestResource.class)
class MessageSizeLimitTest {

  /** A message limit small enough to pass with an ordinary producer. */
  public static class SmallMessages implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("ays.messages.max-bytes", "20000");
    }
  }

  KafkaBroker broker;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafkaClients;

  @Test
  void theKafkaClientsOfTheServiceHaveDeliberateSizeLimits() {
    assertThat(kafkaClients)
        .containsEntry("max.request.size", "1114112")
        .containsEntry("max.partition.fetch.bytes", "1114112")
        .containsEntry("fetch.max.bytes", "16777216");
  }

  @Test
  void aCommandOverTheLimitIsDeadLetteredUnreadNamingItsSizeAndTheConsumerGoesOn()
      throws Exception {
    LocalNodeBus bus = new LocalNodeBus(broker.bootstrapServers());
    String id = UUID.randomUUID().toString().substring(0, 8);
    String key = "limits/huge-" + id + "/main";
    String huge = "{\"padding\":\"" + "x".repeat(30_000) + "\"}";
    try (EventLog deadLetters =
        new EventLog(broker.bootstrapServers(), List.of("ays.dead-letter"))) {
      try (KafkaProducer<String, String> producer = bus.producer()) {
        producer.send(new ProducerRecord<>("ays.commands.local", key, huge)).get();
      }
      var letter =
          deadLetters.await(
              "a dead letter for the oversized command",
              r ->
                  key.equals(r.key())
                      && r.value()
                          .contains(
                              "the message is "
                                  + huge.length()
                                  + " bytes, over the limit of 20000 bytes"
                                  + " (ays.messages.max-bytes)"),
              Duration.ofSeconds(30));
      assertThat(letter.value()).doesNotContain("xxxxxxxxxx");
    }

    String hash = bus.publishTemplate(template("next-" + id));
    PhaseCommand next =
        LocalNodeBus.command(
            new InstanceKey("limits", "next-" + id, "main"), hash, Phase.CHECK_DOWN, Map.of());
    bus.send(List.of(next));
    PhaseResult result = bus.results(List.of(next)).get(next.commandId());
    assertThat(result.outcome()).as(result.message()).isEqualTo(PhaseOutcome.SUCCEEDED);
  }

  private static TemplateDefinition template(String name) {
    return new TemplateDefinition(
        "limits",
        name,
        TestTemplates.UNHASHED,
        "file:///test",
        null,
        Map.of(),
        "description = 'size limit test'\n",
        null,
        Instant.now());
  }
}
