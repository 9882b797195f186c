package io.ays.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/**
 * The test profile of fault tests: the service runs with {@link FaultInjectingGate} in place of its
 * gate (and whatever alternatives {@link #alternatives()} adds).
 */
public class FaultInjectionProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    // This module is not a bean archive otherwise: only the fault tests see its gate.
    return Map.of(
        "quarkus.index-dependency.ays-test-support.group-id", "io.ays",
        "quarkus.index-dependency.ays-test-support.artifact-id", "ays-test-support");
  }

  @Override
  public Set<Class<?>> getEnabledAlternatives() {
    return Set.of(FaultInjectingGate.class);
  }
}
