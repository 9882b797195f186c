package io.ays.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.MetricsScrape;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.PrometheusText;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry against a real git repository, broker and database: a sync stores each template
 * version and publishes it on ays.templates once; a sync with no change publishes nothing; an
 * invalid template is reported with file and line and not published, while the rest is.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@TestProfile(RegistrySyncTest.Repo.class)
class RegistrySyncTest {

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  static final Path UPSTREAM =
      Path.of("target/test-upstream-" + UUID.randomUUID()).toAbsolutePath();

  /** Points the registry at a git repository the test owns. */
  public static class Repo implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "ays.registry.repositories",
          "demo=" + UPSTREAM.toUri() + "#main",
          "ays.registry.sync-interval",
          "1h",
          "ays.registry.sync-on-start",
          "false");
    }
  }

  KafkaBroker broker;

  @TestHTTPResource("/")
  URI base;

  @Test
  void syncStoresAndPublishesNewVersionsOnlyAndReportsInvalidTemplates() throws Exception {
    PrometheusText before = MetricsScrape.scrape(base);
    try (Git git = Git.init().setDirectory(UPSTREAM.toFile()).setInitialBranch("main").call()) {
      write("web/service.hrd", "process.1 =\n    cmd:'python3',\n    ports:'8080',\n");
      write("web/instance.hrd", "param.port = @ASK type:int default:8080\n");
      write("broken/service.hrd", "process.1 =\n    cmd:'x',\n    oops,\n");
      commit(git, "two templates");

      given()
          .post("/sync")
          .then()
          .statusCode(200)
          .body("repositories[0].published", equalTo(List.of("demo/web")))
          .body(
              "repositories[0].invalid[0]",
              equalTo(
                  "demo/broken: demo/broken/service.hrd:3:1: expected 'key:value,' in a multi-line dict,"
                      + " found 'oops,'"));
      given()
          .get("/templates/demo/web")
          .then()
          .statusCode(200)
          .body("current.domain", equalTo("demo"))
          .body("versions.size()", equalTo(1));

      given()
          .post("/sync")
          .then()
          .statusCode(200)
          .body("repositories[0].published.size()", equalTo(0))
          .body("repositories[0].unchanged", equalTo(1));

      // A different length on purpose: JGit's index takes a same-size file rewritten within the
      // same second for unchanged (racy git), and the commit would not hold the change.
      write("web/service.hrd", "process.1 =\n    cmd:'python3',\n    ports:'18081',\n");
      commit(git, "change the port");
      given()
          .post("/sync")
          .then()
          .statusCode(200)
          .body("repositories[0].published", equalTo(List.of("demo/web")));
      given().get("/templates/demo/web").then().body("versions.size()", equalTo(2));
    }

    List<ConsumerRecord<String, String>> published = readAll("ays.templates", 2);
    assertThat(published).hasSize(2).allMatch(r -> r.key().equals("demo/web"));
    assertThat(published.get(1).value())
        .contains("\"type\":\"ays.template.definition.v1\"")
        .contains("ports:'18081'");

    // The three syncs each found the broken template: counted as syncs with invalid templates.
    PrometheusText after = MetricsScrape.scrape(base);
    String[] demoInvalid = {"domain", "demo", "outcome", "invalid"};
    assertThat(
            after.sum("ays_registry_syncs_total", demoInvalid)
                - before.sum("ays_registry_syncs_total", demoInvalid))
        .isEqualTo(3.0);
    assertThat(
            after.sum("ays_registry_sync_duration_seconds_count", demoInvalid)
                - before.sum("ays_registry_sync_duration_seconds_count", demoInvalid))
        .isEqualTo(3.0);
    assertThat(after.sum("ays_registry_templates", "state", "invalid")).isEqualTo(1.0);
    assertThat(after.sum("ays_registry_templates", "state", "current")).isGreaterThanOrEqualTo(1);
    MetricsScrape.assertExportsWhatTheListSays(after, "template-registry");
  }

  private static void write(String path, String content) throws Exception {
    Path file = UPSTREAM.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static void commit(Git git, String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.commit()
        .setMessage(message)
        .setAuthor("t", "t@localhost")
        .setCommitter("t", "t@localhost")
        .setSign(false)
        .call();
  }

  /** Every record on {@code topic}, after waiting for at least {@code expected} of them. */
  private List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        if (records.size() >= expected) {
          // read a little longer: a sync with no change must not have published anything
          consumer.poll(Duration.ofSeconds(2)).forEach(records::add);
          break;
        }
      }
    }
    return records;
  }
}
