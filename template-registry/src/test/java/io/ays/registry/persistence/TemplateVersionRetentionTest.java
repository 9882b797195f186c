package io.ays.registry.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.messaging.RetentionPruner;
import io.ays.registry.HostingProfile;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Only the newest 20 versions of a template are kept (with their files), on the real PostgreSQL;
 * the current version is always one of them, and a template with fewer versions keeps them all.
 * (The profile is the one most registry tests share: no restart of Quarkus for this class.)
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@TestProfile(HostingProfile.class)
class TemplateVersionRetentionTest {

  @Inject RetentionPruner pruner;
  @Inject TemplateVersionRetention retention;

  @Test
  void versionsBeyondTheNewestTwentyOfATemplateAreDeletedWithTheirFiles() {
    String name = "retained-" + UUID.randomUUID().toString().substring(0, 8);
    String small = "small-" + UUID.randomUUID().toString().substring(0, 8);
    Instant start = Instant.now().minus(Duration.ofDays(100));
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (int i = 0; i < 23; i++) {
                version(name, i, start.plus(Duration.ofDays(i)));
              }
              version(small, 0, start);
              version(small, 1, start.plus(Duration.ofDays(1)));
            });

    assertThat(pruner.prune(Instant.now())).isGreaterThanOrEqualTo(3);

    List<String> left =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    TemplateVersionEntity.history("retention", name).stream()
                        .map(v -> v.contentHash)
                        .toList());
    assertThat(left).as("the newest 20, newest first").hasSize(20).startsWith("hash-22");
    assertThat(left).doesNotContain("hash-0", "hash-1", "hash-2");
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> TemplateVersionEntity.current("retention", name).orElseThrow()))
        .extracting(v -> v.contentHash)
        .as("the current version stays")
        .isEqualTo("hash-22");
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(
                    () ->
                        TemplateFileEntity.count(
                            "version.domain = ?1 and version.name = ?2", "retention", name)))
        .as("the deleted versions' files went with them")
        .isEqualTo(20);
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> TemplateVersionEntity.history("retention", small).size()))
        .as("a template with fewer versions keeps them all")
        .isEqualTo(2);
    assertThat(QuarkusTransaction.requiringNew().call(() -> retention.pruneBatch(Instant.now(), 1)))
        .as("nothing more is due")
        .isZero();
  }

  private static void version(String name, int number, Instant created) {
    TemplateVersionEntity version = new TemplateVersionEntity();
    version.domain = "retention";
    version.name = name;
    version.contentHash = "hash-" + number;
    version.repository = "meta";
    version.createdAt = created;
    TemplateFileEntity file = new TemplateFileEntity();
    file.version = version;
    file.path = "service.hrd";
    file.content = ("process.1 =\n    cmd:'true',\n#" + number).getBytes(StandardCharsets.UTF_8);
    version.files.add(file);
    version.persist();
  }
}
