package io.ays.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/**
 * The test profile of tests that restart the broker or the database: the service gets a broker it
 * can restart ({@link RestartableKafkaTestResource}) and a PostgreSQL ({@link
 * PostgresTestResource}), and none of the module's other test resources, whose broker would
 * otherwise compete for {@code kafka.bootstrap.servers}.
 */
public class RestartableInfrastructureProfile implements QuarkusTestProfile {

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(
        new TestResourceEntry(RestartableKafkaTestResource.class),
        new TestResourceEntry(PostgresTestResource.class));
  }

  @Override
  public boolean disableGlobalTestResources() {
    return true;
  }
}
