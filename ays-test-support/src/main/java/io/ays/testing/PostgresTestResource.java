package io.ays.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts a real PostgreSQL for a {@code @QuarkusTest} and points the datasource at it. */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

  private PostgresDatabase database;

  @Override
  public Map<String, String> start() {
    database = PostgresDatabase.start();
    return Map.of(
        "quarkus.datasource.jdbc.url", database.jdbcUrl(),
        "quarkus.datasource.username", database.username(),
        "quarkus.datasource.password", database.password());
  }

  /** Gives a test a {@link PostgresDatabase} field: the server, to stop and restart it. */
  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(database, new TestInjector.MatchesType(PostgresDatabase.class));
  }

  @Override
  public void stop() {
    if (database != null) {
      database.close();
    }
  }
}
