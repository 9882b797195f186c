package io.ays.messaging.tracing;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether spans are recorded: only when they go somewhere ({@code AYS_OTEL_ENDPOINT}, or a test's
 * in-memory exporter). Otherwise every span is sampled out: it still has its ids, so messages carry
 * a {@code traceparent} and log lines name their trace, but nothing is recorded, queued or sent,
 * which keeps an idle executor's memory and CPU where they were without traces.
 */
@ApplicationScoped
public class TraceSampling {

  @Produces
  @Singleton
  Sampler sampler(
      @ConfigProperty(name = "ays.traces.endpoint") Optional<String> endpoint,
      @ConfigProperty(name = "ays.traces.recorded", defaultValue = "false") boolean recorded) {
    boolean exported = recorded || endpoint.filter(e -> !e.isBlank()).isPresent();
    return exported ? Sampler.parentBased(Sampler.alwaysOn()) : Sampler.alwaysOff();
  }
}
