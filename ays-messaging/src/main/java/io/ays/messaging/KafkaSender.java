package io.ays.messaging;

import io.ays.contracts.KafkaBinding;
import io.ays.messaging.tracing.TraceParent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The one Kafka producer of a service: acks=all and idempotence, so that a send the broker
 * acknowledged is durable and a retried send is not written twice.
 */
@ApplicationScoped
public class KafkaSender {

  private static final Logger LOG = Logger.getLogger(KafkaSender.class);
  private static final long SEND_TIMEOUT_SECONDS = 30;

  private final KafkaProducer<String, String> producer;

  @Inject
  public KafkaSender(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
    Map<String, Object> config = new HashMap<>();
    Object bootstrap = kafkaConfig.getOrDefault("bootstrap.servers", "localhost:9092");
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    // The security settings every client of the service shares (KafkaClientConfigSource), and
    // the size limit every producer of the service has (microprofile-config.properties).
    kafkaConfig.forEach(
        (key, value) -> {
          if (isSecuritySetting(key) || key.equals(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)) {
            config.put(key, value);
          }
        });
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    this.producer = new KafkaProducer<>(config);
  }

  private static boolean isSecuritySetting(String key) {
    return key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.");
  }

  /**
   * A record of one AYS event in the CloudEvents Kafka binding's structured mode: the JSON event as
   * the value and the {@code content-type} header that lets a CloudEvents SDK read it.
   */
  public static ProducerRecord<String, String> record(String topic, String key, String json) {
    return record(topic, key, json, null);
  }

  /**
   * As {@link #record(String, String, String)}, with {@code traceparent} (if not null) in the W3C
   * {@code traceparent} header: the span that caused the event, which its consumer continues.
   */
  public static ProducerRecord<String, String> record(
      String topic, String key, String json, String traceparent) {
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
    record.headers().add(KafkaBinding.CONTENT_TYPE_HEADER, KafkaBinding.structuredContentType());
    TraceParent.put(record.headers(), traceparent);
    return record;
  }

  /**
   * Sends and waits for the broker's acknowledgement; the current span, if any, goes with the
   * record as its {@code traceparent}.
   */
  public void send(String topic, String key, String value) {
    try {
      producer
          .send(record(topic, key, value, TraceParent.current()))
          .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not send to " + topic + ": " + e.getMessage(), e);
    }
  }

  /**
   * Sends {@code records} all at once (pipelined: one round trip for the lot instead of one each)
   * and waits for the acknowledgements; returns how many, from the first, the broker acknowledged
   * without a gap. Idempotence keeps each partition in the order given. The records after the first
   * failure may have been written too: a caller that sends them again relies on its consumers
   * recognising repeats (AYS's do, by envelope id).
   */
  public int sendAll(List<ProducerRecord<String, String>> records) {
    List<Future<RecordMetadata>> pending = new ArrayList<>(records.size());
    for (ProducerRecord<String, String> record : records) {
      pending.add(producer.send(record));
    }
    int acknowledged = 0;
    for (Future<RecordMetadata> future : pending) {
      try {
        future.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        acknowledged++;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException | TimeoutException e) {
        LOG.warnf(
            "could not send to %s: %s",
            records.get(acknowledged).topic(),
            e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        break;
      }
    }
    return acknowledged;
  }

  @PreDestroy
  void close() {
    producer.close();
  }
}
