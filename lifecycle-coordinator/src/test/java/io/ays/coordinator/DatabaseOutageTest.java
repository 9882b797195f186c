package io.ays.coordinator;

import static io.ays.coordinator.FlowHelpers.await;
import static io.ays.coordinator.FlowHelpers.shortId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeId;
import io.ays.contracts.Phase;
import io.ays.contracts.ServiceRequest;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresDatabase;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL outage is waited out, not turned into lost work: requests and results that arrive
 * while the database is down are held by their consumers and applied once it is back, nothing is
 * dead-lettered or rejected, the heartbeat channel outlives it (a node first heard of after the
 * outage gets its commands), readiness is DOWN meanwhile and REST answers 503 with a problem body.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class DatabaseOutageTest {

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  private static final String PROCESS = "process.1 =\n    cmd:'true',\n";

  /** Longer than the pool's 5 s wait for a connection, so that every kind of failure is met. */
  private static final Duration OUTAGE = Duration.ofSeconds(8);

  KafkaBroker broker;
  PostgresDatabase database;

  private final EventCodec codec = new EventCodec();
  private final EventFactory events = EventFactory.forService("outage-test");

  @Test
  void workSentDuringADatabaseOutageCompletesOnceItIsBackAndNothingIsRejected() throws Exception {
    String domain = "outage";
    String name = "blip-" + shortId();
    String bootstrap = broker.bootstrapServers();
    FlowHelpers.publishTemplate(bootstrap, domain, name, PROCESS, null);
    await(() -> dryRun(domain, name).statusCode() == 200, "the template never arrived");

    String node = "steady-" + shortId();
    String inFlight = domain + "/" + name + "/in-flight";
    CountDownLatch databaseDown = new CountDownLatch(1);
    // The node holds its answer to the in-flight install's start until the database is down, so
    // that the result arrives during the outage.
    ScriptedNode.Script holdStart =
        (key, phase, attempt) -> {
          if (key.equals(inFlight) && phase == Phase.START) {
            try {
              databaseDown.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return ScriptedNode.Reply.WORK;
        };
    try (ScriptedNode executor = new ScriptedNode(bootstrap, node, holdStart)) {
      sendInstall(InstanceKey.parse(inFlight), node);
      await(
          () -> executor.phasesOf(inFlight).contains(Phase.START),
          "the in-flight install never reached its start");

      database.stop();
      List<String> sentDuringOutage = new ArrayList<>();
      try {
        databaseDown.countDown();
        for (int i = 0; i < 3; i++) {
          String key = domain + "/" + name + "/during-" + i;
          sentDuringOutage.add(key);
          sendInstall(InstanceKey.parse(key), node);
        }
        await(
            () -> given().get("/q/health/ready").statusCode() == 503,
            "readiness stayed UP with the database down");
        Response answer = given().get("/instances/" + inFlight + "/runs");
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.jsonPath().getString("detail")).contains("the database is unavailable");
        Thread.sleep(OUTAGE.toMillis());
      } finally {
        database.restart();
      }

      awaitNewestRun(inFlight, "SUCCEEDED");
      for (String key : sentDuringOutage) {
        awaitNewestRun(key, "SUCCEEDED");
      }
    }

    // Heartbeats still flow: a node first heard of after the outage gets its install done.
    String lateNode = "late-" + shortId();
    String late = domain + "/" + name + "/after";
    try (ScriptedNode executor = new ScriptedNode(bootstrap, lateNode, (k, p) -> false)) {
      sendInstall(InstanceKey.parse(late), lateNode);
      awaitNewestRun(late, "SUCCEEDED");
    }
    await(
        () -> given().get("/q/health/ready").statusCode() == 200,
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
            "outage test");
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
        "the newest run of "
            + key
            + " never reached "
            + status
            + ": "
            + given().get("/instances/" + key + "/runs").asString());
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
                "outage-test-" + UUID.randomUUID()),
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
