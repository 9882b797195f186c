package io.ays.coordinator;

import static io.ays.coordinator.FlowHelpers.await;
import static io.ays.coordinator.FlowHelpers.shortId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.Phase;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.MetricsScrape;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.PrometheusText;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's {@code /q/metrics} after an install over a real broker and database (a {@link
 * ScriptedNode} answers as the executor): the requests, the run and every phase attempt are
 * counted, the outbox drains to zero, a request that cannot be read is counted as dead-lettered,
 * and every series deploy/prometheus/exported-metrics.txt lists for the coordinator is there.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class CoordinatorMetricsTest {

  private static final String PHASES = "ays_coordinator_phase_duration_seconds_count";

  KafkaBroker broker;

  @TestHTTPResource("/")
  URI base;

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  @Test
  void anInstallIsCountedPhaseByPhaseAndTheOutboxDrains() throws Exception {
    String node = "metered-" + shortId();
    String name = "metered" + shortId();
    String key = "metrics/" + name + "/main";
    FlowHelpers.publishTemplate(
        broker.bootstrapServers(), "metrics", name, "process.1 =\n    cmd:'true',\n", null);
    await(
        () ->
            given()
                    .contentType("application/json")
                    .body(body(name, node))
                    .post("/requests/install?dryRun=true")
                    .statusCode()
                == 200,
        key + " never became plannable");
    PrometheusText before = MetricsScrape.scrape(base);

    try (ScriptedNode executor =
        new ScriptedNode(broker.bootstrapServers(), node, (k, phase) -> false)) {
      given()
          .contentType("application/json")
          .body(body(name, node))
          .post("/requests/install")
          .then()
          .statusCode(202);
      await(
          () ->
              "SUCCEEDED"
                  .equals(given().get("/instances/" + key + "/runs").jsonPath().get("[0].status")),
          key + "'s install never succeeded");

      Map<Phase, Integer> ran = new EnumMap<>(Phase.class);
      executor.phasesOf(key).forEach(phase -> ran.merge(phase, 1, Integer::sum));
      await(
          () -> {
            PrometheusText now = MetricsScrape.scrape(base);
            return delta(before, now, PHASES) == executor.phasesOf(key).size()
                && delta(before, now, "ays_coordinator_run_duration_seconds_count") == 1
                && now.sum("ays_outbox_backlog_messages") == 0;
          },
          "the phases " + ran + " or the run were not counted, or the outbox never drained");
      PrometheusText after = MetricsScrape.scrape(base);

      for (Map.Entry<Phase, Integer> phase : ran.entrySet()) {
        String label = phase.getKey().actionName();
        assertThat(delta(before, after, PHASES, "phase", label))
            .as("attempts of %s", label)
            .isEqualTo(phase.getValue().doubleValue());
      }
      assertThat(
              delta(
                  before,
                  after,
                  "ays_coordinator_requests_total",
                  "action",
                  "install",
                  "outcome",
                  "accepted"))
          .isEqualTo(1.0);
      assertThat(
              delta(
                  before,
                  after,
                  "ays_coordinator_run_duration_seconds_count",
                  "action",
                  "install",
                  "outcome",
                  "succeeded"))
          .isEqualTo(1.0);
      assertThat(after.sum("ays_outbox_oldest_age_seconds")).isZero();
      assertThat(after.types())
          .containsEntry("ays_coordinator_phase_duration_seconds", "histogram")
          .containsEntry("ays_coordinator_run_duration_seconds", "histogram")
          .containsEntry("ays_coordinator_requests", "counter");
      MetricsScrape.assertExportsWhatTheListSays(after, "lifecycle-coordinator");
    }
  }

  @Test
  void aRequestThatCannotBeReadIsCountedAsDeadLettered() {
    PrometheusText before = MetricsScrape.scrape(base);
    FlowHelpers.send(broker.bootstrapServers(), "ays.requests", "x/y/z", "not an event");
    await(
        () ->
            delta(
                    before,
                    MetricsScrape.scrape(base),
                    "ays_inbound_dead_lettered_total",
                    "channel",
                    "requests",
                    "reason",
                    "invalid")
                == 1,
        "the unreadable request was not counted as dead-lettered");
  }

  private static double delta(
      PrometheusText before, PrometheusText after, String name, String... labels) {
    return after.sum(name, labels) - before.sum(name, labels);
  }

  private static String body(String name, String node) {
    return "{\"domain\":\"metrics\",\"name\":\"" + name + "\",\"node\":\"" + node + "\"}";
  }
}
