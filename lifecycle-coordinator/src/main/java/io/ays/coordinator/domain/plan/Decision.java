package io.ays.coordinator.domain.plan;

import java.util.List;

/**
 * What to do next with a run: dispatch one step, wait for the running one, or finish. Steps whose
 * condition does not hold are listed in {@code skipped}, to be recorded as such.
 */
public sealed interface Decision {

  List<PlannedStep> skipped();

  /** Send this step's command. */
  record Dispatch(PlannedStep step, List<PlannedStep> skipped) implements Decision {}

  /** A step is in flight: nothing to do until its result arrives. */
  record Wait(PlannedStep running, List<PlannedStep> skipped) implements Decision {}

  /** Every step succeeded or was skipped. */
  record Succeed(List<PlannedStep> skipped) implements Decision {}

  /** A step failed; the run fails with its reason. */
  record Fail(PlannedStep failed, String reason, List<PlannedStep> skipped) implements Decision {}
}
