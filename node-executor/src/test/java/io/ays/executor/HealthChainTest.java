package io.ays.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.CloudEvent;
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
import io.ays.model.template.Template;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.TestSigningKeys;
import io.ays.testing.TestTemplates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Health reports stay in the chain of the request that started the service: a real process started
 * by a command of some correlation crashes, and its DOWN report carries that correlation, caused by
 * the command that found the instance up; so the monitor's restart, caused by the report, is traced
 * back to the install.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class HealthChainTest {

  private static final String RECIPE =
      """
      process.1 =
          cmd:'sleep',
          args:'613',
      """;

  KafkaBroker broker;
  private LocalNodeBus bus;
  private final EventCodec codec = new EventCodec();
  private final EventFactory events = EventFactory.forService("chain-test");

  @BeforeEach
  void connect() {
    bus = new LocalNodeBus(broker.bootstrapServers());
  }

  @Test
  void aCrashReportContinuesTheChainOfTheCommandThatStartedTheService() throws Exception {
    String name = "chained" + UUID.randomUUID().toString().substring(0, 8);
    String hash =
        bus.publishTemplate(
            new TemplateDefinition(
                "demo",
                name,
                TestTemplates.UNHASHED,
                "file:///test",
                null,
                Map.of(),
                RECIPE,
                null,
                Instant.now()));
    InstanceKey key = new InstanceKey("demo", name, "main");
    Map<String, Object> config =
        Template.fromHrd("demo", name, RECIPE, null).resolve("main", Map.of()).config();
    PhaseCommand start = LocalNodeBus.command(key, hash, Phase.START, config);
    String requestId = UUID.randomUUID().toString();
    String correlation = UUID.randomUUID().toString();
    CloudEvent<PhaseCommand> command =
        events.causedBy(requestId, correlation, EventType.COMMAND_PHASE, start);
    try (KafkaProducer<String, String> producer = bus.producer()) {
      producer
          .send(
              new ProducerRecord<>(
                  "ays.commands.local",
                  key.toString(),
                  TestSigningKeys.sign(codec.encode(command))))
          .get();
    }
    PhaseResult started = bus.results(List.of(start)).get(start.commandId());
    assertThat(started.outcome()).as(started.message()).isEqualTo(PhaseOutcome.SUCCEEDED);

    ProcessHandle sleeper =
        ProcessHandle.allProcesses()
            .filter(p -> p.info().commandLine().map(c -> c.endsWith("sleep 613")).orElse(false))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the started process is not running"));
    sleeper.destroyForcibly();

    CloudEvent<HealthReport> crash = null;
    try (KafkaConsumer<String, String> consumer = bus.consumer()) {
      consumer.subscribe(List.of("ays.health"));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (crash == null && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          CloudEvent<HealthReport> report = codec.decode(record.value()).as(HealthReport.class);
          if (report.data().instanceKey().equals(key)
              && report.data().source() == HealthSource.PROCESS_EXIT) {
            crash = report;
          }
        }
      }
    }
    assertThat(crash).as("a crash report of " + key).isNotNull();
    assertThat(crash.data().status()).isEqualTo(HealthStatus.DOWN);
    assertThat(crash.correlationId())
        .as("the crash is in the chain of the request that started the service")
        .isEqualTo(correlation);
    assertThat(crash.causationId()).as("caused by the command").isEqualTo(command.id());
  }
}
