package io.ays.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka broker (KRaft, combined broker+controller) running inside this JVM.
 *
 * <p>Tests use it instead of any in-memory connector so that serialization, partitioning, consumer
 * groups and offsets behave exactly as in production.
 */
public final class KafkaBroker implements AutoCloseable {

  private final KafkaClusterTestKit cluster;

  private KafkaBroker(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  /** Formats and starts a fresh broker under java.io.tmpdir; returns once it accepts clients. */
  public static KafkaBroker start() {
    try {
      Path baseDir = Files.createTempDirectory("ays-kafka-");
      TestKitNodes nodes =
          new TestKitNodes.Builder()
              .setCombined(true)
              .setNumBrokerNodes(1)
              .setNumControllerNodes(1)
              .setBaseDirectory(baseDir)
              .build();
      KafkaClusterTestKit cluster =
          new KafkaClusterTestKit.Builder(nodes)
              // One broker: internal topics cannot be replicated.
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
      return new KafkaBroker(cluster);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the Kafka test broker", e);
    } catch (Exception e) {
      throw new IllegalStateException("could not start the Kafka test broker: " + e, e);
    }
  }

  /** The {@code host:port} list clients connect to (always on localhost). */
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the Kafka test broker", e);
    }
  }
}
