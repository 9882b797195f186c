package io.ays.contracts;

import java.util.UUID;

/**
 * An instance moved from one state to another.
 *
 * @param from the previous state; null for an instance seen for the first time
 * @param runId the run that caused the change; null for changes outside a run
 * @param reason why, e.g. the failure that made it FAILED
 */
public record InstanceStateChanged(
    InstanceKey instanceKey,
    NodeId node,
    InstanceState from,
    InstanceState to,
    UUID runId,
    String reason)
    implements EventPayload {

  public InstanceStateChanged {
    Fields.required(instanceKey, "instanceKey");
    Fields.required(node, "node");
    Fields.required(to, "to");
  }

  @Override
  public String subject() {
    return instanceKey.toString();
  }
}
