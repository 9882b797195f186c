package io.ays.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.CloudEvent;
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
import io.ays.contracts.TemplateDefinition;
import io.ays.contracts.TemplateFile;
import io.ays.contracts.TemplateRef;
import io.ays.executor.persistence.CommandJournal;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.TestSigningKeys;
import io.ays.testing.TestTemplates;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The executor against a real broker, running a real hook: a command on its node's topic runs the
 * template's {@code hooks/configure} with the configuration on stdin, the result comes back on
 * ays.results, and a redelivered command is answered again without running the hook twice.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class CommandExecutionTest {

  KafkaBroker broker;
  @Inject CommandJournal journal;
  private final EventCodec codec = new EventCodec();
  private final EventFactory events = EventFactory.forService("executor-test");

  @Test
  void aCommandRunsTheTemplatesHookOnceEvenWhenDeliveredTwice() throws Exception {
    Path marker = Files.createTempFile(Path.of("target"), "hook-runs-", ".txt").toAbsolutePath();
    String hook =
        "#!/bin/sh\ncat > /dev/null\necho \"configured $AYS_CFG_INSTANCE_PARAM_PORT\" >> "
            + marker
            + "\n";
    TemplateDefinition definition = hookedTemplate("hooked", hook);
    InstanceKey key = new InstanceKey("demo", "hooked", "main");
    PhaseCommand command =
        configure(key, Map.of("instance.param.port", 7000), definition.contentHash());
    CloudEvent<PhaseCommand> event = events.create(EventType.COMMAND_PHASE, command);

    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  "ays.templates",
                  "demo/hooked",
                  codec.encode(events.create(EventType.TEMPLATE_DEFINITION, definition))))
          .get();
      producer
          .send(
              new ProducerRecord<>(
                  "ays.commands.local", key.toString(), TestSigningKeys.sign(codec.encode(event))))
          .get();
      producer
          .send(
              new ProducerRecord<>(
                  "ays.commands.local", key.toString(), TestSigningKeys.sign(codec.encode(event))))
          .get();
    }

    List<PhaseResult> results = results(command.commandId(), 2);
    assertThat(results).hasSize(2);
    assertThat(results)
        .allSatisfy(
            r -> {
              assertThat(r.commandId()).isEqualTo(command.commandId());
              assertThat(r.outcome()).isEqualTo(PhaseOutcome.SUCCEEDED);
              assertThat(r.message()).isEqualTo("hook configure succeeded");
            });
    assertThat(Files.readAllLines(marker)).containsExactly("configured 7000");
  }

  @Test
  void aCommandTheExecutorDiedWhileRunningIsReportedFailedAndNotRunAgain() throws Exception {
    Path marker = Files.createTempFile(Path.of("target"), "hook-runs-", ".txt").toAbsolutePath();
    InstanceKey key = new InstanceKey("demo", "interrupted", "main");
    // The template is there: were the command run, its hook would write to the marker.
    TemplateDefinition definition =
        hookedTemplate("interrupted", "#!/bin/sh\necho ran >> " + marker + "\n");
    PhaseCommand command = configure(key, Map.of(), definition.contentHash());
    // What an executor killed in the middle of this command left behind: the journal entry,
    // no result.
    Instant startedAt = Instant.now().minusSeconds(5);
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                journal.begin(
                    command.commandId(), key.toString(), command.phase().name(), startedAt));

    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  "ays.templates",
                  "demo/interrupted",
                  codec.encode(events.create(EventType.TEMPLATE_DEFINITION, definition))))
          .get();
      producer
          .send(
              new ProducerRecord<>(
                  "ays.commands.local",
                  key.toString(),
                  TestSigningKeys.sign(
                      codec.encode(events.create(EventType.COMMAND_PHASE, command)))))
          .get();
    }

    List<PhaseResult> results = results(command.commandId(), 1);
    assertThat(results).hasSize(1);
    assertThat(results.get(0).outcome()).isEqualTo(PhaseOutcome.FAILED);
    assertThat(results.get(0).message())
        .isEqualTo("the executor restarted while running configure; it is not run a second time");
    assertThat(Files.readAllLines(marker)).as("nothing ran").isEmpty();
    String stored =
        QuarkusTransaction.requiringNew()
            .call(() -> journal.find(command.commandId()).orElseThrow().result());
    assertThat(stored).as("the result is journaled, for a further redelivery").contains("FAILED");
  }

  /** Template demo/{@code name} whose {@code hooks/configure} is {@code hook}. */
  private static TemplateDefinition hookedTemplate(String name, String hook) {
    return TestTemplates.hashed(
        new TemplateDefinition(
            "demo",
            name,
            TestTemplates.UNHASHED,
            "file:///test",
            null,
            Map.of("hooks/configure", TemplateFile.text(hook, true)),
            "description = 'runs a hook'\n",
            null,
            Instant.now()));
  }

  /** A configure command for {@code key} on node local, a fresh command id. */
  private static PhaseCommand configure(InstanceKey key, Map<String, Object> config, String hash) {
    return new PhaseCommand(
        UUID.randomUUID() + "/3/1",
        UUID.randomUUID(),
        3,
        1,
        key,
        NodeId.of("local"),
        ExecutionRole.NODE,
        Phase.CONFIGURE,
        new TemplateRef(key.domain(), key.name(), hash),
        config,
        30,
        Instant.now().plusSeconds(60));
  }

  private List<PhaseResult> results(String commandId, int expected) {
    List<PhaseResult> results = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of("ays.results"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (results.size() < expected && System.nanoTime() < deadline) {
        consumer
            .poll(Duration.ofMillis(200))
            .forEach(
                r -> {
                  PhaseResult result = codec.decode(r.value()).as(PhaseResult.class).data();
                  if (result.commandId().equals(commandId)) {
                    results.add(result);
                  }
                });
      }
    }
    return results;
  }
}
