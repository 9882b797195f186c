package io.ays.coordinator.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The newest heartbeat of one node, as received on {@code ays.nodes}. */
@Entity
@Table(name = "node_heartbeat")
public class NodeHeartbeatEntity extends PanacheEntityBase {

  @Id
  @Column(name = "node_id")
  public String nodeId;

  @Column(nullable = false)
  public String version;

  @Column(name = "interval_seconds", nullable = false)
  public int intervalSeconds;

  /** When the executor sent it (its clock). */
  @Column(name = "sent_at", nullable = false)
  public Instant sentAt;

  /** When the coordinator received it (its own clock: what silence is measured with). */
  @Column(name = "received_at", nullable = false)
  public Instant receivedAt;

  /** The base URL of the node's executor HTTP API, or null if it publishes none. */
  public String endpoint;
}
