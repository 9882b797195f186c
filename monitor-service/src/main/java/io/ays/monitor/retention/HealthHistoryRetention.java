package io.ays.monitor.retention;

import io.ays.messaging.RetainedRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes health history entries (status changes, crashes, the monitor's decisions) older than
 * {@code ays.monitor.history-retention} (30 days). The current health of every instance and its
 * restart bookkeeping ({@code instance_health}) are state, not history, and are never pruned.
 */
@ApplicationScoped
public class HealthHistoryRetention implements RetainedRecords {

  private static final AgedRows ROWS = new AgedRows("health_history", "id", "at");

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
    return ROWS.deleteOlderThan(entities, now.minus(retention), limit);
  }
}
