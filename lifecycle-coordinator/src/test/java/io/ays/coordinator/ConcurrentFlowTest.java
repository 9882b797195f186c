package io.ays.coordinator;

import static io.ays.coordinator.FlowHelpers.await;
import static io.ays.coordinator.FlowHelpers.shortId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.Phase;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coordinator handles a poll of {@code ays.requests} and {@code ays.results} in parallel across
 * instance keys (KeyOrderedHandler). Against a real broker and database: many installs at once,
 * each result delivered three times (a redelivery, and a copy under another key that is handled in
 * parallel with the original) must still give every instance exactly the phases one install alone
 * gets, each once; and many dependents of one shared dependency requested at once (their
 * transactions meet on the dependency's rows) must all be installed, none lost to a conflict (a
 * lost one would be dead-lettered and never run).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ConcurrentFlowTest {

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  private static final String PROCESS = "process.1 =\n    cmd:'true',\n";
  private static final int INSTANCES = 24;

  KafkaBroker broker;
  private final EventCodec codec = new EventCodec();
  private final EventFactory events = EventFactory.forService("concurrent-test");

  @Test
  void concurrentInstallsWithDuplicatedResultsRunEveryPhaseExactlyOnce() throws Exception {
    String id = shortId();
    String node = "conc-" + id;
    String domain = "conc" + id.substring(0, 4);
    publish(domain, "svc", PROCESS);
    awaitPlannable(domain, "svc", "ref", node);

    try (ScriptedNode executor =
        new ScriptedNode(broker.bootstrapServers(), node, (k, p) -> false)) {
      // The reference: one install alone, each result once.
      submit(domain, "svc", "ref", node);
      String ref = domain + "/svc/ref";
      awaitState(ref, "RUNNING");
      List<Phase> expected = executor.phasesOf(ref);
      assertThat(expected).contains(Phase.INIT, Phase.START, Phase.MONITOR);

      executor.answerTwice();
      for (int i = 0; i < INSTANCES; i++) {
        submit(domain, "svc", "i" + i, node);
      }
      for (int i = 0; i < INSTANCES; i++) {
        awaitState(domain + "/svc/i" + i, "RUNNING");
      }
      for (int i = 0; i < INSTANCES; i++) {
        String key = domain + "/svc/i" + i;
        assertThat(executor.phasesOf(key)).as(key + "'s phases").isEqualTo(expected);
        assertThat(executor.received())
            .as(key + ": every command is a first attempt")
            .filteredOn(r -> r.instanceKey().equals(key))
            .allMatch(r -> r.attempt() == 1);
        assertThat(given().get("/instances/" + key + "/runs").jsonPath().getList("status"))
            .as(key + "'s runs")
            .containsExactly("SUCCEEDED");
      }
    }
  }

  @Test
  void dependentsOfOneSharedDependencyRequestedAtOnceAreAllInstalled() throws Exception {
    String id = shortId();
    String node = "share-" + id;
    String domain = "share" + id.substring(0, 4);
    publish(domain, "base", PROCESS);
    publish(domain, "app", PROCESS + "dependencies.1 =\n    name:'base',\n");
    awaitPlannable(domain, "app", "a0", node);

    try (ScriptedNode executor =
        new ScriptedNode(broker.bootstrapServers(), node, (k, p) -> false)) {
      for (int i = 0; i < INSTANCES; i++) {
        submit(domain, "app", "a" + i, node);
      }
      for (int i = 0; i < INSTANCES; i++) {
        awaitState(domain + "/app/a" + i, "RUNNING");
      }
      awaitState(domain + "/base/main", "RUNNING");
      assertThat(
              given().get("/instances/" + domain + "/base/main/runs").jsonPath().getList("status"))
          .as("the shared dependency's runs (one per request that found it not yet running)")
          .isNotEmpty()
          .allMatch(s -> s.equals("SUCCEEDED"));
      for (int i = 0; i < INSTANCES; i++) {
        String key = domain + "/app/a" + i;
        assertThat(given().get("/instances/" + key + "/runs").jsonPath().getList("status"))
            .as(key + "'s runs")
            .containsExactly("SUCCEEDED");
        assertThat(executor.firstIndex(key, null))
            .as(key + " starts after its dependency is up")
            .isGreaterThan(executor.firstIndex(domain + "/base/main", Phase.MONITOR));
      }
    }
  }

  private void publish(String domain, String name, String serviceHrd) {
    FlowHelpers.publishTemplate(broker.bootstrapServers(), domain, name, serviceHrd, null);
  }

  private void submit(String domain, String name, String instance, String node) {
    given()
        .contentType("application/json")
        .body(body(domain, name, instance, node))
        .post("/requests/install")
        .then()
        .statusCode(202);
  }

  private static String body(String domain, String name, String instance, String node) {
    return "{\"domain\":\""
        + domain
        + "\",\"name\":\""
        + name
        + "\",\"instance\":\""
        + instance
        + "\",\"node\":\""
        + node
        + "\"}";
  }

  private void awaitPlannable(String domain, String name, String instance, String node) {
    await(
        () ->
            given()
                    .contentType("application/json")
                    .body(body(domain, name, instance, node))
                    .post("/requests/install?dryRun=true")
                    .statusCode()
                == 200,
        domain + "/" + name + " never reached the coordinator");
  }

  private void awaitState(String key, String state) {
    await(
        () -> given().get("/instances/" + key).asString().contains("\"state\":\"" + state + "\""),
        key + " never reached " + state + ": " + given().get("/instances/" + key).asString());
  }
}
