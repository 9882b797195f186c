package io.ays.monitor.messaging;

import io.ays.contracts.Channel;
import io.ays.contracts.NodeHeartbeat;
import io.ays.messaging.InboundGate;
import io.ays.monitor.domain.NodeTracker;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code ays.nodes}: the executors' heartbeats, to tell a silent node. */
@ApplicationScoped
public class NodeListener {

  static final String CONSUMER = "monitor.nodes";

  private final InboundGate gate;
  private final NodeTracker tracker;

  public NodeListener(InboundGate gate, NodeTracker tracker) {
    this.gate = gate;
    this.tracker = tracker;
  }

  @Incoming("nodes")
  @Blocking
  public void onHeartbeat(ConsumerRecord<String, String> record) {
    gate.handle(
        record,
        Channel.NODES,
        CONSUMER,
        event -> tracker.onHeartbeat(event.as(NodeHeartbeat.class)));
  }
}
