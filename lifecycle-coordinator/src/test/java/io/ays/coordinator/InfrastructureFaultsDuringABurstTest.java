package io.ays.coordinator;

import static io.ays.coordinator.FlowHelpers.shortId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeId;
import io.ays.contracts.ServiceRequest;
import io.ays.testing.KafkaBrokerProcess;
import io.ays.testing.PostgresDatabase;
import io.ays.testing.RestartableInfrastructureProfile;
import io.ays.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The faults of the infrastructure that an operator meets most, a restart of the Kafka broker and a
 * 30 s PostgreSQL outage, each in the middle of a burst of installs: every install completes, none
 * is rejected or dead-lettered, and the coordinator is ready again afterwards.
 */
@QuarkusTest
@TestProfile(InfrastructureFaultsDuringABurstTest.ProductionNodeWait.class)
class InfrastructureFaultsDuringABurstTest {

  /**
   * A restartable broker and PostgreSQL, and the production node wait (2 min) instead of the tests'
   * 4 s: while the database is down the coordinator cannot record heartbeats, so right after an
   * outage every node looks silent until the heartbeat backlog is applied (a few seconds); a step
   * that finds its node silent then waits for it, and only a wait shorter than that catch-up fails
   * the run (docs/operations.md).
   */
  public static class ProductionNodeWait extends RestartableInfrastructureProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("ays.coordinator.node-wait", "2m");
    }
  }

  private static final String PROCESS = "process.1 =\n    cmd:'true',\n";
  private static final int BURST = 20;

  /** How many installs are sent before the fault strikes; the rest are sent during it. */
  private static final int BEFORE_FAULT = 6;

  private static final Duration DATABASE_OUTAGE = Duration.ofSeconds(30);
  private static final Duration COMPLETION = Duration.ofSeconds(180);

  KafkaBrokerProcess broker;
  PostgresDatabase database;

  private final EventCodec codec = new EventCodec();
  private final EventFactory events = EventFactory.forService("infrastructure-faults-test");

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  @Test
  void aBrokerRestartDuringABurstOfInstallsLosesAndRejectsNothing() throws Exception {
    burstThrough("broker", BURST, broker::restart);
  }

  @Test
  void aThirtySecondDatabaseOutageDuringABurstOfInstallsLosesAndRejectsNothing() throws Exception {
    burstThrough(
        "database",
        BURST,
        () -> {
          database.stop();
          try {
            await(
                () -> given().get("/q/health/ready").statusCode() == 503,
                Duration.ofSeconds(30),
                "readiness stayed UP with the database down");
            // The outage itself: its length is the point of the test, not a wait for an effect.
            Thread.sleep(DATABASE_OUTAGE.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            database.restart();
          }
        });
  }

  /**
   * The same burst under a seeded schedule of faults: broker restarts and PostgreSQL outages of 2
   * to 10 s, at random moments. The seed is printed; {@code -Dchaos.seed=N} replays its schedule
   * (kinds, gaps and lengths; the moments the installs meet them depend on the machine), and {@code
   * -Dchaos.faults=N} sets how many faults strike (4 by default).
   */
  @Test
  void installsSurviveBrokerRestartsAndDatabaseOutagesAtRandomMoments() throws Exception {
    long seed = Long.getLong("chaos.seed", new Random().nextLong());
    int faults = Integer.getInteger("chaos.faults", 4);
    int installs = Integer.getInteger("chaos.installs", BURST);
    Random random = new Random(seed);
    List<String> timeline = new CopyOnWriteArrayList<>();
    System.out.println("chaos seed " + seed + " (replay: -Dchaos.seed=" + seed + ")");
    try {
      burstThrough(
          "chaos",
          installs,
          () -> {
            for (int i = 0; i < faults; i++) {
              pause(random.nextInt(3000));
              if (random.nextBoolean()) {
                timeline.add(Instant.now() + " broker restart");
                broker.restart();
                timeline.add(Instant.now() + " broker back");
              } else {
                int seconds = 2 + random.nextInt(9);
                timeline.add(Instant.now() + " database stopped for " + seconds + " s");
                database.stop();
                try {
                  pause(seconds * 1000);
                } finally {
                  database.restart();
                }
                timeline.add(Instant.now() + " database back");
              }
            }
          });
      System.out.printf(
          "chaos seed %d: %d installs succeeded through %d broker restarts and %d database"
              + " outages%n",
          seed,
          installs,
          timeline.stream().filter(f -> f.endsWith("broker restart")).count(),
          timeline.stream().filter(f -> f.contains("database stopped")).count());
    } catch (Exception | AssertionError e) {
      throw new AssertionError(
          "chaos with seed "
              + seed
              + " failed (replay: -Dchaos.seed="
              + seed
              + "); faults:\n"
              + String.join("\n", timeline),
          e);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Sends {@code count} installs from a thread of their own, strikes with {@code fault} after the
   * first {@link #BEFORE_FAULT} (the rest are sent while it lasts), then checks that all completed.
   */
  private void burstThrough(String label, int count, Runnable fault) throws Exception {
    String domain = "faults";
    String name = label + "-" + shortId();
    String node = "burst-" + shortId();
    FlowHelpers.publishTemplate(broker.bootstrapServers(), domain, name, PROCESS, null);
    await(
        () -> dryRun(domain, name).statusCode() == 200,
        Duration.ofSeconds(40),
        "the template never arrived");

    List<String> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add(domain + "/" + name + "/i" + i);
    }
    CountDownLatch faultMayStrike = new CountDownLatch(1);
    ExecutorService sender = Executors.newSingleThreadExecutor();
    try (ScriptedNode executor =
        new ScriptedNode(broker.bootstrapServers(), node, (k, p) -> false)) {
      Future<?> sent =
          sender.submit(
              () -> {
                for (int i = 0; i < keys.size(); i++) {
                  if (i == BEFORE_FAULT) {
                    faultMayStrike.countDown();
                  }
                  sendInstall(InstanceKey.parse(keys.get(i)), node);
                  Thread.sleep(200);
                }
                return null;
              });
      assertThat(faultMayStrike.await(60, TimeUnit.SECONDS)).as("the burst started").isTrue();
      fault.run();
      sent.get(120 + count, TimeUnit.SECONDS);

      for (String key : keys) {
        awaitNewestRun(key, "SUCCEEDED");
      }
    } finally {
      sender.shutdownNow();
    }
    await(
        () -> given().get("/q/health/ready").statusCode() == 200,
        Duration.ofSeconds(60),
        "readiness never came back: " + given().get("/q/health/ready").asString());
    String ours = domain + "/" + name + "/";
    assertThat(countOf("ays.dead-letter", ours, null)).as("dead letters").isZero();
    assertThat(countOf("ays.service-events", ours, EventType.REQUEST_REJECTED.type()))
        .as("requests rejected")
        .isZero();
  }

  private void sendInstall(InstanceKey key, String node) {
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
            "infrastructure faults test");
    FlowHelpers.send(
        broker.bootstrapServers(),
        "ays.requests",
        key.toString(),
        codec.encode(events.create(EventType.REQUEST_INSTALL, request)));
  }

  private Response dryRun(String domain, String name) {
    return given()
        .contentType("application/json")
        .body("{\"domain\":\"" + domain + "\",\"name\":\"" + name + "\",\"node\":\"x\"}")
        .post("/requests/install?dryRun=true");
  }

  private void awaitNewestRun(String key, String status) {
    await(
        () -> {
          Response runs = given().get("/instances/" + key + "/runs");
          return runs.statusCode() == 200 && status.equals(runs.jsonPath().get("[0].status"));
        },
        COMPLETION,
        "the newest run of "
            + key
            + " never reached "
            + status
            + ": "
            + given().get("/instances/" + key + "/runs").asString());
  }

  private static void await(BooleanSupplier condition, Duration timeout, String failure) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // the service may not answer while a fault lasts
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting: " + failure, e);
      }
    }
    throw new AssertionError(failure);
  }

  /**
   * How many records of {@code topic} have a key starting with {@code keyPrefix} (and are of
   * CloudEvents type {@code type}, if given).
   */
  private long countOf(String topic, String keyPrefix, String type) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "faults-test-" + UUID.randomUUID()),
            new StringDeserializer(),
            new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long count = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          boolean ofType =
              type == null || (record.value() != null && record.value().contains(type));
          if (record.key() != null && record.key().startsWith(keyPrefix) && ofType) {
            count++;
          }
        }
      }
      return count;
    }
  }
}
