package io.ays.monitor.config;

import io.ays.monitor.domain.RestartDecider;
import io.ays.monitor.domain.RestartPolicy;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Builds the restart policy from {@code ays.monitor.restart.*}. Singletons, not application-scoped:
 * a record and a final class cannot be proxied.
 */
public class RestartPolicyProducer {

  // Built at startup so that an impossible policy stops the service with the reason at once.
  @Produces
  @Singleton
  @Startup
  RestartPolicy restartPolicy(MonitorConfig config) {
    return of(config.restart());
  }

  @Produces
  @Singleton
  RestartDecider restartDecider(RestartPolicy policy) {
    return new RestartDecider(policy);
  }

  /** The policy the settings describe; refuses impossible ones at startup. */
  public static RestartPolicy of(MonitorConfig.Restart restart) {
    return new RestartPolicy(
        restart.initialDelay(),
        restart.multiplier(),
        restart.maxDelay(),
        restart.resetAfter(),
        restart.maxRestarts());
  }
}
