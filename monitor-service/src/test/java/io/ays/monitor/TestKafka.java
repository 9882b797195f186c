package io.ays.monitor;

import io.ays.testing.FaultInjectingGate;
import io.ays.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for tests: publish as a tool would, and read what the monitor sent. */
final class TestKafka implements AutoCloseable {

  private final String bootstrap;
  private final KafkaProducer<String, String> producer;

  TestKafka(KafkaBroker broker) {
    this.bootstrap = broker.bootstrapServers();
    this.producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(),
            new StringSerializer());
  }

  /** Sends and waits for the broker's acknowledgement. */
  void send(String topic, String key, String value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("could not send to " + topic, e);
    }
  }

  /** Sends with a W3C {@code traceparent} header, as a traced producer would; waits for the ack. */
  void sendTraced(String topic, String key, String value, String traceparent) {
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
    record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
    try {
      producer.send(record).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("could not send to " + topic, e);
    }
  }

  /** Sends a record whose handler is to throw ({@link FaultInjectingGate}); waits for the ack. */
  void sendMarkedForFault(String topic, String key, String value) {
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
    record.headers().add(FaultInjectingGate.HEADER, "throw".getBytes(StandardCharsets.UTF_8));
    try {
      producer.send(record).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("could not send to " + topic, e);
    }
  }

  /**
   * Every record of {@code topic} with {@code key} (from the beginning of the topic) once one
   * matches {@code until}; fails after {@code timeout}.
   */
  List<ConsumerRecord<String, String>> await(
      String topic, String key, Predicate<ConsumerRecord<String, String>> until, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, String> consumer = readerOf(topic)) {
      List<ConsumerRecord<String, String>> seen = new ArrayList<>();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
          if (key.equals(r.key())) {
            seen.add(r);
          }
        }
        if (seen.stream().anyMatch(until)) {
          return seen;
        }
      }
      throw new AssertionError(
          "no matching record for "
              + key
              + " on "
              + topic
              + " within "
              + timeout
              + "; saw "
              + seen);
    }
  }

  /** Every record of {@code topic} with {@code key} written so far. */
  List<ConsumerRecord<String, String>> all(String topic, String key) {
    try (KafkaConsumer<String, String> consumer = readerOf(topic)) {
      List<TopicPartition> partitions = List.copyOf(consumer.assignment());
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, String>> seen = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
          if (key.equals(r.key())) {
            seen.add(r);
          }
        }
      }
      return seen;
    }
  }

  // Assigned rather than subscribed: no consumer group to join, so reading starts at once.
  private KafkaConsumer<String, String> readerOf(String topic) {
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new StringDeserializer());
    List<TopicPartition> partitions = List.of();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    // Asking for a missing topic creates it (auto-create), but the first answer may be empty.
    while (partitions.isEmpty() && System.nanoTime() < deadline) {
      partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .collect(Collectors.toList());
      if (partitions.isEmpty()) {
        sleep(100);
      }
    }
    if (partitions.isEmpty()) {
      consumer.close();
      throw new IllegalStateException("topic " + topic + " has no partitions");
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
