package io.ays.monitor.domain;

import io.ays.messaging.tracing.MessageSpans;
import io.ays.messaging.tracing.TraceParent;
import io.ays.monitor.persistence.InstanceHealthEntity;
import io.opentelemetry.api.common.AttributeKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Carries out a {@link CrashVerdict} on an instance's row: schedules the restart, or gives up and
 * says so. Shared by a DOWN report and a node coming back after silence, which both ask the {@link
 * RestartDecider} and must count against the same restart limit.
 */
@ApplicationScoped
public class CrashResponder {

  private static final Logger LOG = Logger.getLogger(CrashResponder.class);
  private static final AttributeKey<String> VERDICT = AttributeKey.stringKey("ays.restart.verdict");

  private final HealthJournal journal;
  private final GiveUpAnnouncer announcer;
  private final MessageSpans spans;

  public CrashResponder(HealthJournal journal, GiveUpAnnouncer announcer, MessageSpans spans) {
    this.journal = journal;
    this.announcer = announcer;
    this.spans = spans;
  }

  /**
   * @param causeId the event that caused the verdict; the restart request is caused by it
   * @param correlationId its correlation id, carried on to the restart request
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void apply(
      CrashVerdict verdict,
      InstanceHealthEntity health,
      String causeId,
      String correlationId,
      Instant now) {
    // A span of its own, child of the crash report's: the restart sent later continues it.
    spans.resuming(
        "decide restart",
        null,
        correlationId,
        Map.of(
            MessageSpans.INSTANCE_KEY,
            health.instanceKey,
            VERDICT,
            verdict.kind().name(),
            MessageSpans.NODE,
            health.node == null ? "" : health.node),
        () -> carryOut(verdict, health, causeId, correlationId, now));
  }

  private void carryOut(
      CrashVerdict verdict,
      InstanceHealthEntity health,
      String causeId,
      String correlationId,
      Instant now) {
    switch (verdict.kind()) {
      case RESTART -> {
        health.restartDueAt = verdict.restartAt();
        health.restartAttempt = verdict.attempt();
        health.restartReason = verdict.reason();
        health.restartCauseId = causeId;
        health.restartCorrelationId = correlationId;
        health.restartTraceparent = TraceParent.current();
        health.consecutiveRestarts = verdict.attempt();
        journal.record(
            health.instanceKey,
            now,
            HistoryKind.RESTART_SCHEDULED,
            verdict.reason() + ", due " + verdict.restartAt(),
            causeId);
        LOG.infof(
            "%s: %s scheduled for %s", health.instanceKey, verdict.reason(), verdict.restartAt());
      }
      case GIVE_UP -> {
        health.failed = true;
        health.failedReason = verdict.reason();
        health.failedAt = now;
        journal.record(health.instanceKey, now, HistoryKind.GAVE_UP, verdict.reason(), causeId);
        announcer.announce(health, causeId, correlationId);
        LOG.errorf("%s is FAILED: %s", health.instanceKey, verdict.reason());
      }
      case IGNORE -> LOG.debugf("%s: not restarted: %s", health.instanceKey, verdict.reason());
    }
  }
}
