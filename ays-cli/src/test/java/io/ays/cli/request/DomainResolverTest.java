package io.ays.cli.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.ays.cli.rest.CoordinatorClient;
import io.ays.cli.rest.RegistryClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DomainResolverTest {

  private final Target target = Target.of("hello-http", null, null);

  @Test
  void theOnlyDomainIsTaken() {
    assertThat(DomainResolver.only(new TreeSet<>(java.util.Set.of("e2e")), target, false))
        .isEqualTo("e2e");
  }

  @Test
  void noneIsAnErrorNamingTheTemplate() {
    assertThatThrownBy(() -> DomainResolver.only(new TreeSet<>(), target, false))
        .hasMessageStartingWith("no template hello-http in the registry");
  }

  @Test
  void severalAreListed() {
    assertThatThrownBy(
            () -> DomainResolver.only(new TreeSet<>(java.util.Set.of("b", "a")), target, true))
        .hasMessage("instance hello-http/main exists in the domains a, b: give -d");
  }

  @Test
  void aRegistryThatCannotAnswerIsNamedWithItsReasonAndTheWayAround() throws Exception {
    // A real HTTP server answering as an AYS service does while its database is down.
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] problem =
        ("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                + "\"detail\":\"the database is unavailable\","
                + "\"reason\":\"the database is unavailable\"}")
            .getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
          exchange.sendResponseHeaders(503, problem.length);
          exchange.getResponseBody().write(problem);
          exchange.close();
        });
    server.start();
    try {
      URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
      DomainResolver resolver =
          new DomainResolver(() -> new RegistryClient(base), () -> new CoordinatorClient(base));
      assertThatThrownBy(() -> resolver.resolve(target, false))
          .hasMessage(
              "the registry answered 503 to GET /templates: the database is unavailable"
                  + " (asked to find the name's domain: give -d DOMAIN to skip this)");
    } finally {
      server.stop(0);
    }
  }
}
