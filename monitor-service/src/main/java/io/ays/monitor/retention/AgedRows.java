package io.ays.monitor.retention;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The rows of a table older than a cutoff by one of its time columns, deleted the oldest first and
 * at most a batch at a time, so that no delete holds the table for long.
 */
final class AgedRows {

  private final String delete;

  /**
   * @param table the table, e.g. {@code health_history}
   * @param id its primary key column
   * @param time the column a row's age is read from
   */
  AgedRows(String table, String id, String time) {
    this.delete =
        String.format(
            "delete from {h-schema}%1$s where %2$s in (select %2$s from {h-schema}%1$s where %3$s"
                + " < :cutoff order by %3$s limit :limit)",
            table, id, time);
  }

  /** Deletes up to {@code limit} rows older than {@code cutoff}, in the caller's transaction. */
  int deleteOlderThan(EntityManager entities, Instant cutoff, int limit) {
    return entities
        .createNativeQuery(delete)
        .setParameter("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
        .setParameter("limit", limit)
        .executeUpdate();
  }
}
