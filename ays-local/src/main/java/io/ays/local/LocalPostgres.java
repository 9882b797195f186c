package io.ays.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * Runs a real PostgreSQL server (embedded binaries) for a local AYS, keeping its data between runs,
 * and makes sure the AYS database and its owner exist. It stays in the foreground; SIGTERM stops
 * the server cleanly.
 *
 * <p>Usage: {@code LocalPostgres --data-dir .ays/postgres [--port 15432] [--database ays] [--user
 * ays] [--password ays] [--ready-file .ays/run/postgres.ready]}. The binaries are unpacked under
 * {@code java.io.tmpdir}. The ready file holds the JDBC URL once the database can be used, and is
 * removed when the server stops.
 */
public final class LocalPostgres {

  private static final Set<String> OPTIONS =
      Set.of("data-dir", "port", "database", "user", "password", "ready-file");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final String HOST = "127.0.0.1";

  private LocalPostgres() {}

  public static void main(String[] args) throws Exception {
    CommandLine cl;
    String database;
    String user;
    try {
      cl = CommandLine.parse("LocalPostgres", args, OPTIONS);
      database = identifier(cl.get("database", "ays"), "database");
      user = identifier(cl.get("user", "ays"), "user");
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    File dataDir = new File(cl.require("data-dir")).getAbsoluteFile();
    int port = cl.getInt("port", 15432);
    String password = cl.get("password", "ays");
    Path readyFile = Path.of(cl.get("ready-file", new File(dataDir, "ays.ready").getPath()));
    Files.deleteIfExists(readyFile);

    log("starting PostgreSQL on " + HOST + ":" + port + ", data in " + dataDir);
    EmbeddedPostgres server =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setServerConfig("listen_addresses", HOST)
            // Local data is kept between runs: keep commits durable (the library turns this off).
            .setServerConfig("synchronous_commit", "on")
            .setLocaleConfig("locale", "C")
            .setPGStartupWait(Duration.ofSeconds(60))
            .start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log("stopping PostgreSQL");
                  try {
                    Files.deleteIfExists(readyFile);
                    server.close();
                  } catch (Exception e) {
                    log("could not stop PostgreSQL cleanly: " + e);
                  }
                },
                "local-postgres-stop"));

    ensureDatabase(port, database, user, password);
    String url = "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    Files.writeString(readyFile, url + System.lineSeparator());
    log("PostgreSQL ready: " + url + " (user " + user + ")");
    new CountDownLatch(1).await();
  }

  /** Creates the login role and the database it owns if they are missing. */
  private static void ensureDatabase(int port, String database, String user, String password)
      throws SQLException {
    String adminUrl = "jdbc:postgresql://" + HOST + ":" + port + "/postgres?user=postgres";
    try (Connection c = DriverManager.getConnection(adminUrl);
        Statement s = c.createStatement()) {
      String passwordLiteral = "'" + password.replace("'", "''") + "'";
      if (exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", user)) {
        s.execute("ALTER ROLE " + user + " LOGIN PASSWORD " + passwordLiteral);
      } else {
        s.execute("CREATE ROLE " + user + " LOGIN PASSWORD " + passwordLiteral);
        log("created role " + user);
      }
      if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
        s.execute("CREATE DATABASE " + database + " OWNER " + user);
        log("created database " + database + " owned by " + user);
      }
    }
  }

  private static boolean exists(Connection c, String sql, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static String identifier(String value, String what) {
    if (!IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " name '" + value + "' must be a lower-case SQL identifier ([a-z_][a-z0-9_]*)");
    }
    return value;
  }

  private static void log(String message) {
    System.out.println("[ays-local] " + message);
  }
}
