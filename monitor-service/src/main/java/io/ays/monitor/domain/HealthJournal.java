package io.ays.monitor.domain;

import io.ays.monitor.live.ChangeCollector;
import io.ays.monitor.live.InstanceChange;
import io.ays.monitor.persistence.HealthHistoryEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Writes an instance's health history, in the transaction of the change it records. */
@ApplicationScoped
public class HealthJournal {

  private final ChangeCollector changes;

  public HealthJournal(ChangeCollector changes) {
    this.changes = changes;
  }

  /** Records an entry without a status of its own (a decision or lifecycle change). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void record(
      String instanceKey, Instant at, HistoryKind kind, String message, String eventId) {
    record(instanceKey, at, kind, null, null, message, eventId);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void record(
      String instanceKey,
      Instant at,
      HistoryKind kind,
      String status,
      String source,
      String message,
      String eventId) {
    HealthHistoryEntity entry = new HealthHistoryEntity();
    entry.instanceKey = instanceKey;
    entry.at = at;
    entry.kind = kind.name();
    entry.status = status;
    entry.source = source;
    entry.message = message;
    entry.eventId = eventId;
    entry.persist();
    // Every history entry is a change a dashboard wants to see, once it is committed.
    changes.add(new InstanceChange(instanceKey, kind.name(), message, at));
  }
}
