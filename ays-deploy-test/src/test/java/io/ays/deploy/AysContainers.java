package io.ays.deploy;

import io.ays.contracts.kafka.KafkaClientConfig;
import io.ays.testing.TestSecretsKey;
import io.ays.testing.TestSigningKeys;
import io.ays.testing.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The whole of AYS as containers, from the locally built images (never pulled): PostgreSQL, Kafka
 * (KRaft) and its topic setup, template-registry, lifecycle-coordinator, two node-executors and
 * monitor-service. Kafka is secured as deploy/ ships it: SASL/SCRAM only, the ACLs of
 * deploy/kafka/acls.txt, every service its own principal, all credentials made by
 * deploy/make-secrets.sh (see {@link #makeSecrets}). Every container is on the host network and
 * listens on 127.0.0.1 on a free port, so that the test talks to localhost only and runs beside
 * other tests. PostgreSQL and Kafka are waited for through their images' own HEALTHCHECK; the
 * services through their readiness endpoint, asked from the test (see {@link HttpReadiness}), while
 * their images' HEALTHCHECK runs at its shipped interval and the first test checks that Docker
 * reports them healthy.
 */
final class AysContainers implements AutoCloseable {

  static final String NODE_1 = "node-1";
  static final String NODE_2 = "node-2";
  // Five JVMs start at once on what may be a small, busy machine (CI): generous, since a slow start
  // is not what this test is about.
  private static final Duration SERVICE_START_TIMEOUT = Duration.ofSeconds(420);

  private static final String SIGNING_KEY = "/etc/ays/signing/signing.pem";
  private static final String SECRETS_KEY = "/etc/ays/secrets/secrets.key";
  private static final String TRUSTED_KEY = "/etc/ays/trusted/coordinator.pem";
  private static final String TOKEN_KEY = "/etc/ays/token/token-signing.pub.pem";
  private static final String KAFKA_CLIENT_CONFIG = "/etc/ays/kafka/kafka.properties";
  private static final String KAFKA_CREDENTIALS = "/etc/ays/kafka-credentials";

  final int kafkaPort = freePort();
  final int dbPort = freePort();
  final int registryPort = freePort();
  final int coordinatorPort = freePort();
  final int executor1Port = freePort();
  final int executor2Port = freePort();
  final int monitorPort = freePort();

  final GenericContainer<?> postgres;
  final GenericContainer<?> kafka;
  final GenericContainer<?> registry;
  final GenericContainer<?> coordinator;
  final GenericContainer<?> executor1;
  final GenericContainer<?> executor2;
  final GenericContainer<?> monitor;
  private final List<GenericContainer<?>> started = new ArrayList<>();
  private final Path logDir;
  private final Path kafkaCredentials;
  private final Path nodeKeys;

  AysContainers(String imagePrefix, String imageTag, Path templateRepo, Path logDir, Path secrets) {
    this.logDir = logDir;
    this.kafkaCredentials = secrets.resolve("kafka");
    this.nodeKeys = secrets.resolve("node-keys");
    String db = "jdbc:postgresql://127.0.0.1:" + dbPort + "/ays";
    postgres =
        container(image(imagePrefix, "postgres", imageTag), "postgres")
            .withEnv(
                Map.of(
                    "POSTGRES_USER", "ays",
                    "POSTGRES_PASSWORD", "ays-secret",
                    "POSTGRES_DB", "ays",
                    "PGPORT", String.valueOf(dbPort),
                    "POSTGRES_LISTEN", "127.0.0.1"));
    kafka =
        container(image(imagePrefix, "kafka", imageTag), "kafka")
            .withEnv(
                Map.of(
                    "KAFKA_PORT",
                    String.valueOf(kafkaPort),
                    "KAFKA_CONTROLLER_PORT",
                    String.valueOf(freePort()),
                    "KAFKA_LISTEN_HOST",
                    "127.0.0.1",
                    "KAFKA_ADVERTISED_HOST",
                    "127.0.0.1",
                    "KAFKA_ADMIN_CONFIG",
                    KAFKA_CLIENT_CONFIG))
            .withCopyFileToContainer(
                MountableFile.forHostPath(kafkaCredentials.resolve("ays-admin.properties"), 0444),
                KAFKA_CLIENT_CONFIG);
    Map<String, String> common =
        Map.of(
            "AYS_KAFKA_BOOTSTRAP", bootstrapServers(),
            "AYS_DB_URL", db,
            "AYS_DB_USER", "ays",
            "AYS_DB_PASSWORD", "ays-secret",
            "AYS_HTTP_HOST", "127.0.0.1",
            "JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    registry =
        kafkaPrincipal(
                service(
                    image(imagePrefix, "template-registry", imageTag),
                    "registry",
                    registryPort,
                    common),
                "ays-registry")
            .withEnv("AYS_REGISTRY_REPOSITORIES", "e2e=file:///templates/e2e#main")
            .withFileSystemBind(templateRepo.toString(), "/templates/e2e", BindMode.READ_ONLY);
    coordinator =
        kafkaPrincipal(
                service(
                    image(imagePrefix, "lifecycle-coordinator", imageTag),
                    "coordinator",
                    coordinatorPort,
                    common),
                "ays-coordinator")
            .withEnv("AYS_MANAGEMENT_NODE", NODE_1)
            // The test's signing key, copied in as a Secret would be mounted: root-owned, readable
            // by the service's user (the coordinator warns that it is not owner-only).
            .withCopyFileToContainer(
                MountableFile.forHostPath(TestSigningKeys.privateKeyFile(), 0444), SIGNING_KEY)
            .withEnv("AYS_SIGNING_KEY_FILE", SIGNING_KEY)
            .withEnv("AYS_SIGNING_KEY_ID", TestSigningKeys.KEY_ID)
            .withCopyFileToContainer(
                MountableFile.forHostPath(TestSecretsKey.keyFile(), 0444), SECRETS_KEY)
            .withEnv("AYS_SECRETS_KEY_FILE", SECRETS_KEY)
            // Every node's public key, as the ConfigMap ays-node-public-keys would give them.
            .withFileSystemBind(
                nodeKeys.resolve("public").toString(), "/etc/ays/node-keys", BindMode.READ_ONLY)
            .withEnv("AYS_NODE_KEYS_DIR", "/etc/ays/node-keys");
    executor1 = executor(image(imagePrefix, "node-executor", imageTag), NODE_1, executor1Port);
    executor2 = executor(image(imagePrefix, "node-executor", imageTag), NODE_2, executor2Port);
    monitor =
        kafkaPrincipal(
            service(
                image(imagePrefix, "monitor-service", imageTag), "monitor", monitorPort, common),
            "ays-monitor");
  }

  private GenericContainer<?> executor(DockerImageName image, String node, int port) {
    // The image derives AYS_NODE_ID from AYS_NODE_NAME as the Kubernetes DaemonSet sets it
    // (NODE-1 -> node-1), and picks node-<id>.properties from AYS_KAFKA_CREDENTIALS_DIR, the
    // DaemonSet's Secret of every node's credentials.
    return service(
            image,
            "executor-" + node,
            port,
            Map.of(
                "AYS_KAFKA_BOOTSTRAP",
                bootstrapServers(),
                "AYS_HTTP_HOST",
                "127.0.0.1",
                "JAVA_OPTS",
                "-Xmx192m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"))
        .withEnv("AYS_NODE_NAME", node.toUpperCase())
        .withFileSystemBind(kafkaCredentials.toString(), "/etc/ays/kafka", BindMode.READ_ONLY)
        .withEnv("AYS_KAFKA_CREDENTIALS_DIR", "/etc/ays/kafka")
        // and <id>.key from AYS_NODE_KEY_DIR, the DaemonSet's Secret of every node's key.
        .withFileSystemBind(nodeKeys.toString(), "/etc/ays/node-keys", BindMode.READ_ONLY)
        .withEnv("AYS_NODE_KEY_DIR", "/etc/ays/node-keys")
        .withEnv("AYS_EXECUTOR_MONITOR_INTERVAL", "2s")
        .withCopyFileToContainer(
            MountableFile.forHostPath(TestSigningKeys.publicKeyFile(), 0444), TRUSTED_KEY)
        .withEnv("AYS_TRUSTED_KEYS", TestSigningKeys.KEY_ID + "=" + TRUSTED_KEY)
        // An init process as PID 1 reaps what the executor's services leave behind.
        .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withInit(true));
  }

  private GenericContainer<?> service(
      DockerImageName image, String name, int port, Map<String, String> env) {
    return container(image, name)
        .waitingFor(new HttpReadiness(port).withStartupTimeout(SERVICE_START_TIMEOUT))
        .withEnv(env)
        .withEnv("AYS_HTTP_PORT", String.valueOf(port))
        // The tests' bearer tokens (TestTokens) are signed with the key this public key verifies.
        .withCopyFileToContainer(
            MountableFile.forHostPath(TestTokens.publicKeyFile(), 0444), TOKEN_KEY)
        .withEnv("AYS_JWT_PUBLIC_KEY", TOKEN_KEY)
        .withEnv("AYS_JWT_ISSUER", TestTokens.ISSUER)
        // Five JVMs start at once on a small shared machine: the first database connections can
        // take longer than Agroal's default 5 s.
        .withEnv("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "60s");
  }

  /** The service's own Kafka principal's client settings, as a mounted Secret would give them. */
  private GenericContainer<?> kafkaPrincipal(GenericContainer<?> service, String principal) {
    return service
        .withCopyFileToContainer(
            MountableFile.forHostPath(kafkaCredentials.resolve(principal + ".properties"), 0444),
            KAFKA_CLIENT_CONFIG)
        .withEnv("AYS_KAFKA_CLIENT_CONFIG", KAFKA_CLIENT_CONFIG);
  }

  /**
   * Every secret of a deployment, made by the shipped script (deploy/make-secrets.sh) for the two
   * nodes: the Kafka credentials the containers and the test use come from there.
   */
  static Path makeSecrets(Path projectDir, Path dir) throws IOException, InterruptedException {
    Process script =
        new ProcessBuilder(
                "bash",
                projectDir.resolve("deploy/make-secrets.sh").toString(),
                "--dir",
                dir.toString(),
                "--nodes",
                NODE_1 + "," + NODE_2)
            .redirectErrorStream(true)
            .start();
    String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (script.waitFor() != 0) {
      throw new IllegalStateException("deploy/make-secrets.sh failed: " + output);
    }
    return dir;
  }

  /** A principal's Kafka client settings (what the test's own clients use). */
  Map<String, String> kafkaClientSettings(String principal) {
    return KafkaClientConfig.read(kafkaCredentials.resolve(principal + ".properties")).properties();
  }

  @SuppressWarnings("resource")
  private GenericContainer<?> container(DockerImageName image, String name) {
    return new GenericContainer<>(image)
        .withImagePullPolicy(imageName -> false)
        .withNetworkMode("host")
        .withCreateContainerCmdModifier(
            cmd -> cmd.withName("ays-deploy-test-" + name + "-" + ProcessHandle.current().pid()))
        .withLogConsumer(frame -> log(name, frame))
        .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofSeconds(300)));
  }

  static DockerImageName image(String prefix, String name, String tag) {
    return DockerImageName.parse(prefix + name + ":" + tag);
  }

  String bootstrapServers() {
    return "127.0.0.1:" + kafkaPort;
  }

  /**
   * Starts everything: the database and Kafka, the topics and Kafka access (credentials, ACLs),
   * then the five services at once.
   */
  void start(String imagePrefix, String imageTag) {
    Startables.deepStart(postgres, kafka).join();
    started.add(postgres);
    started.add(kafka);
    try (GenericContainer<?> topics =
        container(image(imagePrefix, "kafka", imageTag), "topics")
            .withCommand(
                "setup",
                "--bootstrap",
                bootstrapServers(),
                "--admin-config",
                KAFKA_CREDENTIALS + "/ays-admin.properties",
                "--credentials-dir",
                KAFKA_CREDENTIALS,
                "--nodes",
                NODE_1 + "," + NODE_2)
            .withFileSystemBind(kafkaCredentials.toString(), KAFKA_CREDENTIALS, BindMode.READ_ONLY)
            .waitingFor(Wait.forListeningPorts())
            .withStartupCheckStrategy(
                new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(90)))) {
      topics.start();
    }
    List<GenericContainer<?>> services =
        List.of(registry, coordinator, executor1, executor2, monitor);
    started.addAll(services);
    Startables.deepStart(services).join();
  }

  private void log(String name, OutputFrame frame) {
    try {
      Files.createDirectories(logDir);
      Files.writeString(
          logDir.resolve(name + ".log"),
          frame.getUtf8String(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).stop();
      } catch (RuntimeException e) {
        // keep stopping the others
      }
    }
  }
}
