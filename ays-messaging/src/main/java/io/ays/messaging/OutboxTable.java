package io.ays.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The statements on the {@code outbox} table: add a message, read the oldest, delete sent ones. */
@ApplicationScoped
public class OutboxTable {

  /**
   * A stored message; {@code id} orders them as they were written. {@code traceparent} is the span
   * that caused it (null if none).
   */
  public record Row(long id, String topic, String key, String payload, String traceparent) {}

  private final MessagingTables tables;

  public OutboxTable(MessagingTables tables) {
    this.tables = tables;
  }

  /** A message to add. */
  record NewMessage(
      String topic, String key, String payload, Instant createdAt, String traceparent) {}

  /** Adds messages in the current transaction, in their order, as one JDBC batch. */
  void insertAll(List<NewMessage> messages) {
    if (messages.isEmpty()) {
      return;
    }
    tables.withConnection(
        "storing " + messages.size() + " message(s) in the outbox",
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "insert into "
                      + tables.outbox()
                      + " (topic, message_key, payload, created_at, traceparent) values (?, ?, ?, ?, ?)")) {
            for (NewMessage message : messages) {
              insert.setString(1, message.topic());
              insert.setString(2, message.key());
              insert.setString(3, message.payload());
              insert.setObject(4, OffsetDateTime.ofInstant(message.createdAt(), ZoneOffset.UTC));
              insert.setString(5, message.traceparent());
              insert.addBatch();
            }
            return insert.executeBatch().length;
          }
        });
  }

  /** The {@code limit} oldest messages, oldest first. */
  List<Row> oldest(int limit) {
    return tables.withConnection(
        "reading the outbox",
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "select id, topic, message_key, payload, traceparent from "
                      + tables.outbox()
                      + " order by id limit ?")) {
            query.setInt(1, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
              while (result.next()) {
                rows.add(
                    new Row(
                        result.getLong(1),
                        result.getString(2),
                        result.getString(3),
                        result.getString(4),
                        result.getString(5)));
              }
            }
            return rows;
          }
        });
  }

  /** How many messages wait, and when the oldest of them was written (null if none). */
  record Backlog(long count, Instant oldest) {}

  Backlog backlog() {
    return tables.withConnection(
        "measuring the outbox",
        connection -> {
          try (PreparedStatement query =
                  connection.prepareStatement(
                      "select count(*), min(created_at) from " + tables.outbox());
              ResultSet result = query.executeQuery()) {
            result.next();
            OffsetDateTime oldest = result.getObject(2, OffsetDateTime.class);
            return new Backlog(result.getLong(1), oldest == null ? null : oldest.toInstant());
          }
        });
  }

  /** Deletes the messages with these ids. */
  void delete(List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    tables.withConnection(
        "deleting sent messages from the outbox",
        connection -> {
          if (tables.isPostgres(connection)) {
            // The only transaction that need not wait for its WAL flush: if PostgreSQL crashed
            // and lost this delete, the relay would send these messages again, which consumers
            // recognise by their envelope ids. The relay's next batch then waits for no fsync.
            try (Statement relaxed = connection.createStatement()) {
              relaxed.execute("set local synchronous_commit to off");
            }
          }
          String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "delete from " + tables.outbox() + " where id in (" + marks + ")")) {
            for (int i = 0; i < ids.size(); i++) {
              delete.setLong(i + 1, ids.get(i));
            }
            return delete.executeUpdate();
          }
        });
  }
}
