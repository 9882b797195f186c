package io.ays.monitor.domain;

import io.ays.contracts.InstanceState;
import io.ays.monitor.persistence.InstanceHealthEntity;

/** Reads the decision input {@link SupervisionState} from an instance's stored row. */
public final class Supervisions {

  private Supervisions() {}

  public static SupervisionState of(InstanceHealthEntity health) {
    return new SupervisionState(
        health.lifecycleState == null ? null : InstanceState.valueOf(health.lifecycleState),
        health.restartDueAt != null,
        health.restartRequestId != null,
        health.failed,
        new RestartHistory(health.consecutiveRestarts, health.upSince));
  }
}
