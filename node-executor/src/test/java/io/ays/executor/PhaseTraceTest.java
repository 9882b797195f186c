package io.ays.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.HealthReport;
import io.ays.contracts.HealthSource;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.Phase;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.contracts.PhaseResult;
import io.ays.contracts.TemplateDefinition;
import io.ays.messaging.tracing.TraceParent;
import io.ays.model.template.Template;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.RecordedSpans;
import io.ays.testing.TestSigningKeys;
import io.ays.testing.TestTemplates;
import io.ays.testing.TracingProfile;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executor's hops of an install's and a heal's trace. A phase command that carries a {@code
 * traceparent} (the coordinator's span that sent it) runs in a child span named after its phase,
 * and its result carries that span; a crash of the process it started is reported in a new trace (a
 * heal starts there), whose span the health report carries. One test per service proves its hop;
 * together they prove the whole trace without a test that runs every service at once.
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
@QuarkusTestResource(KafkaTestResource.class)
class PhaseTraceTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String PLAN_SPAN_ID = "b7ad6b7169203331";
  private static final String RECIPE =
      """
      process.1 =
          cmd:'sleep',
          args:'617',
      """;

  KafkaBroker broker;
  private LocalNodeBus bus;
  private final EventCodec codec = new EventCodec();
  private final EventFactory events = EventFactory.forService("trace-test");

  @BeforeEach
  void connect() {
    bus = new LocalNodeBus(broker.bootstrapServers());
  }

  @Test
  void aPhaseContinuesTheCommandsTraceAndACrashStartsAHealsTrace() throws Exception {
    String name = "traced" + UUID.randomUUID().toString().substring(0, 8);
    String hash =
        bus.publishTemplate(
            new TemplateDefinition(
                "demo",
                name,
                TestTemplates.UNHASHED,
                "file:///test",
                null,
                Map.of(),
                RECIPE,
                null,
                Instant.now()));
    InstanceKey key = new InstanceKey("demo", name, "main");
    Map<String, Object> config =
        Template.fromHrd("demo", name, RECIPE, null).resolve("main", Map.of()).config();
    PhaseCommand start = LocalNodeBus.command(key, hash, Phase.START, config);
    CloudEvent<PhaseCommand> command = events.create(EventType.COMMAND_PHASE, start);
    ProducerRecord<String, String> record =
        new ProducerRecord<>(
            "ays.commands.local", key.toString(), TestSigningKeys.sign(codec.encode(command)));
    record
        .headers()
        .add(
            TraceParent.HEADER,
            ("00-" + TRACE_ID + "-" + PLAN_SPAN_ID + "-01").getBytes(StandardCharsets.US_ASCII));
    try (KafkaProducer<String, String> producer = bus.producer()) {
      producer.send(record).get();
    }

    ConsumerRecord<String, String> result =
        first(
            "ays.results",
            r ->
                codec
                    .decode(r.value())
                    .as(PhaseResult.class)
                    .data()
                    .commandId()
                    .equals(start.commandId()));
    PhaseResult started = codec.decode(result.value()).as(PhaseResult.class).data();
    assertThat(started.outcome()).as(started.message()).isEqualTo(PhaseOutcome.SUCCEEDED);
    SpanData executed =
        RecordedSpans.await(
            "running the command", s -> RecordedSpans.childOf(s, TRACE_ID, PLAN_SPAN_ID), WAIT);
    assertThat(executed.getName()).isEqualTo("execute start");
    assertThat(executed.getAttributes().asMap().toString())
        .contains(key.toString(), start.runId().toString(), "local");
    assertThat(TraceParent.in(result.headers()))
        .as("the result continues the phase's span")
        .isEqualTo("00-" + TRACE_ID + "-" + executed.getSpanId() + "-01");

    ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.endsWith("sleep 617")).orElse(false))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the started process is not running"))
        .destroyForcibly();
    ConsumerRecord<String, String> crash =
        first(
            "ays.health",
            r -> {
              HealthReport report = codec.decode(r.value()).as(HealthReport.class).data();
              return report.instanceKey().equals(key)
                  && report.source() == HealthSource.PROCESS_EXIT;
            });
    SpanData reported =
        RecordedSpans.await(
            "reporting the crash",
            s ->
                s.getName().equals("report crash")
                    && s.getAttributes().asMap().toString().contains(key.toString()),
            WAIT);
    assertThat(SpanId.isValid(reported.getParentSpanId()))
        .as("a heal's trace starts at the crash")
        .isFalse();
    assertThat(TraceParent.in(crash.headers()))
        .as("the monitor continues the crash report's span")
        .isEqualTo("00-" + reported.getTraceId() + "-" + reported.getSpanId() + "-01");
  }

  private ConsumerRecord<String, String> first(
      String topic, Predicate<ConsumerRecord<String, String>> which) {
    try (KafkaConsumer<String, String> consumer = bus.consumer()) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          if (which.test(r)) {
            return r;
          }
        }
      }
    }
    throw new AssertionError("no matching record on " + topic + " within " + WAIT);
  }
}
