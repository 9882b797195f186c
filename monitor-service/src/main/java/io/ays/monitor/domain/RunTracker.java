package io.ays.monitor.domain;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.RunAccepted;
import io.ays.contracts.RunFinished;
import io.ays.monitor.persistence.RunEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Keeps the runs the coordinator announces, for the dashboard's runs view: the monitor only
 * listens, it never asks the coordinator. Applying an announcement twice changes nothing, so a
 * redelivered one needs no record of its id.
 */
@ApplicationScoped
public class RunTracker {

  private final Clock clock;

  public RunTracker(Clock clock) {
    this.clock = clock;
  }

  /** Records a run the coordinator accepted, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void onAccepted(CloudEvent<RunAccepted> event) {
    RunAccepted accepted = event.data();
    RunEntity run = findOrNew(accepted.runId(), accepted.instanceKey().toString());
    run.action = accepted.action().name();
    run.node = accepted.node().value();
    run.steps = accepted.plan().size();
    run.acceptedAt = event.time();
    run.persist();
  }

  /** Records how a run ended, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void onFinished(CloudEvent<RunFinished> event) {
    RunFinished finished = event.data();
    RunEntity run = findOrNew(finished.runId(), finished.instanceKey().toString());
    run.action = finished.action().name();
    run.outcome = finished.outcome().name();
    run.reason = finished.reason();
    run.failedPhase = finished.failedPhase() == null ? null : finished.failedPhase().name();
    run.finishedAt = event.time();
    run.durationMs = finished.durationMs();
    run.persist();
  }

  /** The run as recorded, or a new one to fill in and persist (persisting checks every field). */
  private RunEntity findOrNew(UUID runId, String instanceKey) {
    RunEntity run = RunEntity.findById(runId);
    if (run == null) {
      run = new RunEntity();
      run.runId = runId;
      run.instanceKey = instanceKey;
      run.receivedAt = Instant.now(clock);
    }
    return run;
  }
}
