package io.ays.coordinator.domain;

/** Where a run stands; carries its own rules. */
public enum RunStatus {
  /** Waiting for an earlier run of the same instance to end (one run per instance at a time). */
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  UP_TO_DATE;

  public boolean isActive() {
    return this == QUEUED || this == RUNNING;
  }
}
