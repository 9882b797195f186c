package io.ays.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Remembers which messages a consumer has processed, so that a redelivered message (Kafka gives
 * at-least-once delivery) has no second effect.
 */
@ApplicationScoped
public class ProcessedMessages implements AgedRecords {

  private final MessagingTables tables;
  private final Clock clock;

  public ProcessedMessages(MessagingTables tables, Clock clock) {
    this.tables = tables;
    this.clock = clock;
  }

  /**
   * Records that {@code consumer} processed {@code messageId}, in the caller's transaction.
   *
   * @return false if it had been recorded before: the caller must then skip its effects
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean markProcessed(String consumer, String messageId) {
    OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
    return tables.withConnection(
        "recording message " + messageId + " as processed by " + consumer,
        connection -> {
          if (tables.isPostgres(connection)) {
            // One statement instead of a look-up and an insert: this runs for every message.
            return insert(connection, consumer, messageId, now, " on conflict do nothing") == 1;
          }
          if (exists(connection, consumer, messageId)) {
            return false;
          }
          // A concurrent insert of the same id fails here with a unique violation, which the
          // inbound gate treats as a lost race and runs again (then this sees the winner's row).
          insert(connection, consumer, messageId, now, "");
          return true;
        });
  }

  /** Whether {@code consumer} has already processed {@code messageId}. */
  @Transactional
  public boolean isProcessed(String consumer, String messageId) {
    return tables.withConnection(
        "looking up message " + messageId + " of " + consumer,
        connection -> exists(connection, consumer, messageId));
  }

  @Override
  public String description() {
    return "processed-message ids";
  }

  /** Forgets the ids processed before {@code cutoff}, in a transaction of its own. */
  @Override
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public long forgetBefore(Instant cutoff) {
    return tables.withConnection(
        "forgetting processed-message ids before " + cutoff,
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "delete from " + tables.processedMessage() + " where processed_at < ?")) {
            delete.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            return (long) delete.executeUpdate();
          }
        });
  }

  private int insert(
      Connection connection,
      String consumer,
      String messageId,
      OffsetDateTime processedAt,
      String onConflict)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "insert into "
                + tables.processedMessage()
                + " (consumer, message_id, processed_at) values (?, ?, ?)"
                + onConflict)) {
      insert.setString(1, consumer);
      insert.setString(2, messageId);
      insert.setObject(3, processedAt);
      return insert.executeUpdate();
    }
  }

  private boolean exists(Connection connection, String consumer, String messageId)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "select 1 from "
                + tables.processedMessage()
                + " where consumer = ? and message_id = ?")) {
      query.setString(1, consumer);
      query.setString(2, messageId);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }
}
