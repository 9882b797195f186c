package io.ays.coordinator;

import static io.ays.coordinator.FlowHelpers.await;
import static io.ays.coordinator.FlowHelpers.shortId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.ays.contracts.Phase;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The original's {@code removedata} and {@code reset} against a real broker and database, with a
 * {@link ScriptedNode} answering the commands: removedata stops the instance before its data goes
 * and leaves it installed; it is refused under a running user; reset makes the next install run
 * every phase without touching the running service; unknown instances are refused by name.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RemoveDataAndResetFlowTest {

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  private static final String PROCESS = "process.1 =\n    cmd:'true',\n";

  /** The install phases that a full run sends to the node, before the stop and start sequences. */
  private static final List<Phase> INSTALL_PHASES =
      List.of(Phase.INIT, Phase.PREPARE, Phase.FETCH, Phase.CONFIGURE);

  KafkaBroker broker;

  @Test
  void removedataStopsTheServiceBeforeItsDataGoesAndAStartRunsTheInstallPhasesAgain()
      throws Exception {
    String node = "data-" + shortId();
    String key = "data/store/main";
    publish("data", "store", PROCESS);
    awaitPlannable("install", "data", "store", node);

    try (ScriptedNode executor =
        new ScriptedNode(broker.bootstrapServers(), node, (k, p) -> false)) {
      submit("install", "data", "store", node);
      awaitState(key, "RUNNING");

      int before = executor.received().size();
      submit("removedata", "data", "store", node);
      awaitRunStatus(key, "REMOVEDATA", "SUCCEEDED");
      awaitState(key, "STOPPED");
      assertThat(phasesSince(executor, key, before))
          .as("stopped (and checked down) before removedata, nothing after it")
          .containsExactly(Phase.STOP, Phase.CHECK_DOWN, Phase.REMOVEDATA);
      given()
          .get("/instances/" + key)
          .then()
          .body("state", equalTo("STOPPED"))
          .body("fullRunNeeded", equalTo(true));

      // Its files are gone: the next start fetches and configures again before it starts.
      before = executor.received().size();
      submit("start", "data", "store", node);
      awaitRunStatus(key, "START", "SUCCEEDED");
      awaitState(key, "RUNNING");
      assertThat(phasesSince(executor, key, before))
          .startsWith(INSTALL_PHASES.toArray(Phase[]::new))
          .contains(Phase.START);
      given().get("/instances/" + key).then().body("fullRunNeeded", equalTo(false));
    }
  }

  @Test
  void removedataIsRefusedWhileARunningInstanceUsesItNamingTheUser() throws Exception {
    String node = "used-" + shortId();
    publish("used", "db", PROCESS);
    publish("used", "app", PROCESS + "dependencies.1 =\n    name:'db',\n");
    awaitPlannable("install", "used", "app", node);

    try (ScriptedNode executor =
        new ScriptedNode(broker.bootstrapServers(), node, (k, p) -> false)) {
      submit("install", "used", "app", node);
      awaitState("used/app/main", "RUNNING");
      awaitState("used/db/main", "RUNNING");

      dryRun("removedata", "used", "db", node)
          .then()
          .statusCode(422)
          .body(
              "detail",
              equalTo(
                  "cannot removedata used/db/main: instance: used/app/main uses used/db/main and"
                      + " is running: stop it first"));

      // Once its user is stopped, the plan is the dependency's alone.
      submit("stop", "used", "app", node);
      awaitState("used/app/main", "STOPPED");
      dryRun("removedata", "used", "db", node)
          .then()
          .statusCode(200)
          .body("runs.instanceKey", equalTo(List.of("used/db/main")))
          .body(
              "steps.phase",
              equalTo(List.of("stop", "check_down", "halt", "check_down", "removedata")));
      assertThat(executor.phasesOf("used/db/main")).doesNotContain(Phase.REMOVEDATA);
    }
  }

  @Test
  void resetMakesTheNextInstallRunEveryPhaseWithoutTouchingTheRunningService() throws Exception {
    String node = "reset-" + shortId();
    String key = "reset/web/main";
    publish("reset", "web", PROCESS);
    awaitPlannable("install", "reset", "web", node);

    try (ScriptedNode executor =
        new ScriptedNode(broker.bootstrapServers(), node, (k, p) -> false)) {
      submit("install", "reset", "web", node);
      awaitState(key, "RUNNING");
      dryRun("install", "reset", "web", node).then().body("upToDate", equalTo(true));

      int before = executor.received().size();
      given()
          .post("/instances/" + key + "/reset")
          .then()
          .statusCode(200)
          .body("instanceKey", equalTo(key))
          .body("state", equalTo("RUNNING"))
          .body("alreadyReset", equalTo(false))
          .body("reset", containsString("runs every phase"));
      given().get("/instances/" + key).then().body("state", equalTo("RUNNING"));
      assertThat(executor.received()).as("a reset runs nothing").hasSize(before);

      dryRun("install", "reset", "web", node).then().body("upToDate", equalTo(false));
      submit("install", "reset", "web", node);
      awaitRunCount(key, "INSTALL", 2);
      awaitState(key, "RUNNING");
      assertThat(phasesSince(executor, key, before))
          .startsWith(INSTALL_PHASES.toArray(Phase[]::new))
          .contains(Phase.STOP, Phase.START, Phase.MONITOR);
      // Done once: the install after that one is up to date again.
      dryRun("install", "reset", "web", node).then().body("upToDate", equalTo(true));
    }
  }

  @Test
  void unknownInstancesAreRefusedNamingThem() {
    String node = "none-" + shortId();
    publish("none", "thing", PROCESS);
    awaitPlannable("install", "none", "thing", node);

    given()
        .post("/instances/none/thing/ghost/reset")
        .then()
        .statusCode(404)
        .body("detail", equalTo("unknown instance none/thing/ghost: nothing to reset"));
    given()
        .contentType("application/json")
        .body("{\"domain\":\"none\",\"name\":\"thing\",\"instance\":\"ghost\"}")
        .post("/requests/removedata?dryRun=true")
        .then()
        .statusCode(422)
        .body("detail", equalTo("unknown instance none/thing/ghost: install it first"));
    given()
        .post("/instances/none/bad!name/ghost/reset")
        .then()
        .statusCode(400)
        .body("problems[0].field", equalTo("name"));
  }

  private static List<Phase> phasesSince(ScriptedNode executor, String key, int from) {
    List<ScriptedNode.Received> all = executor.received();
    return all.subList(from, all.size()).stream()
        .filter(r -> r.instanceKey().equals(key))
        .map(ScriptedNode.Received::phase)
        .toList();
  }

  private void publish(String domain, String name, String serviceHrd) {
    FlowHelpers.publishTemplate(broker.bootstrapServers(), domain, name, serviceHrd, null);
  }

  private Response dryRun(String action, String domain, String name, String node) {
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

  private void awaitPlannable(String action, String domain, String name, String node) {
    await(
        () -> dryRun(action, domain, name, node).statusCode() == 200,
        domain + "/" + name + " never reached the coordinator");
  }

  private void awaitState(String key, String state) {
    await(
        () -> given().get("/instances/" + key).asString().contains("\"state\":\"" + state + "\""),
        key + " never reached " + state + ": " + given().get("/instances/" + key).asString());
  }

  private void awaitRunStatus(String key, String action, String status) {
    await(
        () ->
            given().get("/instances/" + key + "/runs").jsonPath().getList("$").stream()
                .map(java.util.Map.class::cast)
                .anyMatch(r -> action.equals(r.get("action")) && status.equals(r.get("status"))),
        "no " + action + " run of " + key + " reached " + status);
  }

  private void awaitRunCount(String key, String action, int count) {
    await(
        () ->
            given().get("/instances/" + key + "/runs").jsonPath().getList("$").stream()
                    .map(java.util.Map.class::cast)
                    .filter(
                        r -> action.equals(r.get("action")) && "SUCCEEDED".equals(r.get("status")))
                    .count()
                >= count,
        key + " never had " + count + " successful " + action + " runs");
  }
}
