package io.ays.monitor.retention;

import io.ays.messaging.RetainedRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes the dashboard's run summaries received longer ago than {@code
 * ays.messaging.processed-retention} (14 days): the runs view shows recent runs, and the
 * coordinator keeps every run's full record.
 */
@ApplicationScoped
public class RunSummaryRetention implements RetainedRecords {

  private static final AgedRows ROWS = new AgedRows("run_summary", "run_id", "received_at");

  private final EntityManager entities;
  private final Duration retention;

  public RunSummaryRetention(
      EntityManager entities,
      @ConfigProperty(name = "ays.messaging.processed-retention", defaultValue = "336h")
          Duration retention) {
    this.entities = entities;
    this.retention = retention;
  }

  @Override
  public String kind() {
    return "run_summary";
  }

  @Override
  public String rule() {
    return "run summaries of the last " + retention;
  }

  @Override
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int pruneBatch(Instant now, int limit) {
    return ROWS.deleteOlderThan(entities, now.minus(retention), limit);
  }
}
