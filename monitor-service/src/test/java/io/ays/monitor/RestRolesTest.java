package io.ays.monitor;

import io.ays.testing.EndpointRoles;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.OversizedRequests;
import io.ays.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
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
  void healthOpenApiAndMetricsAreOpenOrNeedAnyRole() {
    EndpointRoles.assertSharedEndpoints(base);
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413AndProblemDetailsBeforeAnythingReadsIt() {
    OversizedRequests.assertRefused(base.getPort(), "/health", 100000L, 65536L);
  }
}
