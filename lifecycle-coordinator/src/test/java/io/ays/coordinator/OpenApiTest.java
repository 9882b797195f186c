package io.ays.coordinator;

import io.ays.contracts.auth.Roles;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.OpenApiConformance;
import io.ays.testing.OpenApiConformance.Provocation;
import io.ays.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's OpenAPI document is valid, documents every endpoint with its roles, and each
 * error it documents is what the endpoint answers, as problem details.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class OpenApiTest {

  private static final String SUBMIT = "POST /requests/{action}";
  private static final String LOGS = "GET /instances/{domain}/{name}/{instance}/logs";
  private static final String RESET = "POST /instances/{domain}/{name}/{instance}/reset";
  private static final String JSON = "application/json";

  @TestHTTPResource("/")
  URI base;

  @Test
  void documentDescribesWhatTheServiceAnswers() {
    String unknownRun = "/runs/" + UUID.randomUUID();
    OpenApiConformance.assertConforms(
        base,
        "io.ays.coordinator",
        List.of(
            Provocation.post(SUBMIT, 400, Roles.OPERATOR, "/requests/install", JSON, ""),
            Provocation.post(
                SUBMIT,
                400,
                Roles.OPERATOR,
                "/requests/install?dryRun=true",
                JSON,
                "{\"domain\":\"no such domain\",\"name\":\"x\"}"),
            Provocation.post(
                SUBMIT, 415, Roles.OPERATOR, "/requests/install", "text/plain", "install x"),
            Provocation.post(SUBMIT, 400, Roles.OPERATOR, "/requests/install", JSON, "{\"name\":"),
            Provocation.post(
                SUBMIT,
                404,
                Roles.OPERATOR,
                "/requests/reboot",
                JSON,
                "{\"domain\":\"demo\",\"name\":\"x\"}"),
            Provocation.post(
                SUBMIT,
                413,
                Roles.OPERATOR,
                "/requests/install",
                JSON,
                "{\"domain\":\"demo\",\"name\":\"huge\",\"answers\":{\"param.blob\":\""
                    + "x".repeat(1536 * 1024)
                    + "\"}}"),
            Provocation.post(
                SUBMIT,
                422,
                Roles.OPERATOR,
                "/requests/install?dryRun=true",
                JSON,
                "{\"domain\":\"demo\",\"name\":\"nope\"}"),
            Provocation.get("GET /runs/{id}", 404, Roles.VIEWER, unknownRun),
            Provocation.get("GET /runs/{id}/request", 404, Roles.VIEWER, unknownRun + "/request"),
            Provocation.get(
                "GET /instances/{domain}/{name}/{instance}",
                404,
                Roles.VIEWER,
                "/instances/no/such/one"),
            Provocation.get(LOGS, 400, Roles.VIEWER, "/instances/demo/..hidden/main/logs"),
            Provocation.get(LOGS, 404, Roles.VIEWER, "/instances/no/such/one/logs"),
            Provocation.post(
                RESET, 400, Roles.OPERATOR, "/instances/demo/..x/main/reset", JSON, ""),
            Provocation.post(RESET, 404, Roles.OPERATOR, "/instances/no/such/one/reset", JSON, "")),
        Map.of(
            "* 503",
            "needs the database stopped (DatabaseOutageTest provokes it) or, for logs, a node"
                + " without an endpoint (NodePlacementTest)",
            LOGS + " 502",
            "needs a node that does not answer: NodePlacementTest provokes it with a scripted"
                + " node"));
  }
}
