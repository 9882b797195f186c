package io.ays.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.auth.Roles;
import io.ays.testing.EndpointRoles;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.OversizedRequests;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every REST endpoint of this service, found in its classes, refuses anonymous callers (401) and
 * tokens without one of its roles (403) and lets its weakest role in; health and the OpenAPI
 * document stay open, and metrics take a token of any role.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RestRolesTest {

  @TestHTTPResource("/")
  URI base;

  @Test
  void everyEndpointRefusesCallersWithoutItsRole() {
    EndpointRoles.assertEnforced(base, "io.ays.monitor");
  }

  @Test
  void openApiDocumentNeedsNoToken() {
    assertThat(
            EndpointRoles.status(
                base,
                new EndpointRoles.Endpoint("GET", "/q/openapi", "", List.of(), "openapi"),
                null))
        .isEqualTo(200);
  }

  @Test
  void healthNeedsNoToken() {
    assertThat(
            EndpointRoles.status(
                base,
                new EndpointRoles.Endpoint("GET", "/q/health/live", "", List.of(), "health"),
                null))
        .isEqualTo(200);
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413AndProblemDetailsBeforeAnythingReadsIt() {
    var answer = OversizedRequests.post(base.getPort(), "/health", 100000L);
    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.head()).containsIgnoringCase("content-type: application/problem+json");
    assertThat(answer.body())
        .contains("\"status\":413")
        .contains(
            "the request body is 100000 bytes, over the limit of 65536 bytes"
                + " (quarkus.http.limits.max-body-size)");
  }

  @Test
  void metricsNeedATokenOfAnyRole() {
    EndpointRoles.Endpoint metrics =
        new EndpointRoles.Endpoint("GET", "/q/metrics", "", Roles.ALL, "metrics");
    assertThat(EndpointRoles.status(base, metrics, null)).isEqualTo(401);
    assertThat(EndpointRoles.status(base, metrics, TestTokens.bearer(Roles.VIEWER))).isEqualTo(200);
  }
}
