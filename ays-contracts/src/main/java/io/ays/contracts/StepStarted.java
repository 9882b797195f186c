package io.ays.contracts;

import java.util.UUID;

/** The coordinator sent the command for one step of a run (attempt 2 and up are retries). */
public record StepStarted(
    UUID runId,
    InstanceKey instanceKey,
    Integer step,
    NodeId node,
    ExecutionRole role,
    Phase phase,
    Integer attempt,
    String commandId,
    Integer timeoutSeconds)
    implements EventPayload {

  public StepStarted {
    Fields.required(runId, "runId");
    Fields.required(instanceKey, "instanceKey");
    Fields.atLeast(step, 0, "step");
    Fields.required(node, "node");
    Fields.required(role, "role");
    Fields.required(phase, "phase");
    Fields.atLeast(attempt, 1, "attempt");
    Fields.requiredText(commandId, "commandId");
    Fields.atLeast(timeoutSeconds, 1, "timeoutSeconds");
  }

  @Override
  public String subject() {
    return instanceKey.toString();
  }
}
