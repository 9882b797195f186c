package io.ays.executor.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.messaging.ProcessedMessagePruner;
import io.ays.messaging.ProcessedMessages;
import io.ays.testing.KafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Processed-message ids are forgotten once Kafka can no longer deliver their message again (after
 * the retention, 14 days by default), and not before: a redelivery within it is still recognised.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ProcessedMessagePrunerTest {

  @Inject ProcessedMessages processed;
  @Inject ProcessedMessagePruner pruner;

  @Test
  void idsOlderThanTheRetentionAreForgottenAndNewerOnesKept() {
    String consumer = "pruner-test-" + UUID.randomUUID();
    QuarkusTransaction.requiringNew().run(() -> processed.markProcessed(consumer, "m-1"));

    assertThat(pruner.prune(Instant.now().plus(Duration.ofDays(13)))).isZero();
    assertThat(processed.isProcessed(consumer, "m-1"))
        .as("13 days on, a redelivery is still recognised")
        .isTrue();

    assertThat(pruner.prune(Instant.now().plus(Duration.ofDays(15)))).isGreaterThanOrEqualTo(1);
    assertThat(processed.isProcessed(consumer, "m-1")).as("15 days on, forgotten").isFalse();
  }
}
