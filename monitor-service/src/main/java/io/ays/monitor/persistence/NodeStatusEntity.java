package io.ays.monitor.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** The last heartbeat of one node and whether the monitor takes the node for silent. */
@Entity
@Table(name = "node_status")
public class NodeStatusEntity extends PanacheEntityBase {

  @Id
  @Column(name = "node_id", length = 63)
  public String nodeId;

  @Column(name = "version", length = 100)
  public String version;

  @Column(name = "started_at")
  public Instant startedAt;

  /** How often the node says it sends a heartbeat. */
  @Column(name = "interval_seconds", nullable = false)
  public int intervalSeconds;

  /** The last heartbeat's {@code sentAt}, on the node's clock. */
  @Column(name = "last_sent_at", nullable = false)
  public Instant lastSentAt;

  /** When the monitor received the last heartbeat, on its own clock: silence is measured here. */
  @Column(name = "last_received_at", nullable = false)
  public Instant lastReceivedAt;

  @Column(name = "silent", nullable = false)
  public boolean silent;

  @Column(name = "silent_since")
  public Instant silentSince;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  public static NodeStatusEntity lock(String nodeId) {
    return findById(nodeId, LockModeType.PESSIMISTIC_WRITE);
  }

  /** Nodes not yet taken for silent; the caller checks each one's own interval. */
  public static List<NodeStatusEntity> alive() {
    return list("silent = false order by nodeId");
  }

  public static List<NodeStatusEntity> allById() {
    return list("order by nodeId");
  }
}
