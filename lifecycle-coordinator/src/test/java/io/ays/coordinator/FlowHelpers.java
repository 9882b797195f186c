package io.ays.coordinator;

import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.TemplateDefinition;
import io.ays.testing.TestTemplates;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the coordinator's flow tests share: waiting for a condition, sending a record, publishing a
 * template as the registry would, fresh names.
 */
final class FlowHelpers {

  private static final Duration WAIT = Duration.ofSeconds(40);

  private FlowHelpers() {}

  /** Polls {@code condition} until it holds; fails with {@code failure} after 40 s. */
  static void await(BooleanSupplier condition, String failure) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        // An interrupted wait proves nothing: fail rather than let the test go on as if it held.
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting: " + failure, e);
      }
    }
    throw new AssertionError(failure);
  }

  /** Sends one record and waits until the broker has it. */
  static void send(String bootstrap, String topic, String key, String value) {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Publishes a template definition (a new version each time: a nonce file, and the content hash of
   * its files) on {@code ays.templates}, as the registry does; {@code instanceHrd} may be null.
   */
  static void publishTemplate(
      String bootstrap, String domain, String name, String serviceHrd, String instanceHrd) {
    TemplateDefinition definition =
        TestTemplates.fresh(
            new TemplateDefinition(
                domain,
                name,
                TestTemplates.UNHASHED,
                "file:///test",
                null,
                Map.of(),
                serviceHrd,
                instanceHrd,
                Instant.now()));
    send(
        bootstrap,
        "ays.templates",
        domain + "/" + name,
        new EventCodec()
            .encode(
                EventFactory.forService("coordinator-test")
                    .create(EventType.TEMPLATE_DEFINITION, definition)));
  }

  /** A short random suffix, so that every test has its own templates, instances and nodes. */
  static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
