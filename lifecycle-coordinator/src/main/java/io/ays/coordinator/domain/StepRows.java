package io.ays.coordinator.domain;

import io.ays.contracts.ExecutionRole;
import io.ays.contracts.Phase;
import io.ays.coordinator.domain.plan.CheckExpectation;
import io.ays.coordinator.domain.plan.PlannedStep;
import io.ays.coordinator.domain.plan.StepCondition;
import io.ays.coordinator.domain.plan.StepState;
import io.ays.coordinator.domain.plan.StepStatus;
import io.ays.coordinator.persistence.RunStepEntity;
import java.util.UUID;

/** Converts between stored step rows and the decider's plain values. */
final class StepRows {

  private StepRows() {}

  static PlannedStep planned(RunStepEntity row) {
    return new PlannedStep(
        row.id.seq,
        row.node,
        ExecutionRole.valueOf(row.role),
        Phase.valueOf(row.phase),
        StepCondition.valueOf(row.runCondition),
        CheckExpectation.valueOf(row.expectation));
  }

  static StepState state(RunStepEntity row) {
    return new StepState(
        planned(row), StepStatus.valueOf(row.status), row.up, row.reason, row.retryAt);
  }

  static RunStepEntity row(UUID runId, PlannedStep step) {
    RunStepEntity row = new RunStepEntity();
    row.id = new RunStepEntity.Id(runId, step.seq());
    row.node = step.node();
    row.role = step.role().name();
    row.phase = step.phase().name();
    row.runCondition = step.when().name();
    row.expectation = step.expect().name();
    row.status = StepStatus.PENDING.name();
    row.attempt = 0;
    return row;
  }
}
