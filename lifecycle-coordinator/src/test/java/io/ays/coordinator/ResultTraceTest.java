package io.ays.coordinator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.contracts.PhaseResult;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's hop from a phase result to the next phase command: the result an executor sends
 * carries its span as {@code traceparent}; the coordinator handles it in a child span, and the
 * command it sends next carries that handling span, so the run's next phase on the executor joins
 * the same trace (PhaseTraceTest proves the executor's side, InstallTraceTest the first command's).
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ResultTraceTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String EXECUTOR_SPAN_ID = "00f067aa0ba902b7";
  private static final String SERVICE_HRD = "process.1 =\n    cmd:'sleep',\n    args:'600',\n";

  KafkaBroker broker;
  private final EventCodec codec = new EventCodec();
  private final String node = "result-traced-" + FlowHelpers.shortId();

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  @Test
  void theCommandAfterAResultContinuesTheSpanThatHandledTheResult() throws Exception {
    Heartbeats.send(broker.bootstrapServers(), node);
    String name = "result-traced-" + FlowHelpers.shortId();
    String key = "demo/" + name + "/main";
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
          .body(body)
          .post("/requests/install")
          .then()
          .statusCode(202);
      CloudEvent<PhaseCommand> first = commandIn(next(commands, key));

      // As an executor does: the result carries the span it ran the phase in.
      PhaseCommand c = first.data();
      PhaseResult result =
          PhaseResult.of(
              c,
              PhaseOutcome.SUCCEEDED,
              0,
              c.phase().answersUp() ? Boolean.FALSE : null,
              "ok",
              "",
              Instant.now(),
              3);
      CloudEvent<PhaseResult> resultEvent =
          EventFactory.forService("traced-node").causedBy(first, EventType.RESULT_PHASE, result);
      sendWithTraceParent(
          key, codec.encode(resultEvent), "00-" + TRACE_ID + "-" + EXECUTOR_SPAN_ID + "-01");
      ConsumerRecord<String, String> second = next(commands, key);

      SpanData handled =
          RecordedSpans.await(
              "handling the result",
              s -> RecordedSpans.childOf(s, TRACE_ID, EXECUTOR_SPAN_ID),
              WAIT);
      assertThat(handled.getName()).isEqualTo("handle " + EventType.RESULT_PHASE.type());
      assertThat(commandIn(second).data().step())
          .as("the second command is the run's next step")
          .isGreaterThan(c.step());
      assertThat(TraceParent.in(second.headers()))
          .as("the next phase command continues the span that handled the result")
          .isEqualTo("00-" + TRACE_ID + "-" + handled.getSpanId() + "-01");
    }
  }

  private CloudEvent<PhaseCommand> commandIn(ConsumerRecord<String, String> record) {
    return codec.decode(record.value()).as(PhaseCommand.class);
  }

  private void sendWithTraceParent(String key, String value, String traceparent) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      ProducerRecord<String, String> record = new ProducerRecord<>(Topics.RESULTS, key, value);
      TraceParent.put(record.headers(), traceparent);
      producer.send(record).get();
    }
  }

  private KafkaConsumer<String, String> consumerOf(String topic) {
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "result-trace-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  /** The next command for {@code key}; the consumer keeps its place between calls. */
  private static ConsumerRecord<String, String> next(
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
