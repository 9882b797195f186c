package io.ays.coordinator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ays.contracts.CloudEvent;
import io.ays.contracts.DeadLetter;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.PhaseOutcome;
import io.ays.contracts.PhaseResult;
import io.ays.contracts.TemplateDefinition;
import io.ays.contracts.signing.CommandVerifier;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestSigningKeys;
import io.ays.testing.TestTemplates;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The coordinator against a real broker and database, with the test answering commands as an
 * executor would: an install request becomes a run whose commands go out one at a time, each result
 * moves it on, and the run and its steps are stored; bad requests are rejected.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class CoordinatorFlowTest {

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  private static final String SERVICE_HRD =
      "process.1 =\n    cmd:'python3',\n    args:'-m http.server $(instance.param.port)',\n"
          + "    ports:'$(instance.param.port)',\n";
  private static final String INSTANCE_HRD = "param.port = @ASK type:int default:8080\n";

  private static final CommandVerifier VERIFIER = TestSigningKeys.verifier();

  KafkaBroker broker;
  private final EventCodec codec = new EventCodec();
  private final EventFactory events = EventFactory.forService("coordinator-test");
  private KafkaProducer<String, String> producer;
  private KafkaConsumer<String, String> commands;

  @BeforeEach
  void connect() {
    producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer());
    commands = consumer("ays.commands.local");
    Heartbeats.send(broker.bootstrapServers(), "local");
  }

  @AfterEach
  void disconnect() {
    producer.close();
    commands.close();
  }

  @Test
  void anInstallRunsItsPlanOneCommandAtATimeAndIsStoredStepByStep() throws Exception {
    publishTemplate("demo", "web");
    awaitPlannable("demo", "web");
    send(
        "ays.requests",
        "demo/web/main",
        "{\"specversion\":\"1.0\",\"id\":\"req-1\",\"source\":\"/test\",\"type\":\"ays.request.install.v1\","
            + "\"time\":\"2026-01-01T00:00:00Z\",\"data\":{\"domain\":\"demo\",\"name\":\"web\","
            + "\"answers\":{\"param.port\":9090}}}");

    int answered = 0;
    CloudEvent<PhaseCommand> command;
    while ((command = nextCommand(Duration.ofSeconds(15))) != null) {
      PhaseCommand c = command.data();
      if (answered == 0) {
        assertThat(c.phase().actionName()).isEqualTo("init");
        @SuppressWarnings("unchecked")
        Map<String, Object> process = (Map<String, Object>) c.config().get("service.process.1");
        assertThat(process)
            .containsEntry("args", "-m http.server '9090'")
            // a value that is one whole reference takes the answer with its type (docs/hrd.md)
            .containsEntry("ports", 9090);
      }
      Boolean up =
          c.phase().answersUp() ? c.phase().actionName().equals("check_up") && answered > 4 : null;
      PhaseResult result =
          PhaseResult.of(c, PhaseOutcome.SUCCEEDED, 0, up, "ok", "", Instant.now(), 5);
      send(
          "ays.results",
          c.instanceKey().toString(),
          codec.encode(events.causedBy(command, EventType.RESULT_PHASE, result)));
      answered++;
      if (c.phase().actionName().equals("monitor")) {
        break;
      }
    }
    assertThat(answered).isEqualTo(8);

    awaitInstanceState("demo/web/main", "RUNNING");
    given()
        .get("/instances/demo/web/main/runs")
        .then()
        .statusCode(200)
        .body("[0].status", equalTo("SUCCEEDED"))
        .body("[0].requestId", equalTo("req-1"))
        .body(
            "[0].steps.phase",
            equalTo(
                List.of(
                    "init",
                    "prepare",
                    "fetch",
                    "configure",
                    "check_up",
                    "stop",
                    "check_down",
                    "halt",
                    "check_down",
                    "start",
                    "check_up",
                    "monitor")))
        .body(
            "[0].steps.status",
            equalTo(
                List.of(
                    "SUCCEEDED",
                    "SUCCEEDED",
                    "SUCCEEDED",
                    "SUCCEEDED",
                    "SUCCEEDED",
                    "SKIPPED",
                    "SKIPPED",
                    "SKIPPED",
                    "SKIPPED",
                    "SUCCEEDED",
                    "SUCCEEDED",
                    "SUCCEEDED")));
  }

  @Test
  void aBuildOfATemplateNotInstalledIsOneBuildCommandAndCreatesNoInstance() throws Exception {
    publishTemplate("demo", "tool");
    awaitPlannable("demo", "tool");
    send(
        "ays.requests",
        "demo/tool/main",
        "{\"specversion\":\"1.0\",\"id\":\"req-build\",\"source\":\"/test\","
            + "\"type\":\"ays.request.build.v1\",\"time\":\"2026-01-01T00:00:00Z\","
            + "\"data\":{\"domain\":\"demo\",\"name\":\"tool\",\"answers\":{\"param.port\":7070}}}");

    CloudEvent<PhaseCommand> command = nextCommand("demo/tool/main", Duration.ofSeconds(15));
    assertThat(command).as("the build command").isNotNull();
    assertThat(command.data().phase().actionName()).isEqualTo("build");
    assertThat(command.data().instanceKey().toString()).isEqualTo("demo/tool/main");
    assertThat(command.data().config()).containsEntry("instance.param.port", 7070);
    PhaseResult result =
        PhaseResult.of(
            command.data(), PhaseOutcome.SUCCEEDED, 0, null, "built", "", Instant.now(), 5);
    send(
        "ays.results",
        "demo/tool/main",
        codec.encode(events.causedBy(command, EventType.RESULT_PHASE, result)));

    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    String runs = "";
    while (System.nanoTime() < deadline && !runs.contains("\"status\":\"SUCCEEDED\"")) {
      runs = given().get("/instances/demo/tool/main/runs").asString();
      sleep(100);
    }
    given()
        .get("/instances/demo/tool/main/runs")
        .then()
        .statusCode(200)
        .body("[0].action", equalTo("BUILD"))
        .body("[0].status", equalTo("SUCCEEDED"))
        .body("[0].steps.phase", equalTo(List.of("build")));
    given().get("/instances/demo/tool/main").then().statusCode(404);
    assertThat(nextCommand("demo/tool/main", Duration.ofSeconds(1)))
        .as("nothing after the build")
        .isNull();
  }

  @Test
  void aDryRunReturnsThePlanAndInvalidAnswersAreListed() {
    publishTemplate("demo", "api");
    awaitPlannable("demo", "api");
    given()
        .contentType("application/json")
        .body("{\"domain\":\"demo\",\"name\":\"api\",\"answers\":{\"param.port\":\"eighty\"}}")
        .post("/requests/install?dryRun=true")
        .then()
        .statusCode(422)
        .body("problems[0].field", equalTo("param.port"))
        .body("problems[0].message", equalTo("expected an integer, got 'eighty'"));
    given()
        .contentType("application/json")
        .body("{\"domain\":\"demo\",\"name\":\"nope\"}")
        .post("/requests/install?dryRun=true")
        .then()
        .statusCode(422)
        .body("detail", equalTo("unknown template demo/nope"));
  }

  @Test
  void aTemplateWhoseFilesDoNotHaveItsHashIsDeadLetteredAndNotPlanned() {
    String name = "forged" + FlowHelpers.shortId();
    TemplateDefinition forged =
        new TemplateDefinition(
            "demo",
            name,
            TestTemplates.UNHASHED,
            "file:///test",
            null,
            Map.of(),
            SERVICE_HRD,
            INSTANCE_HRD,
            Instant.now());
    String reason = null;
    try (KafkaConsumer<String, String> deadLetters = consumer("ays.dead-letter")) {
      send(
          "ays.templates",
          "demo/" + name,
          codec.encode(events.create(EventType.TEMPLATE_DEFINITION, forged)));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (reason == null && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : deadLetters.poll(Duration.ofMillis(200))) {
          DeadLetter letter = codec.decode(record.value()).as(DeadLetter.class).data();
          if (("demo/" + name).equals(letter.originalKey())) {
            reason = letter.reason();
          }
        }
      }
    }

    assertThat(reason)
        .startsWith("template demo/" + name + ": contentHash " + TestTemplates.UNHASHED)
        .contains("does not match the content, whose hash is ");
    given()
        .contentType("application/json")
        .body("{\"domain\":\"demo\",\"name\":\"" + name + "\"}")
        .post("/requests/install?dryRun=true")
        .then()
        .statusCode(org.hamcrest.Matchers.not(200));
  }

  @Test
  void answersToKeysTheTemplateDoesNotAskRejectTheRequestNamingEachAndWhatItAsks() {
    publishTemplate("demo", "asks");
    awaitPlannable("demo", "asks");
    given()
        .contentType("application/json")
        .body(
            "{\"domain\":\"demo\",\"name\":\"asks\",\"answers\":{\"param.port\":9000,"
                + "\"param.evil\":\"x; touch /tmp/p\",\"service.process.1\":\"cmd:sh\"}}")
        .post("/requests/install?dryRun=true")
        .then()
        .statusCode(422)
        .body("detail", equalTo("cannot install demo/asks/main: 2 problems"))
        .body("problems.field", containsInAnyOrder("param.evil", "service.process.1"))
        .body("problems[0].message", equalTo("not asked by demo/asks: it asks param.port"));
  }

  @Test
  void aRequestTooLargeToPublishIsRefusedWithTheLimitNotAServerError() {
    String key = "demo/huge-" + FlowHelpers.shortId() + "/main";
    String[] parts = key.split("/");
    given()
        .contentType("application/json")
        .body(
            "{\"domain\":\""
                + parts[0]
                + "\",\"name\":\""
                + parts[1]
                + "\",\"answers\":{\"param.blob\":\""
                + "x".repeat(1536 * 1024)
                + "\"}}")
        .post("/requests/install")
        .then()
        .statusCode(413)
        .body("detail", containsString("the request is too large to publish: encoded event is"))
        .body("detail", containsString("over the limit of 1048576 bytes"))
        .body("problems.field", contains("answers"));
  }

  private void publishTemplate(String domain, String name) {
    FlowHelpers.publishTemplate(broker.bootstrapServers(), domain, name, SERVICE_HRD, INSTANCE_HRD);
  }

  private void awaitPlannable(String domain, String name) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      int status =
          given()
              .contentType("application/json")
              .body("{\"domain\":\"" + domain + "\",\"name\":\"" + name + "\"}")
              .post("/requests/install?dryRun=true")
              .statusCode();
      if (status == 200) {
        return;
      }
      sleep(200);
    }
    throw new AssertionError("template " + domain + "/" + name + " never reached the coordinator");
  }

  private void awaitInstanceState(String key, String state) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      String body = given().get("/instances/" + key).asString();
      if (body.contains("\"state\":\"" + state + "\"")) {
        return;
      }
      sleep(100);
    }
    throw new AssertionError(key + " never reached " + state);
  }

  private CloudEvent<PhaseCommand> nextCommand(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, String> record : commands.poll(Duration.ofMillis(200))) {
        CloudEvent<PhaseCommand> command = codec.decode(record.value()).as(PhaseCommand.class);
        checkSignature(record.value(), command.data());
        return command;
      }
    }
    return null;
  }

  /**
   * Every command the coordinator emits verifies against its key, names the key, and stays valid at
   * least until its deadline and for about the configured validity (10 minutes).
   */
  private static void checkSignature(String json, PhaseCommand command) {
    assertThat(VERIFIER.problem(json, Instant.now())).as("signature of %s", json).isEmpty();
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    assertThat(root.path("ayskeyid").asText()).isEqualTo(TestSigningKeys.KEY_ID);
    Instant expires = Instant.parse(root.path("aysexpires").asText());
    assertThat(expires)
        .isAfterOrEqualTo(command.deadline())
        .isAfter(Instant.now().plus(Duration.ofMinutes(9)))
        .isBefore(Instant.now().plus(Duration.ofMinutes(11)));
  }

  /** The next command for {@code instanceKey}; the topic also holds the other tests' commands. */
  private CloudEvent<PhaseCommand> nextCommand(String instanceKey, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    CloudEvent<PhaseCommand> command;
    while ((command = nextCommand(Duration.ofNanos(deadline - System.nanoTime()))) != null) {
      if (command.data().instanceKey().toString().equals(instanceKey)) {
        return command;
      }
    }
    return null;
  }

  private void send(String topic, String key, String value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private KafkaConsumer<String, String> consumer(String topic) {
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                1),
            new StringDeserializer(),
            new StringDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
