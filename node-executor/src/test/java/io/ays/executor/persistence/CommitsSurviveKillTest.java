package io.ays.executor.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the executor committed to its H2 file (a command's journal entry, a result in its outbox) is
 * still there after the executor is killed with SIGKILL straight after the commit. With H2's
 * default write delay it was not: the chaos test saw a command begun, lost by a kill -9 and run a
 * second time when it was redelivered.
 */
class CommitsSurviveKillTest {

  private static final int COMMITS = 20;

  @Test
  void everyCommitIsInTheFileWhenTheExecutorIsKilledRightAfterIt(@TempDir Path dataDir)
      throws Exception {
    String url = executorDatabaseUrl(dataDir);
    try (Connection connection = DriverManager.getConnection(url, "ays", "")) {
      connection.createStatement().execute("create table committed_row (id int primary key)");
    }

    Process writer =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CommitThenWait.class.getName(),
                url,
                Integer.toString(COMMITS))
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.equals(CommitThenWait.COMMITTED));
      assertThat(line).as("the writer's output").isEqualTo(CommitThenWait.COMMITTED);
      writer.destroyForcibly(); // SIGKILL, straight after the last commit returned
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      writer.destroyForcibly();
    }

    try (Connection connection = DriverManager.getConnection(url, "ays", "");
        ResultSet rows =
            connection.createStatement().executeQuery("select count(*) from committed_row")) {
      rows.next();
      assertThat(rows.getInt(1)).as("rows committed before the kill").isEqualTo(COMMITS);
    }
  }

  /** The executor's own JDBC URL, from its application.properties, for {@code dataDir}. */
  private static String executorDatabaseUrl(Path dataDir) throws Exception {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .addDefaultSources()
            .addDefaultInterceptors()
            .withSources(
                new PropertiesConfigSource(
                    CommitsSurviveKillTest.class.getResource("/application.properties"), 100),
                new PropertiesConfigSource(
                    Map.of("ays.executor.data-dir", dataDir.toString()), "test", 1000))
            .build();
    String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
    assertThat(url).startsWith("jdbc:h2:file:" + dataDir);
    return url;
  }

  /** The writer: commits rows one transaction each, says so, then waits to be killed. */
  public static final class CommitThenWait {

    static final String COMMITTED = "COMMITTED";

    public static void main(String[] args) throws Exception {
      try (Connection connection = DriverManager.getConnection(args[0], "ays", "")) {
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
          connection.createStatement().execute("insert into committed_row values (" + i + ")");
        }
        System.out.println(COMMITTED);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
      }
    }
  }
}
