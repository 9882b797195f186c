package io.ays.coordinator.domain;

import io.ays.contracts.EventType;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.InstanceState;
import io.ays.contracts.InstanceStateChanged;
import io.ays.contracts.NodeId;
import io.ays.contracts.Phase;
import io.ays.contracts.RequestAction;
import io.ays.contracts.RunFinished;
import io.ays.contracts.RunOutcome;
import io.ays.coordinator.metrics.CoordinatorMetrics;
import io.ays.coordinator.persistence.InstanceDependencyEntity;
import io.ays.coordinator.persistence.RunEntity;
import io.ays.coordinator.persistence.RunPrerequisiteEntity;
import io.ays.coordinator.persistence.RunStepEntity;
import io.ays.coordinator.persistence.ServiceInstanceEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Ends runs: records the outcome, moves the instance to its new state, announces both, and starts
 * the instance's next queued run (one run per instance at a time).
 */
@ApplicationScoped
public class RunCompletion {

  private final ServiceEvents events;
  private final Instance<RunEngine> engine;
  private final CoordinatorMetrics metrics;
  private final Clock clock;

  public RunCompletion(
      ServiceEvents events, Instance<RunEngine> engine, CoordinatorMetrics metrics, Clock clock) {
    this.events = events;
    this.engine = engine;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void succeed(RunEntity run, Cause cause) {
    RequestAction action = RequestAction.valueOf(run.action);
    finish(run, RunStatus.SUCCEEDED, null, cause);
    announce(run, RunOutcome.SUCCEEDED, null, null, cause);
    ServiceInstanceEntity instance = ServiceInstanceEntity.findById(run.instanceKey);
    if (instance != null && !action.templateLevel()) {
      if (action == RequestAction.INSTALL || action == RequestAction.CONFIGURE) {
        instance.templateHash = run.templateHash;
      }
      if (action == RequestAction.INSTALL || ranConfigure(run)) {
        instance.fullRunNeeded = false; // the install's phases ran
      }
      if (action == RequestAction.REMOVEDATA) {
        instance.fullRunNeeded = true; // its files are gone: configure (and fetch) must run again
      }
      moveTo(instance, InstanceStates.afterSuccess(action, run.noStart), run, null, cause);
      if (action == RequestAction.UNINSTALL) {
        instance.delete(); // uninstall forgets the instance; its runs stay as history
        InstanceDependencyEntity.forget(run.instanceKey);
        startNextQueued(run.instanceKey, cause);
        releaseWaiting(run, cause);
        return;
      }
    }
    startNextQueued(run.instanceKey, cause);
    releaseWaiting(run, cause);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void fail(RunEntity run, RunStepEntity failed, String reason, Cause cause) {
    String fullReason =
        Phase.valueOf(failed.phase).actionName() + " on " + failed.node + " failed: " + reason;
    finish(run, RunStatus.FAILED, fullReason, cause);
    announce(run, RunOutcome.FAILED, fullReason, failed, cause);
    ServiceInstanceEntity instance = ServiceInstanceEntity.findById(run.instanceKey);
    // A failed build says nothing about the running service: its state stays.
    if (instance != null && !RequestAction.valueOf(run.action).templateLevel()) {
      moveTo(instance, InstanceState.FAILED, run, fullReason, cause);
    }
    startNextQueued(run.instanceKey, cause);
    failWaiting(run, fullReason, cause);
  }

  /** Ends a run that cannot be carried out any more, e.g. its instance was removed meanwhile. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void abandon(RunEntity run, String reason, Cause cause) {
    finish(run, RunStatus.FAILED, reason, cause);
    announce(run, RunOutcome.FAILED, reason, null, cause);
    startNextQueued(run.instanceKey, cause);
    failWaiting(run, reason, cause);
  }

  /** Records a run that had nothing to do (an install whose template and answers are unchanged). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void upToDate(RunEntity run, Cause cause) {
    finish(run, RunStatus.UP_TO_DATE, "template version and answers unchanged", cause);
    announce(run, RunOutcome.UP_TO_DATE, run.reason, null, cause);
    releaseWaiting(run, cause);
  }

  /** Whether {@code run} (a start after a removedata or reset) ran the install's phases. */
  private static boolean ranConfigure(RunEntity run) {
    return RequestAction.START.name().equals(run.action)
        && RunStepEntity.count("id.runId = ?1 and phase = ?2", run.id, Phase.CONFIGURE.name()) > 0;
  }

  /** Moves {@code instance} to {@code to} and announces the change, if it is a change. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void moveTo(
      ServiceInstanceEntity instance, InstanceState to, RunEntity run, String reason, Cause cause) {
    InstanceState from = InstanceState.valueOf(instance.state);
    instance.state = to.name();
    instance.updatedAt = Instant.now(clock);
    if (from != to) {
      events.publish(
          cause,
          EventType.INSTANCE_STATE,
          new InstanceStateChanged(
              InstanceKey.parse(instance.instanceKey),
              NodeId.of(instance.node),
              from,
              to,
              run == null ? null : run.id,
              reason));
    }
  }

  private void finish(RunEntity run, RunStatus status, String reason, Cause cause) {
    run.status = status.name();
    run.reason = reason;
    run.finishedAt = Instant.now(clock);
    ServiceInstanceEntity instance = ServiceInstanceEntity.findById(run.instanceKey);
    if (instance != null && run.id.equals(instance.activeRunId)) {
      instance.activeRunId = null;
    }
  }

  private void announce(
      RunEntity run, RunOutcome outcome, String reason, RunStepEntity failed, Cause cause) {
    Duration took = Duration.between(run.createdAt, run.finishedAt);
    metrics.runFinished(RequestAction.valueOf(run.action), outcome, took);
    events.publish(
        cause,
        EventType.RUN_FINISHED,
        new RunFinished(
            run.id,
            InstanceKey.parse(run.instanceKey),
            RequestAction.valueOf(run.action),
            outcome,
            reason,
            failed == null ? null : failed.id.seq,
            failed == null ? null : Phase.valueOf(failed.phase),
            took.toMillis()));
  }

  /**
   * Starts the runs that waited for {@code done} and now have every prerequisite behind them. The
   * waiting run is locked first, so that two prerequisites finishing at once cannot both leave it
   * waiting: the second sees the first committed.
   */
  private void releaseWaiting(RunEntity done, Cause cause) {
    for (UUID waitingId : RunPrerequisiteEntity.waitingFor(done.id)) {
      RunEntity waiting = RunEntity.findById(waitingId, LockModeType.PESSIMISTIC_WRITE);
      if (waiting == null || !RunStatus.WAITING.name().equals(waiting.status)) {
        continue;
      }
      boolean ready =
          RunPrerequisiteEntity.prerequisitesOf(waiting.id).stream()
              .map(id -> RunEntity.<RunEntity>findById(id))
              .allMatch(r -> RunStatus.valueOf(r.status).succeeded());
      if (ready) {
        engine.get().startOrQueue(waiting, new Cause(cause.messageId(), waiting.correlationId));
      }
    }
  }

  /** Fails the runs that waited for {@code failed}: they will never start, and say why. */
  private void failWaiting(RunEntity failed, String reason, Cause cause) {
    for (UUID waitingId : RunPrerequisiteEntity.waitingFor(failed.id)) {
      RunEntity waiting = RunEntity.findById(waitingId, LockModeType.PESSIMISTIC_WRITE);
      if (waiting != null && RunStatus.WAITING.name().equals(waiting.status)) {
        abandon(waiting, "not started: " + failed.instanceKey + " failed: " + reason, cause);
      }
    }
  }

  private void startNextQueued(String instanceKey, Cause cause) {
    RunEntity next =
        RunEntity.<RunEntity>find(
                "instanceKey = ?1 and status = ?2 order by createdAt",
                instanceKey,
                RunStatus.QUEUED.name())
            .firstResult();
    if (next == null) {
      return;
    }
    // Its events belong to its own request's chain; the run that freed the instance is the cause.
    engine.get().begin(next, new Cause(cause.messageId(), next.correlationId));
  }
}
