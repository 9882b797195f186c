package io.ays.registry;

import static io.restassured.RestAssured.given;

import io.ays.contracts.auth.Roles;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.OpenApiConformance;
import io.ays.testing.OpenApiConformance.Provocation;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The registry's OpenAPI document is valid, documents every endpoint with its roles, and each error
 * it documents is what the endpoint answers, as problem details.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@TestProfile(HostingProfile.class)
class OpenApiTest {

  private static final String CREATE = "POST /git-repositories";
  private static final String VALIDATE = "POST /templates/validate";
  private static final String JSON = "application/json";
  // Long enough to be read as tar headers, and not one.
  private static final String NOT_A_TAR =
      "not a tar archive, but long enough to be read ".repeat(12);

  @TestHTTPResource("/")
  URI base;

  @Test
  void documentDescribesWhatTheServiceAnswers() {
    String existing = "openapi/taken-" + UUID.randomUUID().toString().substring(0, 8);
    given()
        .header("Authorization", TestTokens.bearer(Roles.ADMIN))
        .contentType(JSON)
        .body("{\"name\":\"" + existing + "\"}")
        .post("/git-repositories")
        .then()
        .statusCode(201);

    OpenApiConformance.assertConforms(
        base,
        "io.ays.registry",
        List.of(
            Provocation.get(
                "GET /templates/{domain}/{name}", 404, Roles.VIEWER, "/templates/no/such"),
            Provocation.get(
                "GET /templates/{domain}/{name}/versions/{hash}",
                404,
                Roles.VIEWER,
                "/templates/no/such/versions/abc"),
            Provocation.post("POST /sync", 404, Roles.PUBLISHER, "/sync?domain=nope", JSON, "{}"),
            Provocation.post(
                VALIDATE,
                400,
                Roles.PUBLISHER,
                "/templates/validate",
                "application/x-tar",
                NOT_A_TAR),
            Provocation.post(
                VALIDATE, 415, Roles.PUBLISHER, "/templates/validate", "text/plain", "no tar"),
            Provocation.post(CREATE, 400, Roles.ADMIN, "/git-repositories", JSON, "{}"),
            Provocation.post(
                CREATE, 400, Roles.ADMIN, "/git-repositories", JSON, "{\"name\":\"../up\"}"),
            Provocation.post(
                CREATE, 403, Roles.PUBLISHER, "/git-repositories", JSON, "{\"name\":\"not/mine\"}"),
            Provocation.post(
                CREATE,
                409,
                Roles.ADMIN,
                "/git-repositories",
                JSON,
                "{\"name\":\"" + existing + "\"}"),
            Provocation.post(CREATE, 415, Roles.ADMIN, "/git-repositories", "text/plain", "x")),
        Map.of(
            "* 503",
            "needs the database stopped: the coordinator's DatabaseOutageTest provokes it through"
                + " the same shared mapper"));
  }
}
