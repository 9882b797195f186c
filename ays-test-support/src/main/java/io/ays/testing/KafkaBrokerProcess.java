package io.ays.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) run as a child
 * process of the test JVM from the Kafka jars already on its class path, so that a test can restart
 * it, or kill it with SIGKILL, and have it come back on the same port with the same data, as an
 * operator's restart or a crash of the broker's machine would. Clients keep their bootstrap address
 * and reconnect.
 *
 * <p>The in-JVM {@link KafkaBroker} starts faster but cannot come back on the same port; tests of
 * broker faults use this one.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Path directory;
  private final int port;
  private Process process;

  private KafkaBrokerProcess(Path directory, int port) {
    this.directory = directory;
    this.port = port;
  }

  /** Formats and starts a fresh broker under java.io.tmpdir; returns once it accepts clients. */
  public static KafkaBrokerProcess start() {
    try {
      Path directory = Files.createTempDirectory("ays-kafka-process-");
      int port = freePort();
      int controllerPort = freePort();
      Files.writeString(
          directory.resolve("server.properties"), config(directory, port, controllerPort));
      KafkaBrokerProcess broker = new KafkaBrokerProcess(directory, port);
      broker.format();
      broker.launch();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start a Kafka broker process", e);
    }
  }

  private static String config(Path directory, int port, int controllerPort) {
    return String.join(
        "\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:"
            + port
            + ",CONTROLLER://127.0.0.1:"
            + controllerPort,
        "inter.broker.listener.name=PLAINTEXT",
        "controller.listener.names=CONTROLLER",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "log.dirs=" + directory.resolve("data"),
        // One broker: internal topics cannot be replicated.
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "auto.create.topics.enable=true",
        "num.partitions=1",
        "");
  }

  private void format() throws IOException {
    Process formatting =
        java(
                "kafka.tools.StorageTool",
                "format",
                "--standalone",
                "--cluster-id",
                Uuid.randomUuid().toString(),
                "--config",
                properties().toString())
            .start();
    try {
      if (!formatting.waitFor(60, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
        formatting.destroyForcibly();
        throw new IllegalStateException(
            "could not format Kafka storage in " + directory + "; see " + log());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      formatting.destroyForcibly();
      throw new IllegalStateException("interrupted while formatting Kafka storage", e);
    }
  }

  private synchronized void launch() throws IOException {
    process = java("kafka.Kafka", properties().toString()).start();
    try {
      awaitReady();
    } catch (RuntimeException e) {
      // A broker that was not ready in time must not outlive the test JVM.
      process.destroyForcibly();
      throw e;
    }
  }

  private ProcessBuilder java(String mainClass, String... arguments) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    return builder;
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the Kafka broker process exited; see " + log());
        }
        try {
          admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
          return;
        } catch (Exception notYet) {
          Thread.sleep(200);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the Kafka broker", e);
    }
    throw new IllegalStateException(
        "the Kafka broker was not ready within " + READY_TIMEOUT + "; see " + log());
  }

  /** The {@code host:port} clients connect to; the same across restarts. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /**
   * Stops the broker as an operator would (SIGTERM, a controlled shutdown) and starts it again on
   * the same port with the same data; returns once it accepts clients again.
   */
  public synchronized void restart() {
    stop(false);
    relaunch();
  }

  /** Kills the broker with SIGKILL, as a crash would, and starts it again; returns once ready. */
  public synchronized void crashAndRestart() {
    stop(true);
    relaunch();
  }

  private void relaunch() {
    try {
      launch();
    } catch (IOException e) {
      throw new UncheckedIOException("could not restart the Kafka broker process", e);
    }
  }

  private void stop(boolean kill) {
    if (process == null || !process.isAlive()) {
      return;
    }
    try {
      if (kill) {
        process.destroyForcibly();
      } else {
        process.destroy();
      }
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** The broker's own output, for a failure message. */
  public Path log() {
    return directory.resolve("broker.log");
  }

  private Path properties() {
    return directory.resolve("server.properties");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public synchronized void close() {
    stop(false);
  }
}
