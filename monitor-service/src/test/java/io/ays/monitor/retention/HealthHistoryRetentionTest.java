package io.ays.monitor.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.messaging.RetentionPruner;
import io.ays.monitor.persistence.HealthHistoryEntity;
import io.ays.monitor.persistence.InstanceHealthEntity;
import io.ays.monitor.persistence.RunEntity;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Health history older than the retention (30 days) is deleted on the real PostgreSQL, a batch at a
 * time, while the newer history and the instance's current health stay; the dashboard's run
 * summaries go after the messaging retention (14 days).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class HealthHistoryRetentionTest {

  @Inject RetentionPruner pruner;
  @Inject HealthHistoryRetention retention;

  @Test
  void historyOlderThanTheRetentionGoesAndTheCurrentHealthStays() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // as PostgreSQL stores it
    String key = "retention/app/" + UUID.randomUUID().toString().substring(0, 8);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              InstanceHealthEntity health = new InstanceHealthEntity();
              health.instanceKey = key;
              health.status = "UP";
              health.statusSince = now.minus(Duration.ofDays(60));
              health.touch(now.minus(Duration.ofDays(60)));
              health.persist();
              for (int day = 65; day > 0; day -= 10) {
                entry(key, now.minus(Duration.ofDays(day)));
              }
            });

    assertThat(pruner.prune(now))
        .as("the 65, 55, 45 and 35 days old entries")
        .isGreaterThanOrEqualTo(4);

    assertThat(QuarkusTransaction.requiringNew().call(() -> HealthHistoryEntity.newestOf(key, 10)))
        .extracting(entry -> Duration.between(entry.at, now).toDays())
        .as("the last 30 days of history stay")
        .containsExactly(5L, 15L, 25L);
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> InstanceHealthEntity.<InstanceHealthEntity>findById(key)))
        .as("the current health is state, not history")
        .isNotNull();
    assertThat(QuarkusTransaction.requiringNew().call(() -> retention.pruneBatch(now, 1)))
        .as("nothing more is due")
        .isZero();
  }

  @Test
  void runSummariesOlderThanTheMessagingRetentionGo() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // as PostgreSQL stores it
    String key = "retention/run/" + UUID.randomUUID().toString().substring(0, 8);
    UUID old = UUID.randomUUID();
    UUID recent = UUID.randomUUID();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              run(old, key, now.minus(Duration.ofDays(20)));
              run(recent, key, now.minus(Duration.ofDays(2)));
            });

    pruner.prune(now);

    assertThat(QuarkusTransaction.requiringNew().call(() -> RunEntity.<RunEntity>findById(old)))
        .as("a run summary received 20 days ago (retention 14 days)")
        .isNull();
    assertThat(QuarkusTransaction.requiringNew().call(() -> RunEntity.<RunEntity>findById(recent)))
        .as("a run summary of two days ago")
        .isNotNull();
  }

  private static void run(UUID id, String key, Instant receivedAt) {
    RunEntity run = new RunEntity();
    run.runId = id;
    run.instanceKey = key;
    run.action = "install";
    run.receivedAt = receivedAt;
    run.persist();
  }

  private static void entry(String key, Instant at) {
    HealthHistoryEntity entry = new HealthHistoryEntity();
    entry.instanceKey = key;
    entry.at = at;
    entry.kind = "STATUS_CHANGED";
    entry.status = "UP";
    entry.persist();
  }
}
