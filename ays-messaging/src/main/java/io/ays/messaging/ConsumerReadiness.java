package io.ays.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while a consumer holds a message waiting for a dependency ({@link DependencyOutages}):
 * the service is alive and will go on by itself once the dependency is back, but takes no new work
 * meanwhile. Each waiting consumer is named, with what it waits for and since when.
 */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {

  private final DependencyOutages outages;

  public ConsumerReadiness(DependencyOutages outages) {
    this.outages = outages;
  }

  @Override
  public HealthCheckResponse call() {
    Map<String, DependencyOutages.Outage> current = outages.current();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("ays-consumers").status(current.isEmpty());
    current.forEach(
        (consumer, outage) ->
            response.withData(
                consumer,
                "waiting for "
                    + outage.dependency().label()
                    + " since "
                    + outage.since()
                    + ": "
                    + outage.lastFailure()));
    return response.build();
  }
}
