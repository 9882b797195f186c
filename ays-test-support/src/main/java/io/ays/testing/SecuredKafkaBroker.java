package io.ays.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka broker (KRaft) inside this JVM that authenticates every client with SASL
 * and authorizes it with KRaft's StandardAuthorizer, refusing what no ACL allows: what {@code ./ays
 * up} runs. Clients authenticate with SCRAM-SHA-512 (credentials made through the Admin API, as
 * {@code ./ays up} does); the broker itself and its admin use SASL/PLAIN, the test kit's built-in
 * super user.
 *
 * <p>The test kit points the JVM's {@code java.security.auth.login.config} at its JAAS file; {@link
 * #close()} puts back what it was, so that later tests in the JVM are not affected.
 */
public final class SecuredKafkaBroker implements AutoCloseable {

  private static final String JAAS_PROPERTY = "java.security.auth.login.config";

  private final KafkaClusterTestKit cluster;
  private final String previousJaas;
  private final Path adminConfig;

  private SecuredKafkaBroker(KafkaClusterTestKit cluster, String previousJaas, Path adminConfig) {
    this.cluster = cluster;
    this.previousJaas = previousJaas;
    this.adminConfig = adminConfig;
  }

  /** Formats and starts a fresh secured broker; returns once it accepts clients. */
  public static SecuredKafkaBroker start() {
    String previousJaas = System.getProperty(JAAS_PROPERTY);
    try {
      Path baseDir = Files.createTempDirectory("ays-kafka-sasl-");
      TestKitNodes nodes =
          new TestKitNodes.Builder()
              .setCombined(true)
              .setNumBrokerNodes(1)
              .setNumControllerNodes(1)
              .setBaseDirectory(baseDir)
              .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
              .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
              .build();
      KafkaClusterTestKit cluster =
          new KafkaClusterTestKit.Builder(nodes)
              // The test kit's admin and the broker itself use PLAIN; AYS's principals SCRAM.
              .setConfigProp("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512")
              .setConfigProp("allow.everyone.if.no.acl.found", "false")
              .setConfigProp("offsets.topic.replication.factor", "1")
              .setConfigProp("offsets.topic.num.partitions", "1")
              .setConfigProp("transaction.state.log.replication.factor", "1")
              .setConfigProp("transaction.state.log.min.isr", "1")
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              .setConfigProp("auto.create.topics.enable", "true")
              .setConfigProp("num.partitions", "1")
              .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new SecuredKafkaBroker(cluster, previousJaas, writeAdminConfig(baseDir));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      restore(previousJaas);
      throw new IllegalStateException("interrupted while starting the secured Kafka broker", e);
    } catch (Exception e) {
      restore(previousJaas);
      throw new IllegalStateException("could not start the secured Kafka test broker: " + e, e);
    }
  }

  /** The {@code host:port} list clients connect to (always on localhost). */
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /**
   * A Kafka client settings file (mode 0600) with the super user's credentials, for the setup
   * tools' {@code --admin-config}.
   */
  public Path adminConfig() {
    return adminConfig;
  }

  private static Path writeAdminConfig(Path dir) {
    Path file = dir.resolve("admin.properties");
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          file,
          "security.protocol=SASL_PLAINTEXT\n"
              + "sasl.mechanism=PLAIN\n"
              + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
              + " username=\"plain-admin\" password=\"plain-admin-secret\";\n");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void restore(String previousJaas) {
    if (previousJaas == null) {
      System.clearProperty(JAAS_PROPERTY);
    } else {
      System.setProperty(JAAS_PROPERTY, previousJaas);
    }
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the secured Kafka test broker", e);
    } finally {
      restore(previousJaas);
    }
  }
}
