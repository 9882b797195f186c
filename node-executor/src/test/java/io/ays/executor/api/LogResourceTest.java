package io.ays.executor.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.ays.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The executor serves the ends of an instance's logs, and nothing outside its log folder. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class LogResourceTest {

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
        .body("reason", containsString("name"));
    given()
        .queryParam("lines", -1)
        .when()
        .get("/logs/demo/x/main")
        .then()
        .statusCode(400)
        .body("reason", containsString("lines must be between 0 and 10000"));
  }
}
