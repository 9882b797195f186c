package io.ays.monitor.api;

import io.ays.monitor.persistence.HealthHistoryEntity;
import java.time.Instant;

/**
 * One entry of an instance's health history.
 *
 * @param kind a {@code HistoryKind}: STATUS_CHANGED, PROCESS_EXITED, LIFECYCLE_CHANGED,
 *     RESTART_SCHEDULED, RESTART_REQUESTED, RESTART_CANCELLED, RESTART_REJECTED, GAVE_UP, RECOVERED
 * @param status the health status, for STATUS_CHANGED and PROCESS_EXITED
 * @param eventId the event that caused the entry, or the restart request sent
 */
public record HistoryEntryView(
    Instant at, String kind, String status, String source, String message, String eventId) {

  static HistoryEntryView of(HealthHistoryEntity e) {
    return new HistoryEntryView(e.at, e.kind, e.status, e.source, e.message, e.eventId);
  }
}
