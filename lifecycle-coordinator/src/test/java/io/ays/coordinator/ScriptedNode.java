package io.ays.coordinator;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.contracts.PhaseResult;
import io.ays.contracts.signing.CommandVerifier;
import io.ays.testing.TestSigningKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Answers the coordinator's commands for one node over the real broker, in a thread of its own, as
 * an executor whose actions all work would: start makes an instance up, stop and halt make it down,
 * checks report that. A test can make chosen phases fail. Every command it received is kept in
 * order, so a test can check what ran, and in which order.
 */
final class ScriptedNode implements AutoCloseable {

  /** A command as received: instance key, phase and attempt. */
  record Received(String instanceKey, Phase phase, int attempt) {}

  /** How the node answers a command. */
  enum Reply {
    /** Runs it as an executor whose actions work would. */
    WORK,
    /** Reports the action failed (exit 1, output "boom"). */
    FAIL,
    /** Never answers, as a node that went silent. */
    IGNORE,
    /** Runs it as WORK would, then the service dies: a start succeeds and leaves it down. */
    DIE_AFTER
  }

  /** Chooses the reply to each command. */
  interface Script {
    Reply reply(String instanceKey, Phase phase, int attempt);
  }

  private final EventCodec codec = new EventCodec();
  private final CommandVerifier verifier = TestSigningKeys.verifier();
  private final EventFactory events = EventFactory.forService("scripted-node");
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> consumer;
  private final Set<String> up = ConcurrentHashMap.newKeySet();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<PhaseCommand> commands = new CopyOnWriteArrayList<>();
  private final Script script;
  private final String node;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean answerTwice;

  /** The node id this stand-in answers for. */
  String node() {
    return node;
  }

  ScriptedNode(String bootstrap, String node, BiPredicate<String, Phase> fails) {
    this(
        bootstrap, node, (key, phase, attempt) -> fails.test(key, phase) ? Reply.FAIL : Reply.WORK);
  }

  ScriptedNode(String bootstrap, String node, Script script) {
    this.script = script;
    this.node = node;
    producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(),
            new StringSerializer());
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "scripted-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer());
    consumer.subscribe(List.of("ays.commands." + node));
    thread = new Thread(this::answer, "scripted-node-" + node);
    thread.start();
  }

  /**
   * From now on every result is sent twice more: once again as it was (a redelivery: same event id,
   * same key) and once as a new event under another key, so that the coordinator handles it in
   * parallel with the original (as a late duplicate from a second executor would be). Neither may
   * move the run on a second time.
   */
  ScriptedNode answerTwice() {
    answerTwice = true;
    return this;
  }

  /** Every command received, in order, as the node read it. */
  List<PhaseCommand> commands() {
    return commands;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** The attempts of {@code phase} that {@code instanceKey} received. */
  List<Integer> attemptsOf(String instanceKey, Phase phase) {
    return received.stream()
        .filter(r -> r.instanceKey().equals(instanceKey) && r.phase() == phase)
        .map(Received::attempt)
        .toList();
  }

  /** The phases {@code instanceKey} received, in order. */
  List<Phase> phasesOf(String instanceKey) {
    return received.stream()
        .filter(r -> r.instanceKey().equals(instanceKey))
        .map(Received::phase)
        .toList();
  }

  /** Where the first command for {@code instanceKey} (and {@code phase}, if given) was received. */
  int firstIndex(String instanceKey, Phase phase) {
    for (int i = 0; i < received.size(); i++) {
      Received r = received.get(i);
      if (r.instanceKey().equals(instanceKey) && (phase == null || r.phase() == phase)) {
        return i;
      }
    }
    return -1;
  }

  /** Where the last command for {@code instanceKey} was received. */
  int lastIndex(String instanceKey) {
    int last = -1;
    for (int i = 0; i < received.size(); i++) {
      if (received.get(i).instanceKey().equals(instanceKey)) {
        last = i;
      }
    }
    return last;
  }

  private void answer() {
    long nextHeartbeat = 0;
    while (running) {
      if (System.nanoTime() - nextHeartbeat >= 0) {
        producer.send(Heartbeats.of(node, 1));
        nextHeartbeat = System.nanoTime() + 1_000_000_000L;
      }
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
        CloudEvent<PhaseCommand> command = codec.decode(record.value()).as(PhaseCommand.class);
        PhaseCommand c = command.data();
        String key = c.instanceKey().toString();
        received.add(new Received(key, c.phase(), c.attempt()));
        commands.add(c);
        Reply reply = script.reply(key, c.phase(), c.attempt());
        if (reply == Reply.IGNORE) {
          continue;
        }
        // As a real executor: a command whose signature does not verify is refused, not run.
        Optional<String> refused = verifier.problem(record.value(), Instant.now());
        PhaseResult result;
        if (refused.isPresent()) {
          result =
              PhaseResult.of(
                  c, PhaseOutcome.FAILED, null, null, refused.get(), null, Instant.now(), 0);
        } else if (reply == Reply.FAIL) {
          result =
              PhaseResult.of(c, PhaseOutcome.FAILED, 1, null, "boom", "boom\n", Instant.now(), 3);
        } else {
          if (c.phase() == Phase.START && reply == Reply.DIE_AFTER) {
            up.remove(key);
          } else if (c.phase() == Phase.START) {
            up.add(key);
          } else if (c.phase() == Phase.STOP || c.phase() == Phase.HALT) {
            up.remove(key);
          }
          Boolean answer = c.phase().answersUp() ? up.contains(key) : null;
          result = PhaseResult.of(c, PhaseOutcome.SUCCEEDED, 0, answer, "ok", "", Instant.now(), 3);
        }
        String encoded = codec.encode(events.causedBy(command, EventType.RESULT_PHASE, result));
        producer.send(new ProducerRecord<>("ays.results", key, encoded));
        if (answerTwice) {
          producer.send(new ProducerRecord<>("ays.results", key, encoded));
          producer.send(
              new ProducerRecord<>(
                  "ays.results",
                  key + "#again",
                  codec.encode(events.causedBy(command, EventType.RESULT_PHASE, result))));
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5000);
    consumer.close();
    producer.close();
  }
}
