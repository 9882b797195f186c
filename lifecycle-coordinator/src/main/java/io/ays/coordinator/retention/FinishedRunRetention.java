package io.ays.coordinator.retention;

import io.ays.messaging.RetainedRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes runs (and, by cascade, their steps and prerequisite links) that finished longer than
 * {@code ays.coordinator.run-retention} (30 days) ago. What is never deleted: a run that has not
 * ended; the latest run of an instance that still exists ({@code ays runs}, {@code ays trace}, the
 * instance view and the monitor's dashboard show it as the instance's last word); the run an
 * instance names as its active run; a run another, unfinished run waits for.
 */
@ApplicationScoped
public class FinishedRunRetention implements RetainedRecords {

  // The terminal statuses are RunStatus' values whose isActive() is false.
  private static final String DELETE =
      """
      delete from {h-schema}run where id in (
        select r.id from {h-schema}run r
        where r.status in ('SUCCEEDED', 'FAILED', 'UP_TO_DATE')
          and r.finished_at < :cutoff
          and (not exists (select 1 from {h-schema}service_instance i where i.instance_key = r.instance_key)
               or exists (select 1 from {h-schema}run newer
                          where newer.instance_key = r.instance_key
                            and newer.created_at > r.created_at))
          and not exists (select 1 from {h-schema}service_instance i where i.active_run_id = r.id)
          and not exists (select 1 from {h-schema}run_prerequisite p join {h-schema}run waiting on waiting.id = p.run_id
                          where p.prerequisite_run_id = r.id
                            and waiting.status in ('WAITING', 'QUEUED', 'RUNNING'))
        order by r.finished_at
        limit :limit)
      """;

  private final EntityManager entities;
  private final Duration retention;

  public FinishedRunRetention(
      EntityManager entities,
      @ConfigProperty(name = "ays.coordinator.run-retention", defaultValue = "30d")
          Duration retention) {
    this.entities = entities;
    this.retention = retention;
  }

  @Override
  public String kind() {
    return "runs";
  }

  @Override
  public String rule() {
    return "runs finished within " + retention + " and every instance's latest run";
  }

  @Override
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int pruneBatch(Instant now, int limit) {
    return entities
        .createNativeQuery(DELETE)
        .setParameter("cutoff", OffsetDateTime.ofInstant(now.minus(retention), ZoneOffset.UTC))
        .setParameter("limit", limit)
        .executeUpdate();
  }
}
