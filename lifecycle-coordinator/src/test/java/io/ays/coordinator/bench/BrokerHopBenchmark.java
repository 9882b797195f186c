package io.ays.coordinator.bench;

import io.ays.testing.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One broker hop alone, as a floor for the coordinator's per-phase figures: a producer sends one
 * message, a consumer polls until it has it, then the next (3 ms apart), against the same embedded
 * broker the orchestration benchmark uses and with nothing else running. Twice: with the producer
 * settings of AYS's services (acks=all, idempotence, linger 0) and with acks=1, no idempotence.
 * Both are run once unreported first: the broker's code is still being compiled during the first
 * thousands of messages, which would favour the setting measured last.
 *
 * <p>Usage: {@code BrokerHopBenchmark [messages]} (default 2000).
 */
public final class BrokerHopBenchmark {

  private BrokerHopBenchmark() {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    System.out.printf(
        "machine: %d cores; one message at a time, %d per setting%n",
        Runtime.getRuntime().availableProcessors(), messages);
    try (KafkaBroker broker = KafkaBroker.start()) {
      for (boolean measured : List.of(false, true)) {
        for (boolean ays : List.of(true, false)) {
          Samples samples = pingPong(broker.bootstrapServers(), ays, messages);
          if (measured) {
            System.out.printf(
                "  %s: %s%n",
                ays ? "acks=all, idempotent (AYS)" : "acks=1, not idempotent", samples.summary());
          }
        }
      }
    }
  }

  private static Samples pingPong(String bootstrap, boolean ays, int messages) throws Exception {
    String topic = "hop-" + System.nanoTime();
    try (KafkaProducer<String, String> producer =
            new KafkaProducer<>(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap,
                    ProducerConfig.LINGER_MS_CONFIG,
                    0,
                    ProducerConfig.ACKS_CONFIG,
                    ays ? "all" : "1",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                    ays),
                new StringSerializer(),
                new StringSerializer());
        KafkaConsumer<String, String> consumer =
            new KafkaConsumer<>(
                Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, topic,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
      producer.send(new ProducerRecord<>(topic, "k", "first")).get();
      consumer.subscribe(List.of(topic));
      while (consumer.poll(Duration.ofMillis(100)).isEmpty()) {
        // until the consumer has its partition and the first message
      }
      Samples samples = new Samples();
      for (int i = 0; i < messages; i++) {
        Thread.sleep(3);
        long sent = System.nanoTime();
        producer.send(new ProducerRecord<>(topic, "k", "m" + i));
        while (consumer.poll(Duration.ofSeconds(1)).isEmpty()) {
          // until it arrives
        }
        samples.add(System.nanoTime() - sent);
      }
      return samples;
    }
  }
}
