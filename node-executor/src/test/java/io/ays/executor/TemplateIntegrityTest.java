package io.ays.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.DeadLetter;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.contracts.TemplateDefinition;
import io.ays.contracts.TemplateFile;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.TestTemplates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A template version whose files are not the content its hash names (changed on the way, or made
 * up) is dead-lettered by the executor and never stored, so no command can run its files.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class TemplateIntegrityTest {

  KafkaBroker broker;
  private final EventCodec codec = new EventCodec();
  private final EventFactory events = EventFactory.forService("registry-test");

  @Test
  void aVersionWhoseFilesDoNotHaveItsHashIsDeadLetteredAndNotStored() throws Exception {
    String name = "altered" + UUID.randomUUID().toString().substring(0, 8);
    Path marker = Files.createTempFile(Path.of("target"), "altered-runs-", ".txt").toAbsolutePath();
    TemplateDefinition genuine =
        TestTemplates.hashed(
            new TemplateDefinition(
                "demo",
                name,
                TestTemplates.UNHASHED,
                "file:///test",
                null,
                Map.of(
                    "hooks/configure",
                    TemplateFile.text("#!/bin/sh\necho genuine >> " + marker + "\n", true)),
                "description = 'altered on the way'\n",
                null,
                Instant.now()));
    // Same version (hash), other hook: what a writer to ays.templates could try.
    TemplateDefinition altered =
        new TemplateDefinition(
            "demo",
            name,
            genuine.contentHash(),
            "file:///test",
            null,
            Map.of(
                "hooks/configure",
                TemplateFile.text("#!/bin/sh\necho altered >> " + marker + "\n", true)),
            genuine.serviceHrd(),
            null,
            Instant.now());
    LocalNodeBus bus = new LocalNodeBus(broker.bootstrapServers());
    String reason;
    try (KafkaConsumer<String, String> deadLetters = bus.consumer();
        KafkaProducer<String, String> producer = bus.producer()) {
      deadLetters.subscribe(List.of("ays.dead-letter"));
      producer
          .send(
              new ProducerRecord<>(
                  "ays.templates",
                  "demo/" + name,
                  codec.encode(events.create(EventType.TEMPLATE_DEFINITION, altered))))
          .get();
      reason = deadLetterReason(deadLetters, "demo/" + name);
    }
    // Then the genuine version, and a command for it: the hook that runs is the genuine one.
    bus.publishTemplate(genuine);
    InstanceKey key = new InstanceKey("demo", name, "main");
    PhaseCommand configure =
        LocalNodeBus.command(key, genuine.contentHash(), Phase.CONFIGURE, Map.of());
    bus.send(List.of(configure));

    assertThat(reason)
        .startsWith("template demo/" + name + ": contentHash " + genuine.contentHash())
        .contains("does not match the content, whose hash is ");
    assertThat(bus.results(List.of(configure)).get(configure.commandId()).outcome())
        .isEqualTo(PhaseOutcome.SUCCEEDED);
    assertThat(Files.readAllLines(marker)).containsExactly("genuine");
  }

  private String deadLetterReason(KafkaConsumer<String, String> consumer, String key) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (var record : consumer.poll(Duration.ofMillis(200))) {
        DeadLetter letter = codec.decode(record.value()).as(DeadLetter.class).data();
        if (key.equals(letter.originalKey())) {
          return letter.reason();
        }
      }
    }
    throw new AssertionError("no dead letter for " + key);
  }
}
