package io.ays.monitor.domain;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.HealthReport;
import io.ays.contracts.HealthSource;
import io.ays.contracts.HealthStatus;
import io.ays.monitor.persistence.InstanceHealthEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Applies the executors' health reports: keeps each instance's current health and history, and on a
 * DOWN report asks the {@link RestartDecider} and records its verdict (a scheduled restart, or
 * giving up). The restart itself is sent later by the {@link RestartDispatcher}.
 */
@ApplicationScoped
public class HealthTracker {

  private static final Logger LOG = Logger.getLogger(HealthTracker.class);

  private final RestartDecider decider;
  private final HealthJournal journal;
  private final Clock clock;

  public HealthTracker(RestartDecider decider, HealthJournal journal, Clock clock) {
    this.decider = decider;
    this.journal = journal;
    this.clock = clock;
  }

  /** Applies one report, in the caller's transaction (which also marks the event processed). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void onReport(CloudEvent<HealthReport> event) {
    HealthReport report = event.data();
    Instant now = Instant.now(clock);
    String key = report.instanceKey().toString();
    InstanceHealthEntity health = InstanceHealthEntity.lockOrCreate(key, now);
    SupervisionState before = Supervisions.of(health);

    health.node = report.node().value();
    health.lastReportAt = report.observedAt();
    health.lastMessage = report.message();
    // A periodic UP report carries no output; keep the last crash's output visible.
    if (report.outputTail() != null) {
      health.lastOutput = report.outputTail();
    }
    if (report.exitCode() != null) {
      health.lastExitCode = report.exitCode();
      health.lastProcess = report.process();
    }
    health.updatedAt = now;

    String status = report.status().name();
    if (!status.equals(health.status)) {
      health.status = status;
      health.statusSource = report.source().name();
      health.statusSince = report.observedAt();
      journal.record(
          key,
          report.observedAt(),
          HistoryKind.STATUS_CHANGED,
          status,
          report.source().name(),
          report.message(),
          event.id());
    } else if (report.source() == HealthSource.PROCESS_EXIT) {
      journal.record(
          key,
          report.observedAt(),
          HistoryKind.PROCESS_EXITED,
          status,
          report.source().name(),
          report.message(),
          event.id());
    }

    if (report.status() == HealthStatus.UP && health.upSince == null) {
      health.upSince = report.observedAt();
    }
    if (report.status() == HealthStatus.DOWN) {
      CrashVerdict verdict =
          decider.onDown(before, report.source(), CrashDescription.of(report), now);
      apply(verdict, health, event, now);
      health.upSince = null; // after the decision: the policy's reset needed the old value
    }
  }

  private void apply(
      CrashVerdict verdict,
      InstanceHealthEntity health,
      CloudEvent<HealthReport> cause,
      Instant now) {
    switch (verdict.kind()) {
      case RESTART -> {
        health.restartDueAt = verdict.restartAt();
        health.restartAttempt = verdict.attempt();
        health.restartReason = verdict.reason();
        health.restartCauseId = cause.id();
        health.restartCorrelationId = cause.correlationId();
        health.consecutiveRestarts = verdict.attempt();
        journal.record(
            health.instanceKey,
            now,
            HistoryKind.RESTART_SCHEDULED,
            verdict.reason() + ", due " + verdict.restartAt(),
            cause.id());
        LOG.infof(
            "%s is DOWN: %s scheduled for %s",
            health.instanceKey, verdict.reason(), verdict.restartAt());
      }
      case GIVE_UP -> {
        health.failed = true;
        health.failedReason = verdict.reason();
        health.failedAt = now;
        journal.record(health.instanceKey, now, HistoryKind.GAVE_UP, verdict.reason(), cause.id());
        LOG.errorf("%s is FAILED: %s", health.instanceKey, verdict.reason());
      }
      case IGNORE ->
          LOG.debugf("%s is DOWN, not restarted: %s", health.instanceKey, verdict.reason());
    }
  }
}
