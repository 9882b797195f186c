package io.ays.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.testing.EndpointRoles;
import io.ays.testing.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every REST endpoint of this service, found in its classes, refuses anonymous callers (401) and
 * tokens without one of its roles (403) and lets its weakest role in; health and the OpenAPI
 * document stay open.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RestRolesTest {

  @TestHTTPResource("/")
  URI base;

  @Test
  void everyEndpointRefusesCallersWithoutItsRole() {
    EndpointRoles.assertEnforced(base, "io.ays.executor");
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
}
