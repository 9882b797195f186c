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
  private final Map<String, Answer> lastAnswer = new ConcurrentHashMap<>();
  private final Map<String, Long> requestSentNanos = new ConcurrentHashMap<>();
  private final Thread thread;
  private final AtomicLong commands = new AtomicLong();
  private volatile Samples overhead = new Samples();

  /**
   * Of the overhead: from the answer until the coordinator's transaction decided the next command
   * (the answer's broker hop, the coordinator's consumer, its transaction up to the dispatch).
   */
  private volatile Samples untilDecided = new Samples();

  /** Of the overhead: from the decision until the relay sent the command (commit, relay). */
  private volatile Samples decidedUntilSent = new Samples();

  /** Of the overhead: from the relay's send until the command reached the fleet. */
  private volatile Samples delivery = new Samples();

  private volatile Samples firstCommand = new Samples();
  private volatile boolean running = true;

  SimulatedFleet(String bootstrap, List<String> nodes) {
    producer =
        new KafkaProducer<>(
            BenchKafka.settings(bootstrap, Map.of(ProducerConfig.LINGER_MS_CONFIG, 0)),
            new StringSerializer(),
            new StringSerializer());
    consumer =
        new KafkaConsumer<>(
            BenchKafka.settings(
                bootstrap,
                Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG,
                    "simulated-fleet",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest",
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                    5,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                    2000)),
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
    untilDecided = new Samples();
    decidedUntilSent = new Samples();
    delivery = new Samples();
    firstCommand = new Samples();
  }

  /**
   * The overhead in three parts, on the machine's one clock (millisecond resolution): until the
   * coordinator decided the command (its dispatch time, read back from the command's deadline);
   * until its relay sent it (the record's timestamp, set by the coordinator's producer); until the
   * fleet had it.
   */
  String overheadParts() {
    return "until the coordinator decided the command: "
        + untilDecided.summary()
        + "\n    from then until its relay sent it: "
        + decidedUntilSent.summary()
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
        Answer previous = lastAnswer.get(key);
        long receivedMillis = System.currentTimeMillis();
        if (previous != null) {
          long decidedMillis = decidedAt(c).toEpochMilli();
          overhead.add(received - previous.nanos());
          untilDecided.add((decidedMillis - previous.millis()) * 1_000_000L);
          decidedUntilSent.add((record.timestamp() - decidedMillis) * 1_000_000L);
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
        lastAnswer.put(key, new Answer(System.nanoTime(), System.currentTimeMillis()));
      }
    }
  }

  /**
   * When the coordinator decided {@code command}: it sets the deadline to its clock's time then,
   * plus the phase's timeout and the start grace (the benchmark sets the grace).
   */
  private static Instant decidedAt(PhaseCommand command) {
    return command
        .deadline()
        .minusSeconds(command.timeoutSeconds())
        .minus(OrchestrationBenchmark.START_GRACE);
  }

  /** When the fleet answered an instance last: for intervals, and on the wall clock. */
  private record Answer(long nanos, long millis) {}

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5000);
    consumer.close();
    producer.close();
  }
}
