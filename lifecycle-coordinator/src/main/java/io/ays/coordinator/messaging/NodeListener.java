package io.ays.coordinator.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.NodeHeartbeat;
import io.ays.coordinator.domain.NodeDirectory;
import io.ays.messaging.InboundGate;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code ays.nodes}, the executors' heartbeats, so that commands wait for a node that is
 * unknown or silent. Heartbeats are not recorded as processed messages: keeping the newest one is
 * idempotent, and a row per heartbeat would only grow the table. While the database is down the
 * gate holds the heartbeat and tries it again, so the channel outlives the outage.
 */
@ApplicationScoped
public class NodeListener {

  static final String CONSUMER = NodeDirectory.HEARTBEAT_CONSUMER;

  private final InboundGate gate;
  private final NodeDirectory nodes;

  public NodeListener(InboundGate gate, NodeDirectory nodes) {
    this.gate = gate;
    this.nodes = nodes;
  }

  @Incoming("nodes")
  @Blocking
  public void onHeartbeat(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      return; // a tombstone on the compacted topic: nothing to learn
    }
    gate.handle(
        record,
        Channel.NODES,
        CONSUMER,
        InboundGate.Repeats.IGNORED_BY_HANDLER,
        event -> nodes.onHeartbeat(event.as(NodeHeartbeat.class).data()));
  }
}
