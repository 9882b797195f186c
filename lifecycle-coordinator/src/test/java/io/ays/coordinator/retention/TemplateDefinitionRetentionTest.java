package io.ays.coordinator.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.coordinator.persistence.TemplateDefinitionEntity;
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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The coordinator keeps the newest 20 versions of a template and, however old, the version an
 * installed instance runs (its restarts and uninstall use it); older unused versions are deleted,
 * on the real PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class TemplateDefinitionRetentionTest {

  @Inject RetentionPruner pruner;
  @Inject EntityManager entities;

  @Test
  void versionsBeyondTheNewestTwentyGoUnlessAnInstanceRunsThem() {
    String name = "kept-" + UUID.randomUUID().toString().substring(0, 8);
    Instant start = Instant.now().minus(Duration.ofDays(50));
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (int i = 0; i < 24; i++) {
                TemplateDefinitionEntity version = new TemplateDefinitionEntity();
                version.domain = "retention";
                version.name = name;
                version.contentHash = "hash-" + i;
                version.serviceHrd = "process.1 =\n    cmd:'true',\n";
                version.receivedAt = start.plus(Duration.ofDays(i));
                version.persist();
              }
              entities
                  .createNativeQuery(
                      "insert into {h-schema}service_instance (instance_key, domain, name,"
                          + " instance, node, template_hash, answers, state, updated_at, version)"
                          + " values (?1, 'retention', ?2, 'old', 'n1', 'hash-1', '{}',"
                          + " 'RUNNING', now(), 0)")
                  .setParameter(1, "retention/" + name + "/old")
                  .setParameter(2, name)
                  .executeUpdate();
            });

    assertThat(pruner.prune(Instant.now())).isGreaterThanOrEqualTo(3);

    List<String> left =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    TemplateDefinitionEntity.<TemplateDefinitionEntity>list(
                            "domain = 'retention' and name = ?1", name)
                        .stream()
                        .map(v -> v.contentHash)
                        .toList());
    assertThat(left)
        .as("the newest 20 and the one the installed instance runs")
        .hasSize(21)
        .contains("hash-23", "hash-4", "hash-1")
        .doesNotContain("hash-0", "hash-2", "hash-3");
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> TemplateDefinitionEntity.latest("retention", name).orElseThrow()))
        .extracting(v -> v.contentHash)
        .isEqualTo("hash-23");
  }
}
