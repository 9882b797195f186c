package io.ays.monitor.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;

/** The current health of one instance and its restart bookkeeping. */
@Entity
@Table(name = "instance_health")
public class InstanceHealthEntity extends PanacheEntityBase {

  @Id
  @Column(name = "instance_key")
  public String instanceKey;

  public String node;

  /** A {@code HealthStatus} name. */
  @Column(nullable = false)
  public String status;

  /** The last {@code InstanceState} the coordinator announced. */
  @Column(name = "lifecycle_state")
  public String lifecycleState;

  @Column(name = "last_message", columnDefinition = "text")
  public String lastMessage;

  @Column(name = "last_output", columnDefinition = "text")
  public String lastOutput;

  @Column(name = "last_report_at")
  public Instant lastReportAt;

  @Column(name = "last_change_at", nullable = false)
  public Instant lastChangeAt;

  @Column(name = "up_since")
  public Instant upSince;

  @Column(name = "consecutive_restarts", nullable = false)
  public int consecutiveRestarts;

  @Column(name = "restart_count", nullable = false)
  public int restartCount;

  /** When the pending restart is due; null when none is pending. */
  @Column(name = "restart_due_at")
  public Instant restartDueAt;

  @Column(name = "restart_reason", columnDefinition = "text")
  public String restartReason;

  /** The health event that caused the pending restart, for the causality chain. */
  @Column(name = "restart_cause_id")
  public String restartCauseId;

  @Column(name = "restart_correlation_id")
  public String restartCorrelationId;

  @Column(name = "gave_up", nullable = false)
  public boolean gaveUp;

  @Column(name = "gave_up_reason", columnDefinition = "text")
  public String gaveUpReason;

  @Version public long version;

  public static InstanceHealthEntity getOrCreate(String instanceKey, Instant now) {
    InstanceHealthEntity entity = findById(instanceKey);
    if (entity == null) {
      entity = new InstanceHealthEntity();
      entity.instanceKey = instanceKey;
      entity.status = "UNKNOWN";
      entity.lastChangeAt = now;
      entity.persist();
    }
    return entity;
  }

  /** Instances whose restart is due at {@code now}. */
  public static List<InstanceHealthEntity> dueAt(Instant now) {
    return list("restartDueAt <= ?1 order by restartDueAt", now);
  }
}
