package io.ays.e2e;

import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaBrokerProcess;
import io.ays.testing.PostgresDatabase;
import io.ays.testing.TestNodeKeys;
import io.ays.testing.TestSigningKeys;
import io.ays.testing.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole of AYS for a test: a real Kafka broker and PostgreSQL in the test JVM, and the four
 * services as separate JVMs from their packaged apps, configured only by environment variables.
 */
final class AysCluster implements AutoCloseable {

  /**
   * How long each service may take to be ready: 5 minutes (several booting at once on a loaded
   * 2-core machine take minutes), or {@code -Days.e2e.ready-timeout-seconds=N}.
   */
  private static final Duration READY_TIMEOUT =
      Duration.ofSeconds(Long.getLong("ays.e2e.ready-timeout-seconds", 300));

  /** The in-JVM broker; null for a cluster on a {@link #restartableBroker}. */
  final KafkaBroker kafka;

  /** A broker in a process of its own, which a test can restart; null unless asked for. */
  final KafkaBrokerProcess restartableBroker;

  final PostgresDatabase database;
  ServiceProcess registry;
  ServiceProcess coordinator;
  ServiceProcess executor;
  ServiceProcess monitor;
  final Path workDir;
  private final List<ServiceProcess> services = new ArrayList<>();

  AysCluster(Path projectDir, Path workDir, String repositories) throws Exception {
    this(projectDir, workDir, repositories, false);
  }

  /**
   * With {@code restartable}, the broker runs in a process of its own ({@link KafkaBrokerProcess})
   * so that a test can restart it on the same port; it starts slower than the in-JVM one.
   */
  AysCluster(Path projectDir, Path workDir, String repositories, boolean restartable)
      throws Exception {
    this.workDir = workDir;
    kafka = restartable ? null : KafkaBroker.start();
    restartableBroker = restartable ? KafkaBrokerProcess.start() : null;
    database = PostgresDatabase.start();
    try {
      startServices(projectDir, workDir, repositories);
    } catch (Exception | Error e) {
      // Whatever started must not outlive a failed start (the services are processes).
      close();
      throw e;
    }
  }

  private void startServices(Path projectDir, Path workDir, String repositories) throws Exception {
    Map<String, String> common = new HashMap<>();
    common.put("AYS_KAFKA_BOOTSTRAP", bootstrapServers());
    common.put("AYS_DB_URL", database.jdbcUrl());
    common.put("AYS_DB_USER", database.username());
    common.put("AYS_DB_PASSWORD", database.password());
    // Every service verifies bearer tokens with the test JVM's key (TestTokens).
    common.putAll(TestTokens.serviceEnvironment());
    Path logs = workDir.resolve("logs");

    Map<String, String> registryEnv = new HashMap<>(common);
    registryEnv.put("AYS_REGISTRY_REPOSITORIES", repositories);
    registryEnv.put("AYS_REGISTRY_WORK_DIR", workDir.resolve("registry").toString());
    registry =
        add(ServiceProcess.start(projectDir, "template-registry", freePort(), registryEnv, logs));
    // The coordinator signs commands with a key made for this test JVM; the executor trusts it.
    Map<String, String> coordinatorEnv = new HashMap<>(common);
    coordinatorEnv.putAll(TestSigningKeys.coordinatorEnvironment());
    coordinator =
        add(
            ServiceProcess.start(
                projectDir, "lifecycle-coordinator", freePort(), coordinatorEnv, logs));
    Map<String, String> executorEnv = new HashMap<>(common);
    executorEnv.putAll(TestSigningKeys.executorEnvironment());
    executorEnv.put("AYS_NODE_ID", "local");
    executorEnv.putAll(TestNodeKeys.executorEnvironment("local"));
    executorEnv.put("AYS_EXECUTOR_DATA_DIR", workDir.resolve("executor").toString());
    executorEnv.put("AYS_EXECUTOR_MONITOR_INTERVAL", "2s");
    executor =
        add(ServiceProcess.start(projectDir, "node-executor", freePort(), executorEnv, logs));
    monitor = add(ServiceProcess.start(projectDir, "monitor-service", freePort(), common, logs));
    for (ServiceProcess service : services) {
      service.awaitReady(READY_TIMEOUT);
    }
  }

  /** Kills the coordinator with SIGKILL and starts it again; returns when it is ready. */
  void crashAndRestartCoordinator() throws Exception {
    services.remove(coordinator);
    coordinator = add(coordinator.killAndRestart());
    coordinator.awaitReady(READY_TIMEOUT);
  }

  /**
   * Stops the coordinator and starts it again with {@code changes} to its environment (a variable
   * mapped to null is removed); returns when it is ready.
   */
  void restartCoordinatorWith(Map<String, String> changes) throws Exception {
    services.remove(coordinator);
    coordinator = add(coordinator.restartWith(changes));
    coordinator.awaitReady(READY_TIMEOUT);
  }

  /**
   * Starts one more node-executor, for node {@code nodeId}, with its own data folder, beside the
   * {@code local} one (which is the management location); returns when it is ready. It is stopped
   * with the cluster.
   */
  ServiceProcess startExecutor(Path projectDir, String nodeId) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("AYS_KAFKA_BOOTSTRAP", bootstrapServers());
    env.put("AYS_DB_URL", database.jdbcUrl());
    env.put("AYS_DB_USER", database.username());
    env.put("AYS_DB_PASSWORD", database.password());
    env.putAll(TestTokens.serviceEnvironment());
    env.putAll(TestSigningKeys.executorEnvironment());
    env.put("AYS_NODE_ID", nodeId);
    env.putAll(TestNodeKeys.executorEnvironment(nodeId));
    env.put("AYS_EXECUTOR_DATA_DIR", workDir.resolve("executor-" + nodeId).toString());
    env.put("AYS_EXECUTOR_MONITOR_INTERVAL", "2s");
    Path logs = workDir.resolve("logs").resolve(nodeId);
    ServiceProcess executor =
        add(ServiceProcess.start(projectDir, "node-executor", freePort(), env, logs));
    executor.awaitReady(READY_TIMEOUT);
    return executor;
  }

  /** Stops an executor started by {@link #startExecutor}, leaving the rest of the cluster up. */
  void stopExecutor(ServiceProcess extra) {
    if (extra != executor && services.remove(extra)) {
      extra.close();
    }
  }

  /**
   * Starts {@code killed} (see {@link ServiceProcess#kill}) again with the same port and
   * environment, in its place in the cluster; returns when it is ready.
   */
  ServiceProcess startAgain(ServiceProcess killed) throws Exception {
    ServiceProcess again = killed.startAgain();
    services.set(services.indexOf(killed), again);
    if (killed == coordinator) {
      coordinator = again;
    } else if (killed == executor) {
      executor = again;
    } else if (killed == monitor) {
      monitor = again;
    }
    again.awaitReady(READY_TIMEOUT);
    return again;
  }

  String bootstrapServers() {
    return kafka != null ? kafka.bootstrapServers() : restartableBroker.bootstrapServers();
  }

  /** Whether every service of the cluster runs and is ready. */
  boolean isHealthy() {
    return services.stream().allMatch(ServiceProcess::isReady);
  }

  private ServiceProcess add(ServiceProcess service) {
    services.add(service);
    return service;
  }

  /** The environment that points the ays command line at this cluster. */
  Map<String, String> cliEnvironment() {
    return Map.of(
        "AYS_KAFKA_BOOTSTRAP", bootstrapServers(),
        "AYS_COORDINATOR_URL", coordinator.url("").toString(),
        "AYS_REGISTRY_URL", registry.url("").toString(),
        "AYS_MONITOR_URL", monitor.url("").toString(),
        "AYS_EXECUTOR_DATA_DIR", workDir.resolve("executor").toString(),
        "AYS_TOKEN", TestTokens.adminToken());
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    // All at once: the services stop in parallel, then each is waited for.
    services.forEach(ServiceProcess::requestStop);
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).close();
    }
    if (kafka != null) {
      kafka.close();
    } else {
      restartableBroker.close();
    }
    database.close();
  }
}
