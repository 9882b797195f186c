package io.ays.monitor.retention;

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
 * Deletes health history entries (status changes, crashes, the monitor's decisions) older than
 * {@code ays.monitor.history-retention} (30 days). The current health of every instance and its
 * restart bookkeeping ({@code instance_health}) are state, not history, and are never pruned.
 */
@ApplicationScoped
public class HealthHistoryRetention implements RetainedRecords {

  private static final String DELETE =
      """
      delete from {h-schema}health_history where id in (
        select id from {h-schema}health_history where at < :cutoff order by at limit :limit)
      """;

  private final EntityManager entities;
  private final Duration retention;

  public HealthHistoryRetention(
      EntityManager entities,
      @ConfigProperty(name = "ays.monitor.history-retention", defaultValue = "30d")
          Duration retention) {
    this.entities = entities;
    this.retention = retention;
  }

  @Override
  public String kind() {
    return "health_history";
  }

  @Override
  public String rule() {
    return "health history of the last " + retention;
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
