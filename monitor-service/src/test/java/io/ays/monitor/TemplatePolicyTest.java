package io.ays.monitor;

import static io.ays.monitor.TestEvents.crash;
import static io.ays.monitor.TestEvents.newId;
import static io.ays.monitor.TestEvents.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventType;
import io.ays.contracts.InstanceState;
import io.ays.contracts.TemplateDefinition;
import io.ays.monitor.persistence.TemplatePolicyEntity;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTemplates;
import io.ays.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A template's own restart settings ({@code monitor.restart.*} in its service.hrd, read from {@code
 * ays.templates}) apply to its instances; a bad one is dead-lettered naming the key.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class TemplatePolicyTest {

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  private static final Duration WAIT = Duration.ofSeconds(30);

  KafkaBroker broker;
  private TestKafka kafka;

  @BeforeEach
  void connect() {
    kafka = new TestKafka(broker);
  }

  @AfterEach
  void disconnect() {
    kafka.close();
  }

  @Test
  void aTemplatesOwnRestartLimitAppliesToItsInstances() throws Exception {
    String name = "strict-" + UUID.randomUUID().toString().substring(0, 8);
    String key = "t/" + name + "/main";
    // The monitor's test limit is 2 restarts; this template allows 1.
    kafka.send("ays.templates", "t/" + name, template(name, "monitor.restart.max_restarts = 1\n"));
    Eventually.holds(
        WAIT,
        () ->
            assertThat(
                    QuarkusTransaction.requiringNew()
                        .call(
                            () -> TemplatePolicyEntity.<TemplatePolicyEntity>findById("t/" + name)))
                .isNotNull());

    kafka.send(
        "ays.service-events", key, state(key, InstanceState.STARTING, InstanceState.RUNNING));
    kafka.send("ays.health", key, crash(newId(), newId(), key, 1));
    kafka.await("ays.requests", key, r -> true, WAIT);
    kafka.send(
        "ays.service-events", key, state(key, InstanceState.RUNNING, InstanceState.STARTING));
    kafka.send(
        "ays.service-events", key, state(key, InstanceState.STARTING, InstanceState.RUNNING));
    Eventually.holds(
        WAIT,
        () -> assertThat(MonitorApi.health(key).getString("supervision")).isEqualTo("WATCHING"));
    kafka.send("ays.health", key, crash(newId(), newId(), key, 1));

    Eventually.holds(
        WAIT,
        () ->
            assertThat(MonitorApi.health(key).getString("failedReason"))
                .startsWith("gave up after 1 consecutive restarts (limit 1)"));
    assertThat(kafka.all("ays.requests", key)).hasSize(1);
  }

  @Test
  void aBadSettingIsDeadLetteredNamingTheTemplateLineAndKey() {
    String name = "sloppy-" + UUID.randomUUID().toString().substring(0, 8);
    kafka.send(
        "ays.templates",
        "t/" + name,
        template(name, "description = 'x'\nmonitor.restart.max_restarts = plenty\n"));

    String letter = kafka.await("ays.dead-letter", "t/" + name, r -> true, WAIT).get(0).value();
    assertThat(letter)
        .contains(
            "t/"
                + name
                + "/service.hrd line 2: monitor.restart.max_restarts: 'plenty' is not a"
                + " whole number");
  }

  @Test
  void aVersionWhoseFilesDoNotHaveItsHashIsDeadLetteredAndItsSettingsIgnored() {
    String name = "altered-" + UUID.randomUUID().toString().substring(0, 8);
    TemplateDefinition genuine = definition(name, "description = 'x'\n");
    // The genuine version's hash with other settings: what a writer to ays.templates could try.
    TemplateDefinition altered =
        new TemplateDefinition(
            "t",
            name,
            genuine.contentHash(),
            null,
            null,
            Map.of(),
            "monitor.restart.max_restarts = 0\n",
            null,
            Instant.now());
    kafka.send("ays.templates", "t/" + name, encode(altered));

    String letter = kafka.await("ays.dead-letter", "t/" + name, r -> true, WAIT).get(0).value();
    assertThat(letter)
        .contains("template t/" + name + ": contentHash " + genuine.contentHash())
        .contains("does not match the content");
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> TemplatePolicyEntity.<TemplatePolicyEntity>findById("t/" + name)))
        .isNull();
  }

  private static String template(String name, String serviceHrd) {
    return encode(definition(name, serviceHrd));
  }

  private static TemplateDefinition definition(String name, String serviceHrd) {
    return TestTemplates.hashed(
        new TemplateDefinition(
            "t",
            name,
            TestTemplates.UNHASHED,
            null,
            null,
            Map.of(),
            serviceHrd,
            null,
            Instant.now()));
  }

  private static String encode(TemplateDefinition definition) {
    String id = newId();
    return new EventCodec()
        .encode(
            new CloudEvent<>(
                id,
                "/ays/template-registry",
                EventType.TEMPLATE_DEFINITION,
                Instant.now(),
                id,
                null,
                definition));
  }
}
