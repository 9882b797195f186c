package io.ays.coordinator;

import static io.ays.coordinator.FlowHelpers.await;
import static io.ays.coordinator.FlowHelpers.shortId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.ays.contracts.Phase;
import io.ays.testing.EventLog;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Placement: a request for a node the coordinator has not heard from (no heartbeat on {@code
 * ays.nodes}), or that fell silent, waits with the reason visible on the run, goes on when the node
 * appears, and fails naming the node once {@code ays.coordinator.node-wait} (4 s in tests) has
 * passed, instead of sending commands nobody takes.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class NodePlacementTest {

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  private static final String PROCESS = "process.1 =\n    cmd:'true',\n";

  KafkaBroker broker;

  @Test
  void aRequestForAnUnknownNodeWaitsSayingWhyThenFailsNamingTheNode() {
    String node = "ghost-" + shortId();
    String key = publish("place", "ghostly-" + shortId()) + "/main";
    submit("install", key, node);

    awaitRunsOf(key, "waiting for the node: node " + node + " is unknown: no heartbeat ever");
    JsonPath runs = awaitNewestRun(key, "FAILED");
    assertThat(runs.getString("[0].reason"))
        .contains("node " + node + " is unknown")
        .contains("gave up after waiting");
    assertThat(runs.getList("[0].steps.status")).contains("FAILED");
  }

  @Test
  void aWaitingRequestGoesOnWhenItsNodeIsHeardFrom() throws Exception {
    String node = "late-" + shortId();
    String key = publish("place", "patient-" + shortId()) + "/main";
    submit("install", key, node);
    awaitRunsOf(key, "waiting for the node: node " + node + " is unknown");

    try (ScriptedNode executor =
        new ScriptedNode(broker.bootstrapServers(), node, (k, p) -> false)) {
      JsonPath runs = awaitNewestRun(key, "SUCCEEDED");
      assertThat(runs.getList("[0].steps.reason").toString()).doesNotContain("waiting");
      assertThat(executor.phasesOf(key)).contains(Phase.INIT, Phase.START);
    }
  }

  @Test
  void aNodeThatFellSilentHoldsItsCommandsAndTheRunFailsNamingIt() throws Exception {
    String node = "quiet-" + shortId();
    String key = publish("place", "hushed-" + shortId()) + "/main";
    try (ScriptedNode executor =
        new ScriptedNode(broker.bootstrapServers(), node, (k, p) -> false)) {
      submit("install", key, node);
      awaitNewestRun(key, "SUCCEEDED");
    }
    // The node stops sending heartbeats; past ays.coordinator.node-silence (2 s in tests, or three
    // of its 1 s intervals) it is silent.
    Thread.sleep(Duration.ofSeconds(4).toMillis());
    submit("stop", key, node);

    awaitRunsOf(key, "node " + node + " is silent: last heartbeat");
    JsonPath runs = awaitNewestRun(key, "FAILED");
    assertThat(runs.getList("reason").toString()).contains("node " + node + " is silent");
  }

  @Test
  void logsAreReadFromTheInstancesNodeAndAnUnreachableNodeIsNamed() throws Exception {
    String node = "logger-" + shortId();
    String key = publish("place", "chatty-" + shortId()) + "/main";
    try (ScriptedNode executor =
        new ScriptedNode(broker.bootstrapServers(), node, (k, p) -> false)) {
      submit("install", key, node);
      awaitNewestRun(key, "SUCCEEDED");
    }
    given()
        .get("/instances/" + key + "/logs")
        .then()
        .statusCode(503)
        .body("detail", containsString("node " + node + " publishes no endpoint"));

    // The node now says where its API is, but nothing listens there.
    String endpoint = "http://127.0.0.1:" + closedPort();
    Heartbeats.send(broker.bootstrapServers(), node, endpoint);
    await(
        () -> given().get("/instances/" + key + "/logs").statusCode() == 502,
        "the endpoint of " + node + " was never used");
    given()
        .get("/instances/" + key + "/logs")
        .then()
        .body("detail", containsString("node " + node + " at " + endpoint + " did not answer"));

    given()
        .get("/instances/place/never-installed/main/logs")
        .then()
        .statusCode(404)
        .body("detail", equalTo("no instance place/never-installed/main"));
  }

  @Test
  void aHeartbeatThatWouldSteerLogReadsElsewhereIsDeadLetteredAndTheNodeKeepsItsEndpoint()
      throws Exception {
    String node = "steady-" + shortId();
    String key = installOn(node, "steered-" + shortId());
    AtomicInteger elsewhereHits = new AtomicInteger();
    HttpServer genuine = server(exchange -> answer(exchange, "{\"logs\":\"genuine\"}"));
    HttpServer elsewhere =
        server(
            exchange -> {
              elsewhereHits.incrementAndGet();
              answer(exchange, "{\"logs\":\"stolen\"}");
            });
    try (EventLog log = new EventLog(broker.bootstrapServers(), List.of("ays.dead-letter"))) {
      String good = "http://127.0.0.1:" + genuine.getAddress().getPort();
      Heartbeats.send(broker.bootstrapServers(), node, good);
      await(
          () -> given().get("/instances/" + key + "/logs").asString().contains("genuine"),
          "the endpoint of " + node + " was never used");

      String other = "127.0.0.1:" + elsewhere.getAddress().getPort();
      List<String> steering =
          List.of(
              "http://" + other + "/admin?x=1",
              "http://user:pw@" + other,
              "http://" + other + "#frag",
              "file:///etc/passwd");
      for (String endpoint : steering) {
        FlowHelpers.send(
            broker.bootstrapServers(), "ays.nodes", node, heartbeatNaming(node, endpoint));
      }
      // Another node's heartbeat under this node's key: it would replace this node's endpoint.
      FlowHelpers.send(
          broker.bootstrapServers(),
          "ays.nodes",
          node,
          Heartbeats.of("impostor-" + shortId(), 3600, "http://" + other).value());

      for (String endpoint : steering) {
        assertThat(deadLetterOf(log, node, endpoint))
            .contains("endpoint")
            .contains("http(s)://host[:port] only (no user, path, query or fragment)");
      }
      assertThat(deadLetterOf(log, node, "under the key " + node))
          .contains("the key must be the node id");
    }
    given()
        .get("/instances/" + key + "/logs")
        .then()
        .statusCode(200)
        .body(containsString("genuine"));
    assertThat(elsewhereHits).hasValue(0);
    genuine.stop(0);
    elsewhere.stop(0);
  }

  @Test
  void aNodeAnswerThatNeverEndsIsCutAtTheLimitAndNamed() throws Exception {
    String node = "flood-" + shortId();
    String key = installOn(node, "flooded-" + shortId());
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'x');
    HttpServer flood =
        server(
            exchange -> {
              exchange.sendResponseHeaders(200, 0); // chunked, no length: it goes on and on
              try (var body = exchange.getResponseBody()) {
                while (true) {
                  body.write(chunk);
                }
              } catch (java.io.IOException e) {
                // the coordinator hung up, as it should
              }
            });
    String endpoint = "http://127.0.0.1:" + flood.getAddress().getPort();
    Heartbeats.send(broker.bootstrapServers(), node, endpoint);
    await(
        () -> given().get("/instances/" + key + "/logs").statusCode() == 502,
        "the endpoint of " + node + " was never used");
    given()
        .get("/instances/" + key + "/logs")
        .then()
        .statusCode(502)
        .body(
            "detail",
            equalTo(
                "node "
                    + node
                    + " at "
                    + endpoint
                    + " answered more than 33554432 bytes: refused"));
    flood.stop(0);
  }

  private String installOn(String node, String name) throws Exception {
    String key = publish("place", name) + "/main";
    try (ScriptedNode executor =
        new ScriptedNode(broker.bootstrapServers(), node, (k, p) -> false)) {
      submit("install", key, node);
      awaitNewestRun(key, "SUCCEEDED");
    }
    return key;
  }

  /** A heartbeat of {@code node} whose endpoint is {@code endpoint}, as a forger would write it. */
  private static String heartbeatNaming(String node, String endpoint) {
    String placeholder = "http://placeholder.invalid:1";
    return Heartbeats.of(node, 3600, placeholder).value().replace(placeholder, endpoint);
  }

  private static String deadLetterOf(EventLog log, String key, String containing)
      throws InterruptedException {
    return log.await(
            "a dead letter of " + key + " with " + containing,
            r -> key.equals(r.key()) && r.value().contains(containing),
            Duration.ofSeconds(30))
        .value();
  }

  private static HttpServer server(HttpHandler handler) throws java.io.IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", handler);
    server.start();
    return server;
  }

  private static void answer(HttpExchange exchange, String json) throws java.io.IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static int closedPort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private String publish(String domain, String name) {
    FlowHelpers.publishTemplate(broker.bootstrapServers(), domain, name, PROCESS, null);
    await(
        () -> dryRun(domain, name).statusCode() == 200,
        domain + "/" + name + " never reached the coordinator");
    return domain + "/" + name;
  }

  private io.restassured.response.Response dryRun(String domain, String name) {
    return given()
        .contentType("application/json")
        .body("{\"domain\":\"" + domain + "\",\"name\":\"" + name + "\",\"node\":\"x\"}")
        .post("/requests/install?dryRun=true");
  }

  private void submit(String action, String key, String node) {
    String[] parts = key.split("/");
    given()
        .contentType("application/json")
        .body(
            "{\"domain\":\""
                + parts[0]
                + "\",\"name\":\""
                + parts[1]
                + "\",\"node\":\""
                + node
                + "\"}")
        .post("/requests/" + action)
        .then()
        .statusCode(202);
  }

  /** The runs of {@code key} (newest first) once the newest has {@code status}. */
  private JsonPath awaitNewestRun(String key, String status) {
    await(
        () ->
            status.equals(given().get("/instances/" + key + "/runs").jsonPath().get("[0].status")),
        "the newest run of "
            + key
            + " never reached "
            + status
            + ": "
            + given().get("/instances/" + key + "/runs").asString());
    return given().get("/instances/" + key + "/runs").jsonPath();
  }

  /** The runs of {@code key} (newest first) once their JSON contains {@code text}. */
  private JsonPath awaitRunsOf(String key, String text) {
    await(
        () -> given().get("/instances/" + key + "/runs").asString().contains(text),
        "the runs of "
            + key
            + " never showed '"
            + text
            + "': "
            + given().get("/instances/" + key + "/runs").asString());
    return given().get("/instances/" + key + "/runs").jsonPath();
  }
}
