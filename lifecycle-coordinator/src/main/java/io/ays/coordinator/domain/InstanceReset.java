package io.ays.coordinator.domain;

import io.ays.coordinator.persistence.ServiceInstanceEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The original's {@code reset}: forgets what makes an instance's next install "up to date", so that
 * it runs every phase again. The running service, its state, template version and answers are left
 * as they are: only the next install (or the next start of a stopped instance) changes anything.
 */
@ApplicationScoped
public class InstanceReset {

  private final Clock clock;

  public InstanceReset(Clock clock) {
    this.clock = clock;
  }

  /** What a reset did: the instance, as it now stands. */
  public record Outcome(
      String instanceKey, String state, String templateVersion, boolean wasAlreadyReset) {}

  /** Resets {@code instanceKey}; empty if AYS does not know it. */
  @Transactional
  public Optional<Outcome> reset(String instanceKey) {
    // Locked and versioned: a request or result handled for this instance at the same time loses
    // on the row's version and is run again by the inbound gate, seeing the mark.
    ServiceInstanceEntity instance =
        ServiceInstanceEntity.findById(instanceKey, LockModeType.PESSIMISTIC_WRITE);
    if (instance == null) {
      return Optional.empty();
    }
    boolean already = instance.fullRunNeeded;
    instance.fullRunNeeded = true;
    instance.updatedAt = Instant.now(clock);
    return Optional.of(
        new Outcome(instance.instanceKey, instance.state, instance.templateHash, already));
  }
}
