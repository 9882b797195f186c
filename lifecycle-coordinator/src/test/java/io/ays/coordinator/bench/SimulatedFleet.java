package io.ays.coordinator.bench;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.contracts.PhaseResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Many executors whose actions do nothing, answered from one thread: every command on the nodes'
 * topics is answered at once with success (checks say up after start, down after stop), so what is
 * measured is the coordinator and the broker, not actions. For each command it notes how long after
 * the previous answer for the same instance it came: the orchestration overhead of a phase.
 */
final class SimulatedFleet implements AutoCloseable {

  private final EventCodec codec = new EventCodec();
  private final EventFactory events = EventFactory.forService("simulated-fleet");
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> consumer;
  private final Set<String> up = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> lastAnswerNanos = new ConcurrentHashMap<>();
  private final Map<String, Long> requestSentNanos = new ConcurrentHashMap<>();
  private final Thread thread;
  private final AtomicLong commands = new AtomicLong();
  private volatile Samples overhead = new Samples();
  private final Map<String, Long> lastAnswerMillis = new ConcurrentHashMap<>();

  /** Of the overhead: from the answer until the coordinator's relay created the next command. */
  private volatile Samples untilSent = new Samples();

  /** Of the overhead: from the relay's send until the command reached the fleet. */
  private volatile Samples delivery = new Samples();

  private volatile Samples firstCommand = new Samples();
  private volatile boolean running = true;

  SimulatedFleet(String bootstrap, List<String> nodes) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.LINGER_MS_CONFIG,
                0),
            new StringSerializer(),
            new StringSerializer());
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "simulated-fleet",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                5,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                2000),
            new StringDeserializer(),
            new StringDeserializer());
    consumer.subscribe(nodes.stream().map(n -> "ays.commands." + n).toList());
    thread = new Thread(this::answer, "simulated-fleet");
    thread.start();
  }

  /** Notes when the request for {@code instanceKey} was sent (the first phase is timed from it). */
  void requestSent(String instanceKey) {
    requestSentNanos.put(instanceKey, System.nanoTime());
  }

  /** Starts new samples (e.g. between the low-load and the throughput rounds). */
  void resetSamples() {
    overhead = new Samples();
    untilSent = new Samples();
    delivery = new Samples();
    firstCommand = new Samples();
  }

  /**
   * The overhead in two parts, from the command record's timestamp (set by the coordinator's
   * producer, on the same clock): the answer's way through the broker, the coordinator's
   * transaction and its outbox relay; then the command's way through the broker to the fleet.
   * Millisecond resolution.
   */
  String overheadParts() {
    return "until the coordinator sent the command: "
        + untilSent.summary()
        + "\n    from its send to the fleet: "
        + delivery.summary();
  }

  Samples overhead() {
    return overhead;
  }

  Samples firstCommand() {
    return firstCommand;
  }

  long commands() {
    return commands.get();
  }

  private void answer() {
    while (running) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
        long received = System.nanoTime();
        CloudEvent<PhaseCommand> command = codec.decode(record.value()).as(PhaseCommand.class);
        PhaseCommand c = command.data();
        String key = c.instanceKey().toString();
        Long previous = lastAnswerNanos.get(key);
        long receivedMillis = System.currentTimeMillis();
        if (previous != null) {
          overhead.add(received - previous);
          untilSent.add((record.timestamp() - lastAnswerMillis.get(key)) * 1_000_000L);
          delivery.add((receivedMillis - record.timestamp()) * 1_000_000L);
        } else {
          Long sent = requestSentNanos.get(key);
          if (sent != null) {
            firstCommand.add(received - sent);
          }
        }
        commands.incrementAndGet();
        if (c.phase() == Phase.START) {
          up.add(key);
        } else if (c.phase() == Phase.STOP || c.phase() == Phase.HALT) {
          up.remove(key);
        }
        Boolean answer = c.phase().answersUp() ? up.contains(key) : null;
        PhaseResult result =
            PhaseResult.of(c, PhaseOutcome.SUCCEEDED, 0, answer, "ok", "", Instant.now(), 0);
        producer.send(
            new ProducerRecord<>(
                "ays.results",
                key,
                codec.encode(events.causedBy(command, EventType.RESULT_PHASE, result))));
        lastAnswerMillis.put(key, System.currentTimeMillis());
        lastAnswerNanos.put(key, System.nanoTime());
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
