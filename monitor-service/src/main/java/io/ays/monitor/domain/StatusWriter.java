package io.ays.monitor.domain;

import io.ays.monitor.persistence.InstanceHealthEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Changes an instance's health status and records the change in its history: the one place where
 * the status moves, whether a report moved it or the monitor's silence detection.
 */
@ApplicationScoped
public class StatusWriter {

  /** The status source when the instance's reports stopped coming. */
  public static final String NO_REPORT = "NO_REPORT";

  /** The status source when the instance's node stopped sending heartbeats. */
  public static final String NODE_SILENT = "NODE_SILENT";

  /** The status source when the coordinator stopped or removed the instance on request. */
  public static final String LIFECYCLE = "LIFECYCLE";

  private final HealthJournal journal;

  public StatusWriter(HealthJournal journal) {
    this.journal = journal;
  }

  /**
   * Sets {@code status}; records STATUS_CHANGED if it differs from the current one.
   *
   * @return whether the status changed
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean change(
      InstanceHealthEntity health,
      String status,
      String source,
      String message,
      Instant at,
      String eventId) {
    if (status.equals(health.status)) {
      return false;
    }
    health.status = status;
    health.statusSource = source;
    health.statusSince = at;
    journal.record(
        health.instanceKey, at, HistoryKind.STATUS_CHANGED, status, source, message, eventId);
    return true;
  }
}
