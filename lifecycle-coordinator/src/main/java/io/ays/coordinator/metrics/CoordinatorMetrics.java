package io.ays.coordinator.metrics;

import io.ays.contracts.Phase;
import io.ays.contracts.RequestAction;
import io.ays.contracts.RunOutcome;
import io.ays.contracts.StepOutcome;
import io.ays.messaging.AfterCommit;
import io.ays.messaging.DurationBuckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;

/**
 * The coordinator's Prometheus series: requests by action and outcome, and the durations of runs
 * and of phase attempts as histograms. Each is counted once its transaction has committed, so a
 * transaction run again after a conflict counts once. Labels are enum names only (bounded): never
 * an instance key or a run id, which grow without bound; those are in the REST API and the events.
 */
@Startup
@ApplicationScoped
public class CoordinatorMetrics {

  /** How a request ended at the coordinator's door. */
  public enum RequestOutcome {
    ACCEPTED,
    REJECTED
  }

  private final MeterRegistry registry;
  private final AfterCommit afterCommit;

  public CoordinatorMetrics(MeterRegistry registry, AfterCommit afterCommit) {
    this.registry = registry;
    this.afterCommit = afterCommit;
    for (RequestAction action : RequestAction.values()) {
      for (RequestOutcome outcome : RequestOutcome.values()) {
        requests(action, outcome);
      }
    }
  }

  /** A request was accepted (its runs stored) or rejected with its problems. */
  public void request(RequestAction action, RequestOutcome outcome) {
    afterCommit.run(() -> requests(action, outcome).increment());
  }

  /** A run ended with {@code outcome} after {@code duration} (from its creation). */
  public void runFinished(RequestAction action, RunOutcome outcome, Duration duration) {
    afterCommit.run(
        () ->
            Timer.builder("ays.coordinator.run.duration")
                .description("From a run's creation to its end, queueing and retries included")
                .tag("action", label(action))
                .tag("outcome", label(outcome))
                .serviceLevelObjectives(DurationBuckets.upTo(Duration.ofHours(1)))
                .register(registry)
                .record(duration));
  }

  /** An attempt of a phase ended with {@code outcome} after {@code duration} on its node. */
  public void phaseAttempt(Phase phase, StepOutcome outcome, Duration duration) {
    afterCommit.run(
        () ->
            Timer.builder("ays.coordinator.phase.duration")
                .description("How long an attempt of a phase took on its node, by its outcome")
                .tag("phase", phase.actionName())
                .tag("outcome", label(outcome))
                .serviceLevelObjectives(DurationBuckets.upTo(Duration.ofHours(1)))
                .register(registry)
                .record(duration));
  }

  private Counter requests(RequestAction action, RequestOutcome outcome) {
    return Counter.builder("ays.coordinator.requests")
        .description("Lifecycle requests the coordinator took in, by action and outcome")
        .tag("action", label(action))
        .tag("outcome", label(outcome))
        .register(registry);
  }

  private static String label(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
