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

/**
 * Applies the executors' health reports: keeps each instance's current health and history, and on a
 * DOWN report asks the {@link RestartDecider} and records its verdict (a scheduled restart, or
 * giving up). The restart itself is sent later by the {@link RestartDispatcher}.
 */
@ApplicationScoped
public class HealthTracker {

  private final TemplatePolicies policies;
  private final HealthJournal journal;
  private final StatusWriter statuses;
  private final CrashResponder responder;
  private final Clock clock;

  public HealthTracker(
      TemplatePolicies policies,
      HealthJournal journal,
      StatusWriter statuses,
      CrashResponder responder,
      Clock clock) {
    this.policies = policies;
    this.journal = journal;
    this.statuses = statuses;
    this.responder = responder;
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
    health.touch(now);

    health.lastReceivedAt = now;
    boolean changed =
        statuses.change(
            health,
            report.status().name(),
            report.source().name(),
            report.message(),
            report.observedAt(),
            event.id());
    if (!changed && report.source() == HealthSource.PROCESS_EXIT) {
      journal.record(
          key,
          report.observedAt(),
          HistoryKind.PROCESS_EXITED,
          health.status,
          report.source().name(),
          report.message(),
          event.id());
    }

    if (report.status() == HealthStatus.UP && health.upSince == null) {
      health.upSince = report.observedAt();
    }
    if (report.status() == HealthStatus.DOWN) {
      CrashVerdict verdict =
          policies
              .deciderFor(key)
              .onDown(before, report.source(), CrashDescription.of(report), now);
      responder.apply(verdict, health, event.id(), event.correlationId(), now);
      health.upSince = null; // after the decision: the policy's reset needed the old value
    }
  }
}
