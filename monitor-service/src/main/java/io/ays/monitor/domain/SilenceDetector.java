package io.ays.monitor.domain;

import io.ays.monitor.persistence.InstanceHealthEntity;
import io.ays.monitor.persistence.NodeStatusEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Turns instances UNKNOWN when what should be heard of them stopped: their node's heartbeats, or
 * their own periodic reports while they were UP or DEGRADED. Each method re-checks under the row's
 * lock, so a heartbeat or report that arrived since the sweep's query wins.
 */
@ApplicationScoped
public class SilenceDetector {

  private static final Logger LOG = Logger.getLogger(SilenceDetector.class);

  private final StatusWriter statuses;
  private final HealthJournal journal;

  public SilenceDetector(StatusWriter statuses, HealthJournal journal) {
    this.statuses = statuses;
    this.journal = journal;
  }

  /** The moment a node with these heartbeats becomes silent. */
  public static Instant silentAfter(NodeStatusEntity node, int missedHeartbeats) {
    return node.lastReceivedAt.plusSeconds((long) node.intervalSeconds * missedHeartbeats);
  }

  /**
   * Marks {@code nodeId} silent if it still is at {@code now}, and every instance on it UNKNOWN.
   *
   * @return whether the node was marked silent
   */
  @Transactional
  public boolean markNodeSilent(String nodeId, int missedHeartbeats, Instant now) {
    NodeStatusEntity node = NodeStatusEntity.lock(nodeId);
    if (node == null || node.silent || silentAfter(node, missedHeartbeats).isAfter(now)) {
      return false;
    }
    node.silent = true;
    node.silentSince = now;
    node.updatedAt = now;
    long quiet = Duration.between(node.lastReceivedAt, now).toSeconds();
    String message =
        "node "
            + nodeId
            + " sent no heartbeat for "
            + quiet
            + " s (one expected every "
            + node.intervalSeconds
            + " s)";
    LOG.warnf("%s: its instances are UNKNOWN", message);
    for (String key : InstanceHealthEntity.keysOnNode(nodeId)) {
      InstanceHealthEntity health = InstanceHealthEntity.lock(key);
      if (health == null) {
        continue;
      }
      health.touch(now);
      journal.record(key, now, HistoryKind.NODE_SILENT, message, null);
      statuses.change(health, "UNKNOWN", StatusWriter.NODE_SILENT, message, now, null);
      // Marked even if it was UNKNOWN already: the node's return restarts what the silence hid.
      health.statusSource = StatusWriter.NODE_SILENT;
    }
    return true;
  }

  /**
   * Marks {@code instanceKey} UNKNOWN if it was UP or DEGRADED and its last report is older than
   * {@code timeout}.
   *
   * @return whether it was marked
   */
  @Transactional
  public boolean markUnreported(String instanceKey, Duration timeout, Instant now) {
    InstanceHealthEntity health = InstanceHealthEntity.lock(instanceKey);
    if (health == null
        || !("UP".equals(health.status) || "DEGRADED".equals(health.status))
        || health.lastReceivedAt == null
        || health.lastReceivedAt.plus(timeout).isAfter(now)) {
      return false;
    }
    long quiet = Duration.between(health.lastReceivedAt, now).toSeconds();
    String message =
        "no health report for " + quiet + " s (one expected within " + timeout.toSeconds() + " s)";
    health.touch(now);
    statuses.change(health, "UNKNOWN", StatusWriter.NO_REPORT, message, now, null);
    LOG.infof("%s is UNKNOWN: %s", instanceKey, message);
    return true;
  }
}
