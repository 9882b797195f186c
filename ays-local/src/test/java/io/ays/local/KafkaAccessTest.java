package io.ays.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ays.contracts.kafka.KafkaClientConfig;
import io.ays.testing.SecuredKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real ACL set (deploy/kafka/acls.txt) applied by {@link KafkaAccess} to a real broker that
 * authenticates with SASL/SCRAM and refuses what no ACL allows: each principal may do its job and
 * nothing else (docs/security.md, "Kafka").
 */
class KafkaAccessTest {

  private static final Path MANIFEST = Path.of("..", "deploy", "kafka", "acls.txt");
  private static final Duration PROPAGATION = Duration.ofSeconds(30);

  @TempDir static Path credentialsDir;
  private static SecuredKafkaBroker broker;
  private static KafkaCredentials credentials;

  @BeforeAll
  static void startBrokerAndGrantAccess() throws Exception {
    broker = SecuredKafkaBroker.start();
    credentials = new KafkaCredentials(credentialsDir);
    Properties adminProps =
        TopicSetup.adminProperties(broker.bootstrapServers(), broker.adminConfig(), "test-admin");
    try (Admin admin = Admin.create(adminProps)) {
      new TopicSetup(admin, 1, (short) 1).ensure(AysTopics.forNodes(List.of("a", "b")));
      KafkaAccess access = new KafkaAccess(admin, credentials);
      access.apply(KafkaAccessManifest.read(MANIFEST), List.of("a", "b"));
      // Run again: the passwords are kept and nothing fails on what exists.
      access.apply(KafkaAccessManifest.read(MANIFEST), List.of("a", "b"));
    }
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void everyPrincipalGetsAClientSettingsFileOnlyItsOwnerMayRead() throws Exception {
    for (String principal :
        List.of(
            "ays-registry", "ays-coordinator", "ays-monitor", "ays-operator", "node-a", "node-b")) {
      Path file = credentials.fileOf(principal);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .as(file.toString())
          .isEqualTo("rw-------");
      KafkaClientConfig config = KafkaClientConfig.read(file);
      assertThat(config.properties())
          .containsEntry("security.protocol", "SASL_PLAINTEXT")
          .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
      assertThat(config.toString()).doesNotContain(KafkaCredentials.passwordIn(file));
    }
  }

  @Test
  void anExecutorWritesResultsHealthAndHeartbeatsButNotRequestsNorCommands() throws Exception {
    try (KafkaProducer<String, String> nodeA = producer("node-a")) {
      awaitAllowed(() -> send(nodeA, "ays.results"));
      send(nodeA, "ays.health");
      send(nodeA, "ays.nodes");
      assertRefused(() -> send(nodeA, "ays.requests"));
      assertRefused(() -> send(nodeA, "ays.commands.a"));
      assertRefused(() -> send(nodeA, "ays.commands.b"));
      assertRefused(() -> send(nodeA, "ays.templates"));
    }
  }

  @Test
  void anExecutorReadsItsOwnCommandsButNotAnotherNodes() throws Exception {
    try (KafkaProducer<String, String> coordinator = producer("ays-coordinator")) {
      awaitAllowed(() -> send(coordinator, "ays.commands.a"));
      send(coordinator, "ays.commands.b");
    }
    try (KafkaConsumer<String, String> nodeA = consumer("node-a", "ays-executor-a")) {
      nodeA.subscribe(List.of("ays.commands.a"));
      List<ConsumerRecord<String, String>> read = new ArrayList<>();
      Instant deadline = Instant.now().plus(PROPAGATION);
      while (read.isEmpty() && Instant.now().isBefore(deadline)) {
        nodeA.poll(Duration.ofMillis(500)).forEach(read::add);
      }
      assertThat(read).as("node-a reads ays.commands.a").isNotEmpty();
    }
    try (KafkaConsumer<String, String> nodeA = consumer("node-a", null)) {
      nodeA.assign(List.of(new TopicPartition("ays.commands.b", 0)));
      nodeA.seekToBeginning(nodeA.assignment());
      assertRefused(() -> nodeA.poll(Duration.ofSeconds(10)));
    }
    // Nor in another node's consumer group, which would let it take that node's commands.
    try (KafkaConsumer<String, String> nodeA = consumer("node-a", "ays-executor-b")) {
      nodeA.subscribe(List.of("ays.commands.a"));
      assertRefused(() -> nodeA.poll(Duration.ofSeconds(10)));
    }
  }

  @Test
  void onlyTheCoordinatorWritesCommandsAndAnOperatorWritesRequests() throws Exception {
    try (KafkaProducer<String, String> operator = producer("ays-operator")) {
      awaitAllowed(() -> send(operator, "ays.requests"));
      assertRefused(() -> send(operator, "ays.commands.a"));
      assertRefused(() -> send(operator, "ays.results"));
    }
    for (String principal : List.of("ays-monitor", "ays-registry")) {
      try (KafkaProducer<String, String> other = producer(principal)) {
        assertRefused(() -> send(other, "ays.commands.a"));
      }
    }
    try (KafkaProducer<String, String> registry = producer("ays-registry")) {
      awaitAllowed(() -> send(registry, "ays.templates"));
    }
  }

  @Test
  void anOperatorReadsDeadLettersAndRequestsToReplayThemButNotCommands() throws Exception {
    try (KafkaProducer<String, String> coordinator = producer("ays-coordinator")) {
      awaitAllowed(() -> send(coordinator, "ays.dead-letter"));
      send(coordinator, "ays.requests");
      send(coordinator, "ays.commands.a");
    }
    for (String topic : List.of("ays.dead-letter", "ays.requests")) {
      try (KafkaConsumer<String, String> operator = consumer("ays-operator", null)) {
        operator.assign(List.of(new TopicPartition(topic, 0)));
        operator.seekToBeginning(operator.assignment());
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        Instant deadline = Instant.now().plus(PROPAGATION);
        while (read.isEmpty() && Instant.now().isBefore(deadline)) {
          operator.poll(Duration.ofMillis(500)).forEach(read::add);
        }
        assertThat(read).as("ays-operator reads %s", topic).isNotEmpty();
      }
    }
    try (KafkaConsumer<String, String> operator = consumer("ays-operator", null)) {
      operator.assign(List.of(new TopicPartition("ays.commands.a", 0)));
      operator.seekToBeginning(operator.assignment());
      assertRefused(() -> operator.poll(Duration.ofSeconds(10)));
    }
  }

  @Test
  void givenCredentialsAreOnlyReadAndAMissingOneIsNamed() throws Exception {
    // As in compose and Kubernetes, where every file comes from a Secret mounted read-only.
    KafkaCredentials given = new KafkaCredentials(credentialsDir, false, KafkaTransport.PLAINTEXT);
    assertThat(given.ensure("node-a"))
        .isEqualTo(KafkaCredentials.passwordIn(credentials.fileOf("node-a")));
    assertThatThrownBy(() -> given.ensure("node-c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(credentialsDir.resolve("node-c.properties").toString())
        .hasMessageContaining("node-c");
    assertThat(credentialsDir.resolve("node-c.properties")).doesNotExist();
    assertThat(credentialsDir.resolve("node-c.librdkafka.properties")).doesNotExist();
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    Map<String, Object> config = clientConfig("node-a");
    config.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"node-a\" password=\"not-the-password\";");
    try (KafkaProducer<String, String> impostor = producer(config)) {
      assertThatThrownBy(() -> send(impostor, "ays.results"))
          .isInstanceOf(SaslAuthenticationException.class);
    }
  }

  // --- helpers -----------------------------------------------------------------------------------

  private interface Action {
    void run() throws Exception;
  }

  /** Retries while the broker may not have applied a new credential or ACL yet. */
  private static void awaitAllowed(Action action) throws Exception {
    Instant deadline = Instant.now().plus(PROPAGATION);
    while (true) {
      try {
        action.run();
        return;
      } catch (Exception e) {
        if (Instant.now().isAfter(deadline)) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private static void assertRefused(Action action) {
    assertThatThrownBy(action::run)
        .satisfies(
            e ->
                assertThat(
                        e instanceof AuthorizationException
                            || e.getCause() instanceof AuthorizationException)
                    .as("refused by an ACL: " + e)
                    .isTrue());
  }

  private static void send(KafkaProducer<String, String> producer, String topic) throws Exception {
    try {
      producer.send(new ProducerRecord<>(topic, "k", "v")).get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static Map<String, Object> clientConfig(String principal) {
    Map<String, Object> config =
        new HashMap<>(KafkaClientConfig.read(credentials.fileOf(principal)).properties());
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    return config;
  }

  private static KafkaProducer<String, String> producer(String principal) {
    return producer(clientConfig(principal));
  }

  private static KafkaProducer<String, String> producer(Map<String, Object> config) {
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return new KafkaProducer<>(config);
  }

  private static KafkaConsumer<String, String> consumer(String principal, String group) {
    Map<String, Object> config = clientConfig(principal);
    if (group != null) {
      config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    return new KafkaConsumer<>(config);
  }
}
