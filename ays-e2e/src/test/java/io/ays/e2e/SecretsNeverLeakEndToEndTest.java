package io.ays.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ays.contracts.secrets.NodeSecrets;
import io.ays.contracts.secrets.SecretBox;
import io.ays.testing.TestNodeKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The proof that a {@code type:password} answer never leaks, across the four services as processes
 * with a real broker and database: installed through the coordinator's REST API with a random
 * password, the value is in the started process's environment and in the file the template renders,
 * and nowhere else: not in any record of any {@code ays.*} topic, not in any REST answer of the
 * coordinator or the monitor about the instance, not in any service's log, not in any text column
 * of any AYS schema, not in any file the executor keeps (its journal database, its records of
 * running instances). The phase commands on {@value #COMMANDS_TOPIC} carry it sealed for the node's
 * key, which another node's key does not open (docs/security.md, "Secrets on the bus").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ResourceLock(SharedAysCluster.LOCK)
class SecretsNeverLeakEndToEndTest {

  private static final String KEY = "e2e/vault/main";
  private static final String COMMANDS_TOPIC = "ays.commands.local";
  private static final Pattern SEALED_PASSWORD =
      Pattern.compile(
          "\"instance\\.param\\.password\":\"(" + Pattern.quote(NodeSecrets.PREFIX) + "[^\"]+)\"");

  private final String secret = "Pw" + UUID.randomUUID().toString().replace("-", "");
  private Path workDir;
  private AysCluster ays;
  private int servicePort;

  @BeforeAll
  void startAys() throws Exception {
    ays = SharedAysCluster.acquire();
    workDir = ays.workDir;
    SharedAysCluster.publish(SharedAysCluster.E2E, vault());
    servicePort = AysCluster.freePort();
  }

  @AfterAll
  void stopAys() {
    SharedAysCluster.release();
  }

  @Test
  void aPasswordAnswerReachesOnlyItsProcessAndItsRenderedFile() throws Exception {
    String request =
        "{\"domain\":\"e2e\",\"name\":\"vault\",\"instance\":\"main\",\"answers\":"
            + "{\"param.port\":"
            + servicePort
            + ",\"param.password\":\""
            + secret
            + "\"}}";
    List<String> answers = new ArrayList<>();
    await(
        () -> ays.coordinator.post("/requests/install?dryRun=true", request).statusCode() == 200,
        "the coordinator never learned of template e2e/vault");
    answers.add(ays.coordinator.post("/requests/install?dryRun=true", request).body());
    assertThat(ays.coordinator.post("/requests/install", request).statusCode()).isEqualTo(202);
    await(
        () -> ays.coordinator.get("/instances/" + KEY).body().contains("\"state\":\"RUNNING\""),
        KEY + " never reached RUNNING");

    // Where it must be: the started process's environment, the rendered configuration file.
    ProcessHandle server = serverProcess().orElseThrow(() -> new AssertionError("no server"));
    String environ =
        new String(
            Files.readAllBytes(Path.of("/proc/" + server.pid() + "/environ")),
            StandardCharsets.UTF_8);
    assertThat(environ).contains("VAULT_PASSWORD=" + secret);
    Path rendered = findFile(workDir.resolve("executor"), Path.of("etc", "vault.conf"));
    assertThat(Files.readString(rendered)).contains("password " + secret);

    // Where it must not be: every REST answer about the instance.
    String instance = ays.coordinator.get("/instances/" + KEY).body();
    assertThat(instance).contains("\"param.password\":\"***\"");
    answers.add(instance);
    answers.add(ays.coordinator.get("/instances").body());
    String runs = ays.coordinator.get("/instances/" + KEY + "/runs").body();
    answers.add(runs);
    var runIds = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(runs);
    while (runIds.find()) {
      answers.add(ays.coordinator.get("/runs/" + runIds.group(1)).body());
      answers.add(ays.coordinator.get("/runs/" + runIds.group(1) + "/request").body());
    }
    answers.add(ays.coordinator.get("/instances/" + KEY + "/logs").body());
    answers.add(ays.monitor.get("/health/" + KEY).body());
    answers.add(ays.monitor.get("/health/" + KEY + "/history").body());
    answers.add(ays.monitor.get("/nodes").body());
    assertThat(answers).noneMatch(body -> body.contains(secret));

    // Every record of every ays.* topic, the node's commands included.
    List<ConsumerRecord<String, String>> records = allRecords();
    assertThat(records)
        .filteredOn(r -> r.value() != null && r.value().contains(secret))
        .extracting(r -> r.topic() + "@" + r.offset())
        .as("records holding the clear value")
        .isEmpty();
    // The commands carry it sealed for node local: its key opens it, another node's does not.
    List<String> sealed =
        records.stream()
            .filter(r -> r.topic().equals(COMMANDS_TOPIC))
            .map(r -> SEALED_PASSWORD.matcher(r.value()))
            .filter(java.util.regex.Matcher::find)
            .map(m -> m.group(1))
            .toList();
    assertThat(sealed).as("commands carrying the sealed password").isNotEmpty();
    assertThat(
            NodeSecrets.open(
                sealed.get(0),
                "local",
                "instance.param.password",
                TestNodeKeys.privateKey("local")))
        .isEqualTo("\"" + secret + "\"");
    assertThatThrownBy(
            () ->
                NodeSecrets.open(
                    sealed.get(0),
                    "elsewhere",
                    "instance.param.password",
                    TestNodeKeys.privateKey("elsewhere")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                NodeSecrets.open(
                    sealed.get(0),
                    "local",
                    "instance.param.password",
                    TestNodeKeys.privateKey("elsewhere")))
        .isInstanceOf(IllegalArgumentException.class);

    // Every file the executor keeps but the instance's own folder, where the template renders it.
    Path executorData = workDir.resolve("executor");
    Path instanceDir = rendered.getParent().getParent();
    try (Stream<Path> files = Files.walk(executorData)) {
      assertThat(
              files
                  .filter(Files::isRegularFile)
                  .filter(f -> !f.startsWith(instanceDir))
                  .filter(f -> holds(f, secret))
                  .toList())
          .as("executor files holding the clear value")
          .isEmpty();
    }

    // Every text column of every AYS schema (the coordinator's answers are sealed).
    assertThat(databaseHits(SecretBox.PREFIX)).contains("coordinator.service_instance.answers");
    assertThat(databaseHits(secret)).as("columns holding the clear value").isEmpty();

    // Every log file of the services.
    try (Stream<Path> logs = Files.list(workDir.resolve("logs"))) {
      List<Path> files = logs.filter(Files::isRegularFile).toList();
      assertThat(files).isNotEmpty();
      for (Path log : files) {
        assertThat(Files.readString(log)).as(log.toString()).doesNotContain(secret);
      }
    }
  }

  private static Map<String, String> vault() {
    return Map.of(
        "vault/service.hrd",
        """
        description = 'an HTTP server with a password, for the secrets test'
        platform.supported = linux
        process.1 =
            cmd:'python3',
            args:'-m http.server $(instance.param.port) --bind 127.0.0.1',
            env:'VAULT_PASSWORD:$(instance.param.password)',
            ports:'$(instance.param.port)',
            timeout_start:'15',
            timeout_stop:'5',
        config.render.1 =
            source:'conf/vault.conf',
            dest:'etc/vault.conf',
            mode:'0600',
        """,
        "vault/instance.hrd",
        """
        param.port = @ASK type:int default:8090 minValue:1024 maxValue:65535 descr:'port'
        param.password = @ASK type:password descr:'the admin password'
        """,
        "vault/conf/vault.conf",
        "port $(instance.param.port)\npassword $(instance.param.password)\n");
  }

  private static boolean holds(Path file, String text) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
    } catch (java.io.IOException e) {
      return false; // removed while scanning
    }
  }

  private Optional<ProcessHandle> serverProcess() {
    String marker = "http.server " + servicePort;
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
        .findFirst();
  }

  /** The file under {@code root} whose path ends with {@code tail} (not the template's source). */
  private static Path findFile(Path root, Path tail) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.endsWith(tail) && !p.toString().contains("/conf/"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + tail + " under " + root));
    }
  }

  /**
   * Every record of every {@code ays.*} topic, from the beginning up to the end each partition had
   * when the scan began (heartbeats and health reports never stop coming).
   */
  private List<ConsumerRecord<String, String>> allRecords() {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ays.kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false"),
            new StringDeserializer(),
            new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.listTopics().entrySet().stream()
              .filter(topic -> topic.getKey().startsWith("ays."))
              .flatMap(topic -> topic.getValue().stream())
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      assertThat(partitions).extracting(TopicPartition::topic).contains(COMMANDS_TOPIC);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        assertThat(System.nanoTime()).as("the topics were read to their end").isLessThan(deadline);
        consumer.poll(Duration.ofMillis(300)).forEach(records::add);
      }
    }
    return records;
  }

  /** The {@code schema.table.column} of every text column of the AYS schemas that holds it. */
  private List<String> databaseHits(String text) throws Exception {
    List<String> hits = new ArrayList<>();
    try (Connection connection =
        DriverManager.getConnection(
            ays.database.jdbcUrl(), ays.database.username(), ays.database.password())) {
      List<String[]> columns = new ArrayList<>();
      try (PreparedStatement query =
              connection.prepareStatement(
                  "select table_schema, table_name, column_name from information_schema.columns"
                      + " where table_schema not in ('pg_catalog', 'information_schema')"
                      + " and data_type in ('text', 'character varying', 'json', 'jsonb')");
          ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          columns.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
        }
      }
      assertThat(columns).extracting(c -> c[0]).contains("coordinator");
      for (String[] c : columns) {
        try (PreparedStatement query =
            connection.prepareStatement(
                "select count(*) from \"%s\".\"%s\" where \"%s\"::text like ?"
                    .formatted(c[0], c[1], c[2]))) {
          query.setString(1, "%" + text + "%");
          try (ResultSet count = query.executeQuery()) {
            count.next();
            if (count.getLong(1) > 0) {
              hits.add(c[0] + "." + c[1] + "." + c[2]);
            }
          }
        }
      }
    }
    return hits;
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void await(Check check, String failure) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (check.holds()) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(failure);
  }
}
