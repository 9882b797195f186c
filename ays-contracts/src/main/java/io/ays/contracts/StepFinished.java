package io.ays.contracts;

import java.util.UUID;

/**
 * One step of a run ended (or was skipped).
 *
 * @param attempt the attempt that ended; 0 for a step skipped without running
 * @param up for checks, whether the service was found up
 * @param message why, for anything but SUCCEEDED
 * @param outputTail the end of the action's output, at most {@value PhaseResult#MAX_OUTPUT_TAIL}
 *     characters
 * @param willRetry whether the coordinator will run the step again (a StepStarted follows)
 */
public record StepFinished(
    UUID runId,
    InstanceKey instanceKey,
    Integer step,
    NodeId node,
    Phase phase,
    Integer attempt,
    StepOutcome outcome,
    Boolean up,
    Integer exitCode,
    String message,
    String outputTail,
    Long durationMs,
    boolean willRetry)
    implements EventPayload {

  public StepFinished {
    Fields.required(runId, "runId");
    Fields.required(instanceKey, "instanceKey");
    Fields.atLeast(step, 0, "step");
    Fields.required(node, "node");
    Fields.required(phase, "phase");
    Fields.atLeast(attempt, 0, "attempt");
    Fields.required(outcome, "outcome");
    if (!outcome.letsRunContinue()) {
      Fields.requiredText(message, "message");
    }
    outputTail = Fields.tail(outputTail, PhaseResult.MAX_OUTPUT_TAIL);
    Fields.atLeast(durationMs, 0L, "durationMs");
  }

  @Override
  public String subject() {
    return instanceKey.toString();
  }
}
