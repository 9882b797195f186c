package io.ays.executor.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.messaging.ProcessedMessages;
import io.ays.messaging.RetentionPruner;
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
 * What the executor keeps to recognise a redelivery (processed-message ids, its command journal) is
 * forgotten once Kafka can no longer deliver the message again (after the retention, 14 days by
 * default), and not before: a redelivery within it is still recognised.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RetentionPrunerTest {

  @Inject ProcessedMessages processed;
  @Inject CommandJournal journal;
  @Inject RetentionPruner pruner;

  @Test
  void recordsOlderThanTheRetentionAreForgottenAndNewerOnesKept() {
    Instant thirteenDaysOn = Instant.now().plus(Duration.ofDays(13));
    // Records older than a day, left by earlier runs in the same data folder, go first.
    pruner.prune(thirteenDaysOn);
    String consumer = "pruner-test-" + UUID.randomUUID();
    String commandId = "pruner-test-" + UUID.randomUUID() + "/1/1";
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              processed.markProcessed(consumer, "m-1");
              journal.begin(commandId, "demo/app/main", "start", Instant.now());
              journal.complete(commandId, "{}");
            });

    assertThat(pruner.prune(thirteenDaysOn))
        .as("13 days on, nothing of ours is forgotten")
        .isZero();
    assertThat(processed.isProcessed(consumer, "m-1"))
        .as("13 days on, a redelivered message is still recognised")
        .isTrue();
    assertThat(QuarkusTransaction.requiringNew().call(() -> journal.find(commandId)))
        .as("13 days on, a redelivered command is still answered from the journal")
        .isPresent();

    assertThat(pruner.prune(Instant.now().plus(Duration.ofDays(15)))).isGreaterThanOrEqualTo(2);
    assertThat(processed.isProcessed(consumer, "m-1")).as("15 days on, forgotten").isFalse();
    assertThat(QuarkusTransaction.requiringNew().call(() -> journal.find(commandId)))
        .as("15 days on, the journal entry is forgotten")
        .isEmpty();
  }
}
