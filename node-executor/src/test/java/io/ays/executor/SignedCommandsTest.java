package io.ays.executor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ays.contracts.CloudEvent;
import io.ays.contracts.DeadLetter;
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
import io.ays.contracts.signing.CommandSigner;
import io.ays.contracts.signing.SigningKeys;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.TestSigningKeys;
import io.ays.testing.TestTemplates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A real executor on a real broker runs only the commands the coordinator signed: forged, unsigned,
 * expired, tampered and misaddressed commands are dead-lettered with the reason, answered FAILED
 * where the sender can be told, and run nothing; a replayed command is not run again. That nothing
 * ran is proven by a genuine command sent after them on the same partition: once its result is in,
 * the ones before it were handled.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class SignedCommandsTest {

  KafkaBroker broker;
  private final EventCodec codec = new EventCodec();
  private final EventFactory events = EventFactory.forService("executor-test");
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void onlyCommandsSignedByATrustedKeyForThisNodeRun() throws Exception {
    Path marker = Files.createTempFile(Path.of("target"), "signed-runs-", ".txt").toAbsolutePath();
    InstanceKey key = new InstanceKey("demo", "guarded", "main");
    LocalNodeBus bus = new LocalNodeBus(broker.bootstrapServers());
    String hash = bus.publishTemplate(markingTemplate("guarded", marker));

    PhaseCommand forged = configure(key, hash, "forged", "local");
    PhaseCommand untrusted = configure(key, hash, "untrusted", "local");
    PhaseCommand unsigned = configure(key, hash, "unsigned", "local");
    PhaseCommand expired = configure(key, hash, "expired", "local");
    PhaseCommand tampered = configure(key, hash, "original", "local");
    PhaseCommand elsewhere = configure(key, hash, "elsewhere", "node9");
    PhaseCommand genuine = configure(key, hash, "genuine", "local");
    CommandSigner otherKeySameId =
        new CommandSigner(SigningKeys.generate().getPrivate(), TestSigningKeys.KEY_ID);
    CommandSigner otherKey = new CommandSigner(SigningKeys.generate().getPrivate(), "rogue-1");
    Instant later = Instant.now().plusSeconds(600);

    Map<String, String> sent = new HashMap<>();
    sent.put(forged.commandId(), otherKeySameId.sign(encode(forged), later));
    sent.put(untrusted.commandId(), otherKey.sign(encode(untrusted), later));
    sent.put(unsigned.commandId(), encode(unsigned));
    sent.put(
        expired.commandId(), TestSigningKeys.sign(encode(expired), Instant.now().minusSeconds(1)));
    sent.put(tampered.commandId(), tamper(TestSigningKeys.sign(encode(tampered))));
    sent.put(elsewhere.commandId(), TestSigningKeys.sign(encode(elsewhere)));
    List<PhaseCommand> refused = List.of(forged, untrusted, unsigned, expired, tampered, elsewhere);
    try (KafkaProducer<String, String> producer = bus.producer()) {
      for (PhaseCommand command : refused) {
        send(producer, key, sent.get(command.commandId()));
      }
      send(producer, key, TestSigningKeys.sign(encode(genuine)));
    }

    List<PhaseCommand> answered = List.of(forged, untrusted, unsigned, expired, tampered);
    List<PhaseCommand> awaited = new ArrayList<>(answered);
    awaited.add(genuine);
    Map<String, PhaseResult> results = bus.results(awaited);

    assertThat(results.get(genuine.commandId()).outcome()).isEqualTo(PhaseOutcome.SUCCEEDED);
    assertThat(Files.readAllLines(marker))
        .as("only the genuine command ran")
        .containsExactly("genuine");
    Map<String, String> reasons = deadLetterReasons(refused);
    assertThat(reasons.get(forged.commandId())).contains("the signature does not match");
    assertThat(reasons.get(untrusted.commandId()))
        .contains("signed with key 'rogue-1', which this node does not trust (trusted: test-1)");
    assertThat(reasons.get(unsigned.commandId())).contains("unsigned");
    assertThat(reasons.get(expired.commandId())).contains("expired at");
    assertThat(reasons.get(tampered.commandId())).contains("the signature does not match");
    assertThat(reasons.get(elsewhere.commandId()))
        .contains("addressed to node node9, but this is node local");
    assertThat(reasons.values()).allSatisfy(r -> assertThat(r).startsWith("command refused: "));
    for (PhaseCommand command : answered) {
      PhaseResult result = results.get(command.commandId());
      assertThat(result.outcome()).as(command.commandId()).isEqualTo(PhaseOutcome.FAILED);
      assertThat(result.message()).startsWith("node local refused the command, not run: ");
    }
  }

  @Test
  void aReplayedCommandIsAnsweredAgainButNotRunAgain() throws Exception {
    Path marker =
        Files.createTempFile(Path.of("target"), "replayed-runs-", ".txt").toAbsolutePath();
    InstanceKey key = new InstanceKey("demo", "replayed", "main");
    LocalNodeBus bus = new LocalNodeBus(broker.bootstrapServers());
    String hash = bus.publishTemplate(markingTemplate("replayed", marker));
    PhaseCommand first = configure(key, hash, "first", "local");
    PhaseCommand next = configure(key, hash, "next", "local");
    String signedFirst = TestSigningKeys.sign(encode(first));

    try (KafkaProducer<String, String> producer = bus.producer()) {
      send(producer, key, signedFirst);
    }
    assertThat(bus.results(List.of(first)).get(first.commandId()).outcome())
        .isEqualTo(PhaseOutcome.SUCCEEDED);
    try (KafkaProducer<String, String> producer = bus.producer()) {
      send(producer, key, signedFirst); // the same signed message again, as an attacker would
      send(producer, key, TestSigningKeys.sign(encode(next)));
    }
    bus.results(List.of(next));

    assertThat(Files.readAllLines(marker)).containsExactly("first", "next");
  }

  private String encode(PhaseCommand command) {
    CloudEvent<PhaseCommand> event = events.create(EventType.COMMAND_PHASE, command);
    return codec.encode(event);
  }

  /** The signed command with another value in its configuration: still a valid command. */
  private String tamper(String signed) throws Exception {
    ObjectNode root = (ObjectNode) mapper.readTree(signed);
    ((ObjectNode) root.path("data").path("config")).put("instance.param.tag", "tampered");
    return mapper.writeValueAsString(root);
  }

  private static void send(KafkaProducer<String, String> producer, InstanceKey key, String json)
      throws Exception {
    producer.send(new ProducerRecord<>("ays.commands.local", key.toString(), json)).get();
  }

  /** The dead letters' reasons by the refused commands' ids; fails unless all came within 30 s. */
  private Map<String, String> deadLetterReasons(List<PhaseCommand> commands) {
    Map<String, String> reasons = new HashMap<>();
    try (KafkaConsumer<String, String> consumer =
        new LocalNodeBus(broker.bootstrapServers()).consumer()) {
      consumer.subscribe(List.of("ays.dead-letter"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (reasons.size() < commands.size() && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          DeadLetter letter = codec.decode(record.value()).as(DeadLetter.class).data();
          for (PhaseCommand command : commands) {
            if (letter.payload() != null && letter.payload().contains(command.commandId())) {
              reasons.put(command.commandId(), letter.reason());
            }
          }
        }
      }
    }
    assertThat(reasons.keySet())
        .containsExactlyInAnyOrderElementsOf(
            commands.stream().map(PhaseCommand::commandId).toList());
    return reasons;
  }

  /** Template demo/{@code name} whose configure hook writes its tag to {@code marker}. */
  private static TemplateDefinition markingTemplate(String name, Path marker) {
    String hook =
        "#!/bin/sh\ncat > /dev/null\necho \"$AYS_CFG_INSTANCE_PARAM_TAG\" >> " + marker + "\n";
    return new TemplateDefinition(
        "demo",
        name,
        TestTemplates.UNHASHED,
        "file:///test",
        null,
        Map.of("hooks/configure", TemplateFile.text(hook, true)),
        "description = 'marks each run'\n",
        null,
        Instant.now());
  }

  private static PhaseCommand configure(InstanceKey key, String hash, String tag, String node) {
    return new PhaseCommand(
        UUID.randomUUID() + "/3/1",
        UUID.randomUUID(),
        3,
        1,
        key,
        NodeId.of(node),
        ExecutionRole.NODE,
        Phase.CONFIGURE,
        new TemplateRef(key.domain(), key.name(), hash),
        Map.of("instance.param.tag", tag),
        30,
        Instant.now().plusSeconds(60));
  }
}
