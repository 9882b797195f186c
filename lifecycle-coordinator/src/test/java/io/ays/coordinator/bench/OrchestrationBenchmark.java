package io.ays.coordinator.bench;

import io.ays.contracts.Capacity;
import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeHeartbeat;
import io.ays.contracts.NodeId;
import io.ays.contracts.Platform;
import io.ays.contracts.RunFinished;
import io.ays.contracts.RunOutcome;
import io.ays.contracts.ServiceRequest;
import io.ays.contracts.TemplateDefinition;
import io.ays.testing.KafkaBroker;
import io.ays.testing.PostgresDatabase;
import io.ays.testing.Readiness;
import io.ays.testing.TestSigningKeys;
import io.ays.testing.TestTemplates;
import io.ays.testing.TestTokens;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The coordinator's orchestration overhead and throughput, measured (docs/benchmarks.md): the
 * packaged coordinator runs as its own process against a real PostgreSQL and Kafka; a {@link
 * SimulatedFleet} answers every command of many node ids at once with success, so that the time
 * measured is AYS's own (request intake, planning, one transaction per result, the outbox, the
 * broker both ways). Two rounds:
 *
 * <ol>
 *   <li>low load: installs one after the other; for each phase, the time from the fleet's answer to
 *       the previous phase until the next phase's command reaches the fleet;
 *   <li>throughput: many installs published at once over the node ids; the time from the first
 *       request until the last run has finished ({@code ays.run.finished.v1}).
 * </ol>
 *
 * <p>Not a test: run by {@code lifecycle-coordinator/bench/orchestration.sh}.
 */
public final class OrchestrationBenchmark {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final EventCodec CODEC = new EventCodec();
  private static final EventFactory EVENTS = EventFactory.forService("orchestration-benchmark");
  private static final String DOMAIN = "bench";
  private static final String NAME = "noop";
  private static final String MANAGEMENT_NODE = "local";

  /**
   * The coordinator's start grace (ays.coordinator.start-grace), set here so that the fleet can
   * read the time of each command's decision back from its deadline.
   */
  static final Duration START_GRACE = Duration.ofSeconds(30);

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println(
          "usage: OrchestrationBenchmark <quarkus-run.jar> [installs] [nodes] [low-load installs]");
      System.exit(2);
    }
    Path app = Path.of(args[0]).toAbsolutePath();
    int installs = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int nodeCount = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int lowLoad = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench-");
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < nodeCount; i++) {
      nodes.add(String.format("bench-%03d", i));
    }
    List<String> fleet = new ArrayList<>(nodes);
    fleet.add(MANAGEMENT_NODE);

    try (PostgresDatabase db = PostgresDatabase.start();
        KafkaBroker broker =
            BenchKafka.externalBootstrap().isEmpty() ? KafkaBroker.start() : null) {
      String bootstrap = BenchKafka.externalBootstrap().orElseGet(() -> broker.bootstrapServers());
      System.out.printf("Kafka %s, %s%n", bootstrap, BenchKafka.protocol());
      createTopics(bootstrap, fleet);
      sendHeartbeats(bootstrap, fleet);
      int port = freePort();
      Process coordinator = startCoordinator(app, work, db, bootstrap, port);
      String base = "http://127.0.0.1:" + port;
      try (SimulatedFleet simulated = new SimulatedFleet(bootstrap, fleet);
          RunWatcher finished = new RunWatcher(bootstrap);
          KafkaProducer<String, String> requests = producer(bootstrap)) {
        awaitReady(base, coordinator);
        publishTemplate(bootstrap, base);
        System.out.printf(
            "coordinator ready; %d node ids + management node %s; load %.1f%n",
            nodeCount, MANAGEMENT_NODE, load());

        // Round 1: one install at a time.
        for (int i = 0; i < lowLoad; i++) {
          InstanceKey key = new InstanceKey(DOMAIN, NAME, "low-" + i);
          int before = finished.count();
          simulated.requestSent(key.toString());
          send(requests, key, nodes.get(i % nodes.size()));
          requests.flush();
          finished.awaitCount(before + 1, Duration.ofMinutes(2));
        }
        long lowCommands = simulated.commands();
        System.out.printf(
            "low load: %d installs one after the other, %d commands (%.1f per install)%n",
            lowLoad, lowCommands, (double) lowCommands / Math.max(1, lowLoad));
        System.out.printf(
            "  per-phase overhead (answer -> next command): %s%n    %s%n",
            simulated.overhead().summary(), simulated.overheadParts());
        System.out.printf("  request -> first command: %s%n", simulated.firstCommand().summary());
        System.out.printf("  runs not SUCCEEDED: %d%n", finished.notSucceeded());

        // Round 2: everything at once.
        simulated.resetSamples();
        int before = finished.count();
        long commandsBefore = simulated.commands();
        CpuTime cpuBefore = CpuTime.now(coordinator.pid());
        long start = System.nanoTime();
        for (int i = 0; i < installs; i++) {
          InstanceKey key = new InstanceKey(DOMAIN, NAME, "t-" + i);
          simulated.requestSent(key.toString());
          send(requests, key, nodes.get(i % nodes.size()));
        }
        requests.flush();
        long published = System.nanoTime() - start;
        long lastReport = System.nanoTime();
        while (finished.count() < before + installs) {
          Thread.sleep(200);
          if (!coordinator.isAlive()) {
            throw new IllegalStateException(
                "the coordinator exited with " + coordinator.exitValue());
          }
          if (System.nanoTime() - lastReport > 10_000_000_000L) {
            lastReport = System.nanoTime();
            System.out.printf(
                "  ... %d / %d finished after %.0f s (load %.1f)%n",
                finished.count() - before, installs, (lastReport - start) / 1e9, load());
          }
          if (System.nanoTime() - start > Duration.ofMinutes(30).toNanos()) {
            throw new IllegalStateException("not finished after 30 minutes");
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuTime cpuAfter = CpuTime.now(coordinator.pid());
        long commands = simulated.commands() - commandsBefore;
        System.out.printf(
            "throughput: %d installs over %d node ids, published in %.1f s, all finished in %.1f s:"
                + " %.0f installs/s, %.0f phase commands/s (%d commands); load %.1f%n",
            installs,
            nodeCount,
            published / 1e9,
            seconds,
            installs / seconds,
            commands / seconds,
            commands,
            load());
        System.out.printf("  %s%n", cpuAfter.perInstallSince(cpuBefore, installs));
        System.out.printf("  per-phase overhead under load: %s%n", simulated.overhead().summary());
        System.out.printf(
            "  request -> first command under load: %s%n", simulated.firstCommand().summary());
        System.out.printf("  runs not SUCCEEDED: %d%n", finished.notSucceeded());
      } finally {
        coordinator.destroy();
        coordinator.waitFor();
      }
    }
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void send(KafkaProducer<String, String> producer, InstanceKey key, String node) {
    ServiceRequest request =
        new ServiceRequest(
            key.domain(),
            key.name(),
            key.instance(),
            NodeId.of(node),
            Map.of(),
            false,
            false,
            false,
            null,
            "benchmark");
    producer.send(
        new ProducerRecord<>(
            "ays.requests",
            key.toString(),
            CODEC.encode(EVENTS.create(EventType.REQUEST_INSTALL, request))));
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    return new KafkaProducer<>(
        BenchKafka.settings(bootstrap, Map.of(ProducerConfig.LINGER_MS_CONFIG, 5)),
        new StringSerializer(),
        new StringSerializer());
  }

  /**
   * The topics as {@code ./ays up} makes them: 3 partitions for the shared ones, 1 per node; those
   * an external broker has already are kept.
   */
  private static void createTopics(String bootstrap, List<String> fleet) throws Exception {
    try (Admin admin = Admin.create(BenchKafka.settings(bootstrap, Map.of()))) {
      List<NewTopic> topics = new ArrayList<>();
      for (String shared : List.of("ays.requests", "ays.results", "ays.service-events")) {
        topics.add(new NewTopic(shared, 3, (short) 1));
      }
      topics.add(new NewTopic("ays.templates", 1, (short) 1));
      topics.add(new NewTopic("ays.nodes", 1, (short) 1));
      for (String node : fleet) {
        topics.add(new NewTopic("ays.commands." + node, 1, (short) 1));
      }
      Set<String> existing = admin.listTopics().names().get();
      topics.removeIf(topic -> existing.contains(topic.name()));
      admin.createTopics(topics).all().get();
    }
  }

  /** One heartbeat per node, announcing the next in an hour: every node is alive throughout. */
  private static void sendHeartbeats(String bootstrap, List<String> fleet) {
    try (KafkaProducer<String, String> producer = producer(bootstrap)) {
      for (String node : fleet) {
        NodeHeartbeat heartbeat =
            new NodeHeartbeat(
                NodeId.of(node),
                "bench",
                new Platform("linux", "amd64", "debian 12"),
                new Capacity(2, 1L << 30, 8),
                0,
                Instant.now(),
                Instant.now(),
                3600,
                null);
        producer
            .send(
                new ProducerRecord<>(
                    "ays.nodes",
                    node,
                    CODEC.encode(EVENTS.create(EventType.NODE_HEARTBEAT, heartbeat))))
            .get(); // a heartbeat the broker did not take would leave its node unknown
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a heartbeat was not sent: " + e.getCause(), e);
    }
  }

  /** A template with no processes and no actions: every phase is a no-op on the node. */
  private static void publishTemplate(String bootstrap, String base) throws Exception {
    TemplateDefinition definition =
        TestTemplates.fresh(
            new TemplateDefinition(
                DOMAIN,
                NAME,
                TestTemplates.UNHASHED,
                "file:///bench",
                null,
                Map.of(),
                "description = 'does nothing: for the orchestration benchmark'\n",
                null,
                Instant.now()));
    try (KafkaProducer<String, String> producer = producer(bootstrap)) {
      producer.send(
          new ProducerRecord<>(
              "ays.templates",
              DOMAIN + "/" + NAME,
              CODEC.encode(EVENTS.create(EventType.TEMPLATE_DEFINITION, definition))));
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> plan =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/requests/install?dryRun=true"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", TestTokens.bearer("operator"))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"domain\":\"" + DOMAIN + "\",\"name\":\"" + NAME + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (plan.statusCode() == 200) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the coordinator never learnt the template");
  }

  private static Process startCoordinator(
      Path app, Path work, PostgresDatabase db, String bootstrap, int port) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    // e.g. COORDINATOR_JAVA_OPTS=-XX:StartFlightRecording=filename=coordinator.jfr to profile it
    String extra = System.getenv().getOrDefault("COORDINATOR_JAVA_OPTS", "");
    if (!extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.addAll(List.of("-jar", app.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("coordinator.log").toFile());
    Map<String, String> env = builder.environment();
    env.put("AYS_HTTP_PORT", String.valueOf(port));
    env.put("AYS_HTTP_HOST", "127.0.0.1");
    env.put("AYS_DB_URL", db.jdbcUrl());
    env.put("AYS_DB_USER", db.username());
    env.put("AYS_DB_PASSWORD", db.password());
    env.put("AYS_KAFKA_BOOTSTRAP", bootstrap);
    BenchKafka.clientConfig()
        .ifPresent(file -> env.put("AYS_KAFKA_CLIENT_CONFIG", file.toString()));
    env.putAll(
        TestSigningKeys
            .coordinatorEnvironment()); // a key made for this run; every command is signed
    env.putAll(TestTokens.serviceEnvironment()); // REST callers need a token, as in production
    env.put("AYS_MANAGEMENT_NODE", MANAGEMENT_NODE);
    env.put("AYS_COORDINATOR_START_GRACE", START_GRACE.toSeconds() + "s");
    // Step logs at INFO would measure the console: warnings only.
    env.put("QUARKUS_LOG_LEVEL", "WARN");
    env.put("QUARKUS_LOG_CATEGORY__IO_AYS__LEVEL", "INFO");
    System.out.printf("coordinator log: %s%n", work.resolve("coordinator.log"));
    return builder.start();
  }

  private static void awaitReady(String base, Process process) throws Exception {
    // Generous: on a loaded shared machine a start takes minutes; it is not what is measured.
    Readiness.await(base, "the coordinator", Duration.ofMinutes(6), process::isAlive);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Counts finished runs on {@code ays.service-events}, in a thread of its own. */
  static final class RunWatcher implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger notSucceeded = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    RunWatcher(String bootstrap) {
      Properties props = new Properties();
      props.putAll(BenchKafka.settings(bootstrap, Map.of()));
      props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
      props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
      consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
      consumer.subscribe(List.of("ays.service-events"));
      thread = new Thread(this::watch, "run-watcher");
      thread.start();
    }

    private void watch() {
      while (running) {
        for (var record : consumer.poll(Duration.ofMillis(50))) {
          CloudEvent<?> event = CODEC.decode(record.value());
          if (event.type() == EventType.RUN_FINISHED) {
            RunFinished run = event.as(RunFinished.class).data();
            if (run.outcome() != RunOutcome.SUCCEEDED) {
              notSucceeded.incrementAndGet();
              if (notSucceeded.get() <= 5) {
                System.out.printf(
                    "  run of %s: %s %s%n", run.instanceKey(), run.outcome(), run.reason());
              }
            }
            finished.incrementAndGet();
          } else if (event.type() == EventType.REQUEST_REJECTED) {
            System.out.printf("  rejected: %s%n", record.value());
            finished.incrementAndGet();
            notSucceeded.incrementAndGet();
          }
        }
      }
    }

    int count() {
      return finished.get();
    }

    int notSucceeded() {
      return notSucceeded.get();
    }

    void awaitCount(int count, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (finished.get() < count) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("run " + count + " never finished");
        }
        Thread.sleep(1);
      }
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join(5000);
      consumer.close();
    }
  }
}
