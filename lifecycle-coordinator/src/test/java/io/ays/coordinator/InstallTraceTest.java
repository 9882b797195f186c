package io.ays.coordinator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.Topics;
import io.ays.messaging.tracing.TraceParent;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.RecordedSpans;
import io.ays.testing.TestTokens;
import io.ays.testing.TracingProfile;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's hop of an install's trace: a REST install request that carries a {@code
 * traceparent} (the caller's span) is served in a child span; the request it puts on Kafka is
 * handled in a child of that, planned in a child of the handling, and the first phase command
 * carries the planning span, which the executor continues (PhaseTraceTest). One test per service
 * proves its hop; together they prove the whole trace without a test that runs every service.
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class InstallTraceTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
  private static final String CALLER_SPAN_ID = "eee19b7ec3c1b174";
  private static final String SERVICE_HRD = "process.1 =\n    cmd:'sleep',\n    args:'600',\n";

  KafkaBroker broker;
  private final String node = "traced-" + FlowHelpers.shortId();

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  @Test
  void anInstallIsOneTraceFromTheRestRequestToItsFirstPhaseCommand() {
    Heartbeats.send(broker.bootstrapServers(), node);
    String name = "traced-" + FlowHelpers.shortId();
    FlowHelpers.publishTemplate(broker.bootstrapServers(), "demo", name, SERVICE_HRD, null);
    String body = "{\"domain\":\"demo\",\"name\":\"" + name + "\",\"node\":\"" + node + "\"}";
    FlowHelpers.await(
        () ->
            given()
                    .contentType("application/json")
                    .body(body)
                    .post("/requests/install?dryRun=true")
                    .statusCode()
                == 200,
        "template demo/" + name + " never reached the coordinator");

    try (KafkaConsumer<String, String> commands = consumerOf(Topics.COMMANDS_PREFIX + node)) {
      given()
          .contentType("application/json")
          .header(TraceParent.HEADER, "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01")
          .body(body)
          .post("/requests/install")
          .then()
          .statusCode(202);
      ConsumerRecord<String, String> command = first(commands, "demo/" + name + "/main");

      SpanData served =
          RecordedSpans.await(
              "serving the REST request",
              s -> RecordedSpans.childOf(s, TRACE_ID, CALLER_SPAN_ID),
              WAIT);
      assertThat(served.getName()).startsWith("POST /requests");
      SpanData handled =
          RecordedSpans.await(
              "handling the request",
              s -> RecordedSpans.childOf(s, TRACE_ID, served.getSpanId()),
              WAIT);
      assertThat(handled.getName()).isEqualTo("handle ays.request.install.v1");
      SpanData planned =
          RecordedSpans.await(
              "planning the install",
              s -> RecordedSpans.childOf(s, TRACE_ID, handled.getSpanId()),
              WAIT);
      assertThat(planned.getName()).isEqualTo("plan install");
      assertThat(planned.getAttributes().asMap().toString())
          .contains("demo/" + name + "/main", "ays.run.id");
      assertThat(TraceParent.in(command.headers()))
          .as("the first phase command continues the planning span")
          .isEqualTo("00-" + TRACE_ID + "-" + planned.getSpanId() + "-01");
    }
  }

  private KafkaConsumer<String, String> consumerOf(String topic) {
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "trace-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  private static ConsumerRecord<String, String> first(
      KafkaConsumer<String, String> consumer, String key) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
        if (key.equals(record.key())) {
          return record;
        }
      }
    }
    throw new AssertionError("no command for " + key + " within " + WAIT);
  }
}
