package io.ays.monitor;

import static io.ays.monitor.TestEvents.crash;
import static io.ays.monitor.TestEvents.newId;
import static io.ays.monitor.TestEvents.newInstanceKey;
import static io.ays.monitor.TestEvents.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.InstanceState;
import io.ays.messaging.tracing.TraceParent;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.RecordedSpans;
import io.ays.testing.TestTokens;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The monitor's hop of a heal's trace: a crash report that carries a {@code traceparent} (the
 * executor's "report crash" span) is handled in a child span, the restart decision in a child of
 * that, and the restart request, sent when it falls due, carries the span that sent it, a child of
 * the decision. One test per service proves its hop (it continues the incoming trace and passes it
 * on); together they prove the whole trace, without a test that runs every service at once.
 */
@QuarkusTest
@TestProfile(JsonLogsProfile.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class HealTraceTest {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CRASH_SPAN_ID = "00f067aa0ba902b7";

  KafkaBroker broker;
  private TestKafka kafka;

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  @BeforeEach
  void connect() {
    kafka = new TestKafka(broker);
  }

  @AfterEach
  void disconnect() {
    kafka.close();
  }

  @Test
  void theRestartRequestContinuesTheTraceOfTheCrashReport() {
    String key = newInstanceKey("traced");
    kafka.send(
        "ays.service-events", key, state(key, InstanceState.STARTING, InstanceState.RUNNING));
    Eventually.holds(
        WAIT,
        () -> assertThat(MonitorApi.health(key).getString("lifecycleState")).isEqualTo("RUNNING"));

    kafka.sendTraced(
        "ays.health",
        key,
        crash(newId(), newId(), key, 137),
        "00-" + TRACE_ID + "-" + CRASH_SPAN_ID + "-01");

    ConsumerRecord<String, String> restart =
        kafka.await("ays.requests", key, r -> true, WAIT).get(0);
    String sent = TraceParent.in(restart.headers());
    assertThat(sent).as("the restart request's traceparent").startsWith("00-" + TRACE_ID + "-");

    SpanData handled =
        RecordedSpans.await(
            "handling the crash report",
            s -> RecordedSpans.childOf(s, TRACE_ID, CRASH_SPAN_ID),
            WAIT);
    assertThat(handled.getName()).isEqualTo("handle ays.health.report.v1");
    assertThat(handled.getAttributes().asMap().toString()).contains(key);
    SpanData decided =
        RecordedSpans.await(
            "deciding the restart",
            s -> RecordedSpans.childOf(s, TRACE_ID, handled.getSpanId()),
            WAIT);
    assertThat(decided.getName()).isEqualTo("decide restart");
    SpanData dispatched =
        RecordedSpans.await(
            "sending the restart",
            s -> RecordedSpans.childOf(s, TRACE_ID, decided.getSpanId()),
            WAIT);
    assertThat(dispatched.getName()).isEqualTo("send restart");
    assertThat(sent)
        .as("the coordinator continues the span that sent the restart")
        .isEqualTo("00-" + TRACE_ID + "-" + dispatched.getSpanId() + "-01");
  }
}
