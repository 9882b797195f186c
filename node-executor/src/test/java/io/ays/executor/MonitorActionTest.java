package io.ays.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.EventCodec;
import io.ays.contracts.HealthReport;
import io.ays.contracts.HealthSource;
import io.ays.contracts.HealthStatus;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.contracts.PhaseResult;
import io.ays.contracts.TemplateDefinition;
import io.ays.contracts.TemplateFile;
import io.ays.model.template.Template;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The template's own {@code monitor} action drives the periodic health check of a running instance
 * (a real process, a real hook): UP, then DEGRADED with the hook's reason, then DOWN.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class MonitorActionTest {

  private static final String MONITOR_HOOK =
      """
      #!/bin/sh
      case "$(cat "$AYS_CFG_SERVICE_HEALTH_FILE" 2>/dev/null)" in
        degraded) echo "replica lag 42 s"; exit 2 ;;
        down) echo "no answer on /status"; exit 1 ;;
        *) exit 0 ;;
      esac
      """;

  KafkaBroker broker;
  private LocalNodeBus bus;
  private final EventCodec codec = new EventCodec();

  @BeforeEach
  void connect() {
    bus = new LocalNodeBus(broker.bootstrapServers());
  }

  @Test
  void theTemplatesMonitorHookReportsUpDegradedWithItsReasonAndDown() throws Exception {
    String name = "monitored" + UUID.randomUUID().toString().substring(0, 8);
    Path health = Files.createTempFile("ays-health-", ".txt");
    String recipe =
        "process.1 =\n    cmd:'sleep',\n    args:'615',\n\nhealth.file = '" + health + "'\n";
    String hash =
        bus.publishTemplate(
            new TemplateDefinition(
                "demo",
                name,
                TestTemplates.UNHASHED,
                "file:///test",
                null,
                Map.of("hooks/monitor", TemplateFile.text(MONITOR_HOOK.stripIndent(), true)),
                recipe,
                null,
                Instant.now()));
    InstanceKey key = new InstanceKey("demo", name, "main");
    Map<String, Object> config =
        Template.fromHrd("demo", name, recipe, null).resolve("main", Map.of()).config();
    PhaseCommand start = LocalNodeBus.command(key, hash, Phase.START, config);
    PhaseCommand halt = LocalNodeBus.command(key, hash, Phase.HALT, config);
    try (KafkaConsumer<String, String> consumer = bus.consumer()) {
      consumer.subscribe(List.of("ays.health"));
      bus.send(List.of(start));
      PhaseResult started = bus.results(List.of(start)).get(start.commandId());
      assertThat(started.outcome()).as(started.message()).isEqualTo(PhaseOutcome.SUCCEEDED);

      assertThat(next(consumer, key, HealthStatus.UP).message()).isEqualTo("hook monitor says up");
      Files.writeString(health, "degraded");
      assertThat(next(consumer, key, HealthStatus.DEGRADED).message())
          .isEqualTo("replica lag 42 s");
      Files.writeString(health, "down");
      HealthReport down = next(consumer, key, HealthStatus.DOWN);
      assertThat(down.message()).isEqualTo("hook monitor says down");
      assertThat(down.outputTail()).contains("no answer on /status");
    } finally {
      bus.send(List.of(halt));
      bus.results(List.of(halt));
      Files.deleteIfExists(health);
    }
  }

  @Test
  void anActionsNodePyMonitorReturningAReasonReportsDegraded() throws Exception {
    String name = "pymonitored" + UUID.randomUUID().toString().substring(0, 8);
    String recipe = "process.1 =\n    cmd:'sleep',\n    args:'616',\n";
    String actions =
        "from ays import ActionsBase\n\n"
            + "class ActionsNode(ActionsBase):\n"
            + "    def monitor(self, serviceObj):\n"
            + "        return 'disk 91 % full'\n";
    String hash =
        bus.publishTemplate(
            new TemplateDefinition(
                "demo",
                name,
                TestTemplates.UNHASHED,
                "file:///test",
                null,
                Map.of("actions_node.py", TemplateFile.text(actions, false)),
                recipe,
                null,
                Instant.now()));
    InstanceKey key = new InstanceKey("demo", name, "main");
    Map<String, Object> config =
        Template.fromHrd("demo", name, recipe, null).resolve("main", Map.of()).config();
    PhaseCommand start = LocalNodeBus.command(key, hash, Phase.START, config);
    PhaseCommand halt = LocalNodeBus.command(key, hash, Phase.HALT, config);
    try (KafkaConsumer<String, String> consumer = bus.consumer()) {
      consumer.subscribe(List.of("ays.health"));
      bus.send(List.of(start));
      PhaseResult started = bus.results(List.of(start)).get(start.commandId());
      assertThat(started.outcome()).as(started.message()).isEqualTo(PhaseOutcome.SUCCEEDED);
      assertThat(next(consumer, key, HealthStatus.DEGRADED).message()).isEqualTo("disk 91 % full");
    } finally {
      bus.send(List.of(halt));
      bus.results(List.of(halt));
    }
  }

  /**
   * The template's {@code lifecycle.monitor.timeout} bounds its own monitor: a hook that hangs is
   * cut after 1 s and the instance reported DOWN, saying so, long before the executor's 30 s.
   */
  @Test
  void theTemplatesMonitorTimeoutCutsAHangingMonitor() throws Exception {
    String name = "slowmonitor" + UUID.randomUUID().toString().substring(0, 8);
    String recipe =
        "process.1 =\n    cmd:'sleep',\n    args:'617',\n\nlifecycle.monitor.timeout = 1\n";
    String hash =
        bus.publishTemplate(
            new TemplateDefinition(
                "demo",
                name,
                TestTemplates.UNHASHED,
                "file:///test",
                null,
                Map.of("hooks/monitor", TemplateFile.text("#!/bin/sh\nexec sleep 20\n", true)),
                recipe,
                null,
                Instant.now()));
    InstanceKey key = new InstanceKey("demo", name, "main");
    Map<String, Object> config =
        Template.fromHrd("demo", name, recipe, null).resolve("main", Map.of()).config();
    assertThat(String.valueOf(config.get("service.lifecycle.monitor.timeout"))).isEqualTo("1");
    PhaseCommand start = LocalNodeBus.command(key, hash, Phase.START, config);
    PhaseCommand halt = LocalNodeBus.command(key, hash, Phase.HALT, config);
    try (KafkaConsumer<String, String> consumer = bus.consumer()) {
      consumer.subscribe(List.of("ays.health"));
      bus.send(List.of(start));
      PhaseResult started = bus.results(List.of(start)).get(start.commandId());
      assertThat(started.outcome()).as(started.message()).isEqualTo(PhaseOutcome.SUCCEEDED);
      assertThat(next(consumer, key, HealthStatus.DOWN).message())
          .isEqualTo("monitor gave no answer within 1 s");
    } finally {
      bus.send(List.of(halt));
      bus.results(List.of(halt));
    }
  }

  /** The next MONITOR report of {@code key} with {@code status}, within 60 s. */
  private HealthReport next(
      KafkaConsumer<String, String> consumer, InstanceKey key, HealthStatus status) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      for (var record : consumer.poll(Duration.ofMillis(200))) {
        HealthReport report = codec.decode(record.value()).as(HealthReport.class).data();
        if (report.instanceKey().equals(key)
            && report.source() == HealthSource.MONITOR
            && report.status() == status) {
          return report;
        }
      }
    }
    throw new AssertionError(key + " was never reported " + status);
  }
}
