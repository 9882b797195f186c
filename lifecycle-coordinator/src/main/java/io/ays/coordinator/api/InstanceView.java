package io.ays.coordinator.api;

import io.ays.coordinator.domain.JsonMaps;
import io.ays.coordinator.domain.SecretValues;
import io.ays.coordinator.persistence.InstanceDependencyEntity;
import io.ays.coordinator.persistence.ServiceInstanceEntity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An instance as the REST API shows it, with its answers (secret ones masked) and its direct
 * dependencies; {@code fullRunNeeded} says its next install runs every phase (after a reset or a
 * removedata).
 */
public record InstanceView(
    String instanceKey,
    String domain,
    String name,
    String instance,
    String node,
    String state,
    String templateVersion,
    UUID activeRunId,
    Instant updatedAt,
    Map<String, Object> answers,
    List<String> dependsOn,
    boolean fullRunNeeded) {

  static InstanceView of(ServiceInstanceEntity e, JsonMaps json) {
    return new InstanceView(
        e.instanceKey,
        e.domain,
        e.name,
        e.instance,
        e.node,
        e.state,
        e.templateHash,
        e.activeRunId,
        e.updatedAt,
        SecretValues.mask(json.read(e.answers), java.util.Set.of()),
        InstanceDependencyEntity.dependenciesOf(e.instanceKey),
        e.fullRunNeeded);
  }
}
