package io.ays.executor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ays.contracts.EventJson;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.contracts.PhaseResult;
import io.ays.contracts.TemplateDefinition;
import io.ays.contracts.secrets.NodeKeys;
import io.ays.contracts.secrets.NodeSecrets;
import io.ays.model.template.Template;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.TestNodeKeys;
import io.ays.testing.TestTemplates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secret values reach this node sealed for its key (as the coordinator sends them): the real
 * executor opens them only in memory, the process gets the clear value, and nothing the executor
 * keeps on disk (its running-instance records, its journal database) holds it. A value sealed with
 * another key is refused naming it, and nothing runs.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class SecretsForThisNodeTest {

  private static final Path DATA = Path.of("target/executor-data").toAbsolutePath().normalize();
  private static final String RECIPE =
      "process.1 =\n"
          + "    cmd:'printf %s',\n"
          + "    args:'$(instance.param.password) > pw.txt; exec sleep 60',\n";
  private static final String INSTANCE_HRD = "param.password = @ASK type:password\n";

  private final ObjectMapper json = EventJson.newObjectMapper();
  KafkaBroker broker;
  private LocalNodeBus bus;

  @BeforeEach
  void connect() {
    bus = new LocalNodeBus(broker.bootstrapServers());
  }

  @Test
  void aSecretSealedForThisNodeReachesTheProcessAndNothingOnDiskHoldsItInClear() throws Exception {
    String secret = "pw-" + UUID.randomUUID();
    String name = "sealed" + UUID.randomUUID().toString().substring(0, 8);
    InstanceKey key = new InstanceKey("demo", name, "main");
    String hash = publish(name);
    var ownKey = NodeKeys.readPublicKey(TestNodeKeys.publicKeyDirectory().resolve("local.pub"));
    Map<String, Object> config = sealedFor(ownKey, name, secret);
    List<PhaseCommand> commands =
        List.of(
            LocalNodeBus.command(key, hash, Phase.CONFIGURE, config),
            LocalNodeBus.command(key, hash, Phase.START, config),
            LocalNodeBus.command(key, hash, Phase.HALT, config));
    Path instanceDir = DATA.resolve("instances/demo__" + name + "__main");
    try {
      bus.send(commands.subList(0, 2));
      Map<String, PhaseResult> results = bus.results(commands.subList(0, 2));
      for (PhaseCommand command : commands.subList(0, 2)) {
        PhaseResult result = results.get(command.commandId());
        assertThat(result.outcome()).as(result.message()).isEqualTo(PhaseOutcome.SUCCEEDED);
      }
      assertThat(await(instanceDir.resolve("pw.txt"))).isEqualTo(secret);

      Path record = DATA.resolve("running/demo~" + name + "~main.json");
      assertThat(record).exists();
      assertThat(Files.readString(record)).startsWith(NodeSecrets.PREFIX);
      assertThat(filesHolding(secret, instanceDir))
          .as("files of the executor's data folder (but the instance's own) holding the secret")
          .isEmpty();
    } finally {
      bus.send(commands.subList(2, 3));
      bus.results(commands.subList(2, 3));
    }
  }

  @Test
  void aSecretSealedWithAnotherKeyIsRefusedNamingItAndNothingRuns() throws Exception {
    String secret = "pw-" + UUID.randomUUID();
    String name = "foreign" + UUID.randomUUID().toString().substring(0, 8);
    InstanceKey key = new InstanceKey("demo", name, "main");
    String hash = publish(name);
    X25519PublicKeyParameters anotherKey = NodeKeys.generate().generatePublicKey();
    PhaseCommand start =
        LocalNodeBus.command(key, hash, Phase.START, sealedFor(anotherKey, name, secret));

    bus.send(List.of(start));
    PhaseResult result = bus.results(List.of(start)).get(start.commandId());

    assertThat(result.outcome()).isEqualTo(PhaseOutcome.FAILED);
    assertThat(result.message())
        .contains("instance.param.password")
        .contains("does not open with the key of node local")
        .doesNotContain(secret);
    assertThat(DATA.resolve("instances/demo__" + name + "__main/pw.txt")).doesNotExist();
  }

  /**
   * The resolved configuration with each value holding the secret sealed, as the coordinator does.
   */
  private Map<String, Object> sealedFor(
      X25519PublicKeyParameters nodeKey, String name, String secret) throws Exception {
    Map<String, Object> config =
        new TreeMap<>(
            Template.fromHrd("demo", name, RECIPE, INSTANCE_HRD)
                .resolve("main", Map.of("param.password", secret))
                .config());
    for (Map.Entry<String, Object> entry : config.entrySet()) {
      String value = json.writeValueAsString(entry.getValue());
      if (value.contains(secret)) {
        entry.setValue(NodeSecrets.seal(value, "local", entry.getKey(), nodeKey));
      }
    }
    assertThat(config.get("instance.param.password")).matches(NodeSecrets::isSealed, "sealed");
    assertThat(json.writeValueAsString(config)).doesNotContain(secret);
    return config;
  }

  private String publish(String name) throws Exception {
    TemplateDefinition definition =
        new TemplateDefinition(
            "demo",
            name,
            TestTemplates.UNHASHED,
            "file:///test",
            null,
            Map.of(),
            RECIPE,
            INSTANCE_HRD,
            Instant.now());
    return bus.publishTemplate(definition);
  }

  private static List<Path> filesHolding(String text, Path except) throws Exception {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(DATA)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> !f.startsWith(except))
          .filter(f -> contains(f, needle))
          .toList();
    }
  }

  private static boolean contains(Path file, byte[] needle) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      outer:
      for (int i = 0; i + needle.length <= bytes.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (bytes[i + j] != needle[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    } catch (java.io.IOException e) {
      return false; // a file removed while scanning
    }
  }

  private static String await(Path file) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!(Files.exists(file) && Files.size(file) > 0) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return Files.readString(file);
  }
}
