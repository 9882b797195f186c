package io.ays.contracts;

import java.util.UUID;

/**
 * A run ended.
 *
 * @param reason why it failed, or what was up to date; required unless SUCCEEDED
 * @param failedStep the step that failed the run; null unless FAILED at a step (a run can also fail
 *     before any step, e.g. a dependency failed)
 * @param failedPhase the phase of {@code failedStep}
 */
public record RunFinished(
    UUID runId,
    InstanceKey instanceKey,
    RequestAction action,
    RunOutcome outcome,
    String reason,
    Integer failedStep,
    Phase failedPhase,
    Long durationMs)
    implements EventPayload {

  public RunFinished {
    Fields.required(runId, "runId");
    Fields.required(instanceKey, "instanceKey");
    Fields.required(action, "action");
    Fields.required(outcome, "outcome");
    if (outcome != RunOutcome.SUCCEEDED) {
      Fields.requiredText(reason, "reason");
    }
    if (failedStep != null) {
      Fields.atLeast(failedStep, 0, "failedStep");
    }
    if ((failedStep == null) != (failedPhase == null)) {
      throw new InvalidFieldException(
          "failedPhase", "given together with failedStep or not at all");
    }
    Fields.atLeast(durationMs, 0L, "durationMs");
  }

  @Override
  public String subject() {
    return instanceKey.toString();
  }
}
