package io.ays.coordinator.domain.plan;

/** What a check_up step must find for the run to go on. */
public enum CheckExpectation {
  /** Informational: the answer only steers later conditional steps. */
  NONE,
  /** The service must be up (after start), else the step fails. */
  UP,
  /** The service must be down (after stop/halt), else the step fails. */
  DOWN
}
