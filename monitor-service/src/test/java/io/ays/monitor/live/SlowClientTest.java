package io.ays.monitor.live;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.auth.Roles;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An event-stream client that stops reading is dropped once it falls {@link LiveFeed#MAX_PENDING}
 * changes behind, and counted, instead of having its events held for it without end. The client is
 * a real socket that sends the request and then reads nothing.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class SlowClientTest {

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  @TestHTTPResource("/events")
  URI events;

  @Inject LiveFeed feed;

  @Test
  void aClientThatStopsReadingIsDroppedAndCounted() throws Exception {
    double droppedBefore = metric("ays_monitor_live_clients_dropped_total");
    try (Socket socket = new Socket(events.getHost(), events.getPort())) {
      // Room for one full loopback segment (64 KiB): with less, the kernel lets the stream trickle
      // through zero-window probes at the end, and draining what is left took over a minute.
      socket.setReceiveBufferSize(256 * 1024);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /events HTTP/1.1\r\nHost: "
                  + events.getHost()
                  + "\r\nAccept: text/event-stream\r\nAuthorization: "
                  + TestTokens.bearer(Roles.VIEWER)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII))
          .isEqualTo("HTTP/1.1 200");

      // Far more than the socket buffers hold: 40 MiB of changes, in batches as commits come.
      String message = "x".repeat(64 * 1024);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      for (int batch = 0;
          metric("ays_monitor_live_clients_dropped_total") == droppedBefore;
          batch++) {
        assertThat(System.nanoTime()).as("the client was never dropped").isLessThan(deadline);
        List<InstanceChange> changes = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
          changes.add(
              new InstanceChange(
                  "slow/client/c" + batch, "STATUS_CHANGED", message, Instant.now()));
        }
        feed.publishCommitted(changes);
      }

      // The monitor closed the stream: what the socket still holds drains, then it ends.
      socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
      byte[] buffer = new byte[1 << 16];
      while (in.read(buffer) >= 0) {
        // drain
      }
    }
    assertThat(metric("ays_monitor_live_clients_dropped_total")).isEqualTo(droppedBefore + 1);
  }

  private static double metric(String sample) {
    String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(sample) + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$")
            .matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
