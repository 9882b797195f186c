package io.ays.executor.persistence;

import io.agroal.api.AgroalDataSource;
import io.ays.messaging.AgedRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The {@code executed_command} table, in the caller's transaction. Plain JDBC: the executor has no
 * JPA, which saves it about 4,000 loaded classes and their memory (docs/benchmarks.md).
 *
 * <p>An entry is needed only while its command could be delivered again: after the messaging
 * retention (14 days; Kafka keeps commands 7, and a command past its deadline is refused anyway)
 * the {@link io.ays.messaging.RetentionPruner} forgets it.
 */
@ApplicationScoped
public class CommandJournal implements AgedRecords {

  private final AgroalDataSource dataSource;

  public CommandJournal(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The journal entry of {@code commandId}, if the command was taken on before. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<ExecutedCommand> find(String commandId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select instance_key, phase, started_at, result from executed_command"
                    + " where command_id = ?")) {
      query.setString(1, commandId);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new ExecutedCommand(
                commandId,
                row.getString(1),
                row.getString(2),
                row.getObject(3, OffsetDateTime.class).toInstant(),
                row.getString(4)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading the journal entry of " + commandId + " failed", e);
    }
  }

  /** Records that a command is being taken on (no result yet). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void begin(String commandId, String instanceKey, String phase, Instant startedAt) {
    update(
        "journaling command " + commandId,
        "insert into executed_command (command_id, instance_key, phase, started_at)"
            + " values (?, ?, ?, ?)",
        commandId,
        instanceKey,
        phase,
        OffsetDateTime.ofInstant(startedAt, ZoneOffset.UTC));
  }

  /** Stores the encoded result of a command taken on before. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void complete(String commandId, String encodedResult) {
    int rows =
        update(
            "storing the result of command " + commandId,
            "update executed_command set result = ? where command_id = ?",
            encodedResult,
            commandId);
    if (rows != 1) {
      throw new IllegalStateException("command " + commandId + " is not in the journal");
    }
  }

  /** How many entries the journal holds (for the metrics; its own short transaction). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public long size() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement("select count(*) from executed_command");
        ResultSet row = query.executeQuery()) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("counting the journal entries failed", e);
    }
  }

  @Override
  public String description() {
    return "command journal entries";
  }

  @Override
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public long forgetBefore(Instant cutoff) {
    return update(
        "forgetting the journal entries of commands started before " + cutoff,
        "delete from executed_command where started_at < ?",
        OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
  }

  private int update(String what, String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(what + " failed", e);
    }
  }
}
