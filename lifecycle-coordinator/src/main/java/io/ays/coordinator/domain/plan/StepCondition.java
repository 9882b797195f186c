package io.ays.coordinator.domain.plan;

/** When a planned step runs. */
public enum StepCondition {
  /** Always. */
  ALWAYS,
  /** Only if the latest check_up of this node said the service is up (the stop/halt branch). */
  IF_UP,
  /** Only if the latest check_up of this node said the service is down (start when not running). */
  IF_DOWN
}
