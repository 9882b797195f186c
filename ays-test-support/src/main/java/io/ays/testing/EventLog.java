package io.ays.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything written to some topics during a test, collected by a background consumer. */
public final class EventLog implements AutoCloseable {

  private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
  private final KafkaConsumer<String, String> consumer;
  private final Thread thread;
  private volatile boolean running = true;

  public EventLog(String bootstrap, List<String> topics) {
    this(bootstrap, Map.of(), topics);
  }

  /**
   * Reads with these Kafka client settings too (a secured broker's {@code security.protocol},
   * {@code sasl.*}, {@code ssl.*}), e.g. those of a principal's client settings file.
   */
  public EventLog(String bootstrap, Map<String, String> clientSettings, List<String> topics) {
    Map<String, Object> config = new HashMap<>(clientSettings);
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-event-log-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    consumer.subscribe(topics);
    thread = new Thread(this::poll, "test-event-log");
    thread.setDaemon(true);
    thread.start();
  }

  private void poll() {
    try {
      while (running) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  /** Waits for a record matching {@code test}; fails with what was seen if none comes. */
  public ConsumerRecord<String, String> await(
      String what, Predicate<ConsumerRecord<String, String>> test, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, String> record : records) {
        if (test.test(record)) {
          return record;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "no " + what + " within " + timeout + "; seen:\n" + String.join("\n", summary()));
  }

  /** Every record seen so far. */
  public List<ConsumerRecord<String, String>> all() {
    return List.copyOf(records);
  }

  private List<String> summary() {
    return records.stream().map(r -> r.topic() + " " + r.key() + " " + shorten(r.value())).toList();
  }

  private static String shorten(String value) {
    return value == null ? "null" : value.length() > 300 ? value.substring(0, 300) + "..." : value;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(5000);
  }
}
