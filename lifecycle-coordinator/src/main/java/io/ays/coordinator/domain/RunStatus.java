package io.ays.coordinator.domain;

/** Where a run stands; carries its own rules. */
public enum RunStatus {
  /** Waiting for an earlier run of the same instance to end (one run per instance at a time). */
  /** Waiting for runs of the same request to succeed first (its dependencies, or dependents). */
  WAITING,
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  UP_TO_DATE;

  /** Whether a run ended with its instance as asked (runs waiting for it may start). */
  public boolean succeeded() {
    return this == SUCCEEDED || this == UP_TO_DATE;
  }

  public boolean isActive() {
    return this == WAITING || this == QUEUED || this == RUNNING;
  }
}
