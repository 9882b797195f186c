package io.ays.contracts;

import java.time.Instant;

/**
 * The monitor-service stopped restarting an instance: it crashed more often than the restart limit
 * allows, or the coordinator refused the monitor's restart request. Sent on {@code
 * ays.service-events} by the monitor (not the coordinator, whose lifecycle state is unchanged: the
 * instance is still meant to run, but nobody heals it until a person starts it again).
 *
 * @param node the node it was last seen on; null if the monitor never learnt it
 * @param consecutiveRestarts restarts the monitor sent in the crash loop it gave up on
 * @param reason one sentence for people, e.g. {@code gave up after 10 consecutive restarts ...}
 * @param failedAt when the monitor gave up
 */
public record MonitorGaveUp(
    InstanceKey instanceKey,
    NodeId node,
    Integer consecutiveRestarts,
    String reason,
    Instant failedAt)
    implements EventPayload {

  public MonitorGaveUp {
    Fields.required(instanceKey, "instanceKey");
    Fields.atLeast(consecutiveRestarts, 0, "consecutiveRestarts");
    Fields.requiredText(reason, "reason");
    Fields.required(failedAt, "failedAt");
  }

  @Override
  public String subject() {
    return instanceKey.toString();
  }
}
