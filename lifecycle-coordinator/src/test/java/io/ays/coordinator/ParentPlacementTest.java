package io.ays.coordinator;

import static io.ays.coordinator.FlowHelpers.await;
import static io.ays.coordinator.FlowHelpers.shortId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import io.ays.contracts.Phase;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Placement through a parent (the original's {@code --parent node.docker!web1}): an instance of a
 * {@code category: node} template is a node whose id is its instance name; a service installed with
 * it as parent runs there, and uninstalling the node first uninstalls what runs on it. The nodes
 * are scripted executors on the real broker.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ParentPlacementTest {

  private static final String PROCESS = "process.1 =\n    cmd:'true',\n";
  private static final String NODE_TEMPLATE = "category = 'node'\n" + PROCESS;

  KafkaBroker broker;

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  @Test
  void aServiceGivenANodeParentRunsOnThatNodeAndLeavesBeforeTheNodeIsUninstalled()
      throws Exception {
    String id = shortId();
    String host = "host-" + id;
    String nodeName = "web-" + id;
    String nodeKey = publish("box-" + id, NODE_TEMPLATE) + "/" + nodeName;
    String appKey = publish("app-" + id, PROCESS) + "/main";
    String dbKey = publish("db-" + id, PROCESS) + "/main";
    try (ScriptedNode hostNode =
            new ScriptedNode(broker.bootstrapServers(), host, (k, p) -> false);
        ScriptedNode inside =
            new ScriptedNode(broker.bootstrapServers(), nodeName, (k, p) -> false)) {
      submit("install", request(nodeKey, Map.of("node", host)));
      awaitNewestRun(nodeKey, "SUCCEEDED");

      // Both spellings of the parent: the node's key, and a plain service as parent (its node).
      submit("install", request(dbKey, Map.of("parent", nodeKey)));
      assertThat(awaitNewestRun(dbKey, "SUCCEEDED").getString("[0].node")).isEqualTo(nodeName);
      submit("install", request(appKey, Map.of("parent", dbKey)));
      assertThat(awaitNewestRun(appKey, "SUCCEEDED").getString("[0].node")).isEqualTo(nodeName);
      assertThat(inside.phasesOf(appKey)).contains(Phase.START);
      assertThat(hostNode.phasesOf(appKey)).isEmpty();

      // The plan: the services on the node first, the node once they are gone.
      JsonPath plan =
          given()
              .contentType("application/json")
              .body(request(nodeKey, Map.of()))
              .post("/requests/uninstall?dryRun=true")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      List<String> order = plan.getList("runs.instanceKey");
      assertThat(order).containsExactlyInAnyOrder(nodeKey, appKey, dbKey);
      Map<String, Object> nodeRun = runOf(plan, nodeKey);
      assertThat(String.valueOf(nodeRun.get("after"))).contains(appKey).contains(dbKey);
      assertThat(runOf(plan, appKey).get("node")).isEqualTo(nodeName);

      submit("uninstall", request(nodeKey, Map.of()));
      for (String key : List.of(appKey, dbKey, nodeKey)) {
        await(
            () -> given().get("/instances/" + key).statusCode() == 404,
            key + " is still known after the node's uninstall");
      }
      assertThat(inside.phasesOf(appKey)).contains(Phase.UNINSTALL);
      assertThat(hostNode.phasesOf(nodeKey)).contains(Phase.UNINSTALL);
    }
  }

  @Test
  void aParentThatIsNotInstalledOrDisagreesWithTheNodeIsRefusedNamingThem() throws Exception {
    String id = shortId();
    String host = "host-" + id;
    String nodeKey = publish("box-" + id, NODE_TEMPLATE) + "/web-" + id;
    String appKey = publish("app-" + id, PROCESS) + "/main";

    refused(
        request(appKey, Map.of("parent", nodeKey)),
        "parent " + nodeKey + " is not installed: install it first");

    try (ScriptedNode hostNode =
        new ScriptedNode(broker.bootstrapServers(), host, (k, p) -> false)) {
      submit("install", request(nodeKey, Map.of("node", host)));
      awaitNewestRun(nodeKey, "SUCCEEDED");
    }
    refused(
        request(appKey, Map.of("parent", nodeKey, "node", "elsewhere")),
        "node elsewhere and parent " + nodeKey + " (which places the service on node web-" + id);
    // The same node twice is no conflict.
    given()
        .contentType("application/json")
        .body(request(appKey, Map.of("parent", nodeKey, "node", "web-" + id)))
        .post("/requests/install?dryRun=true")
        .then()
        .statusCode(200)
        .body("node", containsString("web-" + id));
  }

  private static Map<String, Object> runOf(JsonPath plan, String key) {
    List<Map<String, Object>> runs = plan.getList("runs");
    return runs.stream().filter(r -> key.equals(r.get("instanceKey"))).findFirst().orElseThrow();
  }

  private static void refused(String body, String detail) {
    given()
        .contentType("application/json")
        .body(body)
        .post("/requests/install?dryRun=true")
        .then()
        .statusCode(422)
        .body("detail", allOf(containsString(detail)));
  }

  /** A request body for {@code key} with more fields (node, parent). */
  private static String request(String key, Map<String, String> more) {
    String[] parts = key.split("/");
    StringBuilder body =
        new StringBuilder(
            "{\"domain\":\""
                + parts[0]
                + "\",\"name\":\""
                + parts[1]
                + "\",\"instance\":\""
                + parts[2]
                + "\"");
    more.forEach((field, value) -> body.append(",\"" + field + "\":\"" + value + "\""));
    return body.append('}').toString();
  }

  private String publish(String name, String serviceHrd) {
    FlowHelpers.publishTemplate(broker.bootstrapServers(), "parent", name, serviceHrd, null);
    await(
        () ->
            given()
                    .contentType("application/json")
                    .body("{\"domain\":\"parent\",\"name\":\"" + name + "\",\"node\":\"x\"}")
                    .post("/requests/install?dryRun=true")
                    .statusCode()
                == 200,
        "parent/" + name + " never reached the coordinator");
    return "parent/" + name;
  }

  private static void submit(String action, String body) {
    given()
        .contentType("application/json")
        .body(body)
        .post("/requests/" + action)
        .then()
        .statusCode(202);
  }

  /** The runs of {@code key} (newest first) once the newest has {@code status}. */
  private static JsonPath awaitNewestRun(String key, String status) {
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
}
