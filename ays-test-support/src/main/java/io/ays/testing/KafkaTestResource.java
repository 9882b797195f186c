package io.ays.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a real Kafka broker for a {@code @QuarkusTest} and points the application's Kafka clients
 * at it. Commands on it are signed: the coordinator gets the test signing key and executors trust
 * it ({@link TestSigningKeys}). Its REST APIs trust the test bearer tokens ({@link TestTokens}).
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

  private KafkaBroker broker;

  @Override
  public Map<String, String> start() {
    broker = KafkaBroker.start();
    return applicationProperties(broker.bootstrapServers());
  }

  /** What a service under test is given with any test broker: its address, signing and tokens. */
  static Map<String, String> applicationProperties(String bootstrapServers) {
    Map<String, String> properties = new HashMap<>(TestSigningKeys.quarkusProperties());
    properties.putAll(TestTokens.quarkusProperties());
    properties.put("kafka.bootstrap.servers", bootstrapServers);
    return properties;
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
