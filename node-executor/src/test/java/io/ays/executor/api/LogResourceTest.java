package io.ays.executor.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.ays.testing.KafkaTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The executor serves the ends of an instance's logs, and nothing outside its log folder. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class LogResourceTest {

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  @ConfigProperty(name = "ays.executor.data-dir")
  Path dataDir;

  @Test
  void servesTheLastLinesOfEachLogOfTheInstance() throws Exception {
    String name = "logged-" + UUID.randomUUID().toString().substring(0, 8);
    Path folder = dataDir.resolve("logs").resolve("demo__" + name + "__main");
    Files.createDirectories(folder);
    String lines =
        IntStream.rangeClosed(1, 500)
            .mapToObj(i -> "line " + i)
            .collect(Collectors.joining("\n", "", "\n"));
    Files.writeString(folder.resolve("process.1.log"), lines);
    Files.writeString(folder.resolve("hooks.log"), "configured\n");
    Files.writeString(folder.resolve("process.1.log.1"), "rotated away\n");

    given()
        .queryParam("lines", 3)
        .when()
        .get("/logs/demo/{name}/main", name)
        .then()
        .statusCode(200)
        .body("instanceKey", equalTo("demo/" + name + "/main"))
        .body("node", equalTo("local"))
        .body("files.name", contains("hooks.log", "process.1.log"))
        .body("files[0].lines", contains("configured"))
        .body("files[1].lines", contains("line 498", "line 499", "line 500"))
        .body("files[1].sizeBytes", equalTo(lines.length()));
  }

  @Test
  void aLinkInTheLogFolderOrTheFolderAsALinkIsNeverFollowed() throws Exception {
    Path secret = Files.createTempFile("ays-secret-", ".log");
    Files.writeString(secret, "the secret\n");
    Path elsewhere = Files.createTempDirectory("ays-elsewhere-");
    Files.writeString(elsewhere.resolve("process.1.log"), "the secret\n");
    try {
      String name = "linked-" + UUID.randomUUID().toString().substring(0, 8);
      Path folder = dataDir.resolve("logs").resolve("demo__" + name + "__main");
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("hooks.log"), "own\n");
      Files.createSymbolicLink(folder.resolve("process.1.log"), secret);
      given()
          .get("/logs/demo/{name}/main", name)
          .then()
          .statusCode(200)
          .body("files.name", contains("hooks.log"))
          .body(org.hamcrest.Matchers.not(containsString("the secret")));

      // A service that can write its log folder's parent swaps the folder for a link.
      String swapped = "swapped-" + UUID.randomUUID().toString().substring(0, 8);
      Files.createSymbolicLink(
          dataDir.resolve("logs").resolve("demo__" + swapped + "__main"), elsewhere);
      given()
          .get("/logs/demo/{name}/main", swapped)
          .then()
          .statusCode(200)
          .body("files", empty())
          .body(org.hamcrest.Matchers.not(containsString("the secret")));
    } finally {
      Files.deleteIfExists(secret);
      Files.deleteIfExists(elsewhere.resolve("process.1.log"));
      Files.deleteIfExists(elsewhere);
    }
  }

  @Test
  void aFollowerGetsOnlyTheCompleteLinesWrittenSinceItsLastRead() throws Exception {
    String name = "followed-" + UUID.randomUUID().toString().substring(0, 8);
    Path folder = dataDir.resolve("logs").resolve("demo__" + name + "__main");
    Files.createDirectories(folder);
    Path log = folder.resolve("process.1.log");
    Files.writeString(log, "first\n");
    int end =
        given()
            .queryParam("lines", 10)
            .get("/logs/demo/{name}/main", name)
            .then()
            .statusCode(200)
            .body("files[0].lines", contains("first"))
            .extract()
            .path("files[0].endOffset");
    assertThat(end).isEqualTo(6);

    Files.writeString(log, "second\nthird\nhalf a li", java.nio.file.StandardOpenOption.APPEND);
    int next =
        given()
            .queryParam("since", "process.1.log:" + end)
            .get("/logs/demo/{name}/main", name)
            .then()
            .statusCode(200)
            .body("files[0].lines", contains("second", "third"))
            .extract()
            .path("files[0].endOffset");
    assertThat(next).as("the half-written line is left for later").isEqualTo(19);

    Files.writeString(log, "ne\n", java.nio.file.StandardOpenOption.APPEND);
    given()
        .queryParam("since", "process.1.log:" + next)
        .get("/logs/demo/{name}/main", name)
        .then()
        .body("files[0].lines", contains("half a line"));

    Files.writeString(log, "after rotation\n");
    given()
        .queryParam("since", "process.1.log:" + next)
        .get("/logs/demo/{name}/main", name)
        .then()
        .body("files[0].lines", contains("after rotation"))
        .body("files[0].endOffset", equalTo(15));

    given()
        .queryParam("since", "process.1.log:-3")
        .get("/logs/demo/{name}/main", name)
        .then()
        .statusCode(400)
        .body("detail", containsString("since: the position of process.1.log must be a byte"));
  }

  @Test
  void anInstanceWithoutLogsHasNoFiles() {
    given()
        .when()
        .get("/logs/demo/never-installed/main")
        .then()
        .statusCode(200)
        .body("files", empty());
  }

  @Test
  void aKeyPartThatIsNotANameIsRefusedNamingIt() {
    given()
        .when()
        .get("/logs/demo/..hidden/main")
        .then()
        .statusCode(400)
        .body("detail", containsString("name"));
    given()
        .queryParam("lines", -1)
        .when()
        .get("/logs/demo/x/main")
        .then()
        .statusCode(400)
        .body("detail", containsString("lines must be between 0 and 10000"));
  }
}
