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
import io.ays.monitor.config.MonitorConfig;
import io.ays.monitor.persistence.InstanceHealthEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends the restarts that are due: an ordinary {@code ays.request.restart.v1}, the same request a
 * person would send, linked to the health event that caused it. Due times live in the database, so
 * a pending restart survives a monitor restart.
 */
@ApplicationScoped
public class RestartDispatcher {

  private static final Logger LOG = Logger.getLogger(RestartDispatcher.class);

  private final Outbox outbox;
  private final EventFactory events;
  private final EventCodec codec;
  private final Topics topics;
  private final MonitorConfig config;
  private final Clock clock;
  private ScheduledExecutorService scheduler;

  public RestartDispatcher(
      Outbox outbox,
      EventFactory events,
      EventCodec codec,
      Topics topics,
      MonitorConfig config,
      Clock clock) {
    this.outbox = outbox;
    this.events = events;
    this.codec = codec;
    this.topics = topics;
    this.config = config;
    this.clock = clock;
  }

  void onStart(@Observes StartupEvent event) {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "ays-restart-dispatcher");
              thread.setDaemon(true);
              return thread;
            });
    long every = config.dispatchInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::dispatchDueQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  private void dispatchDueQuietly() {
    try {
      QuarkusTransaction.requiringNew().run(this::dispatchDue);
    } catch (RuntimeException e) {
      LOG.warnf("restart dispatch failed: %s", e.getMessage());
    }
  }

  void dispatchDue() {
    for (InstanceHealthEntity health : InstanceHealthEntity.dueAt(Instant.now(clock))) {
      InstanceKey key = InstanceKey.parse(health.instanceKey);
      ServiceRequest restart =
          ServiceRequest.of(
              key, health.node == null ? null : NodeId.of(health.node), health.restartReason);
      CloudEvent<ServiceRequest> request =
          events.causedBy(
              health.restartCauseId,
              health.restartCorrelationId,
              EventType.REQUEST_RESTART,
              restart);
      outbox.enqueue(topics.requests(), request.kafkaKey(), codec.encode(request));
      health.restartDueAt = null;
      health.restartCount++;
      LOG.infof("%s: %s (request %s)", health.instanceKey, health.restartReason, request.id());
    }
  }
}
