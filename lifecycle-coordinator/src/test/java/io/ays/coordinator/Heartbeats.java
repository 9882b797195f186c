package io.ays.coordinator;

import io.ays.contracts.Capacity;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.NodeHeartbeat;
import io.ays.contracts.NodeId;
import io.ays.contracts.Platform;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Heartbeats on {@code ays.nodes} as an executor sends them: the coordinator holds commands for
 * nodes it has not heard from.
 */
final class Heartbeats {

  private static final EventCodec CODEC = new EventCodec();
  private static final EventFactory EVENTS = EventFactory.forService("test-node");
  private static final Instant STARTED = Instant.now();

  private Heartbeats() {}

  /** The heartbeat of {@code node}, sent now, announcing one every {@code intervalSeconds}. */
  static ProducerRecord<String, String> of(String node, int intervalSeconds) {
    return of(node, intervalSeconds, null);
  }

  /** The same, publishing {@code endpoint} as the executor's HTTP API (null: none). */
  static ProducerRecord<String, String> of(String node, int intervalSeconds, String endpoint) {
    NodeHeartbeat heartbeat =
        new NodeHeartbeat(
            NodeId.of(node),
            "test",
            new Platform("linux", "amd64", "debian 12"),
            new Capacity(2, 1L << 30, 4),
            0,
            STARTED,
            Instant.now(),
            intervalSeconds,
            endpoint);
    return new ProducerRecord<>(
        "ays.nodes", node, CODEC.encode(EVENTS.create(EventType.NODE_HEARTBEAT, heartbeat)));
  }

  /** Sends one heartbeat of each node, announcing the next in an hour (alive for the test). */
  static void send(String bootstrap, String... nodes) {
    for (String node : nodes) {
      send(bootstrap, node, null);
    }
  }

  /** Sends one heartbeat of {@code node} with {@code endpoint}, alive for an hour. */
  static void send(String bootstrap, String node, String endpoint) {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(of(node, 3600, endpoint)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }
}
