package io.ays.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.auth.Roles;
import io.ays.contracts.auth.TokenKeys;
import io.ays.contracts.kafka.KafkaClientConfig;
import io.ays.testing.EventLog;
import io.ays.testing.LocalPorts;
import io.ays.testing.Prerequisites;
import io.ays.testing.Readiness;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The compose deployment itself (deploy/compose/compose.yaml, the images
 * deploy/ci/prepare-docker.sh builds, the secrets deploy/make-secrets.sh makes) brought up with the
 * compose tool, on the host's network (compose.host-network.yaml, so that the test talks to
 * 127.0.0.1 only) on free ports. From the host, through Kafka's second (EXTERNAL) listener, as the
 * operator principal: the example template hello-http is installed on the second executor and
 * answers; killed inside that executor's container, it is healed. {@code down -v} always runs and
 * must leave nothing of the project behind. Runs with -Days.deploy.test=true; without a compose
 * tool it is skipped, or fails under -Days.require.all=true.
 */
@EnabledIfSystemProperty(
    named = "ays.deploy.test",
    matches = "true",
    disabledReason = "compose test: run with -Days.deploy.test=true (see docs/deploy.md)")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeEndToEndTest {

  private static final String NODE = AysContainers.NODE_2;
  private static final String EXECUTOR = "node-executor-2";
  private static final String OTHER_EXECUTOR = "node-executor-1";
  private static final String KEY = "examples/hello-http/main";
  private static final Duration UP_TIMEOUT = Duration.ofMinutes(10);
  // Five JVMs start at once on what may be a small, busy machine (CI).
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(420);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Path projectDir = Path.of(System.getProperty("ays.project.dir"));
  private final String prefix = System.getProperty("ays.image.prefix", "ays/");
  private final String tag = System.getProperty("ays.image.tag", "dev");

  // The host ports: free now, so that the test runs beside others (the e2e module in CI).
  private final int kafkaHostPort = AysContainers.freePort();
  private final int kafkaInternalPort = AysContainers.freePort();
  private final int kafkaControllerPort = AysContainers.freePort();
  private final int dbPort = AysContainers.freePort();
  private final int registryPort = AysContainers.freePort();
  private final int coordinatorPort = AysContainers.freePort();
  private final int executor1Port = AysContainers.freePort();
  private final int executor2Port = AysContainers.freePort();
  private final int monitorPort = AysContainers.freePort();
  private final int servicePort = AysContainers.freePort();

  private List<String> cli;
  private ComposeProject compose;
  private Path secrets;
  private EventLog events;
  private KafkaProducer<String, String> producer;
  private volatile boolean failed;

  @RegisterExtension
  final TestWatcher failures =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          failed = true;
        }
      };

  @BeforeAll
  void up() throws Exception {
    cli = ComposeProject.findCli();
    if (cli == null) {
      return; // skipped (or failed) in @BeforeEach, where the reason reaches the report
    }
    Path work =
        Files.createDirectories(projectDir.resolve("ays-deploy-test/target"))
            .resolve("compose-" + System.currentTimeMillis());
    secrets = AysContainers.makeSecrets(projectDir, work.resolve("secrets"));
    compose =
        new ComposeProject(
            cli,
            "ays-compose-test-" + ProcessHandle.current().pid(),
            projectDir.resolve("deploy/compose"),
            List.of("compose.yaml", "compose.host-network.yaml"),
            environment());
    try {
      Instant started = Instant.now();
      compose.compose(UP_TIMEOUT, "up", "-d");
      Map<String, Integer> services =
          Map.of(
              "template-registry", registryPort,
              "lifecycle-coordinator", coordinatorPort,
              "node-executor-1", executor1Port,
              "node-executor-2", executor2Port,
              "monitor-service", monitorPort);
      for (Map.Entry<String, Integer> service : services.entrySet()) {
        Readiness.await(
            "http://127.0.0.1:" + service.getValue(), service.getKey(), READY_TIMEOUT, () -> true);
      }
      System.out.println(
          "[compose-test] "
              + String.join(" ", cli)
              + ": project "
              + compose.name()
              + " up and ready in "
              + Duration.between(started, Instant.now()).toSeconds()
              + " s");
      // The test watches as the Kafka admin (it reads every topic) and sends as an operator
      // would, both from the host: through the EXTERNAL listener.
      events =
          new EventLog(
              kafkaBootstrap(),
              kafkaClientSettings("ays-admin"),
              List.of("ays.service-events", "ays.requests", "ays.dead-letter"));
      Map<String, Object> operator = new HashMap<>(kafkaClientSettings("ays-operator"));
      operator.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap());
      producer = new KafkaProducer<>(operator, new StringSerializer(), new StringSerializer());
    } catch (Exception | AssertionError e) {
      failed = true;
      throw e;
    }
  }

  /** What .env would give, pointed at this test's secrets, images and ports. */
  private Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AYS_SECRETS_DIR", secrets.toString());
    env.put("AYS_JWT_PUBLIC_KEY_FILE", secrets.resolve("token-signing.pub.pem").toString());
    env.put("AYS_REGISTRY_IMAGE", prefix + "template-registry:" + tag);
    env.put("AYS_COORDINATOR_IMAGE", prefix + "lifecycle-coordinator:" + tag);
    env.put("AYS_EXECUTOR_IMAGE", prefix + "node-executor:" + tag);
    env.put("AYS_MONITOR_IMAGE", prefix + "monitor-service:" + tag);
    env.put("KAFKA_IMAGE", prefix + "kafka:" + tag);
    env.put("AYS_TOPICS_IMAGE", prefix + "kafka:" + tag);
    env.put("POSTGRES_IMAGE", prefix + "postgres:" + tag);
    env.put("KAFKA_HOST_PORT", String.valueOf(kafkaHostPort));
    env.put("AYS_KAFKA_PORT", String.valueOf(kafkaInternalPort));
    env.put("AYS_KAFKA_CONTROLLER_PORT", String.valueOf(kafkaControllerPort));
    env.put("AYS_DB_PORT", String.valueOf(dbPort));
    env.put("AYS_REGISTRY_PORT", String.valueOf(registryPort));
    env.put("AYS_COORDINATOR_PORT", String.valueOf(coordinatorPort));
    env.put("AYS_EXECUTOR_1_PORT", String.valueOf(executor1Port));
    env.put("AYS_EXECUTOR_2_PORT", String.valueOf(executor2Port));
    env.put("AYS_MONITOR_PORT", String.valueOf(monitorPort));
    return env;
  }

  @BeforeEach
  void composeToolPresent() {
    Prerequisites.require(
        cli != null,
        "neither docker-compose nor the docker compose plugin is installed: run"
            + " deploy/ci/prepare-docker.sh (it installs Debian's docker-compose)");
  }

  @AfterAll
  void down() throws Exception {
    if (compose == null) {
      return;
    }
    try {
      if (producer != null) {
        producer.close();
      }
      if (events != null) {
        events.close();
      }
      if (failed) {
        System.out.println(compose.failureReport("[compose-test] "));
      }
    } finally {
      Instant started = Instant.now();
      ComposeProject.Result down =
          compose.composeMayFail(
              Duration.ofMinutes(3), "down", "-v", "--remove-orphans", "--timeout", "30");
      System.out.println(
          "[compose-test] down -v in "
              + Duration.between(started, Instant.now()).toSeconds()
              + " s");
      deleteSecrets();
      assertThat(down.exitCode()).as("compose down -v:\n" + down.output()).isZero();
      assertThat(compose.leftovers()).as("left of project " + compose.name()).isEmpty();
    }
  }

  @Test
  @Order(1)
  void hostClientsGetTheBrokerAdvertisedOnTheExternalListener() throws Exception {
    Map<String, Object> admin = new HashMap<>(kafkaClientSettings("ays-admin"));
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap());
    try (Admin client = Admin.create(admin)) {
      // The CLIENT listener's address (the services') is not what a host client is told.
      assertThat(client.describeCluster().nodes().get())
          .extracting(Node::host, Node::port)
          .containsExactly(Tuple.tuple("127.0.0.1", kafkaHostPort));
    }
  }

  @Test
  @Order(2)
  void anInstallRequestFromTheHostStartsTheExampleOnTheSecondExecutor() throws Exception {
    awaitTemplateKnownToCoordinator();
    send(
        "install",
        "{\"domain\":\"examples\",\"name\":\"hello-http\",\"instance\":\"main\",\"node\":\""
            + NODE
            + "\",\"answers\":{\"param.port\":"
            + servicePort
            + "}}");

    events.await(
        "a successful install run",
        r -> isType(r, "ays.run.finished.v1") && r.value().contains("\"outcome\":\"SUCCEEDED\""),
        Duration.ofSeconds(120));
    LocalPorts.await(servicePort, true, Duration.ofSeconds(10));
    assertThat(get(servicePort, "/", null).statusCode()).isEqualTo(200);
    // A child of node-2's executor, in its container, not in node-1's.
    assertThat(serverPid(EXECUTOR)).as("server in " + EXECUTOR).isNotEmpty();
    assertThat(serverPid(OTHER_EXECUTOR)).as("server in " + OTHER_EXECUTOR).isEmpty();
  }

  @Test
  @Order(3)
  void theExampleKilledInsideItsExecutorContainerIsHealed() throws Exception {
    String before = serverPid(EXECUTOR);
    assertThat(before).isNotEmpty();
    Instant killedAt = Instant.now();
    ComposeProject.Result kill = compose.exec(EXECUTOR, "kill", "-9", before);
    assertThat(kill.exitCode()).as(kill.output()).isZero();
    LocalPorts.await(servicePort, false, Duration.ofSeconds(10));

    // Healed at the executor's production monitor interval (10 s): the monitor asks for a restart.
    LocalPorts.await(servicePort, true, Duration.ofSeconds(60));
    events.await(
        "a restart request from the monitor",
        r -> isType(r, "ays.request.restart.v1") && KEY.equals(r.key()),
        Duration.ofSeconds(15));
    assertThat(get(servicePort, "/", null).statusCode()).isEqualTo(200);
    assertThat(serverPid(EXECUTOR)).isNotEmpty().isNotEqualTo(before);
    System.out.println(
        "[compose-test] killed server healed in "
            + Duration.between(killedAt, Instant.now()).toMillis()
            + " ms");
  }

  // --- helpers ---------------------------------------------------------------------------

  private String kafkaBootstrap() {
    return "127.0.0.1:" + kafkaHostPort;
  }

  private Map<String, String> kafkaClientSettings(String principal) {
    return KafkaClientConfig.read(secrets.resolve("kafka/" + principal + ".properties"))
        .properties();
  }

  /** A bearer token signed with the generated token key, as an operator's tooling would mint. */
  private String bearer() {
    return "Bearer "
        + Jwt.issuer(TokenKeys.DEFAULT_ISSUER)
            .upn("compose-test")
            .groups(Set.of(Roles.ADMIN))
            .expiresIn(Duration.ofHours(1))
            .sign(TokenKeys.readPrivateKey(secrets.resolve("token-signing.pem")));
  }

  /** The pid of the example's server in a service's container, or "" if it does not run there. */
  private String serverPid(String service) throws IOException {
    ComposeProject.Result r = compose.exec(service, "pgrep", "-f", "http.server " + servicePort);
    return r.exitCode() == 0 ? r.output().strip() : "";
  }

  private void send(String action, String data) throws Exception {
    String json = Requests.json("/compose-test", action, KEY, data);
    producer.send(new ProducerRecord<>("ays.requests", KEY, json)).get();
  }

  /**
   * The registry syncs the examples repository after it starts: wait for the coordinator to plan.
   */
  private void awaitTemplateKnownToCoordinator() throws Exception {
    String body =
        "{\"domain\":\"examples\",\"name\":\"hello-http\",\"node\":\""
            + NODE
            + "\",\"answers\":{\"param.port\":"
            + servicePort
            + "}}";
    String token = bearer();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    HttpResponse<String> last = null;
    while (System.nanoTime() < deadline) {
      last =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:" + coordinatorPort + "/requests/install?dryRun=true"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", token)
                  .timeout(Duration.ofSeconds(30))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (last.statusCode() == 200) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "the coordinator never planned examples/hello-http: "
            + (last == null ? "no answer" : last.statusCode() + " " + last.body()));
  }

  private static HttpResponse<String> get(int port, String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static boolean isType(ConsumerRecord<String, String> r, String type) {
    return r.value() != null && r.value().contains("\"type\":\"" + type + "\"");
  }

  /** The generated secrets are this run's only: no key is left in target/. */
  private void deleteSecrets() throws IOException {
    if (secrets == null || !Files.exists(secrets)) {
      return;
    }
    try (Stream<Path> files = Files.walk(secrets)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
