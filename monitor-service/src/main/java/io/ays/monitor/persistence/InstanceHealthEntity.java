package io.ays.monitor.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The current health of one instance, its last known lifecycle state and restart bookkeeping. */
@Entity
@Table(name = "instance_health")
public class InstanceHealthEntity extends PanacheEntityBase {

  @Id
  @Column(name = "instance_key", length = 302)
  public String instanceKey;

  @Column(name = "node", length = 63)
  public String node;

  /** A {@code HealthStatus} name; UNKNOWN until the first report. */
  @Column(name = "status", nullable = false, length = 20)
  public String status;

  /** The {@code HealthSource} of the report that set {@link #status}. */
  @Column(name = "status_source", length = 20)
  public String statusSource;

  /** When {@link #status} last changed. */
  @Column(name = "status_since", nullable = false)
  public Instant statusSince;

  @Column(name = "last_report_at")
  public Instant lastReportAt;

  /** When the monitor received the last report, on its own clock (for silence detection). */
  @Column(name = "last_received_at")
  public Instant lastReceivedAt;

  @Column(name = "last_message", columnDefinition = "text")
  public String lastMessage;

  @Column(name = "last_output", columnDefinition = "text")
  public String lastOutput;

  @Column(name = "last_exit_code")
  public Integer lastExitCode;

  @Column(name = "last_process", length = 200)
  public String lastProcess;

  /** The last {@code InstanceState} the coordinator announced; null if none was seen. */
  @Column(name = "lifecycle_state", length = 20)
  public String lifecycleState;

  @Column(name = "lifecycle_since")
  public Instant lifecycleSince;

  /** When it was last seen becoming UP; null while not up. Resets the restart backoff. */
  @Column(name = "up_since")
  public Instant upSince;

  /** Restart requests sent for this instance, ever. */
  @Column(name = "restart_count", nullable = false)
  public int restartCount;

  /** Restarts since it last ran stably: the restart policy's input. */
  @Column(name = "consecutive_restarts", nullable = false)
  public int consecutiveRestarts;

  /** When the pending restart is due; null when none is pending. */
  @Column(name = "restart_due_at")
  public Instant restartDueAt;

  @Column(name = "restart_attempt")
  public Integer restartAttempt;

  @Column(name = "restart_reason", columnDefinition = "text")
  public String restartReason;

  /** The health event that caused the pending restart, kept for the causality chain. */
  @Column(name = "restart_cause_id", length = 200)
  public String restartCauseId;

  @Column(name = "restart_correlation_id", length = 200)
  public String restartCorrelationId;

  /** The W3C traceparent of the span that decided the pending restart (null if none). */
  @Column(name = "restart_traceparent", length = 64)
  public String restartTraceparent;

  /** The id of the restart request sent and not yet answered by a lifecycle change. */
  @Column(name = "restart_request_id", length = 200)
  public String restartRequestId;

  @Column(name = "restart_requested_at")
  public Instant restartRequestedAt;

  /** The monitor gave up restarting it: FAILED until a lifecycle change shows it RUNNING again. */
  @Column(name = "failed", nullable = false)
  public boolean failed;

  @Column(name = "failed_reason", columnDefinition = "text")
  public String failedReason;

  @Column(name = "failed_at")
  public Instant failedAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /**
   * Marks the row changed at {@code now}, always later than its last change: {@code now} is read
   * before the row's lock is taken, so a change that waited for the lock could otherwise carry an
   * older time than the one committed before it, and clients keeping the newest view would drop it.
   */
  public void touch(Instant now) {
    Instant next = updatedAt == null ? now : updatedAt.plus(1, ChronoUnit.MICROS);
    updatedAt = now.isAfter(next) ? now : next;
  }

  /**
   * The row of {@code instanceKey}, created if new, locked for this transaction: the health
   * consumer, the lifecycle consumer and the restart dispatcher each update it from their own
   * thread, and a lost update could lose or double a restart.
   */
  public static InstanceHealthEntity lockOrCreate(String instanceKey, Instant now) {
    // Insert-if-absent first, so that two consumers seeing a new instance at once cannot collide.
    getEntityManager()
        .createQuery(
            "insert into InstanceHealthEntity (instanceKey, status, statusSince, restartCount,"
                + " consecutiveRestarts, failed, updatedAt) values (:key, 'UNKNOWN', :now, 0, 0,"
                + " false, :now) on conflict do nothing")
        .setParameter("key", instanceKey)
        .setParameter("now", now)
        .executeUpdate();
    return lock(instanceKey);
  }

  /** The row of {@code instanceKey} locked for this transaction, or null if there is none. */
  public static InstanceHealthEntity lock(String instanceKey) {
    return findById(instanceKey, LockModeType.PESSIMISTIC_WRITE);
  }

  /** The keys of instances whose restart is due at {@code now}, the longest-waiting first. */
  public static List<String> dueAt(Instant now, int limit) {
    return getEntityManager()
        .createQuery(
            "select h.instanceKey from InstanceHealthEntity h where h.restartDueAt <= :now"
                + " order by h.restartDueAt",
            String.class)
        .setParameter("now", now)
        .setMaxResults(limit)
        .getResultList();
  }

  /**
   * Keys of instances last seen UP or DEGRADED whose last report arrived before {@code before}:
   * they should have reported again by now.
   */
  public static List<String> upButSilentSince(Instant before, int limit) {
    return getEntityManager()
        .createQuery(
            "select h.instanceKey from InstanceHealthEntity h where h.status in ('UP', 'DEGRADED')"
                + " and h.lastReceivedAt < :before order by h.lastReceivedAt",
            String.class)
        .setParameter("before", before)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Keys of the instances the monitor last saw on {@code node}. */
  public static List<String> keysOnNode(String node) {
    return getEntityManager()
        .createQuery(
            "select h.instanceKey from InstanceHealthEntity h where h.node = :node"
                + " order by h.instanceKey",
            String.class)
        .setParameter("node", node)
        .getResultList();
  }

  /** How many instances have each status, e.g. {@code UP -> 3}. */
  public static List<Object[]> countByStatus() {
    return getEntityManager()
        .createQuery(
            "select h.status, count(h) from InstanceHealthEntity h group by h.status",
            Object[].class)
        .getResultList();
  }

  public static List<InstanceHealthEntity> allByKey() {
    return list("order by instanceKey");
  }
}
