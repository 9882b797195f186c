package io.ays.messaging;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Plain JDBC access to the two tables every service has for messaging, {@code outbox} and {@code
 * processed_message} (created by each service's own Flyway migrations). Plain JDBC, not JPA, so
 * that a service without Hibernate (the node-executor, for its footprint) can use this module; a
 * connection taken inside a JTA transaction is the transaction's own (Agroal enlists it), so these
 * writes commit or roll back with the caller's other work.
 */
@ApplicationScoped
public class MessagingTables {

  private final AgroalDataSource dataSource;
  private final String prefix;
  private volatile Boolean postgres;

  public MessagingTables(
      AgroalDataSource dataSource,
      // The services on PostgreSQL keep their tables in a schema of their own (one database for
      // all): unqualified names would resolve through the search path instead.
      @ConfigProperty(name = "ays.messaging.schema") Optional<String> schema) {
    this.dataSource = dataSource;
    this.prefix = schema.filter(s -> !s.isBlank()).map(s -> s + ".").orElse("");
  }

  String outbox() {
    return prefix + "outbox";
  }

  String processedMessage() {
    return prefix + "processed_message";
  }

  /** Runs {@code work} on a connection (the current transaction's, if there is one). */
  <T> T withConnection(String what, SqlWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new MessagingStoreException(what + " failed: " + e.getMessage(), e);
    }
  }

  /** Whether the database is PostgreSQL (which has {@code insert ... on conflict do nothing}). */
  boolean isPostgres(Connection connection) throws SQLException {
    Boolean known = postgres;
    if (known == null) {
      known = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
      postgres = known;
    }
    return known;
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
