package io.ays.monitor.api;

import io.ays.monitor.persistence.RunEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One run as the monitor heard of it on {@code ays.service-events}.
 *
 * @param status {@code RUNNING} until the run ends, then its outcome: SUCCEEDED, FAILED or
 *     UP_TO_DATE
 * @param node where it runs; null if the monitor saw only the run's end
 * @param steps how many steps its plan has; null if the monitor saw only the run's end
 * @param reason why it failed, or what was up to date
 * @param failedPhase the phase whose step failed the run, if one did
 */
public record RunView(
    UUID runId,
    String instanceKey,
    String action,
    String node,
    String status,
    Integer steps,
    Instant acceptedAt,
    Instant finishedAt,
    Long durationMs,
    String reason,
    String failedPhase) {

  static RunView of(RunEntity r) {
    return new RunView(
        r.runId,
        r.instanceKey,
        r.action,
        r.node,
        r.outcome == null ? "RUNNING" : r.outcome,
        r.steps,
        r.acceptedAt,
        r.finishedAt,
        r.durationMs,
        r.reason,
        r.failedPhase);
  }
}
