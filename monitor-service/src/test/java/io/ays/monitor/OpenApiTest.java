package io.ays.monitor;

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
import org.junit.jupiter.api.Test;

/**
 * The monitor's OpenAPI document is valid, documents every endpoint with its roles, and each error
 * it documents is what the endpoint answers, as problem details.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class OpenApiTest {

  @TestHTTPResource("/")
  URI base;

  @Test
  void documentDescribesWhatTheServiceAnswers() {
    OpenApiConformance.assertConforms(
        base,
        "io.ays.monitor",
        List.of(
            Provocation.get(
                "GET /health/{domain}/{name}/{instance}", 404, Roles.VIEWER, "/health/no/such/one"),
            Provocation.get(
                "GET /health/{domain}/{name}/{instance}/history",
                404,
                Roles.VIEWER,
                "/health/no/such/one/history"),
            Provocation.get("GET /runs", 400, Roles.VIEWER, "/runs?limit=0")),
        Map.of(
            "* 503",
            "needs the database stopped: the coordinator's DatabaseOutageTest provokes it through"
                + " the same shared mapper"));
  }
}
