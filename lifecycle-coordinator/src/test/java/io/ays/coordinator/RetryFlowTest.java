package io.ays.coordinator;

import static io.ays.coordinator.FlowHelpers.await;
import static io.ays.coordinator.FlowHelpers.shortId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.Phase;
import io.ays.testing.EventLog;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retries and timeouts per phase, against a real broker and database with a {@link ScriptedNode}: a
 * transient failure is retried by policy and the run succeeds; an attempt that gets no result is
 * timed out by the sweeper and tried again; a silent node fails the run with a reason naming it;
 * invalid lifecycle settings are rejected naming the key.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RetryFlowTest {

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  private static final String PROCESS = "process.1 =\n    cmd:'true',\n";

  KafkaBroker broker;
  private final EventCodec codec = new EventCodec();
  private final EventFactory events = EventFactory.forService("retry-test");

  @Test
  void aTransientFailureIsRetriedAndTheRunSucceeds() throws Exception {
    try (ScriptedNode executor =
        installOnScriptedNode(
            "flaky",
            PROCESS + "lifecycle.backoff = 100ms\n",
            (key, phase, attempt) ->
                phase == Phase.CONFIGURE && attempt == 1
                    ? ScriptedNode.Reply.FAIL
                    : ScriptedNode.Reply.WORK)) {
      awaitState("retry/flaky/main", "RUNNING");
      assertThat(executor.attemptsOf("retry/flaky/main", Phase.CONFIGURE)).containsExactly(1, 2);
      JsonPath runs = given().get("/instances/retry/flaky/main/runs").jsonPath();
      assertThat(runs.getString("[0].status")).isEqualTo("SUCCEEDED");
      assertThat(runs.getInt("[0].steps.find { it.phase == 'configure' }.attempt")).isEqualTo(2);
    }
  }

  @Test
  void aServiceThatDiesRightAfterItsStartIsStartedAgainBeforeTheNextCheck() throws Exception {
    try (ScriptedNode executor =
        installOnScriptedNode(
            "shortlived",
            PROCESS + "lifecycle.backoff = 100ms\n",
            (key, phase, attempt) ->
                phase == Phase.START && attempt == 1
                    ? ScriptedNode.Reply.DIE_AFTER
                    : ScriptedNode.Reply.WORK)) {
      awaitState("retry/shortlived/main", "RUNNING");
      assertThat(executor.attemptsOf("retry/shortlived/main", Phase.START)).containsExactly(1, 2);
      JsonPath runs = given().get("/instances/retry/shortlived/main/runs").jsonPath();
      assertThat(runs.getString("[0].status")).isEqualTo("SUCCEEDED");
      assertThat(runs.getInt("[0].steps.find { it.phase == 'start' }.attempt")).isEqualTo(2);
      // the check after the start: down once (attempt 1), up after the second start (attempt 2)
      assertThat(runs.getInt("[0].steps.findAll { it.phase == 'check_up' }[-1].attempt"))
          .isEqualTo(2);
    }
  }

  @Test
  void aServiceThatNeverStaysUpFailsTheRunAfterTheCheckAttemptsWithAStartBeforeEach()
      throws Exception {
    try (ScriptedNode executor =
        installOnScriptedNode(
            "crashloop",
            PROCESS + "lifecycle.backoff = 100ms\n",
            (key, phase, attempt) ->
                phase == Phase.START ? ScriptedNode.Reply.DIE_AFTER : ScriptedNode.Reply.WORK)) {
      awaitState("retry/crashloop/main", "FAILED");
      JsonPath runs = given().get("/instances/retry/crashloop/main/runs").jsonPath();
      int checks = runs.getInt("[0].steps.findAll { it.phase == 'check_up' }[-1].attempt");
      assertThat(runs.getString("[0].reason")).contains("the service is not up");
      // one start before each check: as many starts as checks, no more
      assertThat(executor.attemptsOf("retry/crashloop/main", Phase.START)).hasSize(checks);
    }
  }

  @Test
  void anUnansweredAttemptTimesOutAndIsTriedAgain() throws Exception {
    try (ScriptedNode executor =
        installOnScriptedNode(
            "slow",
            PROCESS + "lifecycle.start.timeout = 1\nlifecycle.backoff = 100ms\n",
            (key, phase, attempt) ->
                phase == Phase.START && attempt == 1
                    ? ScriptedNode.Reply.IGNORE
                    : ScriptedNode.Reply.WORK)) {
      awaitState("retry/slow/main", "RUNNING");
      assertThat(executor.attemptsOf("retry/slow/main", Phase.START)).containsExactly(1, 2);
    }
  }

  @Test
  void aNodeThatTakesCommandsButNeverAnswersTimesOutEachAttemptAndFailsNamingTheNode()
      throws Exception {
    // Alive (it sends heartbeats) but its executor never answers: each attempt times out.
    try (ScriptedNode executor =
        installOnScriptedNode(
            "lonely",
            PROCESS + "lifecycle.timeout = 1\nlifecycle.attempts = 2\n",
            (key, phase, attempt) -> ScriptedNode.Reply.IGNORE)) {
      awaitState("retry/lonely/main", "FAILED");
      JsonPath runs = given().get("/instances/retry/lonely/main/runs").jsonPath();
      assertThat(runs.getString("[0].reason"))
          .contains(
              "init on "
                  + executor.node()
                  + " failed: timed out: no result from node "
                  + executor.node());
      assertThat(runs.getInt("[0].steps[0].attempt")).isEqualTo(2);
      assertThat(executor.attemptsOf("retry/lonely/main", Phase.INIT)).containsExactly(1, 2);
    }
  }

  @Test
  void invalidLifecycleSettingsAreRejectedNamingTheKey() {
    publish("retry", "odd", PROCESS + "lifecycle.attempts = many\nlifecycle.sart.timeout = 5\n");
    await(
        () -> !dryRun("retry", "odd", "n").asString().contains("unknown template"),
        "retry/odd never reached the coordinator");
    dryRun("retry", "odd", "n")
        .then()
        .statusCode(422)
        .body(
            "problems.field",
            org.hamcrest.Matchers.hasItems("lifecycle.attempts", "lifecycle.sart.timeout"))
        .body(
            "problems.find { it.field == 'lifecycle.attempts' }.message",
            equalTo("expected a number of attempts from 1 to 100, got 'many'"));
  }

  @Test
  void aRequestForAnInstanceBeingUninstalledIsRefusedNamingTheRunWhileAnInstallMayFollow()
      throws Exception {
    String node = "gone-" + shortId();
    publish("retry", "leaving", PROCESS + "lifecycle.uninstall.timeout = 1\n");
    awaitPlannable("retry", "leaving", node);
    try (EventLog serviceEvents =
            new EventLog(broker.bootstrapServers(), List.of("ays.service-events"));
        ScriptedNode executor =
            new ScriptedNode(
                broker.bootstrapServers(),
                node,
                // the first uninstall attempt goes unanswered: the uninstall lasts a few seconds
                (key, phase, attempt) ->
                    phase == Phase.UNINSTALL && attempt == 1
                        ? ScriptedNode.Reply.IGNORE
                        : ScriptedNode.Reply.WORK)) {
      submit("install", "retry", "leaving", node);
      awaitState("retry/leaving/main", "RUNNING");
      submit("uninstall", "retry", "leaving", node);
      await(
          () -> executor.attemptsOf("retry/leaving/main", Phase.UNINSTALL).contains(1),
          "the uninstall never reached its uninstall phase");
      // An install may follow: it queues behind the uninstall.
      String installRequest =
          given()
              .contentType("application/json")
              .body(body("retry", "leaving", node))
              .post("/requests/install")
              .then()
              .statusCode(202)
              .extract()
              .path("requestId");

      given()
          .contentType("application/json")
          .body(body("retry", "leaving", node))
          .post("/requests/start?dryRun=true")
          .then()
          .statusCode(422)
          .body("problems[0].field", equalTo("instance"))
          .body(
              "problems[0].message",
              org.hamcrest.Matchers.containsString(
                  "retry/leaving/main is being uninstalled (run "));
      submit("start", "retry", "leaving", node);
      serviceEvents.await(
          "the rejection of the start",
          r ->
              r.value().contains("ays.request.rejected.v1")
                  && r.value().contains("is being uninstalled"),
          Duration.ofSeconds(30));

      // The uninstall completes (second attempt), then the queued install runs, its events in
      // its own request's chain (what a client following that request waits for).
      awaitState("retry/leaving/main", "RUNNING");
      JsonPath runs = given().get("/instances/retry/leaving/main/runs").jsonPath();
      assertThat(runs.getString("[0].action")).isEqualTo("INSTALL");
      assertThat(runs.getString("[1].action")).isEqualTo("UNINSTALL");
      assertThat(runs.getString("[0].correlationId")).isEqualTo(installRequest);
      String installRun = runs.getString("[0].id");
      String stepStarted =
          serviceEvents
              .await(
                  "a step of the queued install",
                  r ->
                      r.value().contains("ays.run.step.started.v1")
                          && r.value().contains(installRun),
                  Duration.ofSeconds(30))
              .value();
      assertThat(stepStarted).contains("\"correlationid\":\"" + installRequest + "\"");
    }
  }

  /**
   * Publishes template {@code retry/<name>}, starts a scripted node for it and sends its install
   * there; the caller closes the node.
   */
  private ScriptedNode installOnScriptedNode(
      String name, String serviceHrd, ScriptedNode.Script script) {
    String node = name + "-" + shortId();
    publish("retry", name, serviceHrd);
    awaitPlannable("retry", name, node);
    ScriptedNode executor = new ScriptedNode(broker.bootstrapServers(), node, script);
    submit("install", "retry", name, node);
    return executor;
  }

  private void publish(String domain, String name, String serviceHrd) {
    FlowHelpers.publishTemplate(broker.bootstrapServers(), domain, name, serviceHrd, null);
  }

  private io.restassured.response.Response dryRun(String domain, String name, String node) {
    return given()
        .contentType("application/json")
        .body(body(domain, name, node))
        .post("/requests/install?dryRun=true");
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
        () -> dryRun(domain, name, node).statusCode() == 200,
        domain + "/" + name + " never reached the coordinator");
  }

  private void awaitState(String key, String state) {
    await(
        () -> given().get("/instances/" + key).asString().contains("\"state\":\"" + state + "\""),
        key + " never reached " + state);
  }
}
