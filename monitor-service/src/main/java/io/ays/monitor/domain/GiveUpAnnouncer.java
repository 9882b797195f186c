package io.ays.monitor.domain;

import io.ays.contracts.CloudEvent;
import io.ays.contracts.EventCodec;
import io.ays.contracts.EventFactory;
import io.ays.contracts.EventType;
import io.ays.contracts.InstanceKey;
import io.ays.contracts.MonitorGaveUp;
import io.ays.contracts.NodeId;
import io.ays.contracts.Topics;
import io.ays.messaging.Outbox;
import io.ays.monitor.metrics.MonitorMetrics;
import io.ays.monitor.persistence.InstanceHealthEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Tells dashboards, the CLI and audit that the monitor gave up on an instance: {@code
 * ays.monitor.gave-up.v1} on {@code ays.service-events}, through the outbox so that it is sent
 * exactly when the FAILED mark is committed.
 */
@ApplicationScoped
public class GiveUpAnnouncer {

  private final Outbox outbox;
  private final EventFactory events;
  private final EventCodec codec;
  private final Topics topics;
  private final MonitorMetrics metrics;

  public GiveUpAnnouncer(
      Outbox outbox, EventFactory events, EventCodec codec, Topics topics, MonitorMetrics metrics) {
    this.outbox = outbox;
    this.events = events;
    this.codec = codec;
    this.topics = topics;
    this.metrics = metrics;
  }

  /** Announces the FAILED state already set on {@code health}, caused by {@code causeId}. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void announce(InstanceHealthEntity health, String causeId, String correlationId) {
    MonitorGaveUp gaveUp =
        new MonitorGaveUp(
            InstanceKey.parse(health.instanceKey),
            health.node == null ? null : NodeId.of(health.node),
            health.consecutiveRestarts,
            health.failedReason,
            health.failedAt);
    CloudEvent<MonitorGaveUp> event =
        events.causedBy(causeId, correlationId, EventType.MONITOR_GAVE_UP, gaveUp);
    outbox.enqueue(topics.serviceEvents(), event.kafkaKey(), codec.encode(event));
    metrics.gaveUp();
  }
}
