package io.ays.coordinator;

import static io.ays.coordinator.FlowHelpers.await;
import static io.ays.coordinator.FlowHelpers.shortId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.Phase;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies as a graph, against a real broker and database, with a {@link ScriptedNode}
 * answering the commands: a shared dependency is installed once and first, dependents start only
 * after their dependencies are up, a failure stops the branch above it with the reason, stops go in
 * reverse and keep what others still use, and cycles or unknown dependencies are rejected.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class DependencyFlowTest {

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  private static final String PROCESS = "process.1 =\n    cmd:'true',\n";

  KafkaBroker broker;
  private final EventCodec codec = new EventCodec();
  private final EventFactory events = EventFactory.forService("dependency-test");

  @Test
  void aTreeWithASharedDependencyInstallsEachOnceDependenciesFirstAndStopsInReverse()
      throws Exception {
    String node = "tree-" + shortId();
    publish("tree", "base", PROCESS, null);
    publish("tree", "cache", PROCESS + "dependencies.1 =\n    name:'base',\n", null);
    publish(
        "tree",
        "db",
        PROCESS + "dependencies.1 =\n    name:'base',\n",
        "param.size = @ASK type:int\n");
    publish(
        "tree",
        "app",
        PROCESS
            + "dependencies.1 =\n    name:'cache',\n"
            + "dependencies.2 =\n    name:'db',\n    args:'dep.args.db',\n"
            + "dep.args.db =\n    param.size:'10',\n",
        "param.port = @ASK type:int default:80\n");
    awaitPlannable("tree", "app", node);

    JsonPath plan = dryRun("install", "tree", "app", node).jsonPath();
    assertThat(plan.getList("runs.instanceKey"))
        .containsExactly("tree/base/main", "tree/cache/main", "tree/db/main", "tree/app/main");
    assertThat(plan.getList("runs[3].after")).containsExactly("tree/cache/main", "tree/db/main");
    assertThat(plan.getString("runs[0].requiredBy")).isEqualTo("tree/cache/main");
    assertThat(plan.getString("runs[2].requiredBy")).isEqualTo("tree/app/main");

    try (ScriptedNode executor =
        new ScriptedNode(broker.bootstrapServers(), node, (k, p) -> false)) {
      submit("install", "tree", "app", node);
      for (String name : List.of("base", "cache", "db", "app")) {
        awaitState("tree/" + name + "/main", "RUNNING");
      }
      for (String name : List.of("base", "cache", "db", "app")) {
        assertThat(executor.phasesOf("tree/" + name + "/main"))
            .as(name + " is installed once")
            .filteredOn(p -> p == Phase.INIT)
            .hasSize(1);
      }
      int baseUp = executor.lastIndex("tree/base/main");
      assertThat(executor.firstIndex("tree/cache/main", null)).isGreaterThan(baseUp);
      assertThat(executor.firstIndex("tree/db/main", null)).isGreaterThan(baseUp);
      assertThat(executor.firstIndex("tree/app/main", null))
          .isGreaterThan(executor.lastIndex("tree/cache/main"))
          .isGreaterThan(executor.lastIndex("tree/db/main"));
      given()
          .get("/instances/tree/db/main")
          .then()
          .body("answers.'param.size'", equalTo(10))
          .body("answers.'param.port'", equalTo(null));

      int before = executor.received().size();
      submit("stop", "tree", "app", node);
      for (String name : List.of("base", "cache", "db", "app")) {
        awaitState("tree/" + name + "/main", "STOPPED");
      }
      int appStopped = executor.lastIndex("tree/app/main");
      assertThat(executor.firstIndex("tree/app/main", Phase.STOP)).isGreaterThanOrEqualTo(before);
      assertThat(firstAfter(executor, "tree/cache/main", Phase.STOP, before))
          .isGreaterThan(appStopped);
      assertThat(firstAfter(executor, "tree/base/main", Phase.STOP, before))
          .isGreaterThan(executor.lastIndex("tree/cache/main"))
          .isGreaterThan(executor.lastIndex("tree/db/main"));
    }
  }

  @Test
  void aFailingDependencyLeavesItsDependentsUnstartedAndSaysWhy() throws Exception {
    String node = "fail-" + shortId();
    publish("fail", "base", PROCESS, null);
    publish("fail", "mid", PROCESS + "dependencies.1 =\n    name:'base',\n", null);
    publish("fail", "top", PROCESS + "dependencies.1 =\n    name:'mid',\n", null);
    awaitPlannable("fail", "top", node);

    try (ScriptedNode executor =
        new ScriptedNode(
            broker.bootstrapServers(),
            node,
            (key, phase) -> key.equals("fail/mid/main") && phase == Phase.CONFIGURE)) {
      submit("install", "fail", "top", node);
      awaitState("fail/mid/main", "FAILED");
      awaitState("fail/base/main", "RUNNING");
      JsonPath top = awaitRunStatus("fail/top/main", "FAILED");
      assertThat(top.getString("[0].reason"))
          .contains("not started: fail/mid/main failed: configure on " + node + " failed")
          .contains("boom");
      assertThat(executor.phasesOf("fail/top/main")).isEmpty();
      given().get("/instances/fail/top/main").then().statusCode(404);
    }
  }

  @Test
  void stoppingOneUserKeepsADependencyAnotherRunningInstanceUses() throws Exception {
    String node = "share-" + shortId();
    publish("share", "db", PROCESS, null);
    publish("share", "one", PROCESS + "dependencies.1 =\n    name:'db',\n", null);
    publish("share", "two", PROCESS + "dependencies.1 =\n    name:'db',\n", null);
    awaitPlannable("share", "two", node);

    try (ScriptedNode executor =
        new ScriptedNode(broker.bootstrapServers(), node, (k, p) -> false)) {
      submit("install", "share", "one", node);
      awaitState("share/one/main", "RUNNING");
      submit("install", "share", "two", node);
      awaitState("share/two/main", "RUNNING");
      assertThat(executor.phasesOf("share/db/main"))
          .as("the second install finds db up to date")
          .filteredOn(p -> p == Phase.INIT)
          .hasSize(1);

      JsonPath plan = dryRun("stop", "share", "one", node).jsonPath();
      assertThat(plan.getList("runs.instanceKey")).containsExactly("share/one/main");
      submit("stop", "share", "one", node);
      awaitState("share/one/main", "STOPPED");
      given().get("/instances/share/db/main").then().body("state", equalTo("RUNNING"));
      assertThat(executor.phasesOf("share/db/main")).doesNotContain(Phase.STOP);
    }
  }

  @Test
  void cyclesAndUnknownDependenciesAreRejectedNamingThem() {
    String node = "bad-" + shortId();
    publish("loop", "a", PROCESS + "dependencies.1 =\n    name:'b',\n", null);
    publish("loop", "b", PROCESS + "dependencies.1 =\n    name:'a',\n", null);
    publish("loop", "lost", PROCESS + "dependencies.1 =\n    name:'nowhere',\n", null);
    awaitTemplate("loop", "b");
    awaitTemplate("loop", "lost");

    dryRun("install", "loop", "a", node)
        .then()
        .statusCode(422)
        .body("detail", equalTo("dependency cycle: loop/a/main -> loop/b/main -> loop/a/main"));
    dryRun("install", "loop", "lost", node)
        .then()
        .statusCode(422)
        .body("problems[0].field", equalTo("loop/lost/main: dependencies.1"))
        .body("problems[0].message", equalTo("unknown template loop/nowhere"));
  }

  private static int firstAfter(ScriptedNode executor, String key, Phase phase, int from) {
    List<ScriptedNode.Received> all = executor.received();
    for (int i = from; i < all.size(); i++) {
      if (all.get(i).instanceKey().equals(key) && all.get(i).phase() == phase) {
        return i;
      }
    }
    return -1;
  }

  private void publish(String domain, String name, String serviceHrd, String instanceHrd) {
    FlowHelpers.publishTemplate(broker.bootstrapServers(), domain, name, serviceHrd, instanceHrd);
  }

  private io.restassured.response.Response dryRun(
      String action, String domain, String name, String node) {
    return given()
        .contentType("application/json")
        .body(body(domain, name, node))
        .post("/requests/" + action + "?dryRun=true");
  }

  private void submit(String action, String domain, String name, String node) {
    given()
        .contentType("application/json")
        .body(body(domain, name, node))
        .post("/requests/" + action)
        .then()
        .statusCode(202);
  }

  private static String body(String domain, String name, String node) {
    return "{\"domain\":\"" + domain + "\",\"name\":\"" + name + "\",\"node\":\"" + node + "\"}";
  }

  private void awaitPlannable(String domain, String name, String node) {
    await(
        () -> dryRun("install", domain, name, node).statusCode() == 200,
        domain + "/" + name + " and its dependencies never reached the coordinator");
  }

  private void awaitTemplate(String domain, String name) {
    await(
        () ->
            !dryRun("install", domain, name, "x")
                .asString()
                .contains("unknown template " + domain + "/" + name + "\""),
        "template " + domain + "/" + name + " never reached the coordinator");
  }

  private void awaitState(String key, String state) {
    await(
        () -> given().get("/instances/" + key).asString().contains("\"state\":\"" + state + "\""),
        key + " never reached " + state + ": " + given().get("/instances/" + key).asString());
  }

  private JsonPath awaitRunStatus(String key, String status) {
    await(
        () ->
            given()
                .get("/instances/" + key + "/runs")
                .asString()
                .contains("\"status\":\"" + status + "\""),
        "no run of " + key + " reached " + status);
    return given().get("/instances/" + key + "/runs").jsonPath();
  }
}
