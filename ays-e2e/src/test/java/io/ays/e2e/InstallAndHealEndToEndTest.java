package io.ays.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.testing.EventLog;
import io.ays.testing.LocalPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * AYS doing its job, across all four services as separate processes: an install request sent as raw
 * JSON on Kafka (as a user would with kcat) starts a real server; a kill -9 of it is healed through
 * monitor, coordinator and executor; a stop leaves no process behind; bad input is dead-lettered or
 * rejected with the reason while everything keeps working.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(SharedAysCluster.LOCK)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallAndHealEndToEndTest {

  private static final String KEY = "e2e/hello-http/main";

  private AysCluster ays;
  private EventLog events;
  private KafkaProducer<String, String> producer;
  private int servicePort;

  @BeforeAll
  void startAys() throws Exception {
    ays = SharedAysCluster.acquire();
    SharedAysCluster.publish(SharedAysCluster.E2E, TemplateRepository.helloHttp());
    events =
        new EventLog(
            ays.kafka.bootstrapServers(),
            List.of("ays.service-events", "ays.requests", "ays.dead-letter", "ays.health"));
    producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ays.kafka.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer());
    servicePort = AysCluster.freePort();
  }

  @AfterAll
  void stopAys() throws Exception {
    if (producer != null) {
      producer.close();
    }
    if (events != null) {
      events.close();
    }
    SharedAysCluster.release();
  }

  @Test
  @Order(1)
  void anInstallRequestOnKafkaStartsTheServiceAndRecordsEveryStep() throws Exception {
    awaitTemplateKnownToCoordinator();

    String requestId =
        send(
            "install",
            KEY,
            "{\"domain\":\"e2e\",\"name\":\"hello-http\","
                + "\"instance\":\"main\",\"answers\":{\"param.port\":"
                + servicePort
                + "}}");

    LocalPorts.await(servicePort, true, Duration.ofSeconds(60));
    // This request's run and this instance only: other classes on the shared cluster have
    // finished runs and RUNNING instances of their own on the same topics.
    events.await(
        "a successful install run",
        r ->
            isType(r, "ays.run.finished.v1")
                && r.value().contains("\"outcome\":\"SUCCEEDED\"")
                && r.value().contains("\"correlationid\":\"" + requestId + "\""),
        Duration.ofSeconds(30));
    events.await(
        "the instance RUNNING",
        r ->
            isType(r, "ays.instance.state.v1")
                && KEY.equals(r.key())
                && r.value().contains("\"to\":\"RUNNING\""),
        Duration.ofSeconds(10));

    String runs = ays.coordinator.get("/instances/" + KEY + "/runs").body();
    assertThat(runs).contains("\"requestId\":\"" + requestId + "\"");
    assertThat(phasesWithStatus(runs, "SUCCEEDED"))
        .containsExactly(
            "init", "prepare", "fetch", "configure", "check_up", "start", "check_up", "monitor");
    assertThat(phasesWithStatus(runs, "SKIPPED"))
        .containsExactly("stop", "check_down", "halt", "check_down");
  }

  @Test
  @Order(2)
  void aKilledServiceIsHealedThroughMonitorCoordinatorAndExecutor() throws Exception {
    ProcessHandle server =
        serverProcess().orElseThrow(() -> new AssertionError("no server process"));
    server.destroyForcibly();
    LocalPorts.await(servicePort, false, Duration.ofSeconds(5));

    // How fast is measured by the benchmark (docs/benchmarks.md), not asserted here: a loaded
    // machine must not fail the test.
    LocalPorts.await(servicePort, true, Duration.ofSeconds(60));
    events.await(
        "a restart request from the monitor",
        r -> isType(r, "ays.request.restart.v1") && KEY.equals(r.key()),
        Duration.ofSeconds(5));
    assertThat(serverProcess()).isPresent().get().isNotEqualTo(server);
  }

  @Test
  @Order(3)
  void aysTraceShowsTheInstallTheCrashAndTheMonitorsRestartRunAsOneTree() throws Exception {
    awaitRunsSettled();
    Path projectDir = Path.of(System.getProperty("ays.project.dir"));
    AysCli cli =
        new AysCli(
            projectDir,
            projectDir.resolve("ays-e2e/target/heal-trace-" + System.currentTimeMillis()),
            ays);

    AysCli.Run trace = cli.run("trace", KEY);

    assertThat(trace.code()).as(trace.toString()).isZero();
    assertThat(trace.out())
        .as(trace.toString())
        .containsPattern(
            "(?s)^correlation \\S+\n"
                + ".*request \\S+: install e2e/hello-http/main\n"
                + ".*run \\S+: install e2e/hello-http/main on local, SUCCEEDED"
                + ".*e2e/hello-http/main (crash|health DOWN)"
                + ".*e2e/hello-http/main monitor: restart requested \\(request \\S+\\)"
                + ".*run \\S+: restart e2e/hello-http/main on local, SUCCEEDED")
        // The restart's request hangs under the monitor's entry that asked for it.
        .containsPattern(
            "(?m)^[│ ]  [└├]─ \\S+  request \\S+: restart e2e/hello-http/main \\(asked by the"
                + " monitor\\)$");
  }

  @Test
  @Order(4)
  void aStopRequestLeavesNoProcessBehind() throws Exception {
    awaitRunsSettled();
    send("stop", KEY, "{\"domain\":\"e2e\",\"name\":\"hello-http\",\"instance\":\"main\"}");
    events.await(
        "the instance STOPPED",
        r -> isType(r, "ays.instance.state.v1") && r.value().contains("\"to\":\"STOPPED\""),
        Duration.ofSeconds(30));
    LocalPorts.await(servicePort, false, Duration.ofSeconds(5));
    assertThat(serverProcess()).isEmpty();
  }

  @Test
  @Order(4)
  void malformedMessagesAreDeadLetteredAndTheConsumersGoOn() throws Exception {
    for (String topic :
        List.of("ays.requests", "ays.results", "ays.health", "ays.commands.local")) {
      producer.send(new ProducerRecord<>(topic, "e2e/x/y", "this is not json")).get();
    }
    for (String topic :
        List.of("ays.requests", "ays.results", "ays.health", "ays.commands.local")) {
      events.await(
          "a dead letter for " + topic,
          r ->
              r.topic().equals("ays.dead-letter")
                  && r.value().contains("\"originalTopic\":\"" + topic + "\"")
                  && r.value().contains("not JSON"),
          Duration.ofSeconds(20));
    }
    events.await(
        "a rejection for the unreadable request",
        r -> isType(r, "ays.request.rejected.v1") && r.value().contains("not JSON"),
        Duration.ofSeconds(10));

    // The consumers still work: a request right after is handled.
    send("install", "e2e/nope/main", "{\"domain\":\"e2e\",\"name\":\"nope\"}");
    events.await(
        "a rejection naming the unknown template",
        r ->
            isType(r, "ays.request.rejected.v1") && r.value().contains("unknown template e2e/nope"),
        Duration.ofSeconds(20));

    send(
        "install",
        "e2e/hello-http/bad",
        "{\"domain\":\"e2e\",\"name\":\"hello-http\","
            + "\"instance\":\"bad\",\"answers\":{\"param.port\":\"eighty\"}}");
    events.await(
        "a rejection naming the invalid answer",
        r ->
            isType(r, "ays.request.rejected.v1")
                && r.key().equals("e2e/hello-http/bad")
                && r.value().contains("param.port"),
        Duration.ofSeconds(20));
  }

  private String send(String action, String key, String data) throws Exception {
    String id = UUID.randomUUID().toString();
    String json =
        "{\"specversion\":\"1.0\",\"id\":\""
            + id
            + "\",\"source\":\"/e2e/kcat\","
            + "\"type\":\"ays.request."
            + action
            + ".v1\",\"subject\":\""
            + key
            + "\","
            + "\"time\":\""
            + Instant.now()
            + "\",\"datacontenttype\":\"application/json\","
            + "\"data\":"
            + data
            + "}";
    producer.send(new ProducerRecord<>("ays.requests", key, json)).get();
    return id;
  }

  private void awaitTemplateKnownToCoordinator() throws Exception {
    String body =
        "{\"domain\":\"e2e\",\"name\":\"hello-http\",\"answers\":{\"param.port\":"
            + servicePort
            + "}}";
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (ays.coordinator.post("/requests/install?dryRun=true", body).statusCode() == 200) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the coordinator never learned of template e2e/hello-http");
  }

  /** Waits until no run of the instance is active (the restart after the kill has finished). */
  private void awaitRunsSettled() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      String instance = ays.coordinator.get("/instances/" + KEY).body();
      if (instance.contains("\"state\":\"RUNNING\"") && instance.contains("\"activeRunId\":null")
          || instance.contains("\"state\":\"RUNNING\"") && !instance.contains("activeRunId")) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("runs of " + KEY + " did not settle");
  }

  private Optional<ProcessHandle> serverProcess() {
    String marker = "http.server " + servicePort;
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
        .findFirst();
  }

  private static boolean isType(
      org.apache.kafka.clients.consumer.ConsumerRecord<String, String> r, String type) {
    return r.value() != null && r.value().contains("\"type\":\"" + type + "\"");
  }

  /** The phases of the oldest run in a runs JSON array, with the given status, in order. */
  private static List<String> phasesWithStatus(String runsJson, String status) {
    int oldest = runsJson.lastIndexOf("\"steps\":[");
    String steps = runsJson.substring(oldest);
    List<String> phases = new java.util.ArrayList<>();
    var matcher =
        java.util.regex.Pattern.compile("\"phase\":\"([a-z_]+)\",\"status\":\"([A-Z]+)\"")
            .matcher(steps.substring(0, steps.indexOf("]")));
    while (matcher.find()) {
      if (matcher.group(2).equals(status)) {
        phases.add(matcher.group(1));
      }
    }
    return phases;
  }
}
