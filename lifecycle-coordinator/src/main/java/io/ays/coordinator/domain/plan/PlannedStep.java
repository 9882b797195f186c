package io.ays.coordinator.domain.plan;

import io.ays.contracts.ExecutionRole;
import io.ays.contracts.Phase;

/**
 * One step of a run's plan: a phase to run on a node, when to run it, and (for check_up) what it
 * must find.
 */
public record PlannedStep(
    int seq,
    String node,
    ExecutionRole role,
    Phase phase,
    StepCondition when,
    CheckExpectation expect) {

  public boolean isCheck() {
    return phase == Phase.CHECK_UP || phase == Phase.CHECK_DOWN;
  }
}
