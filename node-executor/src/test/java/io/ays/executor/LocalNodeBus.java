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
import io.ays.contracts.PhaseResult;
import io.ays.contracts.TemplateDefinition;
import io.ays.contracts.TemplateRef;
import io.ays.testing.TestSigningKeys;
import io.ays.testing.TestTemplates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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

/**
 * Drives the executor of node {@code local} over the real broker as the coordinator and the
 * registry would: template versions on {@code ays.templates}, phase commands on {@code
 * ays.commands.local}, results read back from {@code ays.results}.
 */
final class LocalNodeBus {

  private final String bootstrap;
  private final EventCodec codec = new EventCodec();
  private final EventFactory events = EventFactory.forService("executor-test");

  LocalNodeBus(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** A command for {@code phase} of {@code key} on the local node, first attempt. */
  static PhaseCommand command(
      InstanceKey key, String hash, Phase phase, Map<String, Object> config) {
    return new PhaseCommand(
        UUID.randomUUID() + "/1/1",
        UUID.randomUUID(),
        1,
        1,
        key,
        NodeId.of("local"),
        ExecutionRole.NODE,
        phase,
        new TemplateRef(key.domain(), key.name(), hash),
        config,
        60,
        Instant.now().plusSeconds(120));
  }

  /**
   * Publishes {@code definition} with the content hash of its files (as the registry would);
   * returns that hash, the version commands must name.
   */
  String publishTemplate(TemplateDefinition unhashed) throws Exception {
    TemplateDefinition definition = TestTemplates.hashed(unhashed);
    try (KafkaProducer<String, String> producer = producer()) {
      producer
          .send(
              new ProducerRecord<>(
                  "ays.templates",
                  definition.domain() + "/" + definition.name(),
                  codec.encode(events.create(EventType.TEMPLATE_DEFINITION, definition))))
          .get();
    }
    return definition.contentHash();
  }

  void send(List<PhaseCommand> commands) throws Exception {
    try (KafkaProducer<String, String> producer = producer()) {
      for (PhaseCommand command : commands) {
        CloudEvent<PhaseCommand> event = events.create(EventType.COMMAND_PHASE, command);
        producer
            .send(
                new ProducerRecord<>(
                    "ays.commands.local",
                    command.instanceKey().toString(),
                    TestSigningKeys.sign(codec.encode(event))))
            .get();
      }
    }
  }

  /** The results of {@code commands} by command id; fails unless all came within 60 s. */
  Map<String, PhaseResult> results(List<PhaseCommand> commands) {
    Map<String, PhaseResult> results = new HashMap<>();
    List<String> wanted = new ArrayList<>();
    commands.forEach(c -> wanted.add(c.commandId()));
    try (KafkaConsumer<String, String> consumer = consumer()) {
      consumer.subscribe(List.of("ays.results"));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!results.keySet().containsAll(wanted) && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          PhaseResult result = codec.decode(record.value()).as(PhaseResult.class).data();
          if (wanted.contains(result.commandId())) {
            results.put(result.commandId(), result);
          }
        }
      }
    }
    assertThat(results.keySet()).containsExactlyInAnyOrderElementsOf(wanted);
    return results;
  }

  KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
        new StringSerializer(),
        new StringSerializer());
  }

  /** A consumer of its own group, from the beginning of each topic. */
  KafkaConsumer<String, String> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"),
        new StringDeserializer(),
        new StringDeserializer());
  }
}
