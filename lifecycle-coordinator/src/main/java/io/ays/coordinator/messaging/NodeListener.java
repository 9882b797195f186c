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
 * gate holds the heartbeat and tries it again, so the channel outlives the outage. A heartbeat is
 * kept only under its own node's key; its endpoint was checked when it was read ({@link
 * NodeHeartbeat}: scheme, host and port only).
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
    var event = gate.admit(record, Channel.NODES, CONSUMER);
    if (event.isEmpty()) {
      return;
    }
    NodeHeartbeat heartbeat = event.get().as(NodeHeartbeat.class).data();
    String node = heartbeat.nodeId().value();
    if (!node.equals(record.key())) {
      // The compacted topic keeps one heartbeat per key: a heartbeat under another node's key
      // could replace that node's endpoint, and the coordinator would read its logs elsewhere.
      gate.refuse(
          record,
          Channel.NODES,
          CONSUMER,
          event.get(),
          "heartbeat of node "
              + node
              + " under the key "
              + record.key()
              + ": the key must be the node id");
      return;
    }
    gate.handle(
        record,
        event.get(),
        Channel.NODES,
        CONSUMER,
        InboundGate.Repeats.IGNORED_BY_HANDLER,
        e -> nodes.onHeartbeat(heartbeat));
  }
}
