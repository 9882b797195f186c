package io.ays.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * As {@link KafkaTestResource}, with the broker in a process of its own ({@link
 * KafkaBrokerProcess}) that a test can restart: a test gets it in a {@code KafkaBrokerProcess}
 * field. Tests take it through {@link RestartableInfrastructureProfile}, not an annotation: an
 * annotated resource would start for every test of the module and compete with {@link
 * KafkaTestResource} for {@code kafka.bootstrap.servers}.
 */
public class RestartableKafkaTestResource implements QuarkusTestResourceLifecycleManager {

  private KafkaBrokerProcess broker;

  @Override
  public Map<String, String> start() {
    broker = KafkaBrokerProcess.start();
    return KafkaTestResource.applicationProperties(broker.bootstrapServers());
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(broker, new TestInjector.MatchesType(KafkaBrokerProcess.class));
  }

  @Override
  public void stop() {
    if (broker != null) {
      broker.close();
    }
  }
}
