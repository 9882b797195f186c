package io.ays.monitor.api;

import io.ays.monitor.persistence.NodeStatusEntity;
import java.time.Instant;

/**
 * One node as the monitor hears it.
 *
 * @param silent no heartbeat came for {@code ays.monitor.nodes.missed-heartbeats} of its intervals;
 *     its instances are UNKNOWN
 * @param lastHeartbeatAt when the monitor received the last heartbeat (on the monitor's clock)
 */
public record NodeView(
    String nodeId,
    String version,
    Instant startedAt,
    int intervalSeconds,
    Instant lastHeartbeatAt,
    boolean silent,
    Instant silentSince) {

  static NodeView of(NodeStatusEntity n) {
    return new NodeView(
        n.nodeId,
        n.version,
        n.startedAt,
        n.intervalSeconds,
        n.lastReceivedAt,
        n.silent,
        n.silentSince);
  }
}
