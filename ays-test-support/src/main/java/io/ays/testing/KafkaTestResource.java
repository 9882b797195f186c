package io.ays.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a real Kafka broker for a {@code @QuarkusTest} and points the application's Kafka clients
 * at it.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

  private KafkaBroker broker;

  @Override
  public Map<String, String> start() {
    broker = KafkaBroker.start();
    return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(broker, new TestInjector.MatchesType(KafkaBroker.class));
  }

  @Override
  public void stop() {
    if (broker != null) {
      broker.close();
    }
  }
}
