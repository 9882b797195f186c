package io.ays.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The test profile of trace tests: the service records every span ({@code ays.traces.recorded}) and
 * exports it to {@link RecordedSpans} instead of an OTLP endpoint.
 */
public class TracingProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    // This module is not a bean archive otherwise: only the trace tests see RecordedSpans.
    return Map.of(
        "quarkus.index-dependency.ays-test-support.group-id", "io.ays",
        "quarkus.index-dependency.ays-test-support.artifact-id", "ays-test-support",
        "ays.traces.recorded", "true",
        "quarkus.otel.bsp.schedule.delay", "50ms");
  }
}
