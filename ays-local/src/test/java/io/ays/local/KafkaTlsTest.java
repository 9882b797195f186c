package io.ays.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ays.contracts.kafka.KafkaClientConfig;
import io.ays.testing.TestCertificates;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka over TLS: a real broker process (the Kafka jars ./ays runs) with a SASL_SSL listener (SCRAM
 * over TLS) and an SSL listener that requires client certificates (mutual TLS, the certificate's CN
 * being the principal), the StandardAuthorizer and the ACL set of deploy/kafka/acls.txt;
 * certificates made by keytool for this test. Every client is configured only through one Kafka
 * client settings file, as a service's {@code AYS_KAFKA_CLIENT_CONFIG} (docs/security.md, "Kafka
 * over TLS").
 */
class KafkaTlsTest {

  private static final Path MANIFEST = Path.of("..", "deploy", "kafka", "acls.txt");
  private static final Duration PROPAGATION = Duration.ofSeconds(30);

  @TempDir static Path dir;
  private static TestCertificates certificates;
  private static Process broker;
  private static Path brokerLog;
  private static int saslSslPort;
  private static int mtlsPort;
  private static KafkaCredentials credentials;

  @BeforeAll
  static void startBrokerWithTls() throws Exception {
    certificates = TestCertificates.newAuthority(Files.createDirectories(dir.resolve("certs")));
    Path brokerStore = certificates.keyStore("localhost");
    Path trustStore = certificates.trustStore();
    saslSslPort = freePort();
    mtlsPort = freePort();
    int controllerPort = freePort();

    credentials = new KafkaCredentials(dir.resolve("credentials"));
    credentials.ensure("ays-admin");
    Path adminConfig = tlsClientFile("ays-admin");
    String jaas = KafkaClientConfig.read(adminConfig).properties().get("sasl.jaas.config");
    String password = KafkaCredentials.passwordIn(adminConfig);
    Path server = dir.resolve("server.properties");
    Files.writeString(
        server,
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
            "listeners=CLIENT://127.0.0.1:"
                + saslSslPort
                + ",MTLS://127.0.0.1:"
                + mtlsPort
                + ",CONTROLLER://127.0.0.1:"
                + controllerPort,
            "advertised.listeners=CLIENT://127.0.0.1:"
                + saslSslPort
                + ",MTLS://127.0.0.1:"
                + mtlsPort
                + ",CONTROLLER://127.0.0.1:"
                + controllerPort,
            "listener.security.protocol.map=CLIENT:SASL_SSL,MTLS:SSL,CONTROLLER:SASL_PLAINTEXT",
            "inter.broker.listener.name=CLIENT",
            "controller.listener.names=CONTROLLER",
            "sasl.enabled.mechanisms=SCRAM-SHA-512",
            "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
            "listener.name.client.scram-sha-512.sasl.jaas.config=" + jaas,
            "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
            "sasl.mechanism.controller.protocol=PLAIN",
            "listener.name.controller.plain.sasl.jaas.config="
                + "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"ays-admin\" password=\""
                + password
                + "\" user_ays-admin=\""
                + password
                + "\";",
            // The broker's certificate, and the CA it trusts (it is its own client on CLIENT).
            "ssl.keystore.type=PKCS12",
            "ssl.keystore.location=" + brokerStore,
            "ssl.keystore.password=" + TestCertificates.PASSWORD,
            "ssl.truststore.type=PKCS12",
            "ssl.truststore.location=" + trustStore,
            "ssl.truststore.password=" + TestCertificates.PASSWORD,
            // Mutual TLS: a certificate is required, and its CN is the principal (CN=node-a ->
            // User:node-a), so the same ACLs apply as with SCRAM.
            "listener.name.mtls.ssl.client.auth=required",
            "ssl.principal.mapping.rules=RULE:^CN=([^,]+)$/$1/,DEFAULT",
            "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            "super.users=User:ays-admin",
            "allow.everyone.if.no.acl.found=false",
            "log.dirs=" + dir.resolve("data"),
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=true",
            "num.partitions=1",
            ""));
    brokerLog = dir.resolve("kafka.log");
    Process format =
        java(
                "io.ays.local.LocalKafkaFormat",
                "--config",
                server.toString(),
                "--admin-config",
                adminConfig.toString(),
                "--admin-principal",
                "ays-admin")
            .start();
    assertThat(format.waitFor(90, TimeUnit.SECONDS) && format.exitValue() == 0)
        .as("storage formatted; see " + brokerLog)
        .isTrue();
    broker = java("kafka.Kafka", server.toString()).start();

    Properties admin = TopicSetup.adminProperties(saslSsl(), adminConfig, "tls-test-admin");
    try (Admin client = Admin.create(admin)) {
      TopicSetup setup = new TopicSetup(client, 1, (short) 1);
      setup.awaitBroker(saslSsl(), Duration.ofSeconds(90));
      setup.ensure(AysTopics.forNodes(List.of("a")));
      new KafkaAccess(client, credentials).apply(KafkaAccessManifest.read(MANIFEST), List.of("a"));
    }
  }

  @AfterAll
  static void stopBroker() throws InterruptedException {
    if (broker != null) {
      broker.destroy();
      if (!broker.waitFor(30, TimeUnit.SECONDS)) {
        broker.destroyForcibly();
      }
    }
  }

  @Test
  void servicesConfiguredOnlyByTheirClientSettingsFileProduceAndConsumeOverSaslSsl()
      throws Exception {
    String value = "over TLS " + UUID.randomUUID();
    try (KafkaProducer<String, String> registry = producer(tlsClientFile("ays-registry"))) {
      awaitAllowed(() -> send(registry, "ays.templates", value));
    }
    try (KafkaConsumer<String, String> coordinator =
        consumer(tlsClientFile("ays-coordinator"), "ays-coordinator-tls-test")) {
      coordinator.subscribe(List.of("ays.templates"));
      List<String> read = new ArrayList<>();
      Instant deadline = Instant.now().plus(PROPAGATION);
      while (!read.contains(value) && Instant.now().isBefore(deadline)) {
        coordinator.poll(Duration.ofMillis(500)).forEach(r -> read.add(r.value()));
      }
      assertThat(read).as("the coordinator reads what the registry wrote").contains(value);
    }
  }

  @Test
  void aClientWithoutTheTrustStoreIsRefusedWithAClearError() throws Exception {
    Path file = dir.resolve("registry-no-truststore.properties");
    Files.writeString(
        file,
        Files.readString(tlsClientFile("ays-registry")).replaceAll("(?m)^ssl\\.truststore.*$", ""));
    assertThat(KafkaClientConfig.read(file).properties())
        .containsEntry("security.protocol", "SASL_SSL")
        .doesNotContainKey("ssl.truststore.location");
    try (KafkaProducer<String, String> untrusting = producer(file)) {
      Throwable refused = catchThrowable(() -> send(untrusting, "ays.templates", "x"));
      assertThat(refused)
          .isInstanceOf(SslAuthenticationException.class)
          .hasMessageContaining("SSL handshake failed");
      assertThat(rootCause(refused).getMessage())
          .as("names the certificate problem")
          .contains("unable to find valid certification path");
    }
  }

  @Test
  void withMutualTlsTheCertificatesNameIsThePrincipalAndItsAclsApply() throws Exception {
    Path file = mtlsClientFile("node-a", certificates.keyStore("node-a"));
    try (KafkaProducer<String, String> nodeA = producer(file)) {
      awaitAllowed(() -> send(nodeA, "ays.results", "done"));
      Throwable refused = catchThrowable(() -> send(nodeA, "ays.requests", "install"));
      assertThat(refused).isInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void withMutualTlsAClientWithoutACertificateIsRefused() throws Exception {
    Path file = mtlsClientFile("anonymous", null);
    try (KafkaProducer<String, String> anonymous = producer(file)) {
      Throwable refused = catchThrowable(() -> send(anonymous, "ays.results", "x"));
      // With TLS 1.3 the broker refuses after the handshake: the alert names the reason.
      assertThat(refused).isInstanceOf(SslAuthenticationException.class);
      assertThat(rootCause(refused).getMessage()).contains("bad_certificate");
    }
  }

  // --- helpers -----------------------------------------------------------------------------------

  /**
   * The principal's client settings file as an operator writes it for TLS: the SCRAM credentials
   * KafkaCredentials made, with {@code security.protocol=SASL_SSL} and the CA's trust store.
   */
  private static Path tlsClientFile(String principal) throws IOException, InterruptedException {
    Path file = dir.resolve(principal + "-tls.properties");
    if (!Files.exists(file)) {
      credentials.ensure(principal);
      String scram =
          Files.readString(credentials.fileOf(principal))
              .replace("security.protocol=SASL_PLAINTEXT", "security.protocol=SASL_SSL");
      Files.writeString(file, scram + trustStoreSettings());
    }
    return file;
  }

  /** Settings for the mutual-TLS listener: no password, the key store is the identity. */
  private static Path mtlsClientFile(String name, Path keyStore)
      throws IOException, InterruptedException {
    Path file = dir.resolve(name + "-mtls.properties");
    StringBuilder settings = new StringBuilder("security.protocol=SSL\n");
    settings.append(trustStoreSettings());
    if (keyStore != null) {
      settings
          .append("ssl.keystore.type=PKCS12\n")
          .append("ssl.keystore.location=")
          .append(keyStore)
          .append('\n')
          .append("ssl.keystore.password=")
          .append(TestCertificates.PASSWORD)
          .append('\n');
    }
    settings.append("bootstrap.servers=127.0.0.1:").append(mtlsPort).append('\n');
    Files.writeString(file, settings);
    return file;
  }

  private static String trustStoreSettings() throws IOException, InterruptedException {
    return "ssl.truststore.type=PKCS12\n"
        + "ssl.truststore.location="
        + certificates.trustStore()
        + "\nssl.truststore.password="
        + TestCertificates.PASSWORD
        + "\n";
  }

  private static String saslSsl() {
    return "127.0.0.1:" + saslSslPort;
  }

  /** The file's settings and nothing else, but the address (unless the file names one). */
  private static Map<String, Object> settingsOf(Path file) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, saslSsl());
    config.putAll(KafkaClientConfig.read(file).properties());
    return config;
  }

  private static KafkaProducer<String, String> producer(Path file) {
    Map<String, Object> config = settingsOf(file);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(Path file, String group) {
    Map<String, Object> config = settingsOf(file);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }

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

  private static void send(KafkaProducer<String, String> producer, String topic, String value)
      throws Exception {
    try {
      producer.send(new ProducerRecord<>(topic, "k", value)).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static Throwable rootCause(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static ProcessBuilder java(String mainClass, String... arguments) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    command.addAll(List.of(arguments));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(brokerLog.toFile()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
