package io.ays.coordinator.domain.plan;

/**
 * Where a planned step stands: its status, and for a check step the answer it got (null when the
 * node had no opinion, e.g. the management location of a service that runs elsewhere).
 */
public record StepState(PlannedStep step, StepStatus status, Boolean up, String reason) {

  public static StepState pending(PlannedStep step) {
    return new StepState(step, StepStatus.PENDING, null, null);
  }
}
