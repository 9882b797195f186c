package io.ays.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A node-executor's answer to one {@link PhaseCommand}, on {@code ays.results}. Narrow on purpose:
 * the executor reports what happened; the coordinator decides what it means for the run.
 *
 * @param exitCode the action's exit code when it ran as a process; null otherwise
 * @param up for {@code check_up}/{@code check_down}: whether the service was found up; required
 *     when such a check succeeded, null for other phases
 * @param message what happened, in a sentence; required unless the outcome is SUCCEEDED
 * @param outputTail the end of the action's output (stdout and stderr), at most {@value
 *     #MAX_OUTPUT_TAIL} characters: longer text is cut at the front
 * @param startedAt when the action started (or, for REJECTED, when it was refused)
 */
public record PhaseResult(
    String commandId,
    UUID runId,
    Integer step,
    Integer attempt,
    InstanceKey instanceKey,
    NodeId node,
    Phase phase,
    PhaseOutcome outcome,
    Integer exitCode,
    Boolean up,
    String message,
    String outputTail,
    Instant startedAt,
    Long durationMs)
    implements EventPayload {

  public static final int MAX_OUTPUT_TAIL = 16_384;

  public PhaseResult {
    Fields.requiredText(commandId, "commandId");
    Fields.maxLength(commandId, PhaseCommand.MAX_COMMAND_ID_LENGTH, "commandId");
    Fields.required(runId, "runId");
    Fields.atLeast(step, 0, "step");
    Fields.atLeast(attempt, 1, "attempt");
    Fields.required(instanceKey, "instanceKey");
    Fields.required(node, "node");
    Fields.required(phase, "phase");
    Fields.required(outcome, "outcome");
    if (outcome.successful() && phase.answersUp() && up == null) {
      throw new InvalidFieldException("up", "required when " + phase.actionName() + " succeeded");
    }
    if (!outcome.successful()) {
      Fields.requiredText(message, "message");
    }
    outputTail = Fields.tail(outputTail, MAX_OUTPUT_TAIL);
    Fields.required(startedAt, "startedAt");
    Fields.atLeast(durationMs, 0L, "durationMs");
  }

  /** The result of a command, copying its identifying fields. */
  public static PhaseResult of(
      PhaseCommand command,
      PhaseOutcome outcome,
      Integer exitCode,
      Boolean up,
      String message,
      String outputTail,
      Instant startedAt,
      long durationMs) {
    return new PhaseResult(
        command.commandId(),
        command.runId(),
        command.step(),
        command.attempt(),
        command.instanceKey(),
        command.node(),
        command.phase(),
        outcome,
        exitCode,
        up,
        message,
        outputTail,
        startedAt,
        durationMs);
  }

  @Override
  public String subject() {
    return instanceKey.toString();
  }
}
