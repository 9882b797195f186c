package io.ays.coordinator.api;

import io.ays.coordinator.persistence.ServiceInstanceEntity;
import java.time.Instant;
import java.util.UUID;

/** An instance as the REST API shows it. */
public record InstanceView(
    String instanceKey,
    String domain,
    String name,
    String instance,
    String node,
    String state,
    String templateVersion,
    UUID activeRunId,
    Instant updatedAt) {

  static InstanceView of(ServiceInstanceEntity e) {
    return new InstanceView(
        e.instanceKey,
        e.domain,
        e.name,
        e.instance,
        e.node,
        e.state,
        e.templateHash,
        e.activeRunId,
        e.updatedAt);
  }
}
