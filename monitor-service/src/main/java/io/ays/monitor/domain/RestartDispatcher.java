package io.ays.monitor.domain;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.NodeId;
import io.ays.contracts.ServiceRequest;
import io.ays.contracts.Topics;
import io.ays.messaging.Outbox;
import io.ays.messaging.tracing.MessageSpans;
import io.ays.monitor.metrics.MonitorMetrics;
import io.ays.monitor.persistence.InstanceHealthEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Sends a restart that fell due: an ordinary {@code ays.request.restart.v1}, the same request a
 * person would send, caused by the health event that reported the crash (so that correlation and
 * causation link the restart to it). Written to the outbox in the transaction that clears the
 * pending restart, so it is sent exactly when the decision is committed.
 */
@ApplicationScoped
public class RestartDispatcher {

  private static final Logger LOG = Logger.getLogger(RestartDispatcher.class);

  private final RestartDecider decider;
  private final HealthJournal journal;
  private final Outbox outbox;
  private final EventFactory events;
  private final EventCodec codec;
  private final Topics topics;
  private final MonitorMetrics metrics;
  private final Clock clock;
  private final MessageSpans spans;

  public RestartDispatcher(
      RestartDecider decider,
      HealthJournal journal,
      Outbox outbox,
      EventFactory events,
      EventCodec codec,
      Topics topics,
      MonitorMetrics metrics,
      Clock clock,
      MessageSpans spans) {
    this.decider = decider;
    this.journal = journal;
    this.outbox = outbox;
    this.events = events;
    this.codec = codec;
    this.topics = topics;
    this.metrics = metrics;
    this.clock = clock;
    this.spans = spans;
  }

  /**
   * Sends the restart of {@code instanceKey} if it is (still) due, or cancels it if it is not
   * wanted any more; does nothing otherwise (another monitor replica may have sent it).
   *
   * @return whether a restart request was written
   */
  @Transactional
  public boolean dispatchIfDue(String instanceKey) {
    Instant now = Instant.now(clock);
    InstanceHealthEntity health = InstanceHealthEntity.lock(instanceKey);
    if (health == null || health.restartDueAt == null || health.restartDueAt.isAfter(now)) {
      return false;
    }
    health.touch(now);
    Optional<String> cancellation = decider.cancellation(Supervisions.of(health));
    if (cancellation.isPresent()) {
      journal.record(
          instanceKey,
          now,
          HistoryKind.RESTART_CANCELLED,
          "restart #" + health.restartAttempt + " cancelled: " + cancellation.get(),
          health.restartCauseId);
      LOG.infof("%s: restart cancelled: %s", instanceKey, cancellation.get());
      clearPending(health);
      return false;
    }
    // The span that decided the restart, possibly in another monitor replica long ago, is the
    // parent: the heal's trace goes on from the crash report to the restart run.
    spans.resuming(
        "send restart",
        health.restartTraceparent,
        health.restartCorrelationId,
        Map.of(MessageSpans.INSTANCE_KEY, instanceKey),
        () -> sendRestart(health, now));
    clearPending(health);
    return true;
  }

  private void sendRestart(InstanceHealthEntity health, Instant now) {
    String instanceKey = health.instanceKey;
    ServiceRequest restart =
        ServiceRequest.of(
            InstanceKey.parse(instanceKey),
            health.node == null ? null : NodeId.of(health.node),
            health.restartReason);
    CloudEvent<ServiceRequest> request =
        events.causedBy(
            health.restartCauseId, health.restartCorrelationId, EventType.REQUEST_RESTART, restart);
    outbox.enqueue(topics.requests(), request.kafkaKey(), codec.encode(request));
    health.restartRequestId = request.id();
    health.restartRequestedAt = now;
    health.restartCount++;
    // Counted before commit: a rollback now (rare) over-counts one restart, never misses one.
    metrics.restartSent(
        "DOWN".equals(health.status) ? Duration.between(health.statusSince, now) : null);
    journal.record(
        instanceKey, now, HistoryKind.RESTART_REQUESTED, health.restartReason, request.id());
    LOG.infof("%s: sent %s (request %s)", instanceKey, health.restartReason, request.id());
  }

  /** Forgets the scheduled restart; the cause ids go with it. */
  static void clearPending(InstanceHealthEntity health) {
    health.restartDueAt = null;
    health.restartAttempt = null;
    health.restartReason = null;
    health.restartCauseId = null;
    health.restartCorrelationId = null;
    health.restartTraceparent = null;
  }
}
