package io.ays.monitor.domain;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.NodeHeartbeat;
import io.ays.monitor.persistence.InstanceHealthEntity;
import io.ays.monitor.persistence.NodeStatusEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Applies node heartbeats ({@code ays.nodes}): remembers when each node was last heard of, and when
 * a node the monitor took for silent speaks again, restarts its instances that should run (their
 * processes may have died with the machine or its executor).
 */
@ApplicationScoped
public class NodeTracker {

  private static final Logger LOG = Logger.getLogger(NodeTracker.class);

  private final TemplatePolicies policies;
  private final CrashResponder responder;
  private final HealthJournal journal;
  private final Clock clock;

  public NodeTracker(
      TemplatePolicies policies, CrashResponder responder, HealthJournal journal, Clock clock) {
    this.policies = policies;
    this.responder = responder;
    this.journal = journal;
    this.clock = clock;
  }

  /** Applies one heartbeat, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void onHeartbeat(CloudEvent<NodeHeartbeat> event) {
    NodeHeartbeat heartbeat = event.data();
    Instant now = Instant.now(clock);
    String nodeId = heartbeat.nodeId().value();
    NodeStatusEntity node = NodeStatusEntity.lock(nodeId);
    boolean known = node != null;
    if (!known) {
      node = new NodeStatusEntity();
      node.nodeId = nodeId;
    } else if (heartbeat.sentAt().isBefore(node.lastSentAt)) {
      return; // an older heartbeat arriving late says nothing new
    }
    boolean wasSilent = node.silent;
    Instant silentSince = node.silentSince;
    node.version = heartbeat.version();
    node.startedAt = heartbeat.startedAt();
    node.intervalSeconds = heartbeat.intervalSeconds();
    node.lastSentAt = heartbeat.sentAt();
    node.lastReceivedAt = now;
    node.silent = false;
    node.silentSince = null;
    node.updatedAt = now;
    if (!known) {
      node.persist(); // a second replica inserting the same new node at once fails and retries
    }
    if (wasSilent) {
      long silentFor = Duration.between(silentSince, now).toSeconds();
      LOG.infof("node %s is back after %d s of silence", nodeId, silentFor);
      restartWhatShouldRun(
          nodeId,
          "node " + nodeId + " came back after " + silentFor + " s without heartbeats",
          event,
          now);
    }
  }

  private void restartWhatShouldRun(
      String nodeId, String what, CloudEvent<NodeHeartbeat> event, Instant now) {
    for (String key : InstanceHealthEntity.keysOnNode(nodeId)) {
      InstanceHealthEntity health = InstanceHealthEntity.lock(key);
      // Only those the silence made UNKNOWN: one that reported meanwhile is known to be fine (or
      // DOWN, which its own report already dealt with).
      if (health == null || !StatusWriter.NODE_SILENT.equals(health.statusSource)) {
        continue;
      }
      health.touch(now);
      journal.record(key, now, HistoryKind.NODE_BACK, what, event.id());
      CrashVerdict verdict =
          policies.deciderFor(key).onNodeBack(Supervisions.of(health), what, now);
      responder.apply(verdict, health, event.id(), event.correlationId(), now);
    }
  }
}
