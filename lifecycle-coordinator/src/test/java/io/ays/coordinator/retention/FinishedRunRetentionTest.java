package io.ays.coordinator.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.messaging.RetentionPruner;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Finished runs older than the retention (30 days) are deleted with their steps, on the real
 * PostgreSQL; what {@code ays runs}, {@code ays trace} and the coordinator itself still need is
 * kept: runs that have not ended, and the latest run of every instance that still exists.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class FinishedRunRetentionTest {

  @Inject RetentionPruner pruner;
  @Inject FinishedRunRetention retention;
  @Inject EntityManager entities;

  @Test
  void oldFinishedRunsGoWithTheirStepsWhileActiveAndLatestRunsStay() {
    Instant now = Instant.now();
    Instant fortyDaysAgo = now.minus(Duration.ofDays(40));
    String installed = "retention/app/" + UUID.randomUUID();
    String uninstalled = "retention/gone/" + UUID.randomUUID();
    UUID oldRun = UUID.randomUUID();
    UUID latestRun = UUID.randomUUID();
    UUID stuckRun = UUID.randomUUID();
    UUID goneRun = UUID.randomUUID();
    UUID recentRun = UUID.randomUUID();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              instance(installed);
              run(oldRun, installed, "SUCCEEDED", fortyDaysAgo.minusSeconds(60), fortyDaysAgo);
              run(latestRun, installed, "FAILED", fortyDaysAgo, fortyDaysAgo.plusSeconds(1));
              run(stuckRun, installed, "RUNNING", fortyDaysAgo.minusSeconds(120), null);
              run(goneRun, uninstalled, "SUCCEEDED", fortyDaysAgo, fortyDaysAgo.plusSeconds(5));
              run(recentRun, uninstalled, "SUCCEEDED", now.minusSeconds(60), now);
            });

    assertThat(pruner.prune(now)).isGreaterThanOrEqualTo(2);

    assertThat(existing(oldRun, latestRun, stuckRun, goneRun, recentRun))
        .as("an old finished run, superseded or of an instance no longer there, is deleted")
        .containsExactlyInAnyOrder(latestRun.toString(), stuckRun.toString(), recentRun.toString());
    assertThat(steps(oldRun)).as("its steps go with it").isZero();
    assertThat(steps(latestRun)).as("the kept run keeps its steps").isEqualTo(1);
    assertThat(QuarkusTransaction.requiringNew().call(() -> retention.pruneBatch(now, 1)))
        .as("nothing more is due")
        .isZero();
  }

  private void instance(String key) {
    String[] parts = key.split("/");
    entities
        .createNativeQuery(
            "insert into {h-schema}service_instance (instance_key, domain, name, instance, node, answers,"
                + " state, updated_at, version) values (?1, ?2, ?3, ?4, 'n1', '{}', 'RUNNING',"
                + " now(), 0)")
        .setParameter(1, key)
        .setParameter(2, parts[0])
        .setParameter(3, parts[1])
        .setParameter(4, parts[2])
        .executeUpdate();
  }

  private void run(UUID id, String key, String status, Instant created, Instant finished) {
    entities
        .createNativeQuery(
            "insert into {h-schema}run (id, instance_key, action, request_id, correlation_id, status, node,"
                + " no_start, answers, created_at, finished_at) values (?1, ?2, 'INSTALL', ?3, ?3,"
                + " ?4, 'n1', false, '{}', ?5, ?6)")
        .setParameter(1, id)
        .setParameter(2, key)
        .setParameter(3, "request-" + id)
        .setParameter(4, status)
        .setParameter(5, utc(created))
        .setParameter(6, finished == null ? null : utc(finished))
        .executeUpdate();
    entities
        .createNativeQuery(
            "insert into {h-schema}run_step (run_id, seq, node, role, phase, run_condition, expectation,"
                + " status, attempt) values (?1, 0, 'n1', 'NODE', 'INSTALL', 'ALWAYS', 'NONE',"
                + " 'SUCCEEDED', 1)")
        .setParameter(1, id)
        .executeUpdate();
  }

  private List<String> existing(UUID... ids) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                entities
                    .createNativeQuery(
                        "select cast(id as varchar) from {h-schema}run where id in (:ids)")
                    .setParameter("ids", List.of(ids))
                    .getResultList()
                    .stream()
                    .map(Object::toString)
                    .toList());
  }

  private long steps(UUID run) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        entities
                            .createNativeQuery(
                                "select count(*) from {h-schema}run_step where run_id = ?1")
                            .setParameter(1, run)
                            .getSingleResult())
                    .longValue());
  }

  private static OffsetDateTime utc(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
