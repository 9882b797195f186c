package io.ays.executor;

import io.ays.contracts.auth.Roles;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.OpenApiConformance;
import io.ays.testing.OpenApiConformance.Provocation;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The executor's OpenAPI document is valid, documents every endpoint with its roles, and each error
 * it documents is what the endpoint answers, as problem details.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class OpenApiTest {

  private static final String LOGS = "GET /logs/{domain}/{name}/{instance}";

  @TestHTTPResource("/")
  URI base;

  @Test
  void documentDescribesWhatTheServiceAnswers() {
    OpenApiConformance.assertConforms(
        base,
        "io.ays.executor",
        List.of(
            Provocation.get(LOGS, 400, Roles.VIEWER, "/logs/demo/x/main?lines=-1"),
            Provocation.get(LOGS, 400, Roles.VIEWER, "/logs/demo/x/main?since=process.1.log:-3")),
        Map.of());
  }
}
