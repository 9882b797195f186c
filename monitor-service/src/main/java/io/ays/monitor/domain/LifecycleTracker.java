package io.ays.monitor.domain;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.HealthSource;
import io.ays.contracts.InstanceState;
import io.ays.contracts.InstanceStateChanged;
import io.ays.contracts.RequestRejected;
import io.ays.monitor.persistence.HealthHistoryEntity;
import io.ays.monitor.persistence.InstanceHealthEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Applies what the coordinator announces about instances: their lifecycle state (only an instance
 * meant to be RUNNING is restarted) and the refusal of a restart the monitor asked for.
 */
@ApplicationScoped
public class LifecycleTracker {

  private static final Logger LOG = Logger.getLogger(LifecycleTracker.class);

  private final HealthJournal journal;
  private final StatusWriter statuses;
  private final GiveUpAnnouncer announcer;
  private final TemplatePolicies policies;
  private final CrashResponder responder;
  private final Clock clock;

  public LifecycleTracker(
      HealthJournal journal,
      StatusWriter statuses,
      GiveUpAnnouncer announcer,
      TemplatePolicies policies,
      CrashResponder responder,
      Clock clock) {
    this.journal = journal;
    this.statuses = statuses;
    this.announcer = announcer;
    this.policies = policies;
    this.responder = responder;
    this.clock = clock;
  }

  /** Applies a lifecycle change, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void onStateChanged(CloudEvent<InstanceStateChanged> event) {
    InstanceStateChanged change = event.data();
    Instant now = Instant.now(clock);
    InstanceHealthEntity health =
        InstanceHealthEntity.lockOrCreate(change.instanceKey().toString(), now);
    InstanceState to = change.to();
    String previousState = health.lifecycleState;
    Instant previousSince = health.lifecycleSince;
    health.lifecycleState = to.name();
    health.lifecycleSince = event.time();
    health.node = change.node().value();
    health.touch(now);
    journal.record(
        health.instanceKey,
        event.time(),
        HistoryKind.LIFECYCLE_CHANGED,
        (change.from() == null ? "" : change.from() + " -> ")
            + to
            + (change.reason() == null ? "" : ": " + change.reason()),
        event.id());

    // Any lifecycle change answers a restart request: the run began (STARTING, so the state
    // itself now holds further restarts back) or ended. Either way the monitor may decide again.
    health.restartRequestId = null;
    health.restartRequestedAt = null;

    if (to != InstanceState.RUNNING && health.restartDueAt != null) {
      cancelPending(health, now, "lifecycle state is now " + to, event.id());
    }
    if (to == InstanceState.RUNNING && health.failed) {
      // A person started it again: a new incident starts a new count.
      health.failed = false;
      health.failedReason = null;
      health.failedAt = null;
      health.consecutiveRestarts = 0;
      journal.record(
          health.instanceKey,
          now,
          HistoryKind.RECOVERED,
          "RUNNING again after FAILED; restart count starts over",
          event.id());
      LOG.infof("%s is RUNNING again after FAILED", health.instanceKey);
    }
    if (to == InstanceState.RUNNING && !InstanceState.RUNNING.name().equals(previousState)) {
      healCrashDuringRun(health, previousSince, event, now);
    }
    if (to == InstanceState.STOPPED || to == InstanceState.REMOVED) {
      health.consecutiveRestarts = 0; // stopped on purpose: the crash loop, if any, is over
      // Its last report (UP) no longer holds, and a stopped service sends none: say DOWN at once
      // rather than showing UP until the report timeout makes it UNKNOWN.
      statuses.change(
          health,
          "DOWN",
          StatusWriter.LIFECYCLE,
          "stopped on request (lifecycle " + to + ")",
          event.time(),
          event.id());
    }
  }

  /**
   * Applies a rejection: if it refuses the restart the monitor sent, the instance cannot be healed
   * by the monitor and is marked FAILED with the coordinator's reason.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void onRequestRejected(CloudEvent<RequestRejected> event) {
    RequestRejected rejected = event.data();
    if (rejected.requestKey() == null || rejected.requestId() == null) {
      return;
    }
    InstanceHealthEntity health = InstanceHealthEntity.lock(rejected.requestKey());
    if (health == null || !rejected.requestId().equals(health.restartRequestId)) {
      return; // someone else's request
    }
    Instant now = Instant.now(clock);
    String reason = "restart request refused by the coordinator: " + rejected.reason();
    health.restartRequestId = null;
    health.restartRequestedAt = null;
    health.failed = true;
    health.failedReason = reason;
    health.failedAt = now;
    health.touch(now);
    journal.record(health.instanceKey, now, HistoryKind.RESTART_REJECTED, reason, event.id());
    announcer.announce(health, event.id(), event.correlationId());
    LOG.errorf("%s is FAILED: %s", health.instanceKey, reason);
  }

  /**
   * A process that exited while the run that starts it was still going (after its start, before the
   * run's end) was reported DOWN while the lifecycle was not yet RUNNING, so no restart was decided
   * then. Now that the instance is meant to run, that exit counts as a crash, as if it had come a
   * moment later. Only a process exit counts: the executor stops watching an instance whose process
   * exited, so nothing else would ever bring it back.
   */
  private void healCrashDuringRun(
      InstanceHealthEntity health,
      Instant runStartedAt,
      CloudEvent<InstanceStateChanged> event,
      Instant now) {
    if (runStartedAt == null || !"DOWN".equals(health.status)) {
      return;
    }
    // The exit's time is the node's clock and the run's start the coordinator's: a skew between
    // them shifts the window by as much, which the nodes' clock sync keeps well under a run's span.
    Optional<HealthHistoryEntity> exit =
        HealthHistoryEntity.newestFromSourceSince(
            health.instanceKey, HealthSource.PROCESS_EXIT.name(), runStartedAt);
    if (exit.isEmpty()) {
      return;
    }
    String crash =
        (health.lastExitCode == null ? "process exited" : "exit " + health.lastExitCode)
            + (health.lastProcess == null ? "" : " (" + health.lastProcess + ")")
            + " while the run that started it was still going";
    CrashVerdict verdict =
        policies
            .deciderFor(health.instanceKey)
            .onDown(Supervisions.of(health), HealthSource.PROCESS_EXIT, crash, now);
    LOG.infof(
        "%s: RUNNING, but %s exited during its run: %s",
        health.instanceKey,
        health.lastProcess == null ? "a process" : health.lastProcess,
        verdict.reason());
    responder.apply(verdict, health, exit.get().eventId, event.correlationId(), now);
    health.upSince = null;
  }

  private void cancelPending(
      InstanceHealthEntity health, Instant now, String reason, String eventId) {
    journal.record(
        health.instanceKey,
        now,
        HistoryKind.RESTART_CANCELLED,
        "restart #" + health.restartAttempt + " cancelled: " + reason,
        eventId);
    RestartDispatcher.clearPending(health);
  }
}
