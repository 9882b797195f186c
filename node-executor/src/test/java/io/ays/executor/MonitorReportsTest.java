package io.ays.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.HealthReport;
import io.ays.contracts.HealthSource;
import io.ays.contracts.HealthStatus;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.contracts.PhaseResult;
import io.ays.contracts.TemplateDefinition;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.TestTemplates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The periodic monitor over a real broker: every instance the node runs is checked and reported on
 * ays.health (UP, source MONITOR); the reports of a round are stored together.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class MonitorReportsTest {

  KafkaBroker broker;
  private LocalNodeBus bus;

  @org.junit.jupiter.api.BeforeEach
  void connect() {
    bus = new LocalNodeBus(broker.bootstrapServers());
  }

  private final EventCodec codec = new EventCodec();
  private final EventFactory events = EventFactory.forService("executor-test");

  @Test
  void everyRunningInstanceIsReportedUpEachRound() throws Exception {
    String name = "watched" + UUID.randomUUID().toString().substring(0, 8);
    TemplateDefinition definition =
        TestTemplates.hashed(
            new TemplateDefinition(
                "demo",
                name,
                TestTemplates.UNHASHED,
                "file:///test",
                null,
                Map.of(),
                "description = 'no processes: up from start to stop'\n",
                null,
                Instant.now()));
    String hash = definition.contentHash();
    send(
        "ays.templates",
        "demo/" + name,
        codec.encode(events.create(EventType.TEMPLATE_DEFINITION, definition)));
    List<InstanceKey> keys =
        List.of(
            new InstanceKey("demo", name, "a"),
            new InstanceKey("demo", name, "b"),
            new InstanceKey("demo", name, "c"));
    Instant before = Instant.now();
    Map<String, PhaseCommand> starts = new HashMap<>();
    for (InstanceKey key : keys) {
      PhaseCommand start = LocalNodeBus.command(key, hash, Phase.START, Map.of());
      starts.put(start.commandId(), start);
      bus.send(List.of(start));
    }

    Map<InstanceKey, HealthReport> reported = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = bus.consumer()) {
      consumer.subscribe(List.of("ays.results", "ays.health"));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (reported.size() < keys.size() && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (record.topic().equals("ays.results")) {
            PhaseResult result = codec.decode(record.value()).as(PhaseResult.class).data();
            if (starts.containsKey(result.commandId())) {
              assertThat(result.outcome()).isEqualTo(PhaseOutcome.SUCCEEDED);
            }
            continue;
          }
          HealthReport report = codec.decode(record.value()).as(HealthReport.class).data();
          if (keys.contains(report.instanceKey())
              && report.source() == HealthSource.MONITOR
              && report.observedAt().isAfter(before)) {
            reported.put(report.instanceKey(), report);
          }
        }
      }
    } finally {
      for (InstanceKey key : keys) {
        bus.send(List.of(LocalNodeBus.command(key, hash, Phase.STOP, Map.of())));
      }
    }
    assertThat(reported.keySet()).containsExactlyInAnyOrderElementsOf(Set.copyOf(keys));
    assertThat(reported.values())
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(HealthStatus.UP);
              assertThat(r.message()).isEqualTo("started (no processes)");
            });
  }

  private void send(String topic, String key, String value) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }
}
