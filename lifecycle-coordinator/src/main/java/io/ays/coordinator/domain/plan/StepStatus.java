package io.ays.coordinator.domain.plan;

/** The status of one step of a run; carries its own rules. */
public enum StepStatus {
  PENDING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  SKIPPED;

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == SKIPPED;
  }

  /** Whether the run may go past this step. */
  public boolean letsRunContinue() {
    return this == SUCCEEDED || this == SKIPPED;
  }
}
