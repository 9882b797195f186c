package io.ays.coordinator.domain.plan;

import java.time.Instant;

/**
 * Where a planned step stands: its status, and for a check step the answer it got (null when the
 * node had no opinion, e.g. the management location of a service that runs elsewhere); a pending
 * step that failed before is not tried again before {@code notBefore}.
 */
public record StepState(
    PlannedStep step, StepStatus status, Boolean up, String reason, Instant notBefore) {

  /** A step with no retry pending. */
  public StepState(PlannedStep step, StepStatus status, Boolean up, String reason) {
    this(step, status, up, reason, null);
  }

  public static StepState pending(PlannedStep step) {
    return new StepState(step, StepStatus.PENDING, null, null);
  }
}
