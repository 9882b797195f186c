package io.ays.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one Kafka producer of a service: acks=all and idempotence, so that a send the broker
 * acknowledged is durable and a retried send is not written twice.
 */
@ApplicationScoped
public class KafkaSender {

  private static final long SEND_TIMEOUT_SECONDS = 30;

  private final KafkaProducer<String, String> producer;

  @Inject
  public KafkaSender(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
    Map<String, Object> config = new HashMap<>();
    Object bootstrap = kafkaConfig.getOrDefault("bootstrap.servers", "localhost:9092");
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    this.producer = new KafkaProducer<>(config);
  }

  /** Sends and waits for the broker's acknowledgement. */
  public void send(String topic, String key, String value) {
    try {
      producer
          .send(new ProducerRecord<>(topic, key, value))
          .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not send to " + topic + ": " + e.getMessage(), e);
    }
  }

  @PreDestroy
  void close() {
    producer.close();
  }
}
