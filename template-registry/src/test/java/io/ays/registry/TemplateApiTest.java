package io.ays.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import io.ays.registry.domain.TemplateArchive;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST API a person or the CLI uses: search templates by name, domain and text; get one with
 * its files and versions; validate uploaded templates without publishing them; OpenAPI.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@TestProfile(HostingProfile.class)
class TemplateApiTest {

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  private static final String BROKEN_HRD = "process.1 =\n    cmd:'x',\n    oops,\n";
  private static final String BROKEN_PROBLEM =
      "3:1: expected 'key:value,' in a multi-line dict, found 'oops,'";

  @TestHTTPResource("/")
  URL base;

  private static boolean libPushed;

  /** The domain 'lib' (a hosted metadata repository) holds three templates, pushed once. */
  @BeforeEach
  void libRepositoryPushedAndSynced() throws Exception {
    if (libPushed) {
      return;
    }
    Path dir =
        Files.createTempDirectory(Files.createDirectories(Path.of("target")), "lib-templates-");
    try (Git git = TestRepos.init(dir)) {
      TestRepos.write(
          git,
          "redis/service.hrd",
          "description = 'In-memory key value store'\nprocess.1 =\n    cmd:'redis-server',\n");
      TestRepos.write(git, "redis/instance.hrd", "param.port = @ASK type:int default:6379\n");
      TestRepos.write(git, "redis/hooks/monitor", "#!/bin/sh\nredis-cli ping\n");
      dir.resolve("redis/hooks/monitor").toFile().setExecutable(true);
      TestRepos.write(
          git,
          "redis_exporter/service.hrd",
          "description = 'Prometheus metrics of a key value store'\n");
      TestRepos.write(
          git,
          "postgresql/service.hrd",
          "description = 'Relational database'\nprocess.1 =\n    cmd:'postgres',\n    ports:'5432',\n");
      TestRepos.commit(git, "three templates");
      git.push()
          .setRemote(base + "git/lib/templates.git")
          .setRefSpecs(new RefSpec("HEAD:refs/heads/master"))
          .setCredentialsProvider(
              new UsernamePasswordCredentialsProvider(HostingProfile.USER, HostingProfile.PASSWORD))
          .call();
    }
    // The push syncs 'lib' by itself; syncing it here too makes the test independent of timing.
    given().post("/sync?domain=lib").then().statusCode(200);
    libPushed = true;
  }

  @Test
  void searchesByDomainNameAndText() {
    given()
        .get("/templates?domain=lib")
        .then()
        .statusCode(200)
        .body("name", contains("postgresql", "redis", "redis_exporter"));
    given()
        .get("/templates?name=REDIS")
        .then()
        .body("name", containsInAnyOrder("redis", "redis_exporter"));
    given()
        .get("/templates?q=relational")
        .then()
        .body("name", contains("postgresql"))
        .body("[0].description", equalTo("Relational database"));
    // every word must match, anywhere in name, description or HRD
    given().get("/templates?q=key value in-memory").then().body("name", contains("redis"));
    given().get("/templates?domain=lib&q=5432").then().body("name", contains("postgresql"));
    given().get("/templates?domain=lib&q=6379").then().body("name", contains("redis"));
    given().get("/templates?domain=nope").then().statusCode(200).body("$", empty());
    // LIKE wildcards in a query are plain characters
    given().get("/templates?domain=lib&name=%25").then().body("$", empty());
    given().get("/templates?domain=lib&name=_").then().body("name", contains("redis_exporter"));
  }

  @Test
  void getsATemplateWithItsFilesAndVersions() {
    given()
        .get("/templates/lib/redis")
        .then()
        .statusCode(200)
        .body("current.serviceHrd", containsString("redis-server"))
        .body("current.instanceHrd", containsString("@ASK type:int"))
        .body("current.files", hasKey("hooks/monitor"))
        .body("versions.size()", equalTo(1))
        .body("versions[0].repository", equalTo("hosted:lib/templates.git"));
    given().get("/templates/lib/nothing").then().statusCode(404);
  }

  @Test
  void aSyncOfAnUnknownDomainIsRefusedAndASyncWithNoChangePublishesNothing() {
    given()
        .post("/sync?domain=nope")
        .then()
        .statusCode(404)
        .body("detail", containsString("domain 'nope'"));
    given()
        .post("/sync?domain=lib")
        .then()
        .statusCode(200)
        .body("repositories.size()", equalTo(1))
        .body("repositories[0].published", empty())
        .body("repositories[0].unchanged", equalTo(3));
  }

  @Test
  void validatingReportsEveryProblemWithFileAndLineAndPublishesNothing() throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("web/service.hrd", "process.1 =\n    cmd:'python3',\n    ports:'8080',\n");
    files.put("broken/service.hrd", BROKEN_HRD);
    files.put("../evil/service.hrd", "x = 1\n");
    given()
        .contentType("application/x-tar")
        .body(tar(files))
        .post("/templates/validate?domain=mine")
        .then()
        .statusCode(200)
        .body("valid", equalTo(false))
        .body(
            "problems",
            contains(
                "archive entry '../evil/service.hrd': the path leaves the archive; left out",
                "mine/broken/service.hrd:" + BROKEN_PROBLEM))
        .body("templates.name", contains("broken", "web"))
        .body("templates.find { it.name == 'web' }.valid", equalTo(true))
        .body("templates.find { it.name == 'broken' }.valid", equalTo(false));
    // nothing of it was stored
    given().get("/templates/mine/web").then().statusCode(404);
  }

  @Test
  void aGoodTemplateValidatesWithNoProblemEvenGzippedAtTheArchiveRoot() throws Exception {
    byte[] tar = tar(Map.of("service.hrd", "process.1 =\n    cmd:'python3',\n"));
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(gzipped)) {
      gz.write(tar);
    }
    given()
        .contentType("application/gzip")
        .body(gzipped.toByteArray())
        .post("/templates/validate?name=solo")
        .then()
        .statusCode(200)
        .body("valid", equalTo(true))
        .body("problems", empty())
        .body("templates[0].domain", equalTo("upload"))
        .body("templates[0].name", equalTo("solo"))
        .body("templates[0].folder", equalTo(""));
  }

  @Test
  void anUnreadableUploadOrOneWithoutTemplatesSaysSo() throws Exception {
    given()
        .contentType("application/x-tar")
        .body(
            "this is not a tar archive at all, but it is long enough to be read"
                .repeat(10)
                .getBytes(StandardCharsets.UTF_8))
        .post("/templates/validate")
        .then()
        .statusCode(400)
        .body("detail", containsString("request body: not a readable tar archive"));
    given()
        .contentType("application/x-tar")
        .body(tar(Map.of("README", "no template here\n")))
        .post("/templates/validate")
        .then()
        .statusCode(200)
        .body("valid", equalTo(false))
        .body("problems", hasItem(containsString("the archive holds no service.hrd")));
  }

  @Test
  void anArchiveOfTooManyEntriesOrABombIsRefusedNamingTheLimit() throws Exception {
    ByteArrayOutputStream many = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(many)) {
      for (int i = 0; i <= TemplateArchive.MAX_ENTRIES; i++) {
        tar.putArchiveEntry(new TarArchiveEntry("d" + i + "/"));
        tar.closeArchiveEntry();
      }
    }
    given()
        .contentType("application/x-tar")
        .body(many.toByteArray())
        .post("/templates/validate")
        .then()
        .statusCode(400)
        .body("detail", equalTo("request body: the archive holds more than 10000 entries"));

    // 100 MiB of zeros in one entry (over the file limit, so read through): 100 KiB gzipped.
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new java.util.zip.GZIPOutputStream(bomb))) {
      TarArchiveEntry entry = new TarArchiveEntry("zeros.bin");
      entry.setSize(100L * 1024 * 1024);
      tar.putArchiveEntry(entry);
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < 100; i++) {
        tar.write(zeros);
      }
      tar.closeArchiveEntry();
    }
    assertThat(bomb.size()).isLessThan(1024 * 1024);
    given()
        .contentType("application/gzip")
        .body(bomb.toByteArray())
        .post("/templates/validate")
        .then()
        .statusCode(400)
        .body(
            "detail",
            equalTo(
                "request body: the archive is larger than "
                    + TemplateArchive.MAX_UPLOAD_BYTES
                    + " bytes (uncompressed)"));
  }

  @Test
  void publishesItsOpenApiDocument() {
    given()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("paths", hasKey("/templates/validate"))
        .body("paths", hasKey("/git-repositories"))
        .body("paths", hasKey("/templates/{domain}/{name}"));
  }

  private static byte[] tar(Map<String, String> files) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (Map.Entry<String, String> file : files.entrySet()) {
        byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(file.getKey(), true);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }
}
