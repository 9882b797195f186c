package io.ays.contracts;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The coordinator's order to run one phase of one instance, on the node's own topic {@code
 * ays.commands.<node>}. The executor answers with exactly one {@link PhaseResult} per {@code
 * commandId}, and runs a redelivered command only once.
 *
 * @param commandId unique per attempt of a step; the executor's idempotency key
 * @param runId the run the step belongs to
 * @param step the step's position in the run's plan
 * @param attempt 1 for the first try, counting up with each retry
 * @param role which of the template's action files applies
 * @param template the exact template version to run; executors read it from {@code ays.templates}
 *     (or ask the registry for an older version)
 * @param config the instance's resolved configuration: every {@code service.*} and {@code
 *     instance.*} key with its value, {@code $(...)} already substituted where resolvable
 * @param timeoutSeconds how long the action may run before it is killed and reported TIMED_OUT
 * @param deadline after this instant the command is stale: an executor that receives it later
 *     answers REJECTED instead of running it (the coordinator has moved on)
 */
public record PhaseCommand(
    String commandId,
    UUID runId,
    Integer step,
    Integer attempt,
    InstanceKey instanceKey,
    NodeId node,
    ExecutionRole role,
    Phase phase,
    TemplateRef template,
    Map<String, Object> config,
    Integer timeoutSeconds,
    Instant deadline)
    implements EventPayload {

  /** Longer than any id a coordinator makes ({@code <runId>/<step>/<attempt>}), short for a key. */
  public static final int MAX_COMMAND_ID_LENGTH = 100;

  public PhaseCommand {
    Fields.requiredText(commandId, "commandId");
    Fields.maxLength(commandId, MAX_COMMAND_ID_LENGTH, "commandId");
    Fields.required(runId, "runId");
    Fields.atLeast(step, 0, "step");
    Fields.atLeast(attempt, 1, "attempt");
    Fields.required(instanceKey, "instanceKey");
    Fields.required(node, "node");
    Fields.required(role, "role");
    Fields.required(phase, "phase");
    Fields.required(template, "template");
    if (!template.key().equals(instanceKey.template())) {
      throw new InvalidFieldException(
          "template",
          "is " + template.key() + " but the instance " + instanceKey + " is of another template");
    }
    config = Fields.sortedMap(config, "config");
    Fields.atLeast(timeoutSeconds, 1, "timeoutSeconds");
    Fields.required(deadline, "deadline");
  }

  /** The conventional command id: one per attempt of a step. */
  public static String commandIdOf(UUID runId, int step, int attempt) {
    return runId + "/" + step + "/" + attempt;
  }

  @Override
  public String subject() {
    return instanceKey.toString();
  }
}
