package io.ays.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.EventCodec;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeHeartbeat;
import io.ays.contracts.NodeId;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.contracts.PhaseResult;
import io.ays.contracts.TemplateDefinition;
import io.ays.contracts.TemplateFile;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.TestTemplates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * The executor as the coordinator drives it, over a real broker: a template's actions_node.py
 * overrides configure and start (calling the default back), a template for another platform is
 * refused before install, and the node's heartbeat says what it is.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class NodeAgentTest {

  private static final String ACTIONS =
      """
      from ays import ActionsBase

      class ActionsNode(ActionsBase):
          def configure(self, serviceObj):
              self.run("echo port=%s > app.conf" % self.hrd.get('instance.param.port'))
              self.hrd.set('instance.token', 'from-configure')

          def start(self, serviceObj):
              super().start(serviceObj)
              with open('start.txt', 'w') as f:
                  f.write(self.hrd.get('instance.token'))
      """;

  KafkaBroker broker;
  private LocalNodeBus bus;

  @org.junit.jupiter.api.BeforeEach
  void connect() {
    bus = new LocalNodeBus(broker.bootstrapServers());
  }

  private final EventCodec codec = new EventCodec();

  @Test
  void actionsNodePyOverridesConfigureAndStartAndFallsBackToTheDefaults() throws Exception {
    String hash =
        bus.publishTemplate(
            new TemplateDefinition(
                "demo",
                "pyweb",
                TestTemplates.UNHASHED,
                "file:///test",
                null,
                Map.of("actions_node.py", TemplateFile.text(ACTIONS.stripIndent(), false)),
                "description = 'python actions'\n",
                null,
                Instant.now()));
    InstanceKey key = new InstanceKey("demo", "pyweb", "main");
    Map<String, Object> config = Map.of("instance.param.port", 7001);
    List<PhaseCommand> commands =
        List.of(
            LocalNodeBus.command(key, hash, Phase.CONFIGURE, config),
            LocalNodeBus.command(key, hash, Phase.START, config),
            LocalNodeBus.command(key, hash, Phase.CHECK_UP, config));
    bus.send(commands);

    Map<String, PhaseResult> results = bus.results(commands);
    PhaseResult configured = results.get(commands.get(0).commandId());
    PhaseResult started = results.get(commands.get(1).commandId());
    PhaseResult checked = results.get(commands.get(2).commandId());
    assertThat(configured.outcome()).as(configured.message()).isEqualTo(PhaseOutcome.SUCCEEDED);
    assertThat(started.outcome()).as(started.message()).isEqualTo(PhaseOutcome.SUCCEEDED);
    assertThat(checked.up()).as("check_up not overridden: the default finds it started").isTrue();
    Path instanceDir = Path.of("target/executor-data/instances/demo__pyweb__main");
    assertThat(instanceDir.resolve("app.conf")).hasContent("port=7001");
    assertThat(instanceDir.resolve("start.txt"))
        .as("a value configure set on self.hrd reached the later start command")
        .hasContent("from-configure");
  }

  @Test
  void aTemplateForAnotherPlatformIsRefusedBeforeInstall() throws Exception {
    String hash =
        bus.publishTemplate(
            new TemplateDefinition(
                "demo",
                "maconly",
                TestTemplates.UNHASHED,
                "file:///test",
                null,
                Map.of(),
                "platform.supported = 'darwin'\n",
                null,
                Instant.now()));
    InstanceKey key = new InstanceKey("demo", "maconly", "main");
    PhaseCommand init =
        LocalNodeBus.command(key, hash, Phase.INIT, Map.of("service.platform.supported", "darwin"));
    bus.send(List.of(init));

    PhaseResult result = bus.results(List.of(init)).get(init.commandId());
    assertThat(result.outcome()).isEqualTo(PhaseOutcome.FAILED);
    assertThat(result.message())
        .contains("service.platform.supported [darwin] does not include node local");
  }

  @Test
  void theHeartbeatSaysVersionPlatformCapacityAndWhatItSupervises() {
    NodeHeartbeat heartbeat = null;
    try (KafkaConsumer<String, String> consumer = bus.consumer()) {
      consumer.subscribe(List.of("ays.nodes"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (heartbeat == null && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          heartbeat = codec.decode(record.value()).as(NodeHeartbeat.class).data();
        }
      }
    }
    assertThat(heartbeat).isNotNull();
    assertThat(heartbeat.nodeId()).isEqualTo(NodeId.of("local"));
    assertThat(heartbeat.version()).isNotBlank();
    assertThat(heartbeat.platform().os()).isEqualTo("linux");
    assertThat(heartbeat.capacity().cpus()).isPositive();
    assertThat(heartbeat.endpoint()).as("where the coordinator reads logs").startsWith("http://");
    assertThat(heartbeat.supervisedContainers())
        .as("counted without asking an engine: none started here")
        .isZero();
  }
}
