package io.ays.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/**
 * A real PostgreSQL server (the upstream binaries, unpacked under java.io.tmpdir) started on a free
 * local port.
 */
public final class PostgresDatabase implements AutoCloseable {

  private final EmbeddedPostgres server;

  private PostgresDatabase(EmbeddedPostgres server) {
    this.server = server;
  }

  /** Starts a fresh, empty server; returns once it accepts connections. */
  public static PostgresDatabase start() {
    try {
      return new PostgresDatabase(
          EmbeddedPostgres.builder()
              .setCleanDataDirectory(true)
              // Test data is disposable: trade durability for speed.
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .start());
    } catch (IOException e) {
      throw new IllegalStateException("could not start embedded PostgreSQL: " + e, e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
  }

  public int port() {
    return server.getPort();
  }

  public String username() {
    return "postgres";
  }

  public String password() {
    return "postgres";
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new IllegalStateException("could not stop embedded PostgreSQL", e);
    }
  }
}
