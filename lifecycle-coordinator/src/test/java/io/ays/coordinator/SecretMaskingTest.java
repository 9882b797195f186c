package io.ays.coordinator;

import static io.ays.coordinator.FlowHelpers.await;
import static io.ays.coordinator.FlowHelpers.shortId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.ays.contracts.PhaseCommand;
import io.ays.contracts.secrets.NodeSecrets;
import io.ays.contracts.secrets.SecretBox;
import io.ays.model.hrd.ShellText;
import io.ays.testing.KafkaBroker;
import io.ays.testing.KafkaTestResource;
import io.ays.testing.PostgresTestResource;
import io.ays.testing.TestNodeKeys;
import io.ays.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code type:password} answer never leaves the coordinator in clear: a dry run, the instance and
 * its runs over REST, every record of every {@code ays.*} topic, every text column of the
 * coordinator's tables and every log line show {@code ***} or an encrypted value, never the answer;
 * the command for the node carries it sealed for that node's key alone.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class SecretMaskingTest {

  @BeforeAll
  static void callAsAdmin() {
    TestTokens.authenticateRestAssured();
  }

  private static final String SERVICE_HRD =
      "process.1 =\n    cmd:'app',\n    args:'--password $(instance.param.password)',\n";
  private static final String INSTANCE_HRD =
      "param.password = @ASK type:password descr:'admin password'\n"
          + "param.port = @ASK type:int default:8080\n";

  KafkaBroker broker;
  @Inject AgroalDataSource dataSource;

  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private final Handler logCapture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          String message =
              record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
          logLines.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void captureLogs() {
    java.util.logging.Logger.getLogger("").addHandler(logCapture);
  }

  @AfterEach
  void stopCapturing() {
    java.util.logging.Logger.getLogger("").removeHandler(logCapture);
  }

  @Test
  void aPasswordAnswerReachesOnlyTheCommandForItsNode() throws Exception {
    // A quote in it: substitution changes it into '\'' on the command line, and that form must
    // not leak either; the marker finds the value in any form.
    String marker = UUID.randomUUID().toString();
    String secret = "pw-'" + marker;
    String node = "vault-" + shortId();
    String name = "vault" + shortId();
    String key = "demo/" + name + "/main";
    String request = publishedTemplateAndItsInstall(name, node, secret);

    String plan = post("/requests/install?dryRun=true", request).asString();
    assertThat(plan).doesNotContain(marker).contains("\"param.password\":\"***\"");

    var nodeKey = TestNodeKeys.privateKey(node);
    try (ScriptedNode executor =
        new ScriptedNode(broker.bootstrapServers(), node, (k, p) -> false)) {
      post("/requests/install", request).then().statusCode(202);
      await(
          () -> given().get("/instances/" + key).asString().contains("\"state\":\"RUNNING\""),
          key + " never reached RUNNING");

      // The node gets the value sealed for its key: in the answer's own key and where it was
      // substituted; only that node's private key opens it.
      PhaseCommand first = executor.commands().get(0);
      Object password = first.config().get("instance.param.password");
      Object process = first.config().get("service.process.1");
      assertThat(password).matches(NodeSecrets::isSealed, "sealed for the node");
      assertThat(process).matches(NodeSecrets::isSealed, "sealed for the node");
      assertThat(NodeSecrets.open((String) password, node, "instance.param.password", nodeKey))
          .isEqualTo("\"" + secret + "\"");
      assertThat(NodeSecrets.open((String) process, node, "service.process.1", nodeKey))
          // as JSON, which doubles the quoting's backslash
          .contains(("--password " + ShellText.quote(secret)).replace("\\", "\\\\"));
      String otherNode = "other-" + shortId();
      var otherKey = TestNodeKeys.privateKey(otherNode);
      assertThat(
              org.assertj.core.api.Assertions.catchThrowable(
                  () ->
                      NodeSecrets.open(
                          (String) password, otherNode, "instance.param.password", otherKey)))
          .as("another node's key")
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(
              org.assertj.core.api.Assertions.catchThrowable(
                  () ->
                      NodeSecrets.open(
                          (String) password, node, "instance.param.password", otherKey)))
          .as("another key under this node's id")
          .isInstanceOf(IllegalArgumentException.class);
    }

    String instance = given().get("/instances/" + key).asString();
    assertThat(instance).doesNotContain(marker).contains("\"param.password\":\"***\"");
    assertThat(given().get("/instances/" + key + "/runs").asString()).doesNotContain(marker);
    assertThat(given().get("/instances").asString()).doesNotContain(marker);

    String commandsTopic = "ays.commands." + node;
    List<ConsumerRecord<String, String>> records = allRecords();
    assertThat(records)
        .as("the commands carry the value sealed for their node")
        .anyMatch(r -> r.topic().equals(commandsTopic) && r.value().contains(NodeSecrets.PREFIX));
    assertThat(records)
        .as("the request went through ays.requests with the secret sealed")
        .anyMatch(r -> r.topic().equals("ays.requests") && r.value().contains(SecretBox.PREFIX));
    assertThat(records)
        .filteredOn(r -> r.value() != null && r.value().contains(marker))
        .extracting(ConsumerRecord::topic)
        .as("topics holding the clear value")
        .isEmpty();

    // The outbox holds commands as sent: sealed for the node, never the clear value.
    assertThat(databaseHits(marker)).as("columns holding the clear value").isEmpty();
    assertThat(databaseHits(SecretBox.PREFIX)).contains("run.answers", "service_instance.answers");

    assertThat(logLines).isNotEmpty().noneMatch(line -> line.contains(marker));
  }

  @Test
  void aSecretForANodeWithoutAKnownKeyIsNeverSentAndTheRunFailsNamingTheNodeAndTheFix()
      throws Exception {
    String secret = "pw-" + UUID.randomUUID();
    String node = "keyless-" + shortId();
    String name = "keyless" + shortId();
    String key = "demo/" + name + "/main";
    String request = publishedTemplateAndItsInstall(name, node, secret);

    try (ScriptedNode executor =
        new ScriptedNode(broker.bootstrapServers(), node, (k, p) -> false)) {
      post("/requests/install", request).then().statusCode(202);
      await(
          () -> given().get("/instances/" + key + "/runs").asString().contains("FAILED"),
          "the run of " + key + " never failed");
      String runs = given().get("/instances/" + key + "/runs").asString();
      assertThat(runs)
          .contains("node " + node + " has no public key")
          .contains("./ays node-credentials " + node)
          .contains(node + ".pub")
          .doesNotContain(secret);
      assertThat(executor.commands()).as("commands sent to the node without a key").isEmpty();
    }
    assertThat(logLines).noneMatch(line -> line.contains(secret));
  }

  @Test
  void aWrongPasswordAnswerIsRefusedWithoutBeingQuoted() {
    String name = "pattern" + shortId();
    FlowHelpers.publishTemplate(
        broker.bootstrapServers(),
        "demo",
        name,
        SERVICE_HRD,
        "param.password = @ASK type:password regex:'[a-z]+'\n");
    String request =
        "{\"domain\":\"demo\",\"name\":\""
            + name
            + "\",\"answers\":{\"param.password\":\"Not-Lower-42\"}}";
    await(
        () -> !post("/requests/install?dryRun=true", request).asString().contains("unknown"),
        "template demo/" + name + " never reached the coordinator");
    String refusal =
        post("/requests/install?dryRun=true", request).then().statusCode(422).extract().asString();
    assertThat(refusal).contains("param.password").doesNotContain("Not-Lower-42");
  }

  @Test
  void aDeadLetteredRequestKeepsItsAnswerKeysButNotTheirValues() {
    String secret = "pw-" + UUID.randomUUID();
    String key = "demo/unreadable" + shortId() + "/main";
    FlowHelpers.send(
        broker.bootstrapServers(),
        "ays.requests",
        key,
        "{\"specversion\":\"1.0\",\"id\":\"req-"
            + shortId()
            + "\",\"source\":\"/test\",\"type\":\"ays.request.install.v1\","
            + "\"time\":\"2026-01-01T00:00:00Z\",\"data\":{\"domain\":\"Not A Domain!\","
            + "\"name\":\"x\",\"answers\":{\"param.password\":\""
            + secret
            + "\"}}}");
    List<String> letters = new ArrayList<>();
    await(
        () -> {
          allRecords().stream()
              .filter(r -> r.topic().equals("ays.dead-letter") && key.equals(r.key()))
              .forEach(r -> letters.add(r.value()));
          return !letters.isEmpty();
        },
        "the request was never dead-lettered");
    assertThat(letters.get(0))
        .doesNotContain(secret)
        .contains("param.password")
        .contains("***")
        .contains("Not A Domain!");
    assertThat(logLines).noneMatch(line -> line.contains(secret));
  }

  private static io.restassured.response.Response post(String path, String body) {
    return given().contentType("application/json").body(body).post(path);
  }

  /** Every record of every {@code ays.*} topic, from the beginning. */
  private List<ConsumerRecord<String, String>> allRecords() {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "scan-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                "500"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(Pattern.compile("ays\\..*"));
      long quietSince = System.nanoTime();
      while (System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos()) {
        var batch = consumer.poll(Duration.ofMillis(300));
        if (!batch.isEmpty()) {
          batch.forEach(records::add);
          quietSince = System.nanoTime();
        }
      }
    }
    return records;
  }

  /** The {@code table.column} of every text column of the coordinator's schema that holds it. */
  private List<String> databaseHits(String text) {
    List<String> hits = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      List<String[]> columns = new ArrayList<>();
      try (PreparedStatement query =
              connection.prepareStatement(
                  "select table_name, column_name from information_schema.columns"
                      + " where table_schema = 'coordinator'"
                      + " and data_type in ('text', 'character varying', 'json', 'jsonb')");
          ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          columns.add(new String[] {rows.getString(1), rows.getString(2)});
        }
      }
      assertThat(columns).isNotEmpty();
      for (String[] column : columns) {
        try (PreparedStatement query =
            connection.prepareStatement(
                "select count(*) from coordinator.\""
                    + column[0]
                    + "\" where \""
                    + column[1]
                    + "\"::text like ?")) {
          query.setString(1, "%" + text + "%");
          try (ResultSet count = query.executeQuery()) {
            count.next();
            if (count.getLong(1) > 0) {
              hits.add(column[0] + "." + column[1]);
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return hits;
  }

  /**
   * Publishes template demo/{@code name} and waits until the coordinator plans it; returns the
   * install request of its instance on {@code node} with {@code secret} as the password answer.
   */
  private String publishedTemplateAndItsInstall(String name, String node, String secret) {
    FlowHelpers.publishTemplate(broker.bootstrapServers(), "demo", name, SERVICE_HRD, INSTANCE_HRD);
    String request =
        "{\"domain\":\"demo\",\"name\":\""
            + name
            + "\",\"node\":\""
            + node
            + "\",\"answers\":{\"param.password\":\""
            + secret
            + "\"}}";
    await(
        () -> post("/requests/install?dryRun=true", request).statusCode() == 200,
        "template demo/" + name + " never reached the coordinator");
    return request;
  }
}
