package io.ays.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ays.contracts.auth.Roles;
import io.ays.testing.EventLog;
import io.ays.testing.LocalPorts;
import io.ays.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;

/**
 * AYS deployed as containers (the images of deploy/images, built locally by
 * deploy/ci/prepare-docker.sh): an install request published on Kafka starts a real server inside
 * the executor's container, answering on localhost; killed inside the container, it is restarted by
 * monitor, coordinator and executor; a stop request stops it. Runs with -Days.deploy.test=true.
 */
@EnabledIfSystemProperty(
    named = "ays.deploy.test",
    matches = "true",
    disabledReason = "container test: run with -Days.deploy.test=true (see docs/deploy.md)")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainersEndToEndTest {

  private static final String KEY = "e2e/hello-http/main";
  private static final String SECRET = "container-test-secret-7f3a";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String prefix = System.getProperty("ays.image.prefix", "ays/");
  private final String tag = System.getProperty("ays.image.tag", "dev");
  private AysContainers ays;
  private EventLog events;
  private KafkaProducer<String, String> producer;
  private int servicePort;

  @BeforeAll
  void startAys() throws Exception {
    Path work =
        Path.of(System.getProperty("ays.project.dir"))
            .resolve("ays-deploy-test/target/run-" + System.currentTimeMillis());
    Path repo = templateRepository(work.resolve("templates"));
    Path secrets =
        AysContainers.makeSecrets(
            Path.of(System.getProperty("ays.project.dir")), work.resolve("secrets"));
    ays = new AysContainers(prefix, tag, repo, work.resolve("logs"), secrets);
    ays.start(prefix, tag);
    // The test watches as the Kafka admin (it reads every topic) and sends as an operator would.
    events =
        new EventLog(
            ays.bootstrapServers(),
            ays.kafkaClientSettings("ays-admin"),
            List.of(
                "ays.service-events",
                "ays.requests",
                "ays.dead-letter",
                "ays.health",
                "ays.commands." + AysContainers.NODE_1));
    Map<String, Object> operator = new HashMap<>(ays.kafkaClientSettings("ays-operator"));
    operator.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ays.bootstrapServers());
    producer = new KafkaProducer<>(operator, new StringSerializer(), new StringSerializer());
    servicePort = AysContainers.freePort();
  }

  @AfterAll
  void stopAys() throws Exception {
    if (producer != null) {
      producer.close();
    }
    if (events != null) {
      events.close();
    }
    if (ays != null) {
      ays.close();
    }
  }

  @Test
  @Order(1)
  void everyServiceIsHealthyAndRunsAsANonRootUser() throws Exception {
    for (int port :
        List.of(
            ays.registryPort,
            ays.coordinatorPort,
            ays.executor1Port,
            ays.executor2Port,
            ays.monitorPort)) {
      assertThat(get(port, "/q/health/ready").statusCode()).as("ready on " + port).isEqualTo(200);
    }
    for (GenericContainer<?> c :
        List.of(ays.registry, ays.coordinator, ays.executor1, ays.executor2, ays.monitor)) {
      assertThat(c.execInContainer("id", "-u").getStdout().trim())
          .as(c.getDockerImageName() + " user")
          .isEqualTo("10001");
    }
    // Docker's own view, from the images' HEALTHCHECK at its shipped 10 s interval.
    for (GenericContainer<?> c :
        List.of(ays.registry, ays.coordinator, ays.executor1, ays.executor2, ays.monitor)) {
      awaitDockerHealthy(c, Duration.ofSeconds(60));
    }
    // Two executors, node ids derived from the node names NODE-1 and NODE-2.
    assertThat(ays.executor1.getLogs()).contains("node id node-1");
    assertThat(ays.executor2.getLogs()).contains("node id node-2");
  }

  @Test
  @Order(1)
  void kafkaTakesEachPrincipalForWhatItsAclsAllowOnly() throws Exception {
    // An executor's principal may not send requests (only its results, health and heartbeats).
    Map<String, Object> node1 =
        new HashMap<>(ays.kafkaClientSettings("node-" + AysContainers.NODE_1));
    node1.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ays.bootstrapServers());
    node1.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
    try (KafkaProducer<String, String> executor =
        new KafkaProducer<>(node1, new StringSerializer(), new StringSerializer())) {
      assertThatThrownBy(() -> executor.send(new ProducerRecord<>("ays.requests", KEY, "{}")).get())
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
    // A wrong password is refused.
    Map<String, Object> impostor = new HashMap<>(node1);
    impostor.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"ays-operator\" password=\"guessed\";");
    try (KafkaProducer<String, String> guess =
        new KafkaProducer<>(impostor, new StringSerializer(), new StringSerializer())) {
      assertThatThrownBy(() -> guess.send(new ProducerRecord<>("ays.requests", KEY, "{}")).get())
          .satisfies(
              e ->
                  assertThat(e)
                      .satisfiesAnyOf(
                          x -> assertThat(x).isInstanceOf(SaslAuthenticationException.class),
                          x ->
                              assertThat(x).hasCauseInstanceOf(SaslAuthenticationException.class)));
    }
  }

  @Test
  @Order(2)
  void anInstallRequestOnKafkaStartsTheServerInsideTheExecutorContainer() throws Exception {
    awaitTemplateKnownToCoordinator();
    send(
        "install",
        "{\"domain\":\"e2e\",\"name\":\"hello-http\",\"instance\":\"main\","
            + "\"answers\":{\"param.port\":"
            + servicePort
            // A secret answer: its command reaches node-1 only sealed with node-1's key, which
            // the executor's image takes from the node keys deploy/make-secrets.sh made.
            + ",\"param.token\":\""
            + SECRET
            + "\"}}");

    LocalPorts.await(servicePort, true, Duration.ofSeconds(90));
    events.await(
        "a successful install run",
        r -> isType(r, "ays.run.finished.v1") && r.value().contains("\"outcome\":\"SUCCEEDED\""),
        Duration.ofSeconds(30));
    events.await(
        "the instance RUNNING",
        r -> isType(r, "ays.instance.state.v1") && r.value().contains("\"to\":\"RUNNING\""),
        Duration.ofSeconds(15));
    assertThat(get(servicePort, "/").statusCode()).isEqualTo(200);
    // The request went over Kafka in clear (a plain producer's choice); its commands did not.
    List<String> commands =
        events.all().stream()
            .filter(r -> r.topic().startsWith("ays.commands."))
            .map(r -> String.valueOf(r.value()))
            .toList();
    assertThat(commands).as("commands to node-1").isNotEmpty().noneMatch(c -> c.contains(SECRET));
    assertThat(commands).anyMatch(c -> c.contains("enc:node:v1:"));

    // The server is a child of node-1's executor, in its container, not on node-2.
    String pid = serverPid(ays.executor1);
    assertThat(pid).as("server process in the node-1 executor container").isNotEmpty();
    assertThat(ays.executor1.execInContainer("ps", "-o", "user=", "-p", pid).getStdout().trim())
        .isEqualTo("ays");
    assertThat(serverPid(ays.executor2)).isEmpty();
  }

  @Test
  @Order(3)
  void aServerKilledInsideTheContainerIsRestarted() throws Exception {
    String before = serverPid(ays.executor1);
    assertThat(before).isNotEmpty();
    Instant killedAt = Instant.now();
    ExecResult kill = ays.executor1.execInContainer("kill", "-9", before);
    assertThat(kill.getExitCode()).as(kill.getStderr()).isZero();
    LocalPorts.await(servicePort, false, Duration.ofSeconds(10));

    LocalPorts.await(servicePort, true, Duration.ofSeconds(30));
    events.await(
        "a restart request from the monitor",
        r -> isType(r, "ays.request.restart.v1") && KEY.equals(r.key()),
        Duration.ofSeconds(10));
    String after = serverPid(ays.executor1);
    assertThat(after).isNotEmpty().isNotEqualTo(before);
    System.out.println(
        "[deploy-test] killed server healed in "
            + Duration.between(killedAt, Instant.now()).toMillis()
            + " ms");
  }

  @Test
  @Order(4)
  void aStopRequestStopsTheServer() throws Exception {
    awaitRunsSettled();
    send("stop", "{\"domain\":\"e2e\",\"name\":\"hello-http\",\"instance\":\"main\"}");
    events.await(
        "the instance STOPPED",
        r -> isType(r, "ays.instance.state.v1") && r.value().contains("\"to\":\"STOPPED\""),
        Duration.ofSeconds(45));
    LocalPorts.await(servicePort, false, Duration.ofSeconds(10));
    assertThat(serverPid(ays.executor1)).isEmpty();
  }

  // --- helpers ---------------------------------------------------------------------------

  /** A git repository (branch main) with the hello-http template, as the e2e test uses. */
  private static Path templateRepository(Path dir) throws Exception {
    Map<String, String> files =
        Map.of(
            "hello-http/service.hrd",
            """
            description = 'a tiny HTTP server for the container test'
            platform.supported = linux
            process.1 =
                cmd:'python3',
                args:'-m http.server $(instance.param.port) --bind 127.0.0.1',
                ports:'$(instance.param.port)',
                timeout_start:'20',
                timeout_stop:'5',
            """,
            "hello-http/instance.hrd",
            """
            param.port = @ASK type:int default:8090 minValue:1024 maxValue:65535 descr:'port'
            param.token = @ASK type:password descr:'a secret the server does not use'
            """);
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = dir.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue());
      }
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("templates for the container test")
          .setAuthor("ays-deploy-test", "deploy@localhost")
          .setCommitter("ays-deploy-test", "deploy@localhost")
          .setSign(false)
          .call();
    }
    return dir;
  }

  /** The pid of the test server inside a container, or "" if it does not run there. */
  private String serverPid(GenericContainer<?> container) throws Exception {
    ExecResult r = container.execInContainer("pgrep", "-f", "http.server " + servicePort);
    return r.getExitCode() == 0 ? r.getStdout().trim() : "";
  }

  private void send(String action, String data) throws Exception {
    String json = Requests.json("/deploy-test", action, KEY, data);
    producer.send(new ProducerRecord<>("ays.requests", KEY, json)).get();
  }

  private void awaitTemplateKnownToCoordinator() throws Exception {
    String body =
        "{\"domain\":\"e2e\",\"name\":\"hello-http\",\"answers\":{\"param.port\":"
            + servicePort
            + ",\"param.token\":\"dry-run\"}}";
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(
                      "http://127.0.0.1:" + ays.coordinatorPort + "/requests/install?dryRun=true"))
              .header("Content-Type", "application/json")
              .header("Authorization", TestTokens.bearer(Roles.ADMIN))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      if (HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the coordinator never learned of template e2e/hello-http");
  }

  private static void awaitDockerHealthy(GenericContainer<?> c, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String status = "";
    while (System.nanoTime() < deadline) {
      status = c.getCurrentContainerInfo().getState().getHealth().getStatus();
      if ("healthy".equals(status)) {
        return;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(
        c.getDockerImageName() + ": Docker health " + status + " after " + timeout);
  }

  private void awaitRunsSettled() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
    String instance = "";
    while (System.nanoTime() < deadline) {
      instance = get(ays.coordinatorPort, "/instances/" + KEY).body();
      if (instance.contains("\"state\":\"RUNNING\"")
          && (instance.contains("\"activeRunId\":null") || !instance.contains("activeRunId"))) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("runs of " + KEY + " did not settle: " + instance);
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", TestTokens.bearer(Roles.ADMIN))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static boolean isType(ConsumerRecord<String, String> r, String type) {
    return r.value() != null && r.value().contains("\"type\":\"" + type + "\"");
  }
}
