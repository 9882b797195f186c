package io.ays.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.messaging.Outbox;
import io.ays.messaging.OutboxRelay;
import io.ays.testing.EventLog;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * At shutdown the coordinator sends what its last transactions committed to the outbox: messages
 * committed after the relay's own thread stopped (as a consumer's last transaction is, while the
 * Kafka connector lets it finish its message) are still sent before the service exits, and leave
 * the outbox. The test calls what the relay's shutdown observer calls, then starts the relay again
 * for the other test classes of this Quarkus instance.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class OutboxFlushAtShutdownTest {

  private static final String TOPIC = "ays.service-events";

  KafkaBroker broker;
  @Inject OutboxRelay relay;
  @Inject Outbox outbox;
  @Inject EntityManager entities;

  @Test
  void messagesCommittedAsTheServiceStopsAreSentBeforeItExits() throws Exception {
    String key = "flush/at-shutdown/" + UUID.randomUUID();
    List<String> payloads =
        IntStream.range(0, 3).mapToObj(i -> "{\"flush\":\"" + key + "-" + i + "\"}").toList();
    try (EventLog log = new EventLog(broker.bootstrapServers(), List.of(TOPIC))) {
      // The relay's thread stops, as at shutdown (what the outbox held is sent).
      relay.stopAndFlush();
      QuarkusTransaction.requiringNew()
          .run(() -> payloads.forEach(payload -> outbox.enqueue(TOPIC, key, payload)));
      assertThat(pending(key)).as("committed, not sent: the relay's thread is gone").isEqualTo(3);

      relay.stopAndFlush();

      assertThat(pending(key)).as("the flush leaves nothing in the outbox").isZero();
      for (String payload : payloads) {
        log.await("the message " + payload, r -> payload.equals(r.value()), Duration.ofSeconds(30));
      }
    } finally {
      relay.start();
    }
  }

  private long pending(String key) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        entities
                            .createNativeQuery(
                                "select count(*) from {h-schema}outbox where message_key = ?1")
                            .setParameter(1, key)
                            .getSingleResult())
                    .longValue());
  }
}
