package io.ays.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (the upstream binaries, unpacked under java.io.tmpdir) started on a free
 * local port. It can be stopped and started again on the same port with the same data, as an
 * operator's restart or a failover would, for tests of what a database outage does.
 */
public final class PostgresDatabase implements AutoCloseable {

  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres server;

  private PostgresDatabase(Path dataDirectory, EmbeddedPostgres server) {
    this.dataDirectory = dataDirectory;
    this.server = server;
    this.port = server.getPort();
  }

  /** Starts a fresh, empty server; returns once it accepts connections. */
  public static PostgresDatabase start() {
    try {
      Path dataDirectory = Files.createTempDirectory("ays-postgres-");
      return new PostgresDatabase(dataDirectory, launch(dataDirectory, 0));
    } catch (IOException e) {
      throw new IllegalStateException("could not start embedded PostgreSQL: " + e, e);
    }
  }

  private static EmbeddedPostgres launch(Path dataDirectory, int port) throws IOException {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            // Kept across stop() and restart(); close() deletes it.
            .setCleanDataDirectory(false)
            // Test data is disposable: trade durability for speed.
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off");
    if (port > 0) {
      builder.setPort(port);
    }
    return builder.start();
  }

  /**
   * Stops the server (every connection is cut, as in a crash or a restart); {@link #restart()}
   * brings it back with its data.
   */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.close();
      server = null;
    } catch (IOException e) {
      throw new IllegalStateException("could not stop embedded PostgreSQL", e);
    }
  }

  /** Starts the stopped server again on the same port with the same data. */
  public synchronized void restart() {
    if (server != null) {
      return;
    }
    try {
      server = launch(dataDirectory, port);
    } catch (IOException e) {
      throw new IllegalStateException("could not restart embedded PostgreSQL: " + e, e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  public int port() {
    return port;
  }

  public String username() {
    return "postgres";
  }

  public String password() {
    return "postgres";
  }

  @Override
  public void close() {
    stop();
    try (Stream<Path> files = Files.walk(dataDirectory)) {
      files.sorted(Comparator.reverseOrder()).forEach(PostgresDatabase::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dataDirectory, e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + path, e);
    }
  }
}
